"""Brute force and floods get a clear 429 page: sign-in, sign-up and password
reset, under django-allauth's limits (quiz answers: tests/quizzes/
test_quiz_rate_limit.py). The limits are the production ones; each test
starts with an empty cache."""

import pytest

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_repeated_wrong_passwords_lock_the_address_with_a_429(client, learner):
    for _ in range(5):
        response = client.post("/en/accounts/login/", {"login": learner.email, "password": "guess"})
        assert response.status_code == 200
    blocked = client.post("/en/accounts/login/", {"login": learner.email, "password": "guess"})
    assert blocked.status_code == 429
    assert "Too many failed login attempts" in blocked.content.decode()
    # While locked, even the right password does not sign in.
    right = client.post("/en/accounts/login/", {"login": learner.email, "password": "a-long-test-password"})
    assert right.status_code == 429 and "_auth_user_id" not in client.session


def test_a_flood_of_sign_ups_from_one_address_gets_the_429_page(client):
    statuses = [
        client.post(
            "/ms/accounts/signup/", {"email": f"bot{n}@example.com", "password1": "x", "password2": "y"}
        ).status_code
        for n in range(21)
    ]
    assert statuses[:20] == [200] * 20  # form errors, shown as usual
    assert statuses[20] == 429
    page = client.post("/en/accounts/signup/", {"email": "one-more@example.com"})
    assert page.status_code == 429
    html = page.content.decode()
    assert "<h1>Too many tries</h1>" in html and "wait a few minutes" in html
    assert not User.objects.exists()


def test_password_reset_requests_for_one_address_are_limited(client, learner):
    statuses = [client.post("/en/accounts/password/reset/", {"email": learner.email}).status_code for _ in range(6)]
    assert statuses[:5] == [302] * 5
    assert statuses[5] == 429
