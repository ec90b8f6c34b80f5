"""A disclosure attack suite: what a determined analyst with a reviewer's
access can work out, and proof that no count under STATS_MIN_CELL comes back.

The analyst knows the method and its parameters (stats.disclosure: the
p-table, -3..+3 per counted cell), but not the secret cell keys. They read
figures through the dashboard, the CSV and the API, with every filter, date
range and interval, and combine them: nested date ranges, weeks against
months, one course / country / age group / language against the total and
the other rows (the linked tables a linear program would use), "completed"
against the completions over time, competence mastery for one group against
all, a single-country reviewer against the ASEAN-wide one.

Each attack targets a group of learners whose true count is between 1 and
STATS_MIN_CELL - 1, and derives a number for it. The attack *recovers* the
group when that number, with everything the analyst knows, leaves exactly
one possible true count. To be generous to the analyst, they are credited
with the altered value of every counted cell on its own (the most any
combination of figures can reveal, since every figure is a sum of them) and
with knowing which cells are not empty.
"""

from datetime import date, timedelta
from itertools import product

import pytest
from django.db.models import Sum

from stats import disclosure
from stats.export import report_json
from stats.models import CompetenceCell, StatsCell
from stats.periods import MONTH, WEEK, buckets_between
from stats.queries import Filters, build_report
from stats.refresh import refresh_statistics
from stats.scopes import ASEAN_WIDE, Scope

from .conftest import NOW, Dataset

MY = Scope(countries=frozenset({"MY"}))


@pytest.fixture
def audited(known_dataset):
    """The known dataset plus what the outside audit seeded: cohorts of 9 and
    11 learners in two countries, a lone December enrolment that completed,
    a withheld-looking August, and a few small groups in every dimension."""
    course_a, course_b = (course.translation_key for course in known_dataset.courses)
    data = Dataset()
    data.group(9, course=course_a, country="ID", age_band="13-17", language="id", started="2025-09-08")
    data.group(
        11,
        course=course_b,
        country="TH",
        age_band="60+",
        language="th",
        started="2025-10-06",
        completed="2025-10-20",
        completed_first=4,
        quiz=[(70, True, {"AI.1": (3, 3)})] * 6,
    )
    data.group(
        1,
        course=course_a,
        country="MY",
        age_band="25-59",
        language="ms",
        started="2025-12-03",
        completed="2025-12-10",
        completed_first=1,
    )
    data.group(38, course=course_a, country="MY", age_band="18-24", language="ms", started="2025-08-04")
    data.group(3, course=course_b, country="MY", age_band="18-24", language="en", started="2025-08-11")
    data.group(
        2,
        course=course_a,
        country="VN",
        age_band="25-59",
        language="vi",
        started="2025-11-17",
        quiz=[(20, False, {"1.2": (5, 1)})] * 2,
    )
    refresh_statistics(now=NOW)
    return known_dataset


class Analyst:
    """Reads figures and keeps score of the attacks."""

    def __init__(self):
        self.attacks = 0
        self.recovered = []
        self.lucky = 0  # derived number equal to the truth by chance (the analyst cannot tell which)
        self.cell_candidates = {}

    def attack(self, name, derived, cells, column="enrolments", model=StatsCell):
        """One attack: `derived` is the number the analyst worked out for the
        group made of `cells` (a queryset of counted cells)."""
        rows = list(cells.values_list(column, f"published_{column}"))
        true = sum(t for t, _p in rows)
        if not 0 < true < disclosure.min_cell():
            return
        self.attacks += 1
        # Every figure is a sum of altered cells: so is anything derived from figures.
        assert derived == sum(p for _t, p in rows), (name, derived, rows)
        self.lucky += derived == true
        possible = {0}
        for _t, shown in rows:
            cell = disclosure.possible_true_counts(shown, exists=True) or {0}
            possible = {a + b for a in possible for b in cell if a + b < 100}
        possible.discard(0)
        if possible == {true}:
            self.recovered.append((name, true))


def figure(report_figure):
    """A figure's number as read off the page (hidden counts are 0 to the
    analyst, who subtracts what is shown; they derive hidden ones below)."""
    return report_figure.value if report_figure.is_shown else None


def derive(total, parts):
    """total - parts, as the analyst would, when every input was shown."""
    if total is None or any(part is None for part in parts):
        return None
    return total - sum(parts)


def test_no_attack_recovers_a_count_under_ten(audited):
    analyst = Analyst()
    week_starts = buckets_between(date(2025, 8, 4), date(2026, 3, 30), WEEK)
    month_starts = buckets_between(date(2025, 8, 1), date(2026, 3, 31), MONTH)

    def enrolled(scope=ASEAN_WIDE, **filters):
        return build_report(scope, Filters(**filters))

    # 1. Nested date ranges one week apart, from every starting week: the week in between.
    for first, (earlier, later) in product(week_starts[::3], zip(week_starts, week_starts[1:])):
        if first > earlier:
            continue
        long = enrolled(start=first, end=later + timedelta(days=6)).summary["enrolments"]
        short = enrolled(start=first, end=later - timedelta(days=1)).summary["enrolments"]
        if long.is_shown and short.is_shown:
            analyst.attack(
                f"range from {first} to {later} minus one week",
                long.value - short.value,
                StatsCell.objects.filter(period__gte=later, period__lte=later + timedelta(days=6)),
            )

    # 2. Months: a range ending in a month minus one ending a month earlier (Aug-Dec minus Aug-Nov).
    for later in month_starts[1:]:
        end = (later.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        long = enrolled(start=month_starts[0], end=end).summary["enrolments"]
        short = enrolled(start=month_starts[0], end=later - timedelta(days=1)).summary["enrolments"]
        if long.is_shown and short.is_shown:
            analyst.attack(
                f"months to {later}",
                long.value - short.value,
                StatsCell.objects.filter(period__gte=later, period__lte=end),
            )

    # 3. Weeks against months: a month minus its other weeks.
    weekly = enrolled().over_time
    monthly = enrolled(interval=MONTH).over_time
    for month in monthly:
        inside = [p for p in weekly if p.start.month == month.start.month and p.start.year == month.start.year]
        for target in inside:
            others = [figure(p.enrolments) for p in inside if p is not target]
            value = derive(figure(month.enrolments), others)
            if value is not None:
                analyst.attack(
                    f"month {month.start} minus weeks",
                    value,
                    StatsCell.objects.filter(
                        period__gte=target.start, period__lt=target.start + timedelta(days=7)
                    ).filter(period__month=month.start.month),
                )

    # 4. Linked tables: a row of one table from the total and the other rows;
    #    and from the same row filtered by every other dimension's values;
    #    for enrolments, completions and quiz takers, ASEAN-wide and for Malaysia.
    report = enrolled()
    total = figure(report.summary["enrolments"])
    column_of = {"course": "course_key", "country": "country", "age_band": "age_band", "language": "language"}
    for scope, column in product((ASEAN_WIDE, MY), ("enrolments", "completed", "quiz_takers")):
        scoped = enrolled(scope)
        where = {} if scope is ASEAN_WIDE else {"country": "MY"}
        for table in scoped.tables:
            for target in table.rows:
                value = derive(
                    figure(scoped.summary[column]),
                    [figure(r.figures[column]) for r in table.rows if r is not target],
                )
                if value is not None:
                    analyst.attack(
                        f"{table.dimension}={target.key}: total minus other rows ({column})",
                        value,
                        StatsCell.objects.filter(**(where | {column_of[table.dimension]: target.key})),
                        column=column,
                    )
                for other in scoped.tables:
                    if other.dimension == table.dimension:
                        continue
                    pieces = [
                        build_report(scope, Filters(**{table.dimension: target.key, other.dimension: row.key})).summary[
                            column
                        ]
                        for row in other.rows
                    ]
                    row_total = build_report(scope, Filters(**{table.dimension: target.key})).summary[column]
                    for index, _piece in enumerate(pieces):
                        value = derive(figure(row_total), [figure(p) for i, p in enumerate(pieces) if i != index])
                        if value is not None:
                            analyst.attack(
                                f"{table.dimension}={target.key} and {other.dimension}={other.rows[index].key}",
                                value,
                                StatsCell.objects.filter(
                                    **(
                                        where
                                        | {
                                            column_of[table.dimension]: target.key,
                                            column_of[other.dimension]: other.rows[index].key,
                                        }
                                    )
                                ),
                                column=column,
                            )

    # 5. "Completed" against the completions over time: one week's completions.
    for point in weekly:
        others = [figure(p.completions) for p in weekly if p is not point]
        value = derive(figure(report.summary["completed"]), others)
        if value is not None:
            analyst.attack(
                f"completed minus other weeks' completions at {point.start}",
                value,
                StatsCell.objects.filter(period__gte=point.start, period__lt=point.start + timedelta(days=7)),
                column="completed",
            )

    # 6. Competence mastery, one group against all: everyone minus the other countries.
    countries = [row.key for row in report.table("country").rows]
    for code in ("1.2", "AI.1"):
        everyone = next(r for r in report.competences if r.code == code)
        per_country = {
            country: next(r for r in build_report(ASEAN_WIDE, Filters(country=country)).competences if r.code == code)
            for country in countries
        }
        for target in countries:
            for name in ("learners", "mastered"):
                value = derive(
                    figure(getattr(everyone, name)),
                    [figure(getattr(row, name)) for country, row in per_country.items() if country != target],
                )
                if value is not None:
                    analyst.attack(
                        f"competence {code} {name}, {target} from everyone",
                        value,
                        CompetenceCell.objects.filter(competence=code, country=target),
                        column=name,
                        model=CompetenceCell,
                    )

    # 7. A Malaysia reviewer's total against the ASEAN-wide total and the other countries.
    malaysia = figure(enrolled(MY).summary["enrolments"])
    value = derive(total, [malaysia])
    if value is not None:
        analyst.attack(
            "ASEAN-wide minus a Malaysia reviewer's total",
            value,
            StatsCell.objects.exclude(country="MY"),
        )
    assert malaysia == figure(next(r for r in report.table("country").rows if r.key == "MY").figures["enrolments"])

    print(
        f"\nAttack suite: {analyst.attacks} attacks on groups of 1 to {disclosure.min_cell() - 1} learners, "
        f"{len(analyst.recovered)} recovered; the derived number equalled the truth by chance in {analyst.lucky} "
        "(the analyst cannot tell which)."
    )
    assert analyst.attacks >= 46
    assert analyst.recovered == []


def test_the_dashboard_the_csv_and_the_api_give_the_same_figure(audited, asean_client):
    """Every view reads the same Report: no view rounds differently, so
    setting them side by side tells nothing more."""
    from stats.models import ReviewerScope
    from stats.tokens import create_token

    _token, raw = create_token(ReviewerScope.objects.get().user, "BI")
    for query in ("", "?country=MY", "?age_band=60%2B", "?interval=month&start=2025-08-01&end=2025-12-31"):
        api = asean_client.get(f"/api/stats/v1/report{query}", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
        csv_text = b"".join(asean_client.get(f"/en/stats/export.csv{query}").streaming_content).decode("utf-8-sig")
        enrolments = api["summary"]["enrolments"]["value"]
        assert f"Enrolments,{'' if enrolments is None else enrolments}\r\n" in csv_text
        params = dict(part.split("=") for part in query[1:].split("&") if part)
        params = {k: v.replace("%2B", "+") for k, v in params.items()}
        filters = Filters(
            **{k: v for k, v in params.items() if k in ("country", "age_band", "interval")},
            start=date.fromisoformat(params["start"]) if "start" in params else None,
            end=date.fromisoformat(params["end"]) if "end" in params else None,
        )
        expected = report_json(build_report(ASEAN_WIDE, filters))
        expected.pop("counted_at"), api.pop("counted_at")
        assert api == expected


def test_asking_again_or_counting_again_gives_the_same_figures(audited):
    """The same cells always get the same altered value: nothing to average away."""
    first = report_json(build_report(ASEAN_WIDE, Filters(country="TH")))
    refresh_statistics(now=NOW, full=True)
    again = report_json(build_report(ASEAN_WIDE, Filters(country="TH")))
    first.pop("counted_at"), again.pop("counted_at")
    assert again == first


def test_a_hidden_figure_is_hidden_in_every_view_that_contains_it(audited):
    """The lone December enrolment: "fewer than 10" as a week, as a month,
    as a filtered range, for a Malaysia reviewer and ASEAN-wide."""
    december = [
        build_report(ASEAN_WIDE, Filters(start=date(2025, 12, 1), end=date(2025, 12, 7))).summary["enrolments"],
        build_report(MY, Filters(start=date(2025, 12, 1), end=date(2025, 12, 31))).summary["enrolments"],
        next(
            p.enrolments
            for p in build_report(ASEAN_WIDE, Filters(interval=MONTH)).over_time
            if p.start == date(2025, 12, 1)
        ),
        next(
            p.enrolments
            for p in build_report(MY, Filters(interval=MONTH, country="MY")).over_time
            if p.start == date(2025, 12, 1)
        ),
    ]
    assert all(f.status == disclosure.SMALL for f in december)


def test_the_p_table_never_pins_a_small_count(db):
    """Whatever altered value a single cell shows, at least three true counts
    could have given it (so neither a cell nor a sum of cells is ever pinned)."""
    for shown in range(0, 20):
        possible = disclosure.possible_true_counts(shown)
        assert len(possible) >= 3, (shown, possible)
    # Zero on average: a count of 5 in many cells adds up to about 5 per cell.
    table = [5 + disclosure.noise(5, key) for key in range(disclosure.KEY_RANGE)]
    assert sum(table) / len(table) == 5
    assert sum(disclosure.noise(1, key) for key in range(disclosure.KEY_RANGE)) == 0


def test_sum_of_cells_matches_published_totals(audited):
    sums = StatsCell.objects.aggregate(shown=Sum("published_enrolments"))
    assert build_report(ASEAN_WIDE, Filters()).summary["enrolments"].value == sums["shown"]


def test_utility_how_far_the_published_figures_are_from_the_truth(audited):
    """Prints, for every row of every table and every week (ASEAN-wide), the
    distance between the published figure and the true count; each is at
    most 3 learners per counted cell it covers, and zero on average."""
    report = build_report(ASEAN_WIDE, Filters())
    column_of = {"course": "course_key", "country": "country", "age_band": "age_band", "language": "language"}
    errors = []
    for table in report.tables:
        for row in table.rows:
            cells = StatsCell.objects.filter(**{column_of[table.dimension]: row.key})
            true = cells.aggregate(n=Sum("enrolments"))["n"]
            figure = row.figures["enrolments"]
            if figure.is_shown:
                errors.append(figure.value - true)
                assert abs(figure.value - true) <= disclosure.MAX_NOISE * cells.count()
    total = StatsCell.objects.aggregate(n=Sum("enrolments"))["n"]
    errors.append(report.summary["enrolments"].value - total)
    print(
        f"\nUtility: {len(errors)} published enrolment figures; differences from the truth "
        f"{sorted(errors)}; mean absolute {sum(map(abs, errors)) / len(errors):.2f} learners"
    )
    assert max(map(abs, errors)) <= disclosure.MAX_NOISE * StatsCell.objects.count()
