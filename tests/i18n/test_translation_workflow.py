"""The educators' translation workflow with wagtail-localize, through the admin
(issue 20, items 1 to 3): a translated course starts as drafts nobody sees;
it goes live only fully translated, published by a person or approved in
moderation; a sync never publishes; the status report counts segments; the
translated tree shows its children in the page explorer."""

import polib
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from wagtail.models import Locale, Page, Workflow
from wagtail.signals import page_published
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from courses import receivers as course_receivers
from courses.models import CoursePage, LessonPage
from courses.translation_status import (
    BEHIND,
    IN_PROGRESS,
    NOT_TRANSLATED,
    UP_TO_DATE,
    course_rollup,
    translation_status,
)
from tests.conftest import make_staff, staff_sign_in, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def educator(client):
    return staff_sign_in(client, make_staff())


@pytest.fixture
def malay_site(home, catalogue):
    """The home page and catalogue in Malay (translated by hand, live)."""
    for page in (home, catalogue):
        translate(page, "ms")


def submit(client, page, language, subtree=True, capture=None):
    """The admin's "Translate" (wagtail-localize), with or without the subtree."""
    data = {"locales": [Locale.objects.get(language_code=language).id]}
    if subtree:
        data["include_subtree"] = "on"
    with capture(execute=True):
        response = client.post(f"/admin/localize/submit/page/{page.id}/", data)
    assert response.status_code == 302
    return page.get_translation(Locale.objects.get(language_code=language)).specific


def translation_of(page):
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=page.locale)


def translate_segments(page, leave_out=0):
    """Fills in every segment of `page`'s translation but the last `leave_out`,
    as a translator does in the translation editor."""
    translation = translation_of(page)
    segments = list(StringSegment.objects.filter(source=translation.source).select_related("string").order_by("order"))
    for segment in segments[: len(segments) - leave_out]:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={"data": f"MS {segment.string.data}", "translation_type": "manual"},
        )
    return len(segments)


def statuses(home, language):
    return {row.page.title: row.cells[0] for row in translation_status(home, [language])}


def test_translating_a_course_makes_drafts_that_learners_never_see(
    client, educator, home, malay_site, course, django_capture_on_commit_callbacks
):
    course_en, lessons_en = course
    course_ms = submit(client, course_en, "ms", capture=django_capture_on_commit_callbacks)

    lessons_ms = list(LessonPage.objects.child_of(course_ms))
    assert len(lessons_ms) == len(lessons_en)
    assert not course_ms.live and not any(lesson.live for lesson in lessons_ms)

    visitor = client.__class__()
    assert visitor.get(f"/ms/courses/{course_ms.slug}/").status_code == 404
    assert visitor.get(f"/ms/courses/{course_ms.slug}/{lessons_ms[0].slug}/").status_code == 404
    # The Malay catalogue offers the course only as it is: English, at its
    # English address (issue 22's "available in other languages"), never a
    # draft or a copy under a Malay address.
    catalogue = visitor.get("/ms/courses/").content.decode()
    assert f'href="/ms/courses/{course_ms.slug}/"' not in catalogue

    # The translated tree is whole in the page explorer (wagtail-localize #773).
    course_ms.refresh_from_db()
    assert course_ms.numchild == len(lessons_en)
    explorer = client.get(f"/admin/pages/{course_ms.id}/").content.decode()
    assert all(lesson.title in explorer for lesson in lessons_ms)

    status = statuses(home, "ms")[course_en.title]
    assert (status.status, status.translated, status.live) == (NOT_TRANSLATED, 0, False)
    assert status.total > 0


def test_a_translation_is_published_only_once_every_segment_is_translated(
    client, educator, home, malay_site, course, django_capture_on_commit_callbacks
):
    course_en, _lessons = course
    course_ms = submit(client, course_en, "ms", subtree=False, capture=django_capture_on_commit_callbacks)
    total = translate_segments(course_ms, leave_out=1)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/pages/{course_ms.id}/edit/", {"action": "publish"}, follow=True)
    course_ms.refresh_from_db()
    assert not course_ms.live
    assert f"1 of {total} segments is not translated yet" in response.content.decode()
    cell = statuses(home, "ms")[course_en.title]
    assert (cell.status, cell.translated, cell.total) == (IN_PROGRESS, total - 1, total)

    translate_segments(course_ms)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/pages/{course_ms.id}/edit/", {"action": "publish"})
    course_ms.refresh_from_db()
    assert course_ms.live and course_ms.title == f"MS {course_en.title}"
    assert statuses(home, "ms")[course_en.title].status == UP_TO_DATE
    assert f"MS {course_en.title}" in client.__class__().get(course_ms.url).content.decode()


def test_an_editor_submits_a_translation_and_a_moderator_approves_it(
    client, home, malay_site, course, django_capture_on_commit_callbacks
):
    """Where a moderation workflow applies (Wagtail's "Moderators approval" on
    the whole site), an editor without publishing rights submits the
    translation from the translation editor; it goes live on approval."""
    course_en, _lessons = course
    workflow = Workflow.objects.get(name="Moderators approval")
    editors = Group.objects.get(name="Editors")
    editor = make_staff("editor@example.com", superuser=False)
    editor.groups.add(editors)
    editor.user_permissions.add(Permission.objects.get(codename="submit_translation"))
    staff_sign_in(client, editor)

    course_ms = submit(client, course_en, "ms", subtree=False, capture=django_capture_on_commit_callbacks)
    editor_page = client.get(f"/admin/pages/{course_ms.id}/edit/").content.decode()
    assert f"Submit to {workflow.name}" in editor_page
    assert "&quot;canPublish&quot;: false" in editor_page  # the editor's own "Publish" is not offered

    response = client.post(f"/admin/translations/{course_ms.id}/submit/", follow=True)
    assert "not translated yet" in response.content.decode()
    course_ms.refresh_from_db()
    assert not course_ms.workflow_in_progress

    translate_segments(course_ms)
    response = client.post(f"/admin/translations/{course_ms.id}/submit/", follow=True)
    assert f"was submitted to {workflow.name}" in response.content.decode()
    course_ms.refresh_from_db()
    assert course_ms.workflow_in_progress and not course_ms.live
    assert course_ms.get_latest_revision_as_object().title == f"MS {course_en.title}"
    assert statuses(home, "ms")[course_en.title].in_moderation

    moderator = make_staff("moderator@example.com")
    state = course_ms.current_workflow_state
    state.current_task_state.task.specific.on_action(state.current_task_state, moderator, "approve")
    course_ms.refresh_from_db()
    assert course_ms.live and course_ms.title == f"MS {course_en.title}"


def test_syncing_brings_new_segments_in_without_publishing(
    client, educator, home, malay_site, course, django_capture_on_commit_callbacks
):
    course_en, _lessons = course
    course_ms = submit(client, course_en, "ms", subtree=False, capture=django_capture_on_commit_callbacks)
    total = translate_segments(course_ms)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/pages/{course_ms.id}/edit/", {"action": "publish"})

    # The source changes: the translation is behind it until synced and redone.
    course_en.summary = "A course, second edition."
    course_en.save_revision().publish()
    assert statuses(home, "ms")[course_en.title].status == BEHIND

    source = TranslationSource.objects.get(object_id=course_en.translation_key, locale=course_en.locale)
    form = client.get(f"/admin/localize/update/{source.id}/").content.decode()
    assert "Publish immediately" not in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/localize/update/{source.id}/", {"publish_translations": "on"})
    assert response.status_code == 302
    course_ms.refresh_from_db()
    assert course_ms.summary == "MS A course."  # learners still see the finished translation
    cell = statuses(home, "ms")[course_en.title]
    assert (cell.status, cell.translated, cell.total) == (IN_PROGRESS, total - 1, total)

    translate_segments(course_ms)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/pages/{course_ms.id}/edit/", {"action": "publish"})
    course_ms.refresh_from_db()
    assert course_ms.summary == "MS A course, second edition."
    assert statuses(home, "ms")[course_en.title].status == UP_TO_DATE


def test_an_outside_translator_works_from_a_po_file(
    client, educator, home, malay_site, course, django_capture_on_commit_callbacks
):
    course_en, _lessons = course
    course_ms = submit(client, course_en, "ms", subtree=False, capture=django_capture_on_commit_callbacks)
    translation = translation_of(course_ms)
    po = polib.pofile(client.get(f"/admin/localize/translate/{translation.id}/pofile/download/").content.decode())
    assert course_en.title in [entry.msgid for entry in po]
    for entry in po:
        entry.msgstr = f"MS {entry.msgid}"
    upload = SimpleUploadedFile("course-ms.po", str(po).encode(), content_type="text/x-gettext-translation")
    assert (
        client.post(f"/admin/localize/translate/{translation.id}/pofile/upload/", {"file": upload}).status_code == 302
    )
    cell = statuses(home, "ms")[course_en.title]
    assert cell.translated == cell.total and cell.status == IN_PROGRESS  # translated, not yet published


def test_a_placeholder_is_never_served_and_becomes_a_draft_once_translated(
    client, educator, home, course, django_capture_on_commit_callbacks
):
    """Translating a lesson on its own puts a placeholder for its untranslated
    course (an alias of the English page) in the Indonesian tree: it holds
    English, so it is neither served nor listed; translating the course later
    turns it into a draft like any new translation."""
    course_en, lessons_en = course
    for page in (home, home.get_children().first()):
        translate(page.specific, "id")
    lesson_id = submit(client, lessons_en[0], "id", subtree=False, capture=django_capture_on_commit_callbacks)
    placeholder = lesson_id.get_parent().specific
    assert placeholder.alias_of_id == course_en.id and placeholder.live

    visitor = client.__class__()
    response = visitor.get(f"/id/courses/{placeholder.slug}/")
    assert response.status_code == 302 and response["Location"] == "/id/courses/?untranslated=1"
    catalogue = visitor.get("/id/courses/").content.decode()
    assert f'href="/id/courses/{placeholder.slug}/"' not in catalogue  # offered only at its English address
    switcher = visitor.get(course_en.url).content.decode()
    assert 'href="/id/courses/?untranslated=1"' in switcher
    assert statuses(home, "id")[course_en.title].status == NOT_TRANSLATED

    course_id = submit(client, course_en, "id", subtree=False, capture=django_capture_on_commit_callbacks)
    assert course_id.pk == placeholder.pk and course_id.alias_of_id is None
    assert not course_id.live
    assert visitor.get(f"/id/courses/{course_id.slug}/").status_code == 404


@pytest.mark.parametrize("receiver_connected", [False, True])
def test_translated_parents_keep_their_child_count_when_published_at_once(
    client, educator, home, malay_site, course, django_capture_on_commit_callbacks, receiver_connected
):
    """wagtail-localize #773: translating a course with its subtree and
    publishing at once (its behaviour when translations start live) stores a
    child count of 0 on the translated course, which then shows no lessons in
    the explorer. The repair run on every publication puts it right."""
    course_en, lessons_en = course
    if not receiver_connected:
        page_published.disconnect(course_receivers.keep_child_count_true)
    try:
        with override_settings(WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE=True):
            course_ms = submit(client, course_en, "ms", capture=django_capture_on_commit_callbacks)
    finally:
        page_published.connect(course_receivers.keep_child_count_true)
    course_ms = Page.objects.get(pk=course_ms.pk)
    assert course_ms.numchild == (len(lessons_en) if receiver_connected else 0)
    assert course_ms.get_children().count() == (len(lessons_en) if receiver_connected else 0)


def test_the_status_report_costs_the_same_queries_whatever_the_tree(
    client, educator, home, malay_site, make_course, django_capture_on_commit_callbacks, django_assert_num_queries
):
    small, _ = make_course("small-course", lessons=1)
    submit(client, small, "ms", capture=django_capture_on_commit_callbacks)
    with django_assert_num_queries(6):
        rows = translation_status(home, ["ms", "vi", "km"])
        rollup = course_rollup(rows, ["ms", "vi", "km"])
    big, _ = make_course("big-course", lessons=6)
    course_ms = submit(client, big, "ms", capture=django_capture_on_commit_callbacks)
    translate_segments(course_ms)
    with django_assert_num_queries(6):
        rows = translation_status(home, ["ms", "vi", "km"])
        rollup = course_rollup(rows, ["ms", "vi", "km"])
    big_row = next(row for row in rollup if row.page.id == big.id)
    malay = big_row.cells[0]
    assert (malay.pages, malay.pages_up_to_date, malay.status) == (7, 0, IN_PROGRESS)
    assert malay.translated > 0 and malay.translated < malay.total
    assert big_row.cells[1].status == NOT_TRANSLATED

    page = client.get("/admin/translation-status/").content.decode()
    assert f"{malay.translated} of {malay.total} segments" in page
    assert "0 of 7 pages up to date" in page


def test_a_placeholder_lesson_in_a_translated_course_is_not_one_of_its_lessons(client, malay_site, course):
    """A synchronised locale (wagtail-localize) puts a placeholder for every
    new English lesson into the translated course: it is not listed, and its
    address leads to the course, which says the lesson is not translated."""
    course_en, lessons_en = course
    course_ms = translate(course_en, "ms")
    translate(lessons_en[0], "ms")
    placeholder = lessons_en[1].create_alias(
        parent=course_ms, update_locale=Locale.objects.get(language_code="ms"), reset_translation_key=False
    )
    assert placeholder.live
    assert [lesson.title for lesson in CoursePage.objects.get(pk=course_ms.pk).lessons()] == [
        f"[ms] {lessons_en[0].title}"
    ]
    response = client.get(placeholder.url)
    assert response.status_code == 302 and response["Location"] == f"{course_ms.url}?untranslated=1"
