"""Counting is exact, and publishing alters it only as stats.disclosure says.

The known dataset (tests/stats/conftest.py, 74 enrolments) is counted; the
true counts in the cells must match the figures worked out by hand. The
Report then shows, for every figure, the sum of the cells' altered values:
never the truth itself, never more than 3 learners per cell away from it.
"""

from datetime import date

import pytest
from django.db.models import Sum

from stats import disclosure
from stats.disclosure import SHOWN, SMALL
from stats.models import CompetenceCell, StatsCell
from stats.queries import Filters, build_report
from stats.refresh import refresh_statistics
from stats.scopes import ASEAN_WIDE, Scope

from .conftest import NOW

MY = Scope(countries=frozenset({"MY"}))
COUNTS = ("enrolments", "active", "completed", "quiz_takers", "quiz_passers")


@pytest.fixture
def counted(known_dataset):
    refresh_statistics(now=NOW)
    return known_dataset


def cells(**where):
    return StatsCell.objects.filter(**where)


def truth(**where):
    sums = cells(**where).aggregate(**{name: Sum(name) for name in COUNTS}, score_sum=Sum("score_sum"))
    return {name: value or 0 for name, value in sums.items()}


def published(**where):
    sums = cells(**where).aggregate(**{name: Sum(f"published_{name}") for name in COUNTS})
    return {name: value or 0 for name, value in sums.items()}


def test_the_true_counts_asean_wide(counted):
    """74 enrolments; active 18 + 4 + 15 + 25 = 62; completed 12 + 10 + 25 = 47;
    30 took a quiz, 25 passed; scores 15×90 + 5×40 + 10×100 = 2550."""
    assert truth() == {
        "enrolments": 74,
        "active": 62,
        "completed": 47,
        "quiz_takers": 30,
        "quiz_passers": 25,
        "score_sum": 2550.0,
    }


def test_the_true_counts_by_country_course_language_and_month(counted):
    course_a, course_b = (course.translation_key for course in counted.courses)
    assert truth(country="MY")["enrolments"] == 49 and truth(country="MY")["completed"] == 22
    assert truth(course_key=course_b) == {
        "enrolments": 15,
        "active": 15,
        "completed": 10,
        "quiz_takers": 10,
        "quiz_passers": 10,
        "score_sum": 1000.0,
    }
    assert truth(language="ms")["enrolments"] == 34 and truth(language="ms")["active"] == 22
    assert truth(period__gte=date(2026, 3, 1))["enrolments"] == 44
    assert truth(course_key=course_a, country="SG")["completed"] == 25


def test_competence_mastery_is_counted_from_latest_answers(counted):
    """1.2: 20 answered, 15 had at least 80 % right. AI.1: 10 of 10."""
    rows = {
        row["competence"]: (row["learners"], row["mastered"])
        for row in CompetenceCell.objects.values("competence").annotate(
            learners=Sum("learners"), mastered=Sum("mastered")
        )
    }
    assert rows == {"1.2": (20, 15), "AI.1": (10, 10)}


def test_every_cell_is_altered_within_three_and_parts_never_exceed_their_whole(counted):
    for cell in StatsCell.objects.all():
        for name in COUNTS:
            true, shown = getattr(cell, name), getattr(cell, f"published_{name}")
            assert abs(shown - true) <= disclosure.MAX_NOISE and shown >= 0
        assert cell.published_active <= cell.published_enrolments
        assert cell.published_completed <= cell.published_enrolments
        assert cell.published_quiz_passers <= cell.published_quiz_takers <= cell.published_enrolments


def test_every_figure_is_the_sum_of_the_altered_cells(counted):
    """Summary, tables, over time: each is the sum of the published values of
    the cells it covers; the rows of a table add up to its total exactly."""
    for scope, where in ((ASEAN_WIDE, {}), (MY, {"country": "MY"})):
        report = build_report(scope, Filters())
        expected = published(**where)
        for name in ("enrolments", "active", "completed", "quiz_takers"):
            figure = report.summary[name]
            assert figure.value == (expected[name] if expected[name] >= 10 else None), name
        for table in report.tables:
            shown_and_hidden = sum(
                published(**(where | {_column(table.dimension): row.key}))["enrolments"] for row in table.rows
            )
            assert shown_and_hidden == expected["enrolments"]
        weekly = sum(
            published(**where, period__gte=p.start, period__lt=_next_week(p.start))["enrolments"]
            for p in report.over_time
        )
        assert weekly == expected["enrolments"]


def _column(dimension):
    return {"course": "course_key"}.get(dimension, dimension)


def _next_week(start):
    from datetime import timedelta

    return start + timedelta(days=7)


def test_rates_and_averages_come_from_the_altered_counts(counted):
    report = build_report(ASEAN_WIDE, Filters())
    expected = published()
    assert report.summary["completion_rate"].value == round(100 * expected["completed"] / expected["enrolments"], 1)
    assert report.summary["pass_rate"].value == round(100 * expected["quiz_passers"] / expected["quiz_takers"], 1)
    score = StatsCell.objects.aggregate(total=Sum("published_score_sum"))["total"]
    assert report.summary["average_score"].value == round(score / expected["quiz_takers"], 1)
    # The true average is 85.0; three steps of 10 points in each of a few cells is the most it can move.
    assert abs(report.summary["average_score"].value - 85.0) < 10


def test_small_figures_show_as_fewer_than_ten(counted):
    """60+ is 4 learners: its altered value is at most 7, so it is never shown."""
    by_age = {row.key: row.figures for row in build_report(ASEAN_WIDE, Filters()).table("age_band").rows}
    assert by_age["60+"]["enrolments"].status == SMALL
    assert by_age["60+"]["completion_rate"].status == SMALL
    assert by_age["25-59"]["enrolments"].status == SHOWN
    older = build_report(ASEAN_WIDE, Filters(age_band="60+"))
    assert older.summary["enrolments"].status == SMALL


def test_a_group_with_nobody_in_it_is_a_plain_zero(counted):
    singapore = build_report(ASEAN_WIDE, Filters(country="SG"))
    assert singapore.summary["quiz_takers"].value == 0 and singapore.summary["quiz_takers"].is_shown
    assert singapore.summary["average_score"].value is None


def test_the_date_range_snaps_to_whole_periods(counted):
    """4 to 8 March covers the period of 2 March (a Monday): the same cells, the same figures."""
    narrow = build_report(ASEAN_WIDE, Filters(start=date(2026, 3, 4), end=date(2026, 3, 8)))
    whole = build_report(ASEAN_WIDE, Filters(start=date(2026, 3, 2), end=date(2026, 3, 8)))
    assert narrow.summary == whole.summary
    assert (narrow.filters.first_day, narrow.filters.last_day) == (date(2026, 3, 2), date(2026, 3, 8))


def test_over_time_by_week_and_by_month_add_up_to_the_same(counted):
    weekly = build_report(ASEAN_WIDE, Filters())
    monthly = build_report(ASEAN_WIDE, Filters(interval="month"))
    assert [p.start.isoformat() for p in weekly.over_time] == [
        "2026-02-02",
        "2026-02-09",
        "2026-02-16",
        "2026-02-23",
        "2026-03-02",
        "2026-03-09",
    ]
    assert [p.start.isoformat() for p in monthly.over_time] == ["2026-02-01", "2026-03-01"]
    february = published(period__lt=date(2026, 3, 1))["enrolments"]
    assert monthly.over_time[0].enrolments.value == (february if february >= 10 else None)
    assert weekly.over_time[1].enrolments.value == 0  # nobody began in the week of 9 February


def test_competence_figures_are_altered_too(counted):
    report = build_report(ASEAN_WIDE, Filters())
    rows = {row.code: row for row in report.competences}
    expected = CompetenceCell.objects.filter(competence="1.2").aggregate(
        learners=Sum("published_learners"), mastered=Sum("published_mastered")
    )
    assert rows["1.2"].learners.value == expected["learners"]
    assert rows["1.2"].mastery.value == round(100 * expected["mastered"] / expected["learners"], 1)
    assert abs(rows["1.2"].learners.value - 20) <= 3


def test_only_live_courses_are_counted_in_figures(counted):
    """Unpublishing course B takes its 15 enrolments out of every figure and filter."""
    from stats.forms import FilterForm

    course_a, course_b = counted.courses
    course_b.unpublish()
    report = build_report(ASEAN_WIDE, Filters())
    assert [row.label for row in report.table("course").rows] == ["Spot false news"]
    assert report.summary["enrolments"].value == published(course_key=course_a.translation_key)["enrolments"]
    choices = dict(FilterForm({}, scope=ASEAN_WIDE).fields["course"].choices)
    assert str(course_b.translation_key) not in choices and str(course_a.translation_key) in choices
