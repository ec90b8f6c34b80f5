"""The Report as CSV rows and as JSON: the same figures the dashboard shows.

Withheld figures are left out (an empty CSV cell, a JSON null with its
status), never written as a number. CSV headers are in the reviewer's
language; JSON keys are stable English names for BI tools.
"""

from django.utils.translation import gettext as _

from .suppression import SHOWN

SUMMARY_FIGURES = (
    "enrolments", "active", "completed", "completion_rate", "quiz_takers", "pass_rate", "average_score",
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
    }


def _cell(figure):
    if figure.status != SHOWN or figure.value is None:
        return ""
    return figure.value


def csv_rows(report, scope_label, filter_labels):
    """Rows for csv.writer, section by section; a generator, so the response streams."""
    labels = figure_labels()
    yield [_("Celik statistics")]
    yield [_("Scope"), scope_label]
    for name, value in filter_labels:
        yield [name, value]
    if report.snapshot:
        yield [_("Counted at (UTC)"), report.snapshot.refreshed_at.strftime("%Y-%m-%d %H:%M")]
    yield [
        _("Empty cells: fewer than %(min)s learners, or withheld so that such a figure cannot be worked out.")
        % {"min": report.min_cell}
    ]
    yield []
    yield [_("Figure"), _("Value")]
    for name in SUMMARY_FIGURES:
        yield [labels[name], _cell(report.summary[name])]
    yield []
    yield [_("Week starting") if report.filters.interval == "week" else _("Month"), _("Enrolments"), _("Completions")]
    for point in report.over_time:
        yield [point.start.isoformat(), _cell(point.enrolments), _cell(point.completions)]
    if report.over_time:
        yield [_("Total"), _cell(report.summary["enrolments"]), _cell(report.completions_in_range)]
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
            table.dimension: [
                {"key": str(row.key), "label": row.label, **figures(row)} for row in table.rows
            ]
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
