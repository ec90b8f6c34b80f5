"""CSRF: every URL of the site that could take a POST refuses one without the
token. The URLs are not listed by hand: the test walks Django's URL resolver,
so a view added later is covered the day it is added."""

import uuid

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern
from django.utils import translation

from accounts.models import User
from courses.models import LessonProgress
from tests.conftest import make_staff, staff_sign_in

pytestmark = pytest.mark.django_db

SAMPLE = {"int": "1", "str": "x", "slug": "x", "uuid": str(uuid.uuid4()), "path": "x/"}


def concrete_urls(patterns=None, prefix=""):
    """Every route as a URL with sample values for its parameters."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry.pattern, LocalePrefixPattern):
            route = "en/"
        elif isinstance(entry.pattern, RegexPattern):
            route = str(entry.pattern).lstrip("^").rstrip("$")
            if any(char in route for char in "()[]*+?.\\|"):
                continue  # a few regex routes of Wagtail's; the rest of their app is walked
        else:
            route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from concrete_urls(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            url = prefix + route
            for converter, value in SAMPLE.items():
                while f"<{converter}:" in url:
                    start = url.index(f"<{converter}:")
                    url = url[:start] + value + url[url.index(">", start) + 1 :]
            while "<" in url:  # <name> without a converter is a str
                start = url.index("<")
                url = url[:start] + "x" + url[url.index(">", start) + 1 :]
            yield "/" + url


def test_the_walk_finds_the_sites_forms():
    with translation.override("en"):
        urls = set(concrete_urls())
    for expected in (
        "/en/accounts/login/",
        "/en/accounts/profile/erase/",
        "/en/accounts/profile/my-data.json",
        "/en/learn/quizzes/1/start/",
        "/en/accounts/guardian/x/",
        "/admin/pages/add/x/x/1/",
    ):
        assert expected in urls, expected
    assert len(urls) > 250  # ours, allauth's and Wagtail's admin


@pytest.mark.parametrize("who", ["learner", "staff"])
def test_no_url_accepts_a_post_without_the_csrf_token(who, learner, home):
    """As a learner, and as an administrator past the second factor, who can
    reach every admin view."""
    client = Client(enforce_csrf_checks=True)
    if who == "learner":
        client.force_login(learner)
    else:
        signed_in = Client()
        staff_sign_in(signed_in, make_staff())
        client.cookies = signed_in.cookies
    with translation.override("en"):
        urls = sorted(set(concrete_urls()))
    accepted = []
    for url in urls:
        response = client.post(url, {"anything": "1"})
        # 403 is the CSRF refusal; 404 means the sample id matched nothing before
        # the CSRF check could run, which also changes nothing. Wagtail's admin
        # API views leave CSRF to Django REST framework, which checks it for
        # staff (the staff run shows it); a learner is turned away from them
        # to the sign-in page first.
        refused_from_admin = response.status_code == 302 and response["Location"].startswith("/admin/login/")
        # The LTI tool's login and launch are cross-site POSTs from a school's
        # platform by design (LTI 1.3); a signed id_token and the OIDC state
        # stand for the token there, and without them they refuse (400 or 403).
        refused_lti = url.startswith("/lti/") and response.status_code in (400, 403)
        if response.status_code not in (403, 404) and not (who == "learner" and refused_from_admin) and not refused_lti:
            accepted.append((url, response.status_code))
    assert accepted == [], "\n".join(f"{u} {s}" for u, s in accepted)


def test_a_forged_post_changes_nothing(learner, course):
    course_page, lessons = course
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    assert client.post(f"/en/learn/courses/{course_page.id}/lessons/{lessons[0].id}/complete/").status_code == 403
    assert client.post("/en/accounts/profile/erase/", {"password": "a-long-test-password"}).status_code == 403
    assert not LessonProgress.objects.exists()
    assert User.objects.filter(pk=learner.pk).exists()
