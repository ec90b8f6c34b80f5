"""The statistics a reviewer reads: one `Report` for a scope and a filter.

The dashboard, the CSV export and the JSON API all render the same Report,
so they always agree. Every query starts from `_cells(scope)`, which keeps
only the reviewer's countries: the scope is enforced here, in the query
layer, not by what a template chooses to show.

A fixed number of queries whatever the number of courses, countries or
enrolments: the counts per course, country, age group and language (one),
the counts over time (one), competence mastery (one), and the names of
courses and competences (two). Everything else is arithmetic on those rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from accounts.models import AgeBand, Country
from courses.models import Competence, CoursePage, Pillar

from . import suppression
from .models import CompetenceCell, Snapshot, StatsCell
from .periods import WEEK, bucket, buckets_between, period_end, period_start
from .scopes import Scope
from .suppression import SHOWN, Figure

DIMENSIONS = ("course", "country", "age_band", "language")
_COLUMN_OF = {"course": "course_key", "country": "country", "age_band": "age_band", "language": "language"}
_SUMS = ("enrolments", "active", "completed", "quiz_takers", "quiz_passers", "score_sum")


@dataclass(frozen=True)
class Filters:
    """What the reviewer chose; None means "all". Dates are inclusive and
    widened to whole periods (stats.periods)."""

    course: UUID | None = None
    country: str | None = None
    age_band: str | None = None
    language: str | None = None
    start: date | None = None
    end: date | None = None
    interval: str = WEEK

    def value_of(self, dimension):
        return getattr(self, dimension)

    @property
    def chosen_dimensions(self):
        return [d for d in DIMENSIONS if self.value_of(d) is not None]

    @property
    def first_day(self):
        return period_start(self.start) if self.start else None

    @property
    def last_day(self):
        return period_end(self.end) if self.end else None

    def as_query(self) -> dict:
        """The filter as URL parameters (for links between the dashboard, CSV and API)."""
        query = {d: str(self.value_of(d)) for d in self.chosen_dimensions}
        if self.start:
            query["start"] = self.start.isoformat()
        if self.end:
            query["end"] = self.end.isoformat()
        if self.interval != WEEK:
            query["interval"] = self.interval
        return query


@dataclass
class Row:
    """One line of a table: what it is about, and its figures."""

    key: object
    label: str
    figures: dict[str, Figure]


@dataclass
class Table:
    dimension: str
    title: str
    rows: list[Row]
    total: Row


@dataclass
class TimePoint:
    start: date
    enrolments: Figure
    completions: Figure


@dataclass
class CompetenceRow:
    pillar: str
    code: str
    name: str
    learners: Figure
    mastered: Figure
    mastery: Figure


@dataclass
class Report:
    scope: Scope
    filters: Filters
    snapshot: Snapshot | None
    summary: dict[str, Figure]
    tables: list[Table] = field(default_factory=list)
    over_time: list[TimePoint] = field(default_factory=list)
    completions_in_range: Figure = field(default_factory=lambda: Figure(0))
    competences: list[CompetenceRow] = field(default_factory=list)

    @property
    def min_cell(self):
        return suppression.min_cell()


def build_report(scope: Scope, filters: Filters, titles: dict | None = None) -> Report:
    """Every figure for `filters` within `scope`, suppressed (stats.suppression).
    `titles`: the course titles, when the caller has already looked them up."""
    from wagtail.models import Locale

    locale = Locale.get_active()
    titles = titles if titles is not None else course_titles(locale)
    snapshot = Snapshot.objects.order_by("-refreshed_at").first()
    groups = _counts_by_group(scope, filters)
    summary_counts, summary_status = _summary(groups, filters)
    tables = [
        _table(dimension, groups, filters, summary_counts, summary_status)
        for dimension in DIMENSIONS
        if filters.value_of(dimension) is None
    ]
    _label_tables(tables, titles)
    over_time, completions = _over_time(scope, filters, summary_status)
    return Report(
        scope=scope,
        filters=filters,
        snapshot=snapshot,
        summary=suppression.figures(summary_counts, summary_status),
        tables=tables,
        over_time=over_time,
        completions_in_range=completions,
        competences=_competences(scope, filters, summary_status, locale),
    )


# --- Queries -------------------------------------------------------------------


def _cells(model, scope: Scope, filters: Filters, dimensions=DIMENSIONS):
    """Cells within the scope and the date range, filtered by `dimensions`."""
    cells = model.objects.all()
    if not scope.is_asean_wide:
        cells = cells.filter(country__in=sorted(scope.countries))
    if filters.first_day:
        cells = cells.filter(period__gte=filters.first_day)
    if filters.last_day:
        cells = cells.filter(period__lte=filters.last_day)
    for dimension in dimensions:
        value = filters.value_of(dimension)
        if value is not None:
            cells = cells.filter(**{_COLUMN_OF[dimension]: value})
    return cells


def _counts_by_group(scope, filters) -> list[dict]:
    """Counts per (course, country, age group, language) in the scope and date
    range. The dimension filters are applied in Python, because the tables
    need the rows around the chosen ones too (see `_summary`)."""
    rows = (
        _cells(StatsCell, scope, filters, dimensions=())
        .values("course_key", "country", "age_band", "language")
        .order_by()
        .annotate(**{name: Sum(name) for name in _SUMS})
    )
    return [
        {
            "course": row["course_key"],
            "country": row["country"],
            "age_band": row["age_band"],
            "language": row["language"],
            **{name: row[name] or 0 for name in _SUMS},
        }
        for row in rows
    ]


def _add_up(groups) -> dict:
    total = dict.fromkeys(_SUMS, 0)
    for group in groups:
        for name in _SUMS:
            total[name] += group[name]
    return total


def _matching(groups, filters, except_dimension=None):
    return [
        group
        for group in groups
        if all(
            filters.value_of(d) is None or str(group[d]) == str(filters.value_of(d))
            for d in DIMENSIONS
            if d != except_dimension
        )
    ]


def _by(dimension, groups) -> dict:
    rows = defaultdict(lambda: dict.fromkeys(_SUMS, 0))
    for group in groups:
        row = rows[group[dimension]]
        for name in _SUMS:
            row[name] += group[name]
    return rows


def _summary(groups, filters):
    """The selection's totals, and which of them may be shown.

    Choosing a course, country, age group or language picks one row of a
    table that has the other rows around it, and those rows add up to a
    total the reviewer can also see (by removing the choice). So each chosen
    value is suppressed exactly as its row would be in that table,
    complementary suppression included; otherwise comparing two selections
    would give back a withheld figure."""
    counts = _add_up(_matching(groups, filters))
    status = suppression.total_statuses(counts)
    for dimension in filters.chosen_dimensions:
        around = _matching(groups, filters, except_dimension=dimension)
        by_value = _by(dimension, around)
        keys = sorted(by_value, key=str)
        rows = [by_value[key] for key in keys]
        row_statuses = suppression.table_statuses(rows, suppression.total_statuses(_add_up(around)))
        chosen = str(filters.value_of(dimension))
        for key, row_status in zip(keys, row_statuses):
            if str(key) == chosen:
                status = {c: suppression.worst(status[c], row_status[c]) for c in status}
    return counts, status


def _table(dimension, groups, filters, total_counts, total_status) -> Table:
    """The selection broken down by `dimension`, suppressed as a table."""
    by_value = _by(dimension, _matching(groups, filters))
    keys = sorted(by_value, key=str)
    rows = [by_value[key] for key in keys]
    statuses = suppression.table_statuses(rows, total_status)
    return Table(
        dimension=dimension,
        title="",
        rows=[Row(key, "", suppression.figures(r, s)) for key, r, s in zip(keys, rows, statuses)],
        total=Row(None, "", suppression.figures(total_counts, total_status)),
    )


def _over_time(scope, filters, summary_status):
    """Enrolments by the week or month they began (adding up to the summary's
    enrolments) and completions by the week or month they happened."""
    rows = (
        _cells(StatsCell, scope, filters)
        .values("period")
        .order_by("period")
        .annotate(enrolments=Sum("enrolments"), completions=Sum("completions_in_period"))
    )
    enrolments, completions = defaultdict(int), defaultdict(int)
    for row in rows:
        point = bucket(row["period"], filters.interval)
        enrolments[point] += row["enrolments"] or 0
        completions[point] += row["completions"] or 0
    if not enrolments:
        return [], Figure(0)
    first = filters.first_day or min(enrolments)
    last = filters.last_day or max(enrolments)
    points = buckets_between(first, last, filters.interval)
    enrolment_series = _series([enrolments[p] for p in points], summary_status["enrolments"])
    completed_total = sum(completions[p] for p in points)
    completed_status = suppression.worst(
        suppression.primary_status(completed_total), SHOWN if summary_status["enrolments"] == SHOWN else suppression.WITHHELD
    )
    completion_series = _series([completions[p] for p in points], completed_status)
    return (
        [TimePoint(p, e, c) for p, e, c in zip(points, enrolment_series, completion_series)],
        Figure(completed_total, completed_status),
    )


def _series(values, total_status) -> list[Figure]:
    rows = [dict.fromkeys(suppression.COUNT_COLUMNS, 0) | {"enrolments": v} for v in values]
    statuses = suppression.table_statuses(rows, dict.fromkeys(suppression.COUNT_COLUMNS, SHOWN) | {"enrolments": total_status})
    return [Figure(v, s["enrolments"]) for v, s in zip(values, statuses)]


def _competences(scope, filters, summary_status, locale) -> list[CompetenceRow]:
    """Mastery of every competence of the framework, pillar by pillar: of the
    learners who answered questions of it, the share who got at least 80 %
    of them right. Each row stands alone (the rows are not parts of a total:
    one learner answers several competences), so primary suppression applies;
    when the selection itself is withheld, so is every row."""
    counts = {
        row["competence"]: (row["learners"] or 0, row["mastered"] or 0)
        for row in _cells(CompetenceCell, scope, filters)
        .values("competence")
        .order_by()
        .annotate(learners=Sum("learners"), mastered=Sum("mastered"))
    }
    hidden = summary_status["enrolments"] != SHOWN
    rows = []
    for competence in _framework(locale):
        learners, mastered = counts.get(competence.code, (0, 0))
        learners_status = suppression.primary_status(learners)
        if hidden and learners and learners_status == SHOWN:
            learners_status = suppression.WITHHELD
        mastered_status = suppression.primary_status(mastered, learners_status)
        share_status = suppression.worst(learners_status, mastered_status)
        rows.append(
            CompetenceRow(
                pillar=competence.pillar.name,
                code=competence.code,
                name=competence.name,
                learners=Figure(learners, learners_status),
                mastered=Figure(mastered, mastered_status),
                mastery=Figure(round(100 * mastered / learners, 1) if learners else None, share_status)
                if share_status == SHOWN
                else Figure(None, share_status),
            )
        )
    return rows


def _framework(locale):
    """The competences of every pillar, in `locale` where translated."""
    chosen = {}
    for competence in Competence.objects.select_related("pillar").order_by("code"):
        current = chosen.get(competence.translation_key)
        if current is None or competence.locale_id == locale.id:
            chosen[competence.translation_key] = competence
    return sorted(chosen.values(), key=lambda c: (c.pillar.code, c.code))


# --- Labels --------------------------------------------------------------------

TABLE_TITLES = {
    "course": _("By course"),
    "country": _("By country"),
    "age_band": _("By age group"),
    "language": _("By language"),
}
NOT_GIVEN = _("Not given")


def _label_tables(tables, courses):
    labels = {
        "course": lambda key: courses.get(key, str(key)),
        "country": lambda key: dict(Country.choices).get(key, NOT_GIVEN),
        "age_band": lambda key: dict(AgeBand.choices).get(key, NOT_GIVEN),
        "language": lambda key: language_name(key),
    }
    for table in tables:
        table.title = TABLE_TITLES[table.dimension]
        for row in table.rows:
            row.label = str(labels[table.dimension](row.key))
        table.rows.sort(key=lambda row: row.label)
        table.total.label = str(_("All"))


def course_titles(locale=None) -> dict[UUID, str]:
    """Every course's title, in the active language where translated. One query
    (two without `locale`)."""
    from wagtail.models import Locale

    locale = locale or Locale.get_active()
    titles = {}
    for key, locale_id, title in CoursePage.objects.values_list("translation_key", "locale_id", "title"):
        if key not in titles or locale_id == locale.id:
            titles[key] = title
    return titles


def language_name(code) -> str:
    from django.conf import settings
    from django.utils.translation import get_language_info

    if code in dict(settings.LANGUAGES):
        return get_language_info(code)["name_translated"]
    return str(NOT_GIVEN)

