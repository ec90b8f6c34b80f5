"""Machine-drafted translations, visibly awaiting a native speaker's review,
and an educator marking a page reviewed, with an audit record (issue 22)."""

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import Locale, PageLogEntry
from wagtail_localize.models import Translation, TranslationSource

from courses.models import TranslationReview
from courses.review.status import REOPENED_ACTION, REVIEWED_ACTION, mark_reviewed, record_draft
from tests.conftest import make_staff, staff_sign_in

pytestmark = pytest.mark.django_db

WARNING = "Machine-drafted translation, awaiting review by a native speaker."
REVIEW_LINK = 'href="/admin/translation-review/{id}/?next='


@pytest.fixture
def malay(course, translate_course):
    """The course in Malay, drafted by a machine."""
    course_en, lessons = course
    course_ms, lessons_ms = translate_course(course_en, lessons, "ms")
    for page in (course_ms, *lessons_ms):
        record_draft(page, drafted_with="Celik demo content")
    return course_ms, lessons_ms


@pytest.fixture
def educator(client):
    return staff_sign_in(client, make_staff())


def test_the_listing_shows_what_awaits_review_by_language(client, educator, malay):
    course_ms, lessons_ms = malay
    html = client.get("/admin/translation-review/").content.decode()
    assert course_ms.title in html and lessons_ms[0].title in html
    assert html.count("Mark as reviewed") == 1 + len(lessons_ms)
    assert course_ms.title not in client.get("/admin/translation-review/?language=vi").content.decode()
    assert course_ms.title not in client.get("/admin/translation-review/?status=reviewed").content.decode()
    # Unknown filters are ignored, not an error.
    assert client.get("/admin/translation-review/?language=xx&status=nonsense").status_code == 200


def test_marking_reviewed_is_recorded_in_the_pages_history(client, educator, malay):
    course_ms, _lessons = malay
    response = client.post(f"/admin/translation-review/{course_ms.id}/", {"action": "reviewed"})
    assert response.status_code == 302
    review = TranslationReview.objects.get(page=course_ms)
    assert review.status == "reviewed" and review.reviewed_by == educator and review.reviewed_at
    entry = PageLogEntry.objects.get(page=course_ms, action=REVIEWED_ACTION)
    assert entry.user == educator
    assert "Marked the translation as reviewed" in str(entry.message)
    assert course_ms.title in client.get("/admin/translation-review/?status=reviewed").content.decode()
    # Twice is a no-op; a mistake can be undone, and that is recorded too.
    client.post(f"/admin/translation-review/{course_ms.id}/", {"action": "reviewed"})
    assert PageLogEntry.objects.filter(page=course_ms, action=REVIEWED_ACTION).count() == 1
    client.post(f"/admin/translation-review/{course_ms.id}/", {"action": "reopen"})
    assert TranslationReview.objects.get(page=course_ms).status == "awaiting"
    assert PageLogEntry.objects.filter(page=course_ms, action=REOPENED_ACTION).exists()


def test_bad_requests_get_a_clear_answer(client, educator, malay, course):
    course_ms, _lessons = malay
    response = client.post(f"/admin/translation-review/{course_ms.id}/", {"action": "delete"})
    assert response.status_code == 400
    assert "Choose whether the translation is reviewed." in response.content.decode()
    course_en, _ = course
    # Nothing to review (Django's locale middleware first tries the address under /en/).
    assert client.get(f"/admin/translation-review/{course_en.id}/", follow=True).status_code == 404
    assert client.get("/admin/translation-review/999999/", follow=True).status_code == 404
    # A `next` address elsewhere is not followed.
    response = client.post(
        f"/admin/translation-review/{course_ms.id}/", {"action": "reviewed", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/translation-review/"


def test_only_someone_who_may_edit_the_page_may_vouch_for_it(client, malay):
    """Staff without edit permission on the page (no Editors group) are refused."""
    course_ms, _lessons = malay
    staff = make_staff("visitor@example.com", superuser=False)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    staff_sign_in(client, staff)
    assert client.get("/admin/translation-review/").status_code == 200  # may see the listing
    response = client.post(f"/admin/translation-review/{course_ms.id}/", {"action": "reviewed"}, follow=True)
    # Wagtail's way with a refused admin page: back to the dashboard, with its message.
    assert response.redirect_chain[0] == ("/admin/", 302)
    assert "Sorry, you do not have permission to access this area." in response.content.decode()
    assert TranslationReview.objects.get(page=course_ms).status == "awaiting"


def test_the_page_editor_says_so_and_offers_the_button(client, educator, malay):
    course_ms, lessons_ms = malay
    html = client.get(f"/admin/pages/{course_ms.id}/edit/").content.decode()
    assert WARNING in html
    assert f'href="/admin/translation-review/{course_ms.id}/"' in html and "Mark translation as reviewed" in html
    # The same in wagtail-localize's translation editor, for a synced translation.
    source, _created = TranslationSource.get_or_create_from_instance(
        lessons_ms[0].get_translation(Locale.objects.get(language_code="en"))
    )
    Translation.objects.create(source=source, target_locale=lessons_ms[0].locale)
    html = client.get(f"/admin/pages/{lessons_ms[0].id}/edit/").content.decode()
    assert "js-translation-editor" in html and WARNING in html
    assert REVIEW_LINK.format(id=lessons_ms[0].id) in html  # its own button: that editor has no actions menu
    # Once reviewed, neither shows.
    mark_reviewed(course_ms, educator)
    html = client.get(f"/admin/pages/{course_ms.id}/edit/").content.decode()
    assert WARNING not in html and "Mark translation as reviewed" not in html


def test_loading_the_same_translation_again_keeps_the_review(malay, educator):
    course_ms, _lessons = malay
    mark_reviewed(course_ms, educator)
    record_draft(course_ms, drafted_with="Celik demo content", changed=False)
    assert TranslationReview.objects.get(page=course_ms).status == "reviewed"
    record_draft(course_ms, drafted_with="Celik demo content", changed=True)
    assert TranslationReview.objects.get(page=course_ms).status == "awaiting"
