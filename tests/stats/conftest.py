"""A known dataset for the statistics tests, written straight into the learner
records (as years of learning would leave them), so every expected figure
can be worked out by hand. See `known_dataset` for the numbers."""

import uuid
from datetime import UTC, datetime

import pytest
from django.core.management.color import no_style
from django.db import connection

from accounts.models import User
from courses.models import Enrollment
from quizzes.models import QuestionAnswer, QuizAttempt
from stats.models import ReviewerScope
from tests.conftest import make_staff, staff_sign_in

NOW = datetime(2026, 3, 31, 12, 0, tzinfo=UTC)


def at(day, hour=10):
    """A moment on `day` ("2026-03-02"), in UTC."""
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


class Dataset:
    """Writes enrolments, attempts and answers for groups of identical learners."""

    def __init__(self):
        self.count = 0
        self.quiz_keys = {}

    def group(
        self,
        n,
        *,
        course,
        country,
        age_band,
        language,
        started,
        completed=None,
        completed_first=0,
        last_activity=None,
        inactive_first=0,
        inactive_at=None,
        quiz=(),
        before=(),
    ):
        """`n` learners of `course`. The first `completed_first` completed on
        `completed`; the first `inactive_first` were last seen on `inactive_at`,
        the others on `last_activity`. `quiz` lists, per learner who took the
        quiz (the first len(quiz)), (score, passed, {competence: (answered, right)}).
        `before` lists, per learner from the first, their before check's
        {competence: (answered, right)}, or None for none."""
        names = [uuid.uuid4().hex[:12] for _ in range(n)]
        users = User.objects.bulk_create([User(username=name, email=f"{name}@example.com") for name in names])
        self.count += n
        enrolments = []
        for i, user in enumerate(users):
            enrolments.append(
                Enrollment(
                    user=user,
                    course_key=course,
                    language=language,
                    country=country,
                    age_band=age_band,
                    started_at=at(started),
                    completed_at=at(completed) if completed and i < completed_first else None,
                    last_activity_at=at(inactive_at) if i < inactive_first else at(last_activity or started),
                )
            )
        Enrollment.objects.bulk_create(enrolments)
        quiz_key = self.quiz_keys.setdefault(course, uuid.uuid4())
        for user, (score, passed, answers) in zip(users, quiz):
            self.attempt(user, course, quiz_key, language, score, passed, answers, submitted=at(started, 12))
        for user, answers in zip(users, before):
            if answers is not None:
                self.attempt(
                    user, course, quiz_key, language, 0, None, answers, submitted=at(started, 11), purpose="before"
                )
        return users

    def attempt(
        self, user, course, quiz_key, language, score, passed, answers, submitted, number=1, erased=None, purpose="quiz"
    ):
        attempt = QuizAttempt.objects.create(
            purpose=purpose,
            user=user,
            erased_learner=erased,
            quiz_key=quiz_key,
            course_key=course,
            language=language,
            number=number,
            questions=[],
            pass_mark=70,
            feedback_mode="each",
            submitted_at=submitted,
            points=score / 10,
            score=score,
            passed=passed,
        )
        QuestionAnswer.objects.bulk_create(
            QuestionAnswer(
                attempt=attempt,
                question_id=f"{competence}-{'b' if purpose == 'before' else 'q'}{k}",  # a parallel form before
                question_type="multiple_choice",
                competence=competence,
                answer={},
                correct=k < right,
                points=1 if k < right else 0,
            )
            for competence, (answered, right) in answers.items()
            for k in range(answered)
        )
        return attempt


@pytest.fixture
def courses(make_course):
    course_a, _ = make_course("spot-false-news", lessons=1, title="Spot false news")
    course_b, _ = make_course("ai-made-media", lessons=1, title="AI-made media")
    return course_a, course_b


def enrolment_ids_from_one():
    """Start enrolment ids at 1, as on a new database. The alterations follow
    from the ids (stats.disclosure.record_key), and PostgreSQL's sequences
    outlive rolled-back tests: without this, which figures are shown (and so
    how many attacks find all their inputs) depends on the tests run before.
    The attack suite recovered nothing at any of the offsets tried, but the
    number of attacks it could mount ranged from 32 to 46."""
    sql = connection.ops.sequence_reset_by_name_sql(no_style(), [{"table": Enrollment._meta.db_table, "column": "id"}])
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)


@pytest.fixture
def known_dataset(courses, competences):
    """74 enrolments; the figures each test expects are worked out in its docstring.

    G1  course A, MY, 25-59, ms, began 2 Feb 2026: 30 learners. 12 completed on
        20 Feb (and were last seen then: inactive); 18 last seen 15 Mar (active).
        20 took the quiz: 15 passed with 90 (5 of 5 right in 1.2), 5 failed with
        40 (2 of 5 right).
    G2  course A, MY, 60+, ms, began 3 Mar: 4 learners, none completed, active.
    G3  course B, MY, 25-59, en, began 10 Mar: 15 learners, 10 completed 12 Mar,
        all active; 10 took the quiz and passed with 100 (3 of 3 right in AI.1).
    G4  course A, SG, 18-24, en, began 2 Mar: 25 learners, all completed 5 Mar, active.

    Before checks (learning gain, quizzes.gain):
    G1  learners 1-6 had 1 of 5 right in 1.2 before (20 %) and pass with 5 of 5
        (100 %): g = 1; learners 7-10 had 5 of 5 before (100 %): no gain, left
        out; 11-15 took no check; 16-20 had 20 % before and 40 % after: g = 0.25.
        So 11 learners with a gain, before sum 220, after sum 800, gain sum
        725 (percent points), sum of squares 6 x 100^2 + 5 x 25^2 = 63125.
    G3  all 10 quiz takers had 0 of 3 right in AI.1 before (0 %), 100 % after:
        g = 1 each: 10 learners, gain sum 1000, squares 100000.
    """
    enrolment_ids_from_one()
    course_a, course_b = (course.translation_key for course in courses)
    data = Dataset()
    data.group(
        30,
        course=course_a,
        country="MY",
        age_band="25-59",
        language="ms",
        started="2026-02-02",
        completed="2026-02-20",
        completed_first=12,
        inactive_first=12,
        inactive_at="2026-02-20",
        last_activity="2026-03-15",
        quiz=[(90, True, {"1.2": (5, 5)})] * 15 + [(40, False, {"1.2": (5, 2)})] * 5,
        before=[{"1.2": (5, 1)}] * 6 + [{"1.2": (5, 5)}] * 4 + [None] * 5 + [{"1.2": (5, 1)}] * 5,
    )
    data.group(4, course=course_a, country="MY", age_band="60+", language="ms", started="2026-03-03")
    data.group(
        15,
        course=course_b,
        country="MY",
        age_band="25-59",
        language="en",
        started="2026-03-10",
        completed="2026-03-12",
        completed_first=10,
        last_activity="2026-03-12",
        quiz=[(100, True, {"AI.1": (3, 3)})] * 10,
        before=[{"AI.1": (3, 0)}] * 10,
    )
    data.group(
        25,
        course=course_a,
        country="SG",
        age_band="18-24",
        language="en",
        started="2026-03-02",
        completed="2026-03-05",
        completed_first=25,
        last_activity="2026-03-05",
    )
    data.courses = courses
    return data


@pytest.fixture
def make_reviewer(db):
    def make(email="reviewer@example.gov.my", countries=("MY",), asean_wide=False):
        user = make_staff(email, superuser=False)
        ReviewerScope.objects.create(user=user, countries=list(countries), asean_wide=asean_wide)
        return user

    return make


@pytest.fixture
def reviewer_client(client, make_reviewer):
    """A Malaysia reviewer, signed in with their second factor."""
    staff_sign_in(client, make_reviewer())
    return client


@pytest.fixture
def asean_client(client, make_reviewer):
    staff_sign_in(client, make_reviewer("asean@example.org", countries=(), asean_wide=True))
    return client
