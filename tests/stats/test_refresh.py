"""How learner records become statistics: latest answers count, erased
learners still count, and the dashboard's queries do not grow with the data."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.personal_data import erase_account
from stats.export import report_json
from stats.queries import Filters, build_report
from stats.refresh import competence_mastery, refresh_statistics
from stats.scopes import ASEAN_WIDE

from .conftest import NOW, Dataset, at


def test_a_question_answered_wrongly_then_rightly_counts_as_right(known_dataset):
    """Mastery reads each question's latest answer: a learner who got 2 of 5
    on the first attempt and 5 of 5 on the second has mastered 1.2."""
    course_a = known_dataset.courses[0].translation_key
    [learner] = Dataset().group(1, course=course_a, country="MY", age_band="25-59", language="ms", started="2026-03-02")
    quiz_key = known_dataset.quiz_keys[course_a]
    data = Dataset()
    data.attempt(
        learner, course_a, quiz_key, "ms", 40, False, {"1.2": (5, 2)}, submitted=at("2026-03-02", 11), number=1
    )
    data.attempt(
        learner, course_a, quiz_key, "ms", 100, True, {"1.2": (5, 5)}, submitted=at("2026-03-03", 11), number=2
    )
    assert competence_mastery(course_a)[learner.id] == {"1.2": 1}


def test_statistics_stay_true_when_learners_erase_their_accounts(known_dataset):
    """Ten learners of G1 (some completed, some took the quiz) and five of G3
    erase their accounts: every figure, table and competence stays the same."""
    refresh_statistics(now=NOW)
    before = [report_json(build_report(ASEAN_WIDE, f)) for f in (Filters(), Filters(country="MY", interval="month"))]
    from courses.models import Enrollment

    leaving = list(
        Enrollment.objects.filter(country="MY", age_band="25-59", language="ms")
        .order_by("id")[5:15]
        .values_list("user", flat=True)
    ) + list(Enrollment.objects.filter(language="en", country="MY").order_by("id")[:5].values_list("user", flat=True))
    from accounts.models import User

    for user in User.objects.filter(id__in=leaving):
        erase_account(user)
    assert Enrollment.objects.filter(user__isnull=True).count() == 15
    refresh_statistics(now=NOW)
    after = [report_json(build_report(ASEAN_WIDE, f)) for f in (Filters(), Filters(country="MY", interval="month"))]
    for old, new in zip(before, after):
        old.pop("counted_at"), new.pop("counted_at")
        assert new == old


def _queries_for_a_report(filters):
    with CaptureQueriesContext(connection) as queries:
        build_report(ASEAN_WIDE, filters)
    return len(queries)


@pytest.mark.parametrize(
    "filters", [Filters(), Filters(country="MY", age_band="25-59", language="ms", interval="month")]
)
def test_the_number_of_queries_does_not_grow_with_courses_and_countries(make_course, competences, filters):
    """Two courses in two countries, then twelve courses in eleven countries:
    the same number of queries."""
    data = Dataset()

    def add_courses(first, last, countries):
        for number in range(first, last):
            course, _ = make_course(f"course-{number}", lessons=1)
            for country in countries:
                data.group(
                    12,
                    course=course.translation_key,
                    country=country,
                    age_band="25-59",
                    language="ms",
                    started="2026-03-02",
                    completed="2026-03-04",
                    completed_first=6,
                    quiz=[(80, True, {"1.2": (2, 2)})] * 11,
                )

    add_courses(0, 2, ["MY", "TH"])
    refresh_statistics(now=NOW)
    few = _queries_for_a_report(filters)
    add_courses(2, 12, ["MY", "TH", "ID", "VN", "PH", "SG", "KH", "LA", "MM", "BN", "TL"])
    refresh_statistics(now=NOW)
    many = _queries_for_a_report(filters)
    assert many == few
    assert few <= 8


def test_refresh_replaces_the_figures(known_dataset):
    refresh_statistics(now=NOW)
    first = build_report(ASEAN_WIDE, Filters()).summary["enrolments"].value
    Dataset().group(
        10,
        course=known_dataset.courses[1].translation_key,
        country="ID",
        age_band="13-17",
        language="id",
        started="2026-03-20",
    )
    refresh_statistics(now=NOW, full=True)
    assert abs(build_report(ASEAN_WIDE, Filters()).summary["enrolments"].value - (first + 10)) <= 3


def test_enrolments_keep_no_learner_identity_in_the_cells(known_dataset):
    """The counted cells hold counts by course, country, age group, language and period only."""
    from stats.models import CompetenceCell, StatsCell

    refresh_statistics(now=NOW)
    for model in (StatsCell, CompetenceCell):
        names = {field.name for field in model._meta.get_fields()}
        assert not names & {"user", "user_id", "erased_learner", "learner", "email"}
    assert uuid  # the import documents erased ids are UUIDs


def _cells_as_they_are():
    from stats.models import CompetenceCell, StatsCell

    def rows(model):
        return sorted(
            tuple(str(value) for value in row)
            for row in model.objects.values_list(
                *[f.name for f in model._meta.get_fields() if f.name != "id" and f.concrete]
            )
        )

    return rows(StatsCell), rows(CompetenceCell)


def test_an_incremental_count_gives_what_a_full_count_gives(known_dataset):
    """After new enrolments, completions, a quiz submitted, an enrolment gone
    and three weeks in which many learners stopped being active, counting
    only the changes leaves every cell (true counts, cell keys, altered
    values) exactly as counting everything again."""
    from datetime import timedelta

    from courses.models import Enrollment
    from stats.models import CountedEnrolment, Snapshot

    refresh_statistics(now=NOW)
    later = NOW + timedelta(days=21)
    course_a, course_b = (course.translation_key for course in known_dataset.courses)
    data = Dataset()
    newcomers = data.group(12, course=course_b, country="TH", age_band="18-24", language="th", started="2026-04-10")
    Enrollment.objects.filter(user__in=newcomers[:5]).update(completed_at=later - timedelta(days=1))
    quiz_key = known_dataset.quiz_keys[course_b]
    data.attempt(
        newcomers[0], course_b, quiz_key, "th", 80, True, {"AI.1": (3, 3)}, submitted=later - timedelta(hours=2)
    )
    finisher = Enrollment.objects.filter(country="MY", age_band="60+").first()
    Enrollment.objects.filter(pk=finisher.pk).update(
        completed_at=later - timedelta(days=2), last_activity_at=later - timedelta(days=2)
    )
    Enrollment.objects.filter(country="SG").order_by("id").first().delete()

    snapshot = refresh_statistics(now=later)
    assert snapshot.kind == Snapshot.INCREMENTAL
    assert snapshot.changed < Enrollment.objects.count()
    incremental = _cells_as_they_are()
    assert CountedEnrolment.objects.count() == Enrollment.objects.count() == 74 + 12 - 1

    full = refresh_statistics(now=later, full=True)
    assert full.kind == Snapshot.FULL
    assert _cells_as_they_are() == incremental


def test_changing_the_secret_forces_a_full_count(known_dataset, settings):
    from stats.models import Snapshot

    refresh_statistics(now=NOW)
    assert refresh_statistics(now=NOW).kind == Snapshot.INCREMENTAL
    settings.STATS_CELL_KEY_SECRET = "another secret"
    assert refresh_statistics(now=NOW).kind == Snapshot.FULL
