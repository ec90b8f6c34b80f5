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


def test_staff_without_an_authenticator_must_set_one_up_before_the_admin(client):
    educator = make_staff(authenticator=False)
    sign_in_with_password(client, educator)
    assert client.session["_auth_user_id"] == str(educator.pk)

    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/2fa/totp/activate/?next=%2Fadmin%2Fpages%2F"

    # Changing how one signs in asks for the password again (allauth's rule),
    # then the set-up page shows the secret to type into an authenticator app.
    response = client.get(response["Location"])
    assert response["Location"].startswith("/en/accounts/reauthenticate/")
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response["Location"] == "/en/accounts/2fa/totp/activate/?next=%2Fadmin%2Fpages%2F"
    page = client.get(response["Location"]).content.decode()
    secret = re.search(r'value="([A-Z2-7]{32})"', page).group(1)
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post("/en/accounts/2fa/totp/activate/", {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=educator, type="totp").exists()
    # Recovery codes are made with it and shown once set up.
    codes_page = client.get(response["Location"]).content.decode()
    recovery_codes = re.findall(r"\b\d{8}\b", codes_page)
    assert len(recovery_codes) >= 10

    # This session has not yet given a code: the admin asks for one, and a
    # recovery code does as well as the app.
    response = client.get("/admin/pages/")
    assert response["Location"].startswith("/en/accounts/2fa/reauthenticate/")
    response = client.post(response["Location"], {"code": recovery_codes[0]})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


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
    response = sign_in_with_password(client, learner)
    assert response["Location"] == "/en/learn/my-learning/"
    assert client.get("/en/learn/my-learning/").status_code == 200
    admin = client.get("/admin/pages/")
    assert admin.status_code == 302 and "/2fa/" not in admin["Location"]
