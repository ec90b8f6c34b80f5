"""Staff reach the admin only with a second factor (allauth.mfa: TOTP and
recovery codes), and sign in through the one rate-limited door."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.conftest import make_learner, make_staff, totp_code

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"
PASSWORD = "a-long-test-password"


def sign_in_with_password(client, user):
    return client.post(LOGIN, {"login": user.email, "password": PASSWORD})


def test_staff_without_an_authenticator_set_one_up_once_and_the_admin_opens(client):
    """Password once, then the authenticator app set up (its first code is
    the second factor), then the recovery codes, which lead on to the page
    asked for: no "Confirm access" in between, no second code."""
    educator = make_staff(authenticator=False)
    sign_in_with_password(client, educator)
    assert client.session["_auth_user_id"] == str(educator.pk)

    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/2fa/totp/activate/?next=%2Fadmin%2Fpages%2F"

    # The password was given a moment ago: the set-up page opens at once.
    response = client.get(response["Location"])
    assert response.status_code == 200
    page = response.content.decode()
    secret = re.search(r'value="([A-Z2-7]{32})"', page).group(1)
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post("/en/accounts/2fa/totp/activate/?next=%2Fadmin%2Fpages%2F", {"code": code})
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/2fa/recovery-codes/?next=%2Fadmin%2Fpages%2F"
    assert Authenticator.objects.filter(user=educator, type="totp").exists()
    # Recovery codes are made with it and shown once set up, with a way on.
    codes_page = client.get(response["Location"]).content.decode()
    assert len(re.findall(r"\b\d{8}\b", codes_page)) >= 10
    assert 'href="/admin/pages/"' in codes_page and "I have kept my codes: continue" in codes_page

    # Setting the app up with its code was this session's second factor.
    assert client.get("/admin/pages/").status_code == 200


def test_the_recovery_codes_lead_on_only_to_this_site(client):
    educator = make_staff(authenticator=False)
    sign_in_with_password(client, educator)
    page = client.get("/en/accounts/2fa/totp/activate/").content.decode()
    secret = re.search(r'value="([A-Z2-7]{32})"', page).group(1)
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post("/en/accounts/2fa/totp/activate/?next=https://evil.example/", {"code": code})
    assert response["Location"] == "/en/accounts/2fa/recovery-codes/"
    assert "continue" not in client.get(response["Location"]).content.decode()


def test_confirming_the_password_is_asked_again_once_the_sign_in_is_old(client, monkeypatch):
    """The sign-in counts as a fresh confirmation for allauth's five minutes only."""
    educator = make_staff(authenticator=False)
    sign_in_with_password(client, educator)
    later = time.time() + 301
    monkeypatch.setattr("accounts.two_factor.time.time", lambda: later)
    response = client.get("/en/accounts/2fa/totp/activate/?next=%2Fadmin%2F")
    assert response.status_code == 302 and response["Location"].startswith("/en/accounts/reauthenticate/")


def test_staff_sign_in_asks_for_the_code_and_the_admin_opens(client):
    educator = make_staff()
    response = sign_in_with_password(client, educator)
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session  # a password alone signs no one in

    wrong = client.post("/en/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session

    client.post("/en/accounts/2fa/authenticate/", {"code": totp_code(educator)})
    assert client.session["_auth_user_id"] == str(educator.pk)
    assert client.get("/admin/").status_code == 200


def test_a_forced_session_without_the_second_factor_does_not_open_the_admin(client):
    """Even a session made some other way (say, a password-only path found
    later) is stopped at the admin's door until a code is given."""
    educator = make_staff()
    client.force_login(educator)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/2fa/reauthenticate/?next=%2Fadmin%2F")


def test_wagtails_password_only_login_is_never_served(client):
    educator = make_staff()
    response = client.post("/admin/login/?next=/admin/", {"username": educator.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=%2Fadmin%2F"
    assert "_auth_user_id" not in client.session
    # Anonymous visitors to the admin land on the same sign-in page.
    first = client.get("/admin/pages/")
    assert client.get(first["Location"])["Location"].startswith("/en/accounts/login/?next=")


def test_learners_are_not_asked_for_a_second_factor_and_never_reach_the_admin(client):
    learner = make_learner("nurul@example.com")
    learner.profile.preferred_language = "ms"
    learner.profile.save()
    response = sign_in_with_password(client, learner)
    assert response["Location"] == "/ms/learn/my-learning/"
    assert client.get("/ms/learn/my-learning/").status_code == 200
    admin = client.get("/admin/pages/")
    assert admin.status_code == 302 and "/2fa/" not in admin["Location"]
    # Not sent to sign in again (and from there back to the admin, for ever):
    # a page that says why, in the learner's own language.
    refused = client.get(admin["Location"])
    assert refused.status_code == 403
    page = refused.content.decode()
    assert 'lang="ms"' in page and "Akaun anda tidak boleh membuka ruang penyunting kursus" in page
    assert "You do not have permission to access the admin" not in page
    # Wagtail's own note does not turn up on the next page either.
    assert "permission" not in client.get("/ms/learn/my-learning/").content.decode()
