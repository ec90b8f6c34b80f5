"""The statistics a reviewer reads: one `Report` for a scope and a filter.

The dashboard, the CSV export and the JSON API all render the same Report,
so they always agree. Every query starts from `_cells(scope)`, which keeps
only the reviewer's countries and the live courses: the scope is enforced
here, in the query layer, not by what a template chooses to show.

Every figure is a sum of the counted cells' altered values (see
stats.disclosure): a total is exactly the sum of its rows, a month exactly
the sum of its weeks' periods, whichever view it is read in. Whether a
figure is shown depends only on the cells it covers, so a figure hidden in
one view is hidden in every view that contains it.

A fixed number of queries whatever the number of courses, countries or
enrolments: the counts per course, country, age group and language (one),
the counts over time (one), competence mastery (one), the live courses'
names (one) and the competences' (one).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from django.conf import settings
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from accounts.models import AgeBand, Country
from courses.models import Competence, CoursePage
from courses.translations import one_per_translation

from . import disclosure
from .disclosure import Figure
from .models import CompetenceCell, Snapshot, StatsCell
from .periods import WEEK, bucket, buckets_between, period_end, period_start
from .scopes import Scope

DIMENSIONS = ("course", "country", "age_band", "language")
_COLUMN_OF = {"course": "course_key", "country": "country", "age_band": "age_band", "language": "language"}
_TRUE = [m.name for m in disclosure.COUNTS]
_PUBLISHED = [*_TRUE, *disclosure.SUM_NAMES]


@dataclass(frozen=True)
class Filters:
    """What the reviewer chose; None means "all". Dates are inclusive and
    widened to whole periods (stats.periods): the fixed grid every range
    snaps to."""

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
    """One week or month: the enrolments that began in it, and how many of
    those have completed the course since."""

    start: date
    enrolments: Figure
    completions: Figure

    @property
    def completion_rate(self) -> Figure:
        return disclosure.rate_figure(self.completions, self.enrolments)


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
        return disclosure.min_cell()

    def table(self, dimension) -> Table | None:
        return next((t for t in self.tables if t.dimension == dimension), None)


def build_report(scope: Scope, filters: Filters, titles: dict | None = None) -> Report:
    """Every figure for `filters` within `scope`, from the altered cells.
    `titles`: the live courses' titles, when the caller has already looked them up."""
    locale = Locale.get_active()
    titles = titles if titles is not None else course_titles(locale)
    live = list(titles)
    snapshot = Snapshot.objects.order_by("-refreshed_at", "-id").first()
    groups = _counts_by_group(scope, filters, live)
    selected = _matching(groups, filters)
    summary = disclosure.figures(*_add_up(selected))
    tables = [_table(dimension, selected) for dimension in DIMENSIONS if filters.value_of(dimension) is None]
    _label_tables(tables, titles)
    over_time = _over_time(scope, filters, live)
    return Report(
        scope=scope,
        filters=filters,
        snapshot=snapshot,
        summary=summary,
        tables=tables,
        over_time=over_time,
        completions_in_range=summary["completed"],
        competences=_competences(scope, filters, live, locale),
    )


# --- Queries -------------------------------------------------------------------


def _cells(model, scope: Scope, filters: Filters, live, dimensions=DIMENSIONS):
    """Cells of live courses within the scope and the date range, filtered by `dimensions`."""
    cells = model.objects.filter(course_key__in=live)
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


def _sums(names, prefix=""):
    return {f"{prefix}{name}": Sum(f"{prefix}{name}") for name in names}


def _counts_by_group(scope, filters, live) -> list[dict]:
    """Altered and true sums per (course, country, age group, language)."""
    rows = (
        _cells(StatsCell, scope, filters, live)
        .values("course_key", "country", "age_band", "language")
        .order_by()
        .annotate(**_sums(_PUBLISHED, "published_"), **_sums(_TRUE))
    )
    return [
        {
            "course": row["course_key"],
            "country": row["country"],
            "age_band": row["age_band"],
            "language": row["language"],
            "published": {name: row[f"published_{name}"] or 0 for name in _PUBLISHED},
            "true": {name: row[name] or 0 for name in _TRUE},
        }
        for row in rows
    ]


def _add_up(groups) -> tuple[dict, dict]:
    published, true = dict.fromkeys(_PUBLISHED, 0), dict.fromkeys(_TRUE, 0)
    for group in groups:
        for name in _PUBLISHED:
            published[name] += group["published"][name]
        for name in _TRUE:
            true[name] += group["true"][name]
    return published, true


def _matching(groups, filters):
    return [
        group
        for group in groups
        if all(filters.value_of(d) is None or str(group[d]) == str(filters.value_of(d)) for d in DIMENSIONS)
    ]


def _table(dimension, groups) -> Table:
    """The selection broken down by `dimension`: each row and the total are
    sums of altered cells, so the rows add up to the total exactly."""
    by_value = defaultdict(list)
    for group in groups:
        by_value[group[dimension]].append(group)
    return Table(
        dimension=dimension,
        title="",
        rows=[Row(key, "", disclosure.figures(*_add_up(found))) for key, found in by_value.items()],
        total=Row(None, "", disclosure.figures(*_add_up(groups))),
    )


def _over_time(scope, filters, live) -> list[TimePoint]:
    """Enrolments by the week or month they began, and how many of them have
    completed since: both add up to the summary's figures."""
    rows = (
        _cells(StatsCell, scope, filters, live)
        .values("period")
        .order_by("period")
        .annotate(**_sums(["enrolments", "completed"], "published_"), **_sums(["enrolments", "completed"]))
    )
    sums = defaultdict(lambda: [0, 0, 0, 0])
    for row in rows:
        point = sums[bucket(row["period"], filters.interval)]
        point[0] += row["published_enrolments"] or 0
        point[1] += row["enrolments"] or 0
        point[2] += row["published_completed"] or 0
        point[3] += row["completed"] or 0
    if not sums:
        return []
    first = filters.first_day or min(sums)
    last = filters.last_day or max(sums)
    points = []
    for start in buckets_between(first, last, filters.interval):
        enrolled, true_enrolled, completed, true_completed = sums.get(start, (0, 0, 0, 0))
        points.append(
            TimePoint(
                start,
                disclosure.count_figure(enrolled, true_enrolled),
                disclosure.count_figure(completed, true_completed),
            )
        )
    return points


def _competences(scope, filters, live, locale) -> list[CompetenceRow]:
    """Mastery of every competence of the framework, pillar by pillar: of the
    learners who answered questions of it, the share who got at least 80 %
    of them right, from the altered cells like every other figure."""
    counts = {
        row["competence"]: row
        for row in _cells(CompetenceCell, scope, filters, live)
        .values("competence")
        .order_by()
        .annotate(**_sums(["learners", "mastered"], "published_"), **_sums(["learners", "mastered"]))
    }
    rows = []
    for competence in _framework(locale):
        row = counts.get(competence.code, {})
        learners = disclosure.count_figure(row.get("published_learners") or 0, row.get("learners") or 0)
        mastered = disclosure.count_figure(row.get("published_mastered") or 0, row.get("mastered") or 0)
        rows.append(
            CompetenceRow(
                pillar=competence.pillar.name,
                code=competence.code,
                name=competence.name,
                learners=learners,
                mastered=mastered,
                mastery=disclosure.rate_figure(mastered, learners),
            )
        )
    return rows


def _framework(locale):
    """The competences of every pillar, in `locale` where translated."""
    chosen = one_per_translation(Competence.objects.select_related("pillar").order_by("code"), [locale.id])
    return sorted(chosen.values(), key=lambda c: (c.pillar.code, c.code))


# --- Labels --------------------------------------------------------------------

TABLE_TITLES = {
    "course": _("By course"),
    "country": _("By country"),
    "age_band": _("By age group"),
    "language": _("By language"),
}
NOT_GIVEN = _("Not given")

# The interface languages, named in the reader's language (Django's own
# catalogues leave most of them in English in Thai, Khmer and Burmese).
LANGUAGE_NAMES = {
    "en": _("English"),
    "ms": _("Malay"),
    "id": _("Indonesian"),
    "vi": _("Vietnamese"),
    "th": _("Thai"),
    "fil": _("Filipino"),
    "km": _("Khmer"),
    "lo": _("Lao"),
    "my": _("Burmese"),
    "tet": _("Tetum"),
}


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
    """Every live course's title, in the reader's language where that
    translation is live, else in the language it was written in. One query
    (two without `locale`)."""
    locale = locale or Locale.get_active()
    rows = CoursePage.objects.live().values_list("translation_key", "locale__language_code", "title")
    # The reader's language first, then the site's default, then any.
    chosen = one_per_translation(
        rows, [locale.language_code, settings.LANGUAGE_CODE], language_of=lambda row: row[1], key_of=lambda row: row[0]
    )
    return {key: title for key, (_key, _language, title) in chosen.items()}


def language_name(code) -> str:
    if code in LANGUAGE_NAMES and code in dict(settings.LANGUAGES):
        return str(LANGUAGE_NAMES[code])
    return str(NOT_GIVEN)
