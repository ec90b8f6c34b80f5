"""The page cache (cms/page_cache.py): who gets a cached page, that no one
ever gets a page with someone else's progress, that a cached page's form
still works, and that publishing, unpublishing and drafts are never hidden
behind it."""

import json

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import MessageEncoder
from django.test import Client

from accounts.display import COOKIE_NAME as DISPLAY_COOKIE
from accounts.models import LearnerProfile
from courses.models import LessonProgress
from tests.conftest import make_staff, publish, staff_sign_in
from tests.quizzes.conftest import make_quiz, quiz  # noqa: F401  (fixtures)

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
    assert second.content.decode().replace(csrf_token_in(second), "") == first.content.decode().replace(
        csrf_token_in(first), ""
    )
    # The security and language headers still come with it.
    assert "Content-Security-Policy" in second and second["Content-Language"] == "en"

    # Its form carries this visitor's own CSRF token, and works.
    assert csrf_token_in(second) != csrf_token_in(first)
    done = client.post(
        f"/en/learn/courses/{lessons[0].get_parent().id}/lessons/{lessons[0].id}/complete/",
        {"csrfmiddlewaretoken": csrf_token_in(second)},
    )
    assert done.status_code == 302
    # From now on this guest has a session: the copy for their progress.
    again = client.get(lessons[0].url)
    assert again["X-Page-Cache"] == "miss" and "1 of 3 steps done" in again.content.decode()


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


def signed_in(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def complete(client, lesson):
    """Presses "Mark complete" on the lesson page, with the token that page gave."""
    page = client.get(lesson.url)
    response = client.post(
        f"/en/learn/courses/{lesson.get_parent().id}/lessons/{lesson.id}/complete/",
        {"csrfmiddlewaretoken": csrf_token_in(page)},
    )
    assert response.status_code == 302


def test_learners_with_the_same_progress_share_one_copy_each_with_their_own_token(
    course, learner, other_learner, django_assert_max_num_queries
):
    _, lessons = course
    aina, binh = signed_in(learner), signed_in(other_learner)
    complete(aina, lessons[0]), complete(binh, lessons[0])

    first = aina.get(lessons[1].url)
    assert first["X-Page-Cache"] == "miss"
    # The session, the learner, their lessons done: nothing else of the page
    # is looked up (with Redis sessions, one query fewer).
    with django_assert_max_num_queries(3):
        second = binh.get(lessons[1].url)
    assert second["X-Page-Cache"] == "hit"
    html = second.content.decode()
    assert html.replace(csrf_token_in(second), "") == first.content.decode().replace(csrf_token_in(first), "")
    assert "1 of 3 steps done" in html and "Sign out" in html
    # Still a personal page: no browser or proxy may keep it.
    assert "no-store" in second["Cache-Control"]

    # Bình's copy carries Bình's own token, and the button works for Bình.
    assert csrf_token_in(second) != csrf_token_in(first)
    done = binh.post(
        f"/en/learn/courses/{lessons[1].get_parent().id}/lessons/{lessons[1].id}/complete/",
        {"csrfmiddlewaretoken": csrf_token_in(second)},
    )
    assert done.status_code == 302
    assert LessonProgress.objects.filter(user=other_learner).count() == 2
    assert LessonProgress.objects.filter(user=learner).count() == 1


def test_no_learner_ever_gets_a_page_with_someone_elses_progress(course, learner, other_learner):
    _, lessons = course
    aina, binh = signed_in(learner), signed_in(other_learner)
    complete(aina, lessons[0])
    assert "You have completed this lesson." in aina.get(lessons[0].url).content.decode()
    assert aina.get(lessons[0].url)["X-Page-Cache"] == "hit"

    # Bình has done nothing: the copy for that (made for Aina before she
    # pressed the button), never hers of now.
    response = binh.get(lessons[0].url)
    html = response.content.decode()
    assert response["X-Page-Cache"] == "hit"
    assert "You have completed this lesson." not in html and "Mark complete and continue" in html
    assert "0 of 3 steps done" in html

    # A lesson done shows at once: Bình's progress now matches Aina's copy.
    complete(binh, lessons[0])
    response = binh.get(lessons[0].url)
    assert response["X-Page-Cache"] == "hit" and "You have completed this lesson." in response.content.decode()
    # And the next lesson's pager knows it, for both.
    assert "1 of 3 steps done" in binh.get(lessons[1].url).content.decode()


def test_a_guest_and_a_learner_with_the_same_progress_get_different_copies(course, learner):
    _, lessons = course
    guest, aina = Client(), signed_in(learner)
    complete(guest, lessons[0]), complete(aina, lessons[0])
    assert guest.get(lessons[1].url)["X-Page-Cache"] == "miss"
    response = aina.get(lessons[1].url)
    assert response["X-Page-Cache"] == "miss"
    assert "Sign out" in response.content.decode() and "Sign up" not in response.content.decode()
    response = Client().get(lessons[1].url)  # and a first-time visitor has theirs
    assert "Sign up" in response.content.decode() and "Sign out" not in response.content.decode()


def test_a_learners_display_choice_from_their_profile_has_its_own_copy(course, learner, other_learner):
    _, lessons = course
    LearnerProfile.objects.filter(user=learner).update(text_size="x-large", high_contrast=True)
    aina, binh = signed_in(learner), signed_in(other_learner)
    response = aina.get(lessons[0].url)
    assert response["X-Page-Cache"] == "miss" and 'class="text-x-large high-contrast"' in response.content.decode()
    response = binh.get(lessons[0].url)
    assert response["X-Page-Cache"] == "miss" and "text-x-large" not in response.content.decode()
    assert "text-x-large" not in binh.get(lessons[0].url).content.decode()


def test_staff_always_get_their_own_page_with_the_user_bar(client, course, learner):
    _, lessons = course
    aina = signed_in(learner)
    aina.get(lessons[0].url)
    assert aina.get(lessons[0].url)["X-Page-Cache"] == "hit"
    assert "wagtail-userbar" not in aina.get(lessons[0].url).content.decode()

    # An educator: no superuser, no is_staff, in Wagtail's Editors group.
    editor = make_staff(superuser=False, authenticator=True)
    Group.objects.get(name="Editors").user_set.add(editor)
    staff_sign_in(client, editor)
    for _ in range(2):
        response = client.get(lessons[0].url)
        assert "X-Page-Cache" not in response and "wagtail-userbar" in response.content.decode()


def test_a_pending_message_is_shown_on_a_page_made_fresh(course, learner):
    _, lessons = course
    aina = signed_in(learner)
    aina.get(lessons[0].url), aina.get(lessons[0].url)
    # Aina saves larger text from the lesson; the lesson then says so, once.
    form = aina.get(f"/en/display/?next={lessons[0].url}")
    saved = aina.post(
        "/en/display/",
        {"csrfmiddlewaretoken": csrf_token_in(form), "text_size": "large", "next": lessons[0].url},
    )
    assert saved.status_code == 302 and saved["Location"] == lessons[0].url
    response = aina.get(lessons[0].url)
    html = response.content.decode()
    assert "X-Page-Cache" not in response
    assert "Your display options have been saved." in html and 'class="text-large"' in html
    response = aina.get(lessons[0].url)
    assert response["X-Page-Cache"] == "miss"  # the copy for large text, without the message
    assert "Your display options have been saved." not in response.content.decode()
    assert aina.get(lessons[0].url)["X-Page-Cache"] == "hit"

    # Should a message wait in the session (a long one, or another storage), the same.
    session = aina.session
    session["_messages"] = json.dumps([Message(constants.SUCCESS, "Welcome back.")], cls=MessageEncoder)
    session.save()
    assert "X-Page-Cache" not in aina.get(lessons[0].url)


def test_a_learners_copy_shows_a_publish_at_once(course, learner):
    _, lessons = course
    aina = signed_in(learner)
    aina.get(lessons[0].url)
    assert aina.get(lessons[0].url)["X-Page-Cache"] == "hit"
    lessons[0].title = "Lesson 1, rewritten"
    publish(lessons[0])
    response = aina.get(lessons[0].url)
    assert response["X-Page-Cache"] == "miss" and "Lesson 1, rewritten" in response.content.decode()


def test_the_course_page_is_shared_by_learners_at_the_same_point(course, learner, other_learner):
    """A course page shows its reader only their progress (the certificate
    link is the same for all: it leads to whoever follows it's own)."""
    course_page, lessons = course
    aina, binh = signed_in(learner), signed_in(other_learner)
    assert aina.get(course_page.url)["X-Page-Cache"] == "miss"
    shared = binh.get(course_page.url)
    assert shared["X-Page-Cache"] == "hit" and "0 of 3 steps done" in shared.content.decode()
    complete(aina, lessons[0])
    mine = aina.get(course_page.url)
    assert mine["X-Page-Cache"] == "miss" and "1 of 3 steps done" in mine.content.decode()
    assert "0 of 3 steps done" in binh.get(course_page.url).content.decode()


def test_pages_with_more_of_the_learner_than_their_progress_are_always_made_fresh(quiz, learner):
    aina = signed_in(learner)
    for _ in range(3):  # the quiz page lists their attempts: made for them every time
        assert "X-Page-Cache" not in aina.get(quiz.url)


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


def test_my_learning_is_each_learners_own_copy_until_their_progress_moves(course, learner, other_learner):
    course_page, lessons = course
    aina, binh = signed_in(learner), signed_in(other_learner)
    complete(aina, lessons[0])
    first = aina.get("/en/learn/my-learning/")
    assert first["X-Page-Cache"] == "miss" and "1 of 3 steps done" in first.content.decode()
    again = aina.get("/en/learn/my-learning/")
    assert again["X-Page-Cache"] == "hit" and "1 of 3 steps done" in again.content.decode()

    theirs = binh.get("/en/learn/my-learning/")  # never someone else's copy
    assert theirs.get("X-Page-Cache") != "hit" and course_page.title not in theirs.content.decode()

    complete(aina, lessons[1])
    moved = aina.get("/en/learn/my-learning/")
    assert moved["X-Page-Cache"] == "miss" and "2 of 3 steps done" in moved.content.decode()
