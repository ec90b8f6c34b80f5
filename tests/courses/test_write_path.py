"""The one write path (courses.progress.record_step_done): every step of a
learner's progress, lesson or quiz, goes through one transaction that
records, invalidates and completes; a failure between the steps leaves
nothing half-done, and a retry finishes the work."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import hooks

from courses import receivers
from courses.models import Certificate, Enrollment, LessonProgress
from courses.progress import (
    STEP_SOURCES_HOOK,
    DatabaseTracker,
    complete_lesson,
    progress_for,
    record_step_done,
)
from courses.signals import course_completed, step_done
from quizzes import attempts
from quizzes.models import QuizAttempt
from tests.quizzes.conftest import RIGHT_ANSWERS, make_quiz, quiz  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


class CertificatePrinterJams(Exception):
    pass


@pytest.fixture
def jam_once(monkeypatch):
    """The certificate fails to issue once (a crash after the step's record
    and the completion stamp were written, before the transaction ends)."""
    calls = []
    real = receivers.issue_certificate

    def issue(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise CertificatePrinterJams
        return real(*args, **kwargs)

    monkeypatch.setattr(receivers, "issue_certificate", issue)
    return calls


def test_a_failure_before_the_certificate_undoes_the_lesson_and_a_retry_completes_it(course, learner, jam_once):
    course_page, lessons = course
    tracker = DatabaseTracker(learner)
    for lesson in lessons[:-1]:
        complete_lesson(tracker, course_page, lesson, "en")

    with pytest.raises(CertificatePrinterJams):
        complete_lesson(tracker, course_page, lessons[-1], "en")
    # Nothing of the failed step survives, not even in the cached done steps.
    assert not LessonProgress.objects.filter(user=learner, lesson_key=lessons[-1].translation_key).exists()
    assert Enrollment.objects.get(user=learner).completed_at is None
    assert not Certificate.objects.exists()
    assert progress_for(DatabaseTracker(learner), course_page).pattern == "110"

    retry = complete_lesson(DatabaseTracker(learner), course_page, lessons[-1], "en")
    assert retry.newly_recorded and retry.course_just_completed
    assert Enrollment.objects.get(user=learner).completed_at is not None
    assert Certificate.objects.filter(user=learner, course_key=course_page.translation_key).count() == 1
    assert progress_for(DatabaseTracker(learner), course_page).is_complete


def test_a_failure_after_grading_leaves_the_attempt_unsubmitted_and_a_retry_completes_the_course(
    quiz, course, learner, jam_once
):
    course_page, lessons = course
    tracker = DatabaseTracker(learner)
    for lesson in lessons:
        complete_lesson(tracker, course_page, lesson, "en")
    attempt = attempts.start_attempt(learner, quiz, "en")
    for question in attempt.questions:
        attempts.record_answer(attempt, question["id"], RIGHT_ANSWERS[question["id"]])

    with pytest.raises(CertificatePrinterJams):
        attempts.submit_attempt(attempt)
    attempt.refresh_from_db()
    assert not attempt.is_submitted and attempt.passed is None
    assert Enrollment.objects.get(user=learner).completed_at is None
    assert not progress_for(DatabaseTracker(learner), course_page).is_complete

    done = attempts.submit_attempt(QuizAttempt.objects.get(pk=attempt.pk))  # the learner presses Submit again
    assert done.passed and done.score == 100
    assert Enrollment.objects.get(user=learner).completed_at is not None
    assert Certificate.objects.filter(user=learner).count() == 1
    assert progress_for(DatabaseTracker(learner), course_page).pattern == "1111"


def test_a_whole_quiz_form_that_fails_after_grading_stores_nothing_and_sending_it_again_completes_the_course(
    quiz, course, learner, jam_once
):
    """The all-on-one-page form: answers and graded attempt are one transaction."""
    course_page, lessons = course
    for lesson in lessons:
        complete_lesson(DatabaseTracker(learner), course_page, lesson, "en")
    attempt = attempts.start_attempt(learner, quiz, "en")

    with pytest.raises(CertificatePrinterJams):
        attempts.submit_all(attempt, RIGHT_ANSWERS)
    attempt.refresh_from_db()
    assert not attempt.is_submitted and not attempt.answers.exists()
    assert Enrollment.objects.get(user=learner).completed_at is None

    done = attempts.submit_all(QuizAttempt.objects.get(pk=attempt.pk), RIGHT_ANSWERS)  # the form sent again
    assert done.passed and done.score == 100
    assert done.answers.count() == len(attempt.questions)
    assert Certificate.objects.filter(user=learner).count() == 1
    assert progress_for(DatabaseTracker(learner), course_page).pattern == "1111"


def test_passing_again_completes_nothing_twice(quiz, course, learner):
    course_page, lessons = course
    tracker = DatabaseTracker(learner)
    for lesson in lessons:
        complete_lesson(tracker, course_page, lesson, "en")
    completions = []

    def receiver(**kwargs):
        completions.append(kwargs["course_key"])

    course_completed.connect(receiver, weak=False)
    try:
        for _ in range(2):
            attempt = attempts.start_attempt(learner, quiz, "en")
            for question in attempt.questions:
                attempts.record_answer(attempt, question["id"], RIGHT_ANSWERS[question["id"]])
            attempts.submit_attempt(attempt)
    finally:
        course_completed.disconnect(receiver)
    assert completions == [course_page.translation_key]


def test_a_page_that_is_not_a_step_records_nothing(course, learner, make_quiz):
    course_page, _lessons = course
    practice = make_quiz(slug="practice", required_for_completion=False)
    result = record_step_done(DatabaseTracker(learner), course_page, practice, "en")
    assert not result.newly_recorded and not Enrollment.objects.exists()


def test_mark_complete_reads_the_learners_steps_once(course, learner, client):
    """It once read the learner's lessons twice (15 statements). Now: the
    session, the course and lesson (with their view restrictions), the
    course's steps (lessons, quiz), the new row, the enrolment, and the
    learner's done steps (lessons, quizzes), once."""
    course_page, lessons = course
    client.force_login(learner)
    complete_url = f"/en/learn/courses/{course_page.id}/lessons/{{}}/complete/"
    client.post(complete_url.format(lessons[0].id))
    with CaptureQueriesContext(connection) as captured:
        response = client.post(complete_url.format(lessons[1].id))
    assert response.status_code == 302
    queries = [q["sql"] for q in captured.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    assert len(queries) <= 11, "\n".join(sql[:150] for sql in queries)
    assert sum("courses_lessonprogress" in sql and sql.startswith("SELECT") for sql in queries) == 1


class Checkpoints:
    """A step source another app might register: checkpoints, done when recorded."""

    kind = "checkpoint"

    def __init__(self, pages_by_path):
        self.pages = pages_by_path
        self.done = {}

    def pages_by_course(self, courses):
        return {course.path: self.pages.get(course.path, []) for course in courses}

    def done_by_course(self, user):
        return self.done.get(user.pk, {})

    def record(self, tracker, course_key, step_key, language, when):
        keys = self.done.setdefault(tracker.user.pk, {}).setdefault(course_key, set())
        new = step_key not in keys
        keys.add(step_key)
        return new


def test_any_app_adds_steps_through_the_hook_and_progress_reads_them_one_way(course, learner, make_quiz):
    """Lessons, the required quiz and a third kind of step all count through
    the same hook, read path and write path."""
    course_page, lessons = course
    checkpoint = make_quiz(slug="checkpoint", required_for_completion=False)
    source = Checkpoints({course_page.path: [checkpoint]})
    with hooks.register_temporarily(STEP_SOURCES_HOOK, lambda: source):
        tracker = DatabaseTracker(learner)
        assert [step.kind for step in progress_for(tracker, course_page).steps] == ["lesson"] * 3 + ["checkpoint"]
        for lesson in lessons:
            assert not complete_lesson(tracker, course_page, lesson, "en").course_just_completed
        last = record_step_done(tracker, course_page, checkpoint, "en")
        assert last.course_just_completed and last.progress.pattern == "1111"
        assert Certificate.objects.filter(user=learner).exists()


def test_other_apps_hear_of_each_first_step_and_each_graded_attempt_once(quiz, course, learner):
    from quizzes.signals import attempt_submitted

    course_page, lessons = course
    heard = []

    def on_step(**kwargs):
        heard.append(("step", kwargs["kind"], kwargs["step_key"]))

    def on_submit(**kwargs):
        heard.append(("submitted", kwargs["attempt"].passed))

    step_done.connect(on_step, weak=False)
    attempt_submitted.connect(on_submit, weak=False)
    try:
        tracker = DatabaseTracker(learner)
        complete_lesson(tracker, course_page, lessons[0], "en")
        complete_lesson(tracker, course_page, lessons[0], "en")  # again: nothing new
        attempt = attempts.start_attempt(learner, quiz, "en")
        for question in attempt.questions:
            attempts.record_answer(attempt, question["id"], RIGHT_ANSWERS[question["id"]])
        attempts.submit_attempt(attempt)
        attempts.submit_attempt(QuizAttempt.objects.get(pk=attempt.pk))  # a double click
    finally:
        step_done.disconnect(on_step)
        attempt_submitted.disconnect(on_submit)
    assert heard == [
        ("step", "lesson", lessons[0].translation_key),
        ("submitted", True),
        ("step", "quiz", quiz.translation_key),
    ]
