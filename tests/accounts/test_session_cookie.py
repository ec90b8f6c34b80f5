"""Signing in gives the browser a new session cookie (the old session is
ended). A request the browser sent before that answer arrived, carrying the
old cookie, must not take the new one away: the service worker checks
/sw.js for updates on every navigation, so such a request is in flight at
nearly every sign-in on a phone with JavaScript."""

import pytest
from django.conf import settings
from django.test import Client

from tests.courses.test_views import complete_url

pytestmark = pytest.mark.django_db

COOKIE = settings.SESSION_COOKIE_NAME


def test_a_request_with_the_session_ended_by_signing_in_leaves_the_new_cookie_alone(client, course, learner):
    course_page, lessons = course
    client.post(complete_url(course_page, lessons[0]))  # a guest's progress: a session of their own
    guest_cookie = client.cookies[COOKIE].value

    signed_in = client.post("/en/accounts/login/", {"login": learner.email, "password": "a-long-test-password"})
    assert signed_in.status_code == 302 and client.cookies[COOKIE].value != guest_cookie

    late = Client()  # the same browser, a request sent before the sign-in's answer came back
    late.cookies[COOKIE] = guest_cookie
    for address in ("/sw.js", "/en/courses/", course_page.url):
        response = late.get(address)
        assert response.status_code == 200
        assert COOKIE not in response.cookies, f"{address} would sign the learner out again"

    assert client.get("/en/learn/my-learning/").context["user"] == learner


def test_signing_out_still_removes_the_cookie(client, learner):
    client.force_login(learner)
    response = client.post("/en/accounts/logout/")
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "" and response.cookies[COOKIE]["max-age"] == 0
