"""The Report as CSV rows and as JSON: the same figures the dashboard shows.

Figures too small to show are left out (an empty CSV cell, a JSON null
with its status), never written as a number. CSV headers are in the
reviewer's language; JSON keys are stable English names for BI tools.
Every CSV cell goes through `spreadsheet_safe`, so text an educator wrote
(a course title) can never run as a spreadsheet formula.
"""

from django.utils.translation import gettext as _

from .disclosure import SHOWN

# What makes a spreadsheet (Excel, LibreOffice, Google Sheets) read a cell as
# a formula or a command: OWASP's list for CSV injection.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A value for a CSV cell that no spreadsheet will evaluate.

    Text starting with = + - @, a tab or a carriage return gets a leading
    apostrophe (OWASP's advice: spreadsheets show the text as typed and hide
    the apostrophe). Numbers are left alone, so -3 stays a number; anything
    else is returned unchanged. Meant for every export whose cells hold text
    someone else typed (course titles, names): call it on each cell."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_rows(rows):
    """`rows` with every cell passed through `spreadsheet_safe`."""
    for row in rows:
        yield [spreadsheet_safe(cell) for cell in row]


SUMMARY_FIGURES = (
    "enrolments",
    "active",
    "completed",
    "completion_rate",
    "quiz_takers",
    "pass_rate",
    "average_score",
    "gain_learners",
    "before_score",
    "after_score",
    "gain",
    "gain_low",
    "gain_high",
)


def figure_labels():
    return {
        "enrolments": _("Enrolments"),
        "active": _("Active learners"),
        "completed": _("Completed"),
        "completion_rate": _("Completion rate (%)"),
        "quiz_takers": _("Took a quiz"),
        "pass_rate": _("Quiz pass rate (%)"),
        "average_score": _("Average score (%)"),
        "gain_learners": _("Took the before check and the quiz"),
        "before_score": _("Before (%)"),
        "after_score": _("After (%)"),
        "gain": _("Learning gain"),
        "gain_low": _("Learning gain: lower bound (95 %)"),
        "gain_high": _("Learning gain: upper bound (95 %)"),
    }


def _cell(figure):
    if figure.status != SHOWN or figure.value is None:
        return ""
    return figure.value


def csv_rows(report, scope_label, filter_labels):
    """Rows for csv.writer, section by section, every cell spreadsheet-safe;
    a generator, so the response streams."""
    return safe_rows(_csv_rows(report, scope_label, filter_labels))


def _csv_rows(report, scope_label, filter_labels):
    labels = figure_labels()
    yield [_("Celik statistics")]
    yield [_("Scope"), scope_label]
    for name, value in filter_labels:
        yield [name, value]
    if report.snapshot:
        yield [_("Counted at (UTC)"), report.snapshot.refreshed_at.strftime("%Y-%m-%d %H:%M")]
    yield [
        _(
            "Every figure is altered by a few learners, so that no one can be singled out; "
            "empty cells are figures under %(min)s."
        )
        % {"min": report.min_cell}
    ]
    yield []
    yield [_("Figure"), _("Value")]
    for name in SUMMARY_FIGURES:
        yield [labels[name], _cell(report.summary[name])]
    yield []
    yield [
        _("Week starting") if report.filters.interval == "week" else _("Month"),
        _("Enrolments"),
        _("Completed since"),
    ]
    for point in report.over_time:
        yield [point.start.isoformat(), _cell(point.enrolments), _cell(point.completions)]
    if report.over_time:
        yield [_("Total"), _cell(report.summary["enrolments"]), _cell(report.summary["completed"])]
    for table in report.tables:
        yield []
        yield [str(table.title), *(labels[name] for name in SUMMARY_FIGURES)]
        for row in [*table.rows, table.total]:
            yield [row.label, *(_cell(row.figures[name]) for name in SUMMARY_FIGURES)]
    yield []
    yield [_("Pillar"), _("Code"), _("Competence"), _("Learners who answered"), _("Mastered"), _("Mastery (%)")]
    for row in report.competences:
        yield [row.pillar, row.code, row.name, _cell(row.learners), _cell(row.mastered), _cell(row.mastery)]


def report_json(report) -> dict:
    """The Report for the API (described by stats.openapi)."""

    def figures(row):
        return {name: row.figures[name].as_json() for name in SUMMARY_FIGURES}

    filters = report.filters
    return {
        "scope": "ASEAN" if report.scope.is_asean_wide else sorted(report.scope.countries),
        "filters": {
            "course": str(filters.course) if filters.course else None,
            "country": filters.country,
            "age_band": filters.age_band,
            "language": filters.language,
            "start": filters.first_day.isoformat() if filters.first_day else None,
            "end": filters.last_day.isoformat() if filters.last_day else None,
            "interval": filters.interval,
        },
        "counted_at": report.snapshot.refreshed_at.isoformat() if report.snapshot else None,
        "min_cell": report.min_cell,
        "summary": {name: report.summary[name].as_json() for name in SUMMARY_FIGURES},
        "over_time": [
            {
                "start": point.start.isoformat(),
                "enrolments": point.enrolments.as_json(),
                "completions": point.completions.as_json(),
            }
            for point in report.over_time
        ],
        "completions_in_range": report.completions_in_range.as_json(),
        "breakdowns": {
            table.dimension: [{"key": str(row.key), "label": row.label, **figures(row)} for row in table.rows]
            for table in report.tables
        },
        "competences": [
            {
                "pillar": row.pillar,
                "code": row.code,
                "name": row.name,
                "learners": row.learners.as_json(),
                "mastered": row.mastered.as_json(),
                "mastery": row.mastery.as_json(),
            }
            for row in report.competences
        ],
    }
