"""An editor translates a course into Malay in Chromium, end to end (issue 20,
items 1, 2, 3 and 6), where Wagtail's moderation workflow applies to the site:

the course and its lessons and quiz become Malay drafts nobody can read; the
page explorer shows the translated course with its pages (wagtail-localize
#773); the quiz's translation editor names each segment (option text,
option feedback, feedback for each verdict); the editor translates a lesson
segment by segment and submits it, then the whole course, for approval; a
moderator publishes the whole course from its outline; visitors then read it
in Malay, and the translation status shows it up to date, segment by
segment."""

import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import expect
from wagtail.models import GroupApprovalTask, GroupPagePermission, Locale, Page, Workflow, WorkflowPage, WorkflowTask
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from courses.models import CoursePage, LessonPage
from quizzes.models import QuizPage
from tests.conftest import make_staff, publish, totp_code, translate
from tests.quizzes.conftest import QUESTIONS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def moderation_for_the_whole_site():
    """Wagtail's default set-up (its migrations make it; a transactional test's
    flush may have removed it): "Moderators approval" on every page, Editors
    who may add and edit pages and send them for translation, Moderators who
    may publish."""
    root = Page.get_first_root_node()
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    # wagtail-localize's data migration makes this one; Django makes the others again after a flush.
    submit_translation, _ = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_or_create(app_label="wagtail_localize", model="translation")[0],
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    editors, _ = Group.objects.get_or_create(name="Editors")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    for group, kinds in ((editors, ("add", "change")), (moderators, ("add", "change", "publish"))):
        group.permissions.add(access_admin, submit_translation)
        for kind in kinds:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{kind}_page")
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    workflow, _ = Workflow.objects.get_or_create(name="Moderators approval")
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name="Moderators approval")
        task.groups.set([moderators])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=root, defaults={"workflow": workflow})
    return editors, moderators


def sign_in(page, base_url, user):
    page.goto(base_url + "/admin/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("textbox", name="Code").fill(totp_code(user))
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(base_url + "/admin/")


def translate_in_the_editor(page):
    """Translates every segment still waiting, tab by tab (the slug is on
    "Promote"), as a translator does in wagtail-localize's editor:
    "Translate", type, "Save"."""
    waiting = page.get_by_role("button", name="Translate", exact=True)
    for tab in ("Content", "Promote"):
        page.get_by_role("tab", name=tab).click()
        expect(waiting.first).to_be_visible()
        while waiting.count():
            waiting.first.click()
            editing = page.locator("li:has(textarea)")
            source = editing.locator("p").first.inner_text()
            editing.locator("textarea").fill(f"ms-{source}" if tab == "Promote" else f"MS {source}")
            editing.get_by_role("button", name="Save", exact=True).click()
            expect(page.locator("li:has(textarea)")).to_have_count(0)


def translate_by_file(page_ms):
    """What an outside translator's PO file brings for one page: every segment."""
    translation = Translation.objects.get(source__object_id=page_ms.translation_key, target_locale=page_ms.locale)
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={"data": f"MS {segment.string.data}", "translation_type": "manual"},
        )


def test_an_editor_translates_a_course_that_goes_live_only_when_approved(
    live_server, browser, page, home, catalogue, course
):
    course_en, lessons_en = course
    quiz_en = QuizPage(title="Check your skills", slug="quiz", questions=json.dumps(QUESTIONS))
    course_en.add_child(instance=quiz_en)
    publish(quiz_en)
    for parent in (home, catalogue):
        translate(parent, "ms")
    editors, moderators = moderation_for_the_whole_site()
    editor = make_staff("editor@example.com", superuser=False)
    editor.groups.add(editors)
    moderator = make_staff("moderator@example.com", superuser=False)
    moderator.groups.add(moderators)
    malay = Locale.objects.get(language_code="ms")
    visitor = browser.new_context().new_page()
    page.set_viewport_size({"width": 1280, "height": 900})

    # 1. The editor translates the course, its lessons and quiz into Malay.
    sign_in(page, live_server.url, editor)
    page.goto(f"{live_server.url}/admin/localize/submit/page/{course_en.id}/")
    page.get_by_label("Bahasa Melayu").check()
    page.get_by_label(re.compile("Include subtree")).check()
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("was successfully submitted for translation into Bahasa Melayu")).to_be_visible()
    course_ms = CoursePage.objects.get(translation_key=course_en.translation_key, locale=malay)
    lessons_ms = list(LessonPage.objects.child_of(course_ms).order_by("path"))
    quiz_ms = QuizPage.objects.get(translation_key=quiz_en.translation_key, locale=malay)
    assert not course_ms.live and not any(lesson.live for lesson in lessons_ms) and not quiz_ms.live

    # Nothing of it is served in Malay: it is all drafts, still in English.
    assert visitor.goto(f"{live_server.url}/ms/courses/{course_ms.slug}/").status == 404
    assert visitor.goto(f"{live_server.url}/ms/courses/{course_ms.slug}/{lessons_ms[0].slug}/").status == 404

    # 2. The page explorer shows the Malay course with all its pages.
    page.goto(f"{live_server.url}/admin/pages/{course_ms.id}/")
    for child in [*lessons_ms, quiz_ms]:
        expect(page.get_by_role("link", name=child.title, exact=True)).to_be_visible()

    # 3. The quiz's translation editor says what each segment is.
    page.goto(f"{live_server.url}/admin/pages/{quiz_ms.id}/edit/")
    for label in ("Option text", "Option feedback", "Feedback for “Scam”", "Feedback for “true”", "Explanation"):
        expect(page.get_by_text(label, exact=True).first).to_be_visible()
    expect(page.get_by_text("Options", exact=True)).to_have_count(0)

    # 4. The editor translates the first lesson here, segment by segment, and
    # submits it; an outside translator's files brought in the others.
    page.goto(f"{live_server.url}/admin/pages/{lessons_ms[0].id}/edit/")
    translate_in_the_editor(page)
    page.get_by_role("button", name="Submit to Moderators approval").click()
    expect(page.get_by_role("status")).to_contain_text("was submitted to Moderators approval")
    assert visitor.goto(f"{live_server.url}/ms/courses/{course_ms.slug}/{lessons_ms[0].slug}/").status == 404
    for page_ms in [course_ms, *lessons_ms[1:], quiz_ms]:
        translate_by_file(page_ms)

    page.goto(f"{live_server.url}/admin/courses/{course_ms.id}/outline/")
    page.get_by_role("button", name="Submit the whole course for approval").click()
    expect(page.get_by_role("status")).to_contain_text("4 pages were submitted for approval")
    expect(page.locator("tbody tr").filter(has_text="Waiting for approval")).to_have_count(len(lessons_ms) + 1)

    # 5. A moderator publishes the whole course at once.
    moderation = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(moderation, live_server.url, moderator)
    expect(moderation.get_by_text(f"MS {lessons_en[0].title}").first).to_be_visible()  # awaiting their review
    moderation.goto(f"{live_server.url}/admin/courses/{course_ms.id}/outline/")
    moderation.get_by_role("button", name="Publish the whole course").click()
    expect(moderation.get_by_role("status")).to_contain_text("The whole course is live.")

    # 6. Visitors read it in Malay.
    visitor.goto(f"{live_server.url}/ms/courses/")
    visitor.get_by_role("link", name=f"MS {course_en.title}").first.click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(f"MS {course_en.title}")
    visitor.get_by_role("link", name=f"MS {lessons_en[0].title}").first.click()
    expect(visitor.locator(".lesson-body")).to_contain_text("MS About lesson 1")

    # 7. The translation status shows the course up to date, segment by segment.
    page.goto(f"{live_server.url}/admin/translation-status/")
    course_row = page.get_by_role("row").filter(has=page.get_by_role("link", name=course_en.title, exact=True)).first
    malay_cell = course_row.get_by_role("cell").nth(0)
    expect(malay_cell).to_contain_text("Up to date")
    expect(malay_cell).to_contain_text(re.compile(r"(\d+) of \1 segments"))
    expect(malay_cell).to_contain_text("5 of 5 pages up to date")
