"""Quiz answers are rate-limited per learner, counted in the shared cache the
way django-allauth counts sign-ins (accounts.ratelimits)."""

import pytest

from quizzes.models import QuizAttempt

pytestmark = pytest.mark.django_db


def test_quiz_answers_are_limited_per_learner(client, learner, quiz):
    client.force_login(learner)
    client.post(f"/en/learn/quizzes/{quiz.id}/start/")
    attempt = QuizAttempt.objects.get(user=learner)
    url = f"/en/learn/attempts/{attempt.id}/questions/1/"
    statuses = [client.post(url, {"answer": "nonsense"}).status_code for _ in range(59)]
    assert 429 not in statuses
    blocked = client.post(url, {"answer": "nonsense"})
    assert blocked.status_code == 429
    assert "Too many tries" in blocked.content.decode()
    # Reading the question is never limited.
    assert client.get(url).status_code == 200
