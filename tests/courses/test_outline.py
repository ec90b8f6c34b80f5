"""The course outline in the admin (issue 20, item 8): a course's lessons and
quiz in order, added from it and from each other's editor, reordered (the
translations follow), and published or submitted whole, all or nothing."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale, PageLogEntry
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import CoursePage, LessonPage
from courses.outline import CourseNotReady, publish_course
from tests.conftest import lesson_body, make_staff, staff_sign_in

pytestmark = pytest.mark.django_db


def outline_page(client, course):
    response = client.get(f"/admin/courses/{course.id}/outline/")
    assert response.status_code == 200
    return response.content.decode()


def add_draft_lesson(course, title="Draft lesson"):
    lesson = LessonPage(title=title, slug=title.lower().replace(" ", "-"), body=lesson_body(title), live=False)
    course.add_child(instance=lesson)
    lesson.save_revision()
    return lesson


def test_the_outline_shows_the_lessons_in_order_and_ways_to_add_more(staff_client, course):
    course_page, lessons = course
    page = outline_page(staff_client, course_page)
    positions = [page.index(f">{lesson.title}<") for lesson in lessons]
    assert positions == sorted(positions)
    assert f'/admin/pages/add/courses/lessonpage/{course_page.id}/"' in page
    assert f'/admin/pages/add/quizzes/quizpage/{course_page.id}/"' in page
    assert "Everything in this course is live." in page


def test_the_outline_is_for_those_who_may_edit_the_course(client, course):
    course_page, _lessons = course
    staff_sign_in(client, make_staff("reader@example.com", superuser=False))
    assert client.get(f"/admin/courses/{course_page.id}/outline/").status_code in {302, 403}


def test_moving_a_lesson_reorders_the_course_and_its_translations(staff_client, course, translate_course):
    course_page, lessons = course
    course_ms, lessons_ms = translate_course(course_page, lessons, "ms")
    response = staff_client.post(
        f"/admin/courses/{course_page.id}/outline/move/{lessons[0].id}/", {"direction": "down"}
    )
    assert response.status_code == 302 and response["Location"] == f"/admin/courses/{course_page.id}/outline/"

    def titles(course):
        return [lesson.title for lesson in CoursePage.objects.get(pk=course.pk).lessons()]

    assert titles(course_page) == ["Lesson 2", "Lesson 1", "Lesson 3"]
    assert titles(course_ms) == ["[ms] Lesson 2", "[ms] Lesson 1", "[ms] Lesson 3"]
    assert PageLogEntry.objects.filter(page=lessons[0], action="wagtail.reorder").exists()
    # Learners take the lessons in the new order.
    lesson_list = staff_client.__class__().get(course_page.url).content.decode()
    assert lesson_list.index("Lesson 2") < lesson_list.index("Lesson 1")

    bad = staff_client.post(f"/admin/courses/{course_page.id}/outline/move/{lessons[0].id}/", {"direction": "sideways"})
    assert bad.status_code == 400


def test_publishing_the_whole_course_publishes_every_page_waiting(staff_client, course):
    course_page, _lessons = course
    draft = add_draft_lesson(course_page)
    course_page.summary = "A new summary."
    course_page.save_revision()
    page = outline_page(staff_client, course_page)
    assert "2 pages have changes learners do not see yet" in page

    response = staff_client.post(
        f"/admin/courses/{course_page.id}/outline/publish/", {"action": "publish"}, follow=True
    )
    assert "2 pages were published. The whole course is live." in response.content.decode()
    draft.refresh_from_db()
    course_page.refresh_from_db()
    assert draft.live and course_page.summary == "A new summary." and not course_page.has_unpublished_changes
    assert PageLogEntry.objects.filter(page=course_page, action="courses.publish_course").exists()


def test_the_whole_course_waits_while_a_translation_is_unfinished(
    staff_client, course, home, catalogue, django_capture_on_commit_callbacks
):
    course_page, _lessons = course
    for page in (home, catalogue):
        staff_client.post(
            f"/admin/localize/submit/page/{page.id}/", {"locales": [Locale.objects.get(language_code="ms").id]}
        )
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            f"/admin/localize/submit/page/{course_page.id}/",
            {"locales": [Locale.objects.get(language_code="ms").id], "include_subtree": "on"},
        )
    course_ms = course_page.get_translation(Locale.objects.get(language_code="ms")).specific
    user = make_staff("publisher@example.com")
    with pytest.raises(CourseNotReady) as refusal:
        publish_course(course_ms, user)
    assert len(refusal.value.problems) == 4  # the course and its three lessons, none translated yet
    assert "segments are not translated yet" in str(refusal.value)
    course_ms.refresh_from_db()
    assert not course_ms.live

    response = staff_client.post(f"/admin/courses/{course_ms.id}/outline/publish/", {"action": "publish"}, follow=True)
    assert "Nothing was changed." in response.content.decode()


def test_an_editor_submits_the_whole_course_for_approval(client, course):
    course_page, _lessons = course
    editor = make_staff("editor@example.com", superuser=False)
    editor.groups.add(Group.objects.get(name="Editors"))
    staff_sign_in(client, editor)
    draft = add_draft_lesson(course_page)
    page = outline_page(client, course_page)
    assert "Submit the whole course for approval" in page and "Publish the whole course" not in page

    response = client.post(f"/admin/courses/{course_page.id}/outline/publish/", {"action": "submit"}, follow=True)
    assert "1 page was submitted for approval." in response.content.decode()
    draft.refresh_from_db()
    assert draft.workflow_in_progress and not draft.live
    assert "Waiting for approval" in outline_page(client, course_page)


def lesson_form(title, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": title.lower().replace(" ", "-"),
            "summary": "",
            "estimated_minutes": 10,
            "body": streamfield([("heading", "About it"), ("paragraph", rich_text("<p>Some teaching.</p>"))]),
            **extra,
        }
    )


def test_from_one_editor_to_the_next_then_the_whole_course(staff_client, course):
    """The page editor's own actions: save this page and open a new lesson
    (or quiz) in the same course; save it and publish the whole course."""
    course_page, _lessons = course
    add_url = f"/admin/pages/add/courses/lessonpage/{course_page.id}/"
    editor = staff_client.get(add_url).content.decode()
    assert (
        "Save and add a lesson" in editor and "Save and add a quiz" in editor and "Publish the whole course" in editor
    )

    response = staff_client.post(add_url, lesson_form("Lesson four", **{"action-celik-add-quizzes.quizpage": "1"}))
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/add/quizzes/quizpage/{course_page.id}/"
    four = LessonPage.objects.get(slug="lesson-four")
    assert not four.live

    response = staff_client.post(add_url, lesson_form("Lesson five", **{"action-celik-whole-course": "1"}))
    assert response["Location"] == f"/admin/courses/{course_page.id}/outline/"
    assert all(lesson.live for lesson in LessonPage.objects.child_of(course_page))


def test_the_dashboard_leads_to_each_course_and_to_a_new_one(staff_client, course, catalogue):
    course_page, _lessons = course
    dashboard = staff_client.get("/admin/").content.decode()
    assert f'href="/admin/pages/add/courses/coursepage/{catalogue.id}/"' in dashboard
    assert f'href="/admin/courses/{course_page.id}/outline/"' in dashboard


def test_the_course_editor_lists_its_lessons_and_leads_to_the_outline(staff_client, course):
    course_page, lessons = course
    editor = staff_client.get(f"/admin/pages/{course_page.id}/edit/").content.decode()
    assert all(lesson.title in editor for lesson in lessons)
    assert f'href="/admin/courses/{course_page.id}/outline/"' in editor


def test_a_moderator_publishes_a_course_waiting_for_approval(client, course):
    """What editors submitted, a publisher publishes whole from the outline
    (publishing replaces what waits in moderation)."""
    course_page, _lessons = course
    draft = add_draft_lesson(course_page)
    draft.get_workflow().start(draft, make_staff("editor@example.com", superuser=False))
    staff_sign_in(client, make_staff("moderator@example.com"))
    page = outline_page(client, course_page)
    assert "Waiting for approval" in page and "Publish the whole course" in page
    client.post(f"/admin/courses/{course_page.id}/outline/publish/", {"action": "publish"})
    draft.refresh_from_db()
    assert draft.live and not draft.workflow_in_progress


def test_a_lesson_of_an_unpublished_course_is_not_served(client, course):
    """A lesson published before its course (a translation, say) waits for
    it: learners reach lessons through their course."""
    course_page, lessons = course
    course_page.unpublish()
    lessons[0].refresh_from_db()
    assert lessons[0].live
    assert client.get(lessons[0].url).status_code == 404
