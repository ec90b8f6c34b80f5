"""A learner downloads everything held about them, and erases their account;
the anonymous facts statistics need survive (DESIGN.md: privacy by default)."""

import json
import uuid

import pytest

from accounts.models import LearnerProfile, User
from courses.models import Enrollment, LessonProgress
from quizzes import attempts
from quizzes.models import QuestionAnswer, QuizAttempt

from .conftest import RIGHT_ANSWERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_learner(client, learner, course, quiz):
    """Aina completed a lesson, passed the quiz once and left a second try open."""
    course_page, lessons = course
    client.force_login(learner)
    client.post(f"/en/learn/courses/{course_page.id}/lessons/{lessons[0].id}/complete/")
    attempt = attempts.start_attempt(learner, quiz, "en")
    attempts.record_all(attempt, RIGHT_ANSWERS)
    attempts.submit_attempt(attempt)
    attempts.start_attempt(learner, quiz, "en")
    return learner


def test_download_my_data_is_a_complete_json_file(client, busy_learner, other_learner, course):
    response = client.post("/en/accounts/profile/my-data.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="celik-my-data-')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email_addresses"] == [{"email": "aina@example.com", "verified": True, "primary": True}]
    assert data["profile"]["display_name"] == "Aina" and data["profile"]["age_group"] == "25-59"
    assert [e["course"] for e in data["learning"]["enrolments"]] == ["Check before you share"]
    assert [lesson["lesson"] for lesson in data["learning"]["lessons_completed"]] == ["Lesson 1"]
    quiz_rows = data["quiz_attempts"]
    assert [(a["attempt"], a["passed"]) for a in quiz_rows] == [(1, True), (2, None)]
    assert len(quiz_rows[0]["answers"]) == len(RIGHT_ANSWERS)
    assert "password" not in response.content.decode()
    assert "Bình" not in response.content.decode()  # nobody else's data


def test_download_needs_a_post_and_a_signed_in_learner(client, learner):
    assert client.get("/en/accounts/profile/my-data.json").status_code in (302, 405)
    response = client.post("/en/accounts/profile/my-data.json")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_erasure_asks_for_the_password_and_keeps_only_anonymous_facts(client, busy_learner):
    page = client.get("/en/accounts/profile/erase/")
    assert page.status_code == 200 and "cannot be undone" in page.content.decode()

    wrong = client.post("/en/accounts/profile/erase/", {"password": "not-it"})
    assert wrong.status_code == 400 and "not your password" in wrong.content.decode()
    assert User.objects.filter(pk=busy_learner.pk).exists()

    response = client.post("/en/accounts/profile/erase/", {"password": "a-long-test-password"}, follow=True)
    assert "Your account and your personal data have been erased." in response.content.decode()
    assert "_auth_user_id" not in client.session

    assert not User.objects.filter(email="aina@example.com").exists()
    assert not LearnerProfile.objects.exists()
    assert not LessonProgress.objects.exists()
    # Statistics keep the enrolment and the submitted attempt, with no one behind them.
    enrolment = Enrollment.objects.get()
    assert enrolment.user_id is None
    assert (enrolment.country, enrolment.age_band, enrolment.language) == ("MY", "25-59", "en")
    attempt = QuizAttempt.objects.get()
    assert attempt.user_id is None and attempt.passed is True and attempt.score == 100
    assert QuestionAnswer.objects.filter(attempt=attempt).count() == len(RIGHT_ANSWERS)
    # The rows of one erased learner still belong together, under a random id.
    assert isinstance(enrolment.erased_learner, uuid.UUID)
    assert attempt.erased_learner == enrolment.erased_learner
    # The unfinished second try is gone.
    assert not QuizAttempt.objects.filter(submitted_at__isnull=True).exists()


def test_erasing_one_learner_leaves_the_others_alone(client, busy_learner, other_learner, course):
    course_page, lessons = course
    other = client.__class__()
    other.force_login(other_learner)
    other.post(f"/en/learn/courses/{course_page.id}/lessons/{lessons[0].id}/complete/")
    client.post("/en/accounts/profile/erase/", {"password": "a-long-test-password"})
    assert LessonProgress.objects.filter(user=other_learner).count() == 1
    assert Enrollment.objects.filter(user=other_learner).count() == 1
