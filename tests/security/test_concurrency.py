"""Many requests at once against a live server (a threaded WSGI server on
this test database, SQLite in a file or PostgreSQL): a double click, two
tabs, a flaky connection's retries. Each act leaves exactly one result, and
every request gets a normal answer (a page, a redirect, a clear message),
never a 500."""

import secrets
import threading
import urllib.error
import urllib.parse
import urllib.request
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

from courses.models import Certificate, Enrollment, LessonProgress
from quizzes import attempts
from quizzes.models import QuestionAnswer, QuizAttempt
from stats.models import ApiToken
from tests.conftest import staff_sign_in
from tests.quizzes.conftest import RIGHT_ANSWERS, make_quiz, quiz  # noqa: F401  (fixtures)
from tests.stats.conftest import make_reviewer  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(transaction=True)

AT_ONCE = 20


class Browser:
    """A signed-in learner's cookies, for requests from several threads at once."""

    def __init__(self, base_url, user):
        store = import_module(settings.SESSION_ENGINE).SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        self.base_url = base_url
        self.csrf = secrets.token_hex(16)
        self.cookie = f"sessionid={store.session_key}; csrftoken={self.csrf}"

    @classmethod
    def signed_in_like(cls, base_url, client):
        """The session of a Django test client that went through the real sign-in
        (a staff member's second factor included)."""
        browser = cls.__new__(cls)
        browser.base_url = base_url
        browser.csrf = secrets.token_hex(16)
        browser.cookie = f"sessionid={client.cookies['sessionid'].value}; csrftoken={browser.csrf}"
        return browser

    def post(self, path, fields=()):
        body = urllib.parse.urlencode([("csrfmiddlewaretoken", self.csrf), *fields]).encode()
        request = urllib.request.Request(
            self.base_url + path,
            data=body,
            headers={"Cookie": self.cookie, "Referer": self.base_url + path, "Origin": self.base_url},
        )
        opener = urllib.request.build_opener(NoRedirects)
        try:
            with opener.open(request, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def all_at_once(send, times=AT_ONCE):
    """Sends `times` requests from as many threads, released together; the statuses."""
    barrier = threading.Barrier(times)
    statuses = []

    def go():
        barrier.wait()
        statuses.append(send())

    threads = [threading.Thread(target=go) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_twenty_submits_of_one_quiz_page_grade_it_once_and_none_fails(live_server, learner, quiz, course):
    attempt = attempts.start_attempt(learner, quiz, "en")
    browser = Browser(live_server.url, learner)
    fields = [(f"answer-{qid}", value) for qid, values in RIGHT_ANSWERS.items() for value in values]
    statuses = all_at_once(lambda: browser.post(f"/en/learn/attempts/{attempt.pk}/all/", fields))

    assert 500 not in statuses and set(statuses) <= {302, 429}, statuses
    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.score == 100
    assert QuestionAnswer.objects.filter(attempt=attempt).count() == len(RIGHT_ANSWERS)
    assert QuizAttempt.objects.filter(user=learner).count() == 1


def test_twenty_starts_of_one_quiz_open_one_attempt(live_server, learner, quiz):
    browser = Browser(live_server.url, learner)
    statuses = all_at_once(lambda: browser.post(f"/en/learn/quizzes/{quiz.pk}/start/", [("layout", "one")]))
    assert 500 not in statuses and set(statuses) <= {302, 429}, statuses
    assert QuizAttempt.objects.filter(user=learner).count() == 1


def test_twenty_mark_completes_record_one_lesson_and_one_certificate(live_server, learner, course):
    course_page, lessons = course
    browser = Browser(live_server.url, learner)
    for lesson in lessons[:-1]:
        assert browser.post(f"/en/learn/courses/{course_page.pk}/lessons/{lesson.pk}/complete/") == 302
    last = lessons[-1]
    statuses = all_at_once(lambda: browser.post(f"/en/learn/courses/{course_page.pk}/lessons/{last.pk}/complete/"))

    assert 500 not in statuses and set(statuses) == {302}, statuses
    assert LessonProgress.objects.filter(user=learner).count() == len(lessons)
    assert Enrollment.objects.filter(user=learner).count() == 1
    assert Enrollment.objects.get(user=learner).completed_at is not None
    assert Certificate.objects.filter(user=learner).count() == 1


def test_twenty_clicks_on_make_a_token_make_one_token(live_server, client, make_reviewer):  # noqa: F811
    reviewer = staff_sign_in(client, make_reviewer())
    browser = Browser.signed_in_like(live_server.url, client)
    statuses = all_at_once(lambda: browser.post("/en/stats/tokens/", [("name", "Ministry Power BI")]))

    # One request makes the token and shows it; the others say the name is taken.
    assert 500 not in statuses and set(statuses) <= {200, 400, 429}, statuses
    assert statuses.count(200) == 1, statuses
    assert ApiToken.objects.filter(owner=reviewer).count() == 1
