"""The first-visit page cache (cms/page_cache.py): who gets a cached page,
that a cached page's form still works, and that publishing, unpublishing and
drafts are never hidden behind it."""

import json

import pytest
from django.test import Client

from accounts.display import COOKIE_NAME as DISPLAY_COOKIE
from tests.conftest import publish

pytestmark = pytest.mark.django_db


def visit(path, **cookies):
    """A first-time visitor: a new browser with no session."""
    client = Client(enforce_csrf_checks=True)
    for name, value in cookies.items():
        client.cookies[name] = value
    return client, client.get(path)


def csrf_token_in(response):
    html = response.content.decode()
    return html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]


def test_the_second_first_visitor_gets_the_page_from_the_cache_without_the_database(course, django_assert_num_queries):
    _, lessons = course
    _, first = visit(lessons[0].url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        client, second = visit(lessons[0].url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content.decode().replace(csrf_token_in(second), "") == first.content.decode().replace(csrf_token_in(first), "")
    # The security and language headers still come with it.
    assert "Content-Security-Policy" in second and second["Content-Language"] == "en"

    # Its form carries this visitor's own CSRF token, and works.
    assert csrf_token_in(second) != csrf_token_in(first)
    done = client.post(
        f"/en/learn/courses/{lessons[0].get_parent().id}/lessons/{lessons[0].id}/complete/",
        {"csrfmiddlewaretoken": csrf_token_in(second)},
    )
    assert done.status_code == 302
    # From now on this guest has a session: their own progress, made fresh.
    again = client.get(lessons[0].url)
    assert "X-Page-Cache" not in again and "1 of 3 steps done" in again.content.decode()


def test_publishing_and_unpublishing_show_at_once(course):
    course_page, lessons = course
    visit(lessons[1].url), visit(course_page.url)
    assert visit(lessons[1].url)[1]["X-Page-Cache"] == "hit"

    lessons[1].title = "Lesson 2, rewritten"
    publish(lessons[1])
    _, lesson = visit(lessons[1].url)
    assert lesson["X-Page-Cache"] == "miss" and "Lesson 2, rewritten" in lesson.content.decode()
    # The course page lists it under its new name too.
    assert "Lesson 2, rewritten" in visit(course_page.url)[1].content.decode()

    lessons[1].unpublish()
    assert visit(lessons[1].url)[1].status_code == 404


def test_a_saved_draft_is_never_shown_to_visitors(course, staff_client):
    _, lessons = course
    visit(lessons[0].url)
    draft = lessons[0].specific
    draft.title = "Draft title, not yet published"
    draft.body = json.dumps([{"type": "paragraph", "value": "<p>Unreviewed draft text.</p>"}])
    draft.save_revision()
    # The editor sees the draft...
    preview = staff_client.get(f"/admin/pages/{draft.id}/view_draft/")
    assert "Unreviewed draft text." in preview.content.decode()
    # ...visitors, cached or not, the live page.
    for _ in range(2):
        html = visit(lessons[0].url)[1].content.decode()
        assert "Unreviewed draft text." not in html and "Draft title" not in html


def test_signed_in_learners_get_their_own_page_never_a_cached_one(client, course, learner):
    _, lessons = course
    visit(lessons[0].url), visit(lessons[0].url)
    client.force_login(learner)
    client.post(f"/en/learn/courses/{lessons[0].get_parent().id}/lessons/{lessons[0].id}/complete/")
    response = client.get(lessons[0].url)
    assert "X-Page-Cache" not in response
    assert "You have completed this lesson." in response.content.decode()


def test_each_display_choice_has_its_own_copy(course):
    _, lessons = course
    visit(lessons[0].url)
    _, large = visit(lessons[0].url, **{DISPLAY_COOKIE: "x-large.1.0"})
    assert large["X-Page-Cache"] == "miss" and 'class="text-x-large high-contrast"' in large.content.decode()
    _, plain = visit(lessons[0].url)
    assert plain["X-Page-Cache"] == "hit" and "text-x-large" not in plain.content.decode()


def test_pages_with_a_query_string_or_a_message_are_made_fresh(course):
    _, lessons = course
    visit(lessons[0].url)
    assert "X-Page-Cache" not in visit(lessons[0].url + "?from=sms")[1]
    assert "X-Page-Cache" not in visit(lessons[0].url, messages="anything")[1]


def test_the_health_check_answers_without_the_database_or_the_page_cache(django_assert_num_queries):
    with django_assert_num_queries(0):
        _, response = visit("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "X-Page-Cache" not in response
