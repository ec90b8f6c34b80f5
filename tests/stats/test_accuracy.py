"""Every figure of a known dataset, to the exact number (tests/stats/conftest.py
describes the 74 enrolments), including which figures are withheld."""

from datetime import date

import pytest

from stats.queries import Filters, build_report
from stats.refresh import refresh_statistics
from stats.scopes import ASEAN_WIDE, Scope
from stats.suppression import SHOWN, SMALL, WITHHELD

from .conftest import NOW

MY = Scope(countries=frozenset({"MY"}))


def values(figures, *names):
    return {name: (figures[name].value if figures[name].is_shown else figures[name].status) for name in names}


ALL = ("enrolments", "active", "completed", "completion_rate", "quiz_takers", "pass_rate", "average_score")


@pytest.fixture
def counted(known_dataset):
    refresh_statistics(now=NOW)
    return known_dataset


def table(report, dimension):
    found = next(t for t in report.tables if t.dimension == dimension)
    return {row.label: values(row.figures, *ALL) for row in found.rows}


def test_summary_asean_wide(counted):
    """74 enrolments; active 18 + 4 + 15 + 25 = 62; completed 12 + 10 + 25 = 47
    (63.5 %); 30 took a quiz, 25 passed (83.3 %); scores (15×90 + 5×40 + 10×100) / 30 = 85.0."""
    report = build_report(ASEAN_WIDE, Filters())
    assert values(report.summary, *ALL) == {
        "enrolments": 74, "active": 62, "completed": 47, "completion_rate": 63.5,
        "quiz_takers": 30, "pass_rate": 83.3, "average_score": 85.0,
    }


def test_summary_for_a_malaysia_reviewer_leaves_out_singapore(counted):
    """G1-G3 only: 49 enrolments, 37 active, 22 completed (44.9 %)."""
    report = build_report(MY, Filters())
    assert values(report.summary, *ALL) == {
        "enrolments": 49, "active": 37, "completed": 22, "completion_rate": 44.9,
        "quiz_takers": 30, "pass_rate": 83.3, "average_score": 85.0,
    }
    assert "Singapore" not in table(report, "country")


def test_competence_mastery(counted):
    """1.2: 20 answered, 15 had at least 80 % right (75.0 %). AI.1: 10 of 10."""
    report = build_report(ASEAN_WIDE, Filters())
    rows = {row.code: (row.learners.value, row.mastered.value, row.mastery.value) for row in report.competences}
    assert rows == {"1.2": (20, 15, 75.0), "AI.1": (10, 10, 100.0)}


def test_filter_by_course(counted):
    """Course B is G3: 15 enrolments, 10 completed (66.7 %), 10 passed with 100."""
    course_b = counted.courses[1]
    report = build_report(ASEAN_WIDE, Filters(course=course_b.translation_key))
    assert values(report.summary, *ALL) == {
        "enrolments": 15, "active": 15, "completed": 10, "completion_rate": 66.7,
        "quiz_takers": 10, "pass_rate": 100.0, "average_score": 100.0,
    }
    mastery = {row.code: (row.learners.value, row.mastery.value, row.mastery.status) for row in report.competences}
    assert mastery == {"1.2": (0, None, SHOWN), "AI.1": (10, 100.0, SHOWN)}
    assert "course" not in [t.dimension for t in report.tables]


def test_filter_by_language_and_country(counted):
    """English in Malaysia is G3 alone; Malay is G1 + G2 = 34."""
    assert build_report(ASEAN_WIDE, Filters(language="en", country="MY")).summary["enrolments"].value == 15
    ms = build_report(ASEAN_WIDE, Filters(language="ms"))
    assert values(ms.summary, "enrolments", "active", "completed") == {"enrolments": 34, "active": 22, "completed": 12}


def test_date_range_keeps_whole_periods(counted):
    """March alone: G2, G3 and G4 began then (4 + 15 + 25 = 44)."""
    report = build_report(ASEAN_WIDE, Filters(start=date(2026, 3, 1), end=date(2026, 3, 31)))
    assert report.summary["enrolments"].value == 44
    assert report.summary["completed"].value == 35
    # A range starting mid-week starts at that week's first day: 4 March is in the period of 2 March.
    assert build_report(ASEAN_WIDE, Filters(start=date(2026, 3, 4), end=date(2026, 3, 8))).summary["enrolments"].value == 29


def test_over_time_by_week_and_by_month(counted):
    """Enrolments by the week they began; completions by the week they happened
    (G1's 12 in the week of 16 Feb, G4's 25 in the week of 2 Mar, G3's 10 in the week of 9 Mar)."""
    weekly = build_report(ASEAN_WIDE, Filters())
    assert [(p.start.isoformat(), p.enrolments.value, p.completions.value) for p in weekly.over_time] == [
        ("2026-02-02", 30, 0), ("2026-02-09", 0, 0), ("2026-02-16", 0, 12), ("2026-02-23", 0, 0),
        ("2026-03-02", 29, 25), ("2026-03-09", 15, 10),
    ]
    assert weekly.completions_in_range.value == 47
    monthly = build_report(ASEAN_WIDE, Filters(interval="month"))
    assert [(p.start.isoformat(), p.enrolments.value, p.completions.value) for p in monthly.over_time] == [
        ("2026-02-01", 30, 12), ("2026-03-01", 44, 35),
    ]


def test_breakdown_tables(counted):
    report = build_report(ASEAN_WIDE, Filters())
    assert table(report, "country") == {
        "Malaysia": {"enrolments": 49, "active": 37, "completed": 22, "completion_rate": 44.9,
                     "quiz_takers": 30, "pass_rate": 83.3, "average_score": 85.0},
        "Singapore": {"enrolments": 25, "active": 25, "completed": 25, "completion_rate": 100.0,
                      "quiz_takers": 0, "pass_rate": None, "average_score": None},
    }
    assert table(report, "course") == {
        "Spot false news": {"enrolments": 59, "active": 47, "completed": 37, "completion_rate": 62.7,
                            "quiz_takers": 20, "pass_rate": 75.0, "average_score": 77.5},
        "AI-made media": {"enrolments": 15, "active": 15, "completed": 10, "completion_rate": 66.7,
                          "quiz_takers": 10, "pass_rate": 100.0, "average_score": 100.0},
    }


def test_small_cells_and_their_complements_are_withheld(counted):
    """By age group: 60+ has 4 enrolments (fewer than 10). Hiding it alone
    would not do: 74 - 45 - 25 = 4. So the smallest other cell (18-24, 25)
    is withheld too; and in the quiz column, where both hidden cells are 0,
    the last one (25-59, 30) goes as well, or "0 + 0" would be known."""
    by_age = table(build_report(ASEAN_WIDE, Filters()), "age_band")
    assert by_age["60 and over"] == dict.fromkeys(ALL, SMALL)
    assert by_age["18–24"]["enrolments"] == WITHHELD
    assert by_age["25–59"]["enrolments"] == 45
    assert by_age["25–59"]["completed"] == 22
    assert by_age["25–59"]["quiz_takers"] == WITHHELD
    assert by_age["25–59"]["pass_rate"] == WITHHELD


def test_a_withheld_row_stays_withheld_when_chosen_as_a_filter(counted):
    """Choosing "18-24" must not show the 25 its table withholds; choosing
    "60+" shows fewer than 10 for everything; otherwise the difference between
    two selections would give the hidden figure back."""
    young = build_report(ASEAN_WIDE, Filters(age_band="18-24"))
    assert young.summary["enrolments"].status == WITHHELD
    assert young.summary["completion_rate"].status == WITHHELD
    assert all(point.enrolments.status != SHOWN for point in young.over_time if point.enrolments.value)
    assert all(row.learners.status != SHOWN or row.learners.value == 0 for row in young.competences)
    older = build_report(ASEAN_WIDE, Filters(age_band="60+"))
    assert values(older.summary, *ALL) == dict.fromkeys(ALL, SMALL)


def test_no_subtraction_recovers_a_withheld_cell(counted):
    """For every table and column: total minus the cells shown is either 0
    or the sum of at least two hidden cells adding up to 10 learners or more."""
    for scope in (ASEAN_WIDE, MY):
        report = build_report(scope, Filters())
        for found in report.tables:
            for column in ("enrolments", "active", "completed", "quiz_takers"):
                total = found.total.figures[column]
                if not total.is_shown:
                    continue
                hidden = [row for row in found.rows if not row.figures[column].is_shown]
                if hidden:
                    shown_sum = sum(row.figures[column].value for row in found.rows if row.figures[column].is_shown)
                    assert len(hidden) >= 2, (found.dimension, column)
                    assert total.value - shown_sum >= 10, (found.dimension, column)


def test_competence_rows_of_fewer_than_ten_learners_are_withheld(counted):
    """Six more learners answer AI.1 in course B, Thailand: alone, that row is
    fewer than 10, so neither its count nor its mastery is shown."""
    from .conftest import Dataset

    course_b = counted.courses[1].translation_key
    Dataset().group(6, course=course_b, country="TH", age_band="18-24", language="th", started="2026-03-10",
                    quiz=[(100, True, {"AI.1": (3, 3)})] * 6)
    refresh_statistics(now=NOW)
    thailand = build_report(ASEAN_WIDE, Filters(country="TH"))
    ai = next(row for row in thailand.competences if row.code == "AI.1")
    assert (ai.learners.status, ai.mastered.status, ai.mastery.status) == (SMALL, SMALL, SMALL)
    everyone = build_report(ASEAN_WIDE, Filters())
    ai = next(row for row in everyone.competences if row.code == "AI.1")
    assert (ai.learners.value, ai.mastered.value, ai.mastery.value) == (16, 16, 100.0)
