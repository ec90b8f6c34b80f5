"""The educators' translation workflow with wagtail-localize, through the admin:
translate a course from its source, export and import PO files for an outside
translator, see per language what is translated and up to date, and sync after
the source changes (issue 4)."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from tests.conftest import make_staff, staff_sign_in
from courses.models import CoursePage
from courses.translation_status import DRAFT, MISSING, OUTDATED, UP_TO_DATE, translation_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def educator(client):
    return staff_sign_in(client, make_staff())


def statuses(home, language):
    return {row.page.title: row.cells[0].status for row in translation_status(home, [language])}


def test_translate_export_import_sync(client, educator, home, course, django_capture_on_commit_callbacks):
    course_en, lessons_en = course
    indonesian = Locale.objects.get(language_code="id")
    assert statuses(home, "id")[course_en.title] == MISSING

    # 1. Translate the whole site tree, course and lessons included, from English.
    response = client.post(
        f"/admin/localize/submit/page/{home.id}/", {"locales": [indonesian.id], "include_subtree": "on"}
    )
    assert response.status_code == 302
    course_id = CoursePage.objects.get(translation_key=course_en.translation_key, locale=indonesian)
    assert course_id.get_children().count() == len(lessons_en)

    # 2. An outside translator gets a PO file of the course...
    translation = Translation.objects.get(
        source__object_id=course_en.translation_key, target_locale=indonesian
    )
    response = client.get(f"/admin/localize/translate/{translation.id}/pofile/download/")
    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    assert course_en.title in [entry.msgid for entry in po]
    # ...fills it in, and the educator uploads it.
    for entry in po:
        entry.msgstr = f"ID {entry.msgid}"
    upload = SimpleUploadedFile("course-id.po", str(po).encode(), content_type="text/x-gettext-translation")
    response = client.post(f"/admin/localize/translate/{translation.id}/pofile/upload/", {"file": upload})
    assert response.status_code == 302
    # wagtail-localize publishes once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(user=educator, publish=True)  # the editor's "Publish in Bahasa Indonesia"
    course_id.refresh_from_db()
    assert course_id.title == f"ID {course_en.title}"
    assert course_id.live
    assert statuses(home, "id")[course_en.title] == UP_TO_DATE

    # 3. The per-language report shows it, page by page.
    html = client.get("/admin/translation-status/").content.decode()
    assert "Translation status" in html
    assert course_en.title in html and "Up to date" in html and "Not translated" in html

    # 4. The source changes: the translation is flagged until it is synced.
    course_en.title = "Check before you share (2nd edition)"
    course_en.save_revision().publish()
    assert statuses(home, "id")[course_en.title] == OUTDATED
    assert "Needs updating" in client.get("/admin/translation-status/").content.decode()
    source = TranslationSource.objects.get(object_id=course_en.translation_key, locale=course_en.locale)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/localize/update/{source.id}/", {"publish_translations": "on"})
    assert response.status_code == 302
    assert statuses(home, "id")[course_en.title] == UP_TO_DATE
    # The new title waits for its translation; the rest keeps the translator's work.
    course_id.refresh_from_db()
    assert course_id.summary == f"ID {course_en.summary}"


def test_a_draft_translation_is_reported_as_draft(home, course, translate_course):
    course_en, lessons_en = course
    _course_th, (lesson_th, *_rest) = translate_course(course_en, lessons_en, "th")
    lesson_th.unpublish()
    status = {row.page.id: row.cells[0].status for row in translation_status(home, ["th"])}
    assert status[lessons_en[0].id] == DRAFT
    assert status[lessons_en[1].id] == UP_TO_DATE


def test_status_report_needs_two_queries_whatever_the_tree(home, course, translate_course, django_assert_num_queries):
    course_en, lessons_en = course
    translate_course(course_en, lessons_en, "ms")
    with django_assert_num_queries(2):
        rows = translation_status(home, ["ms", "vi", "km"])
    assert len(rows) == 2 + 1 + len(lessons_en)  # home, catalogue, course, lessons
