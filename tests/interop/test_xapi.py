"""xAPI statements: written with the learner's record, sent to a real LRS
(Ralph, started on loopback by the test run) and read back from it."""

import json
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from accounts.personal_data import erase_account, export_personal_data
from courses.models import LessonProgress
from courses.progress import DatabaseTracker, complete_lesson
from interop import xapi
from interop.models import XapiStatement
from interop.sending import backoff, send_due_statements
from quizzes import attempts
from tests.conftest import make_learner
from tests.quizzes.conftest import RIGHT_ANSWERS, WRONG_ANSWERS

from .lrs_process import free_port

pytestmark = pytest.mark.django_db

COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
PASSED = "http://adlnet.gov/expapi/verbs/passed"
FAILED = "http://adlnet.gov/expapi/verbs/failed"


def take_quiz(user, quiz, answers, language="en"):
    attempt = attempts.start_attempt(user, quiz, language)
    for question in attempt.questions:
        attempts.record_answer(attempt, question["id"], answers[question["id"]])
    return attempts.submit_attempt(attempt)


def verbs(statements):
    return sorted(s["verb"]["id"].rsplit("/", 1)[1] for s in statements)


def test_a_whole_course_reaches_the_lrs_pseudonymously(lrs, course, quiz, learner, django_capture_on_commit_callbacks):
    course_page, lessons = course
    tracker = DatabaseTracker(learner)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons:
            complete_lesson(tracker, course_page, lesson, "en")
        take_quiz(learner, quiz, RIGHT_ANSWERS)
    # Sent as each record committed: nothing left waiting.
    assert XapiStatement.objects.filter(sent_at__isnull=True).count() == 0

    held = lrs.statements(xapi.actor(learner))
    assert verbs(held) == sorted(["completed"] * 3 + ["answered"] * 6 + ["passed", "completed"])
    as_text = json.dumps(held)
    assert learner.email not in as_text and "Aina" not in as_text
    actor = held[0]["actor"]["account"]
    assert actor["homePage"] == "https://celik.example.org"
    assert len(actor["name"]) == 32 and str(learner.pk) != actor["name"]

    by_object = {(s["verb"]["id"], s["object"]["id"]): s for s in held}
    course_id = f"https://celik.example.org/xapi/activities/course/{course_page.translation_key}"
    finished = by_object[(COMPLETED, course_id)]
    assert finished["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/course"
    assert finished["object"]["definition"]["name"] == {"en": course_page.title}
    assert finished["result"]["completion"] is True
    lesson_id = f"https://celik.example.org/xapi/activities/lesson/{lessons[0].translation_key}"
    read = by_object[(COMPLETED, lesson_id)]
    assert read["context"]["contextActivities"]["parent"][0]["id"] == course_id
    assert read["context"]["language"] == "en"
    passed = next(s for s in held if s["verb"]["id"] == PASSED)
    assert passed["result"]["success"] is True
    assert passed["result"]["score"]["scaled"] == 1.0
    assert passed["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/assessment"
    answers = [s for s in held if s["verb"]["id"] == ANSWERED]
    single = next(s for s in answers if s["object"]["id"].endswith("/q-single"))
    assert single["result"] == {"success": True, "score": {"raw": 1.0, "min": 0.0, "max": 1.0}, "response": "s-b"}
    assert single["object"]["definition"]["interactionType"] == "choice"
    # Each question type names its own interaction (quizzes.questions).
    interactions = {s["object"]["id"].rsplit("/", 1)[1]: s["object"]["definition"]["interactionType"] for s in answers}
    assert interactions == {
        "q-single": "choice",
        "q-multi": "choice",
        "q-tf": "true-false",
        "q-rof": "choice",
        "q-order": "sequencing",
        "q-scenario": "choice",
    }
    assert single["object"]["definition"]["name"] == {"en": "Who may ask for your OTP?"}


def test_a_failed_quiz_is_failed_with_its_score(lrs, quiz, learner):
    take_quiz(learner, quiz, WRONG_ANSWERS, language="ms")
    assert send_due_statements().sent == 7
    held = lrs.statements(xapi.actor(learner))
    failed = [s for s in held if s["verb"]["id"] == FAILED]
    assert len(failed) == 1 and failed[0]["result"]["success"] is False
    assert failed[0]["result"]["score"]["scaled"] < 0.6
    assert failed[0]["context"]["language"] == "ms"
    assert all(s["result"]["success"] is False for s in held if s["verb"]["id"] == ANSWERED)


def test_the_statement_stands_or_falls_with_the_record(lrs, course, learner):
    course_page, lessons = course
    with pytest.raises(RuntimeError), transaction.atomic():
        complete_lesson(DatabaseTracker(learner), course_page, lessons[0], "en")
        raise RuntimeError("the request failed after the lesson was recorded")
    assert not LessonProgress.objects.exists()
    assert not XapiStatement.objects.exists()


@pytest.mark.parametrize("feedback_mode, statements", [("end", 3), ("each", 2)])
def test_the_same_fact_makes_one_statement(lrs, course, make_quiz, learner, feedback_mode, statements):
    course_page, lessons = course
    quiz = make_quiz(feedback_mode=feedback_mode)
    tracker = DatabaseTracker(learner)
    complete_lesson(tracker, course_page, lessons[0], "en")
    complete_lesson(tracker, course_page, lessons[0], "ms")
    attempt = attempts.start_attempt(learner, quiz, "en")
    attempts.record_answer(attempt, "q-single", ["s-b"])
    attempts.record_answer(attempt, "q-single", ["s-b"])  # the same answer, sent again
    # Changed before submitting: a new answer, unless its feedback was shown (then the first one stays).
    attempts.record_answer(attempt, "q-single", ["s-a"])
    assert XapiStatement.objects.count() == statements
    # Sent twice (a worker stopped before noting the first): the LRS keeps one of each.
    send_due_statements()
    XapiStatement.objects.update(sent_at=None)
    send_due_statements()
    assert len(lrs.statements(xapi.actor(learner))) == statements


def test_nothing_is_lost_while_the_lrs_is_down(lrs, settings, course, learner, django_capture_on_commit_callbacks):
    course_page, lessons = course
    settings.XAPI_ENDPOINT = f"http://127.0.0.1:{free_port()}/xAPI"  # nobody listens there
    tracker = DatabaseTracker(learner)
    with django_capture_on_commit_callbacks(execute=True):
        complete_lesson(tracker, course_page, lessons[0], "en")
        complete_lesson(tracker, course_page, lessons[1], "en")
    waiting = XapiStatement.objects.filter(sent_at__isnull=True)
    assert waiting.count() == 2
    first = waiting.first()
    assert first.tries == 1  # tried once; the second commit found them not yet due
    assert "ConnectionError" in first.last_error
    assert first.next_try_at > timezone.now()
    # Not due yet: the next run leaves them alone, and new statements wait with them
    # (the last lesson, and the course it completes).
    complete_lesson(tracker, course_page, lessons[2], "en")
    report = send_due_statements()
    assert (report.sent, report.failed, report.waiting) == (0, 0, 4)

    settings.XAPI_ENDPOINT = lrs.url  # the LRS is back
    XapiStatement.objects.update(next_try_at=timezone.now())  # and the wait is over
    report = send_due_statements()
    assert (report.sent, report.waiting) == (4, 0)
    assert verbs(lrs.statements(xapi.actor(learner))) == ["completed"] * 4


def test_refused_credentials_keep_the_statements(lrs, settings, course, learner):
    course_page, lessons = course
    settings.XAPI_PASSWORD = "wrong"
    complete_lesson(DatabaseTracker(learner), course_page, lessons[0], "en")
    report = send_due_statements()
    assert (report.sent, report.failed, report.waiting) == (0, 1, 1)
    assert XapiStatement.objects.get().last_error.startswith("HTTP 401")


def test_retries_wait_longer_each_time(settings):
    settings.XAPI_RETRY_BASE_SECONDS = 30
    settings.XAPI_RETRY_MAX_SECONDS = 3600
    assert [backoff(n) for n in (1, 2, 3)] == [timedelta(seconds=s) for s in (30, 60, 120)]
    assert backoff(20) == timedelta(hours=1)


def test_an_erased_learner_sends_nothing_more(lrs, course, learner):
    course_page, lessons = course
    other = make_learner("chai@example.com", "Chai")
    complete_lesson(DatabaseTracker(learner), course_page, lessons[0], "en")
    complete_lesson(DatabaseTracker(other), course_page, lessons[0], "en")
    actor = xapi.actor(learner)
    assert len(export_personal_data(learner)["interop"]["learning_record_statements"]) == 1
    erase_account(learner)
    assert XapiStatement.objects.count() == 1
    assert send_due_statements().sent == 1
    assert lrs.statements(actor) == []
    assert len(lrs.statements(xapi.actor(other))) == 1


def test_no_lrs_configured_writes_nothing(settings, course, learner):
    settings.XAPI_ENDPOINT = ""
    course_page, lessons = course
    complete_lesson(DatabaseTracker(learner), course_page, lessons[0], "en")
    assert LessonProgress.objects.count() == 1
    assert not XapiStatement.objects.exists()


@pytest.mark.django_db(transaction=True)  # the worker closes its connection between tasks
def test_the_database_worker_tries_again_later_and_delivers(
    lrs, settings, course, learner, django_capture_on_commit_callbacks
):
    """Production's path: the task queued in the database, run by `db_worker`,
    queues itself again for when the waiting statements are due."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.XAPI_ENDPOINT = f"http://127.0.0.1:{free_port()}/xAPI"  # the LRS is down
    course_page, lessons = course
    complete_lesson(DatabaseTracker(learner), course_page, lessons[0], "en")  # commits: the send is queued
    assert DBTaskResult.objects.count() == 1  # queued, not run: the learner's request did not wait

    def work():
        call_command("db_worker", batch=True, no_startup_delay=True, interval=0, verbosity=0)

    work()
    statement = XapiStatement.objects.get()
    assert statement.sent_at is None and statement.tries == 1
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after == statement.next_try_at  # queued again, for when it is due

    settings.XAPI_ENDPOINT = lrs.url  # the LRS is back, and the time has come
    XapiStatement.objects.update(next_try_at=timezone.now())
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    work()
    assert XapiStatement.objects.get().sent_at is not None
    assert verbs(lrs.statements(xapi.actor(learner))) == ["completed"]
