"""The privacy notice, and pages with personal data never cached."""

import pytest

pytestmark = pytest.mark.django_db


def test_privacy_notice_says_what_is_stored_and_why(client, home):
    html = client.get("/en/privacy/").content.decode()
    for fact in (
        "Your email address",
        "never ask for your birth date",
        "fewer than 10 people",
        "erase your account",
        "parent or guardian",
        "Cookies",
    ):
        assert fact in html, fact
    assert 'href="/en/privacy/"' in client.get("/en/").content.decode()  # linked from every page's footer


@pytest.mark.parametrize(
    "url", ["/en/accounts/profile/", "/en/learn/my-learning/", "/en/accounts/email/", "/en/accounts/profile/erase/"]
)
def test_pages_with_personal_data_are_not_stored(client, learner, home, url):
    client.force_login(learner)
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_signed_in_learners_ordinary_pages_are_not_stored_either(client, learner, course):
    course_page, lessons = course
    client.force_login(learner)
    response = client.get(lessons[0].url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_sign_in_and_sign_up_pages_are_not_stored(client, home):
    for url in ("/en/accounts/login/", "/en/accounts/signup/", "/ms/accounts/password/reset/"):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_guests_public_pages_stay_cacheable(client, course):
    course_page, _lessons = course
    response = client.get(course_page.url)
    assert "no-store" not in response.get("Cache-Control", "")
