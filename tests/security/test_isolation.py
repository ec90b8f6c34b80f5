"""No learner can reach another's progress, attempts or data. Learner rows are
always fetched through request.user (DESIGN.md); these tests attack that."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from quizzes import attempts
from quizzes.models import QuestionAnswer, QuizAttempt

pytestmark = pytest.mark.django_db

from tests.quizzes.conftest import make_quiz, quiz  # noqa: E402,F401  (the quiz fixtures)


def route_parameters(patterns=None):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from route_parameters(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            yield str(entry.pattern), set(entry.pattern.regex.groupindex)


def test_no_learner_facing_url_takes_a_user_id():
    suspicious = {"user", "user_id", "user_pk", "learner", "learner_id", "profile_id", "account_id"}
    offenders = [route for route, names in route_parameters() if names & suspicious and not route.startswith("admin/")]
    # Wagtail's admin has user-management URLs, reachable only by administrators.
    assert offenders == []


@pytest.fixture
def aina_attempt(learner, quiz):
    attempt = attempts.start_attempt(learner, quiz, "en")
    attempts.record_answer(attempt, "q-single", ["s-b"])
    return attempt


def test_another_learners_attempt_is_not_found_for_every_screen(client, other_learner, aina_attempt):
    client.force_login(other_learner)
    base = f"/en/learn/attempts/{aina_attempt.id}"
    for url in (f"{base}/questions/1/", f"{base}/all/", f"{base}/review/", f"{base}/results/"):
        assert client.get(url).status_code == 404, url
    # Answering or submitting someone else's attempt changes nothing.
    assert client.post(f"{base}/questions/1/", {"answer": "s-a"}).status_code == 404
    assert client.post(f"{base}/review/").status_code == 404
    aina_attempt.refresh_from_db()
    assert aina_attempt.submitted_at is None
    assert list(QuestionAnswer.objects.filter(attempt=aina_attempt).values_list("answer", flat=True)) == ["s-b"]


def test_another_learners_submitted_results_stay_hidden(client, learner, other_learner, quiz):
    from tests.quizzes.conftest import RIGHT_ANSWERS

    attempt = attempts.start_attempt(learner, quiz, "en")
    attempts.record_all(attempt, RIGHT_ANSWERS)
    attempts.submit_attempt(attempt)
    client.force_login(other_learner)
    assert client.get(f"/en/learn/attempts/{attempt.id}/results/").status_code == 404
    assert "100%" not in client.get(quiz.url).content.decode()


def test_progress_and_my_learning_are_ones_own(client, learner, other_learner, course):
    course_page, lessons = course
    client.force_login(learner)
    for lesson in lessons:
        client.post(f"/en/learn/courses/{course_page.id}/lessons/{lesson.id}/complete/")
    binh = client.__class__()  # her own browser
    binh.force_login(other_learner)
    assert course_page.title not in binh.get("/en/learn/my-learning/").content.decode()
    assert "3 of 3" not in binh.get(course_page.url).content.decode()
    assert "3 of 3" in client.get(course_page.url).content.decode()


def test_data_export_and_erasure_only_ever_touch_the_signed_in_learner(client, learner, other_learner, aina_attempt):
    client.force_login(other_learner)
    export = client.post("/en/accounts/profile/my-data.json").content.decode()
    assert "aina@example.com" not in export and "Aina" not in export
    # Erasure takes no id: whatever is posted, only the signed-in learner goes.
    client.post(
        f"/en/accounts/profile/erase/?user={learner.pk}", {"password": "a-long-test-password", "user": learner.pk}
    )
    assert QuizAttempt.objects.get(pk=aina_attempt.pk).user_id == learner.pk
    assert not type(learner).objects.filter(pk=other_learner.pk).exists()
