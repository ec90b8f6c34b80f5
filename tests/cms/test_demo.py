"""The demo-content command, loaded once for this module: every course in
every language it has, made as wagtail-localize translations, valid,
published, marked as machine-drafted, and safe to run twice.

The data files themselves (PO files, glossaries, markup) are checked without
loading anything in tests/cms/test_demo_content.py."""

from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.utils.html import escape
from wagtail.models import Page, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from cms.demo_bundles import UNTRANSLATED_PATHS
from cms.demo_quality import english_left
from cms.models import HomePage
from courses.models import (
    Competence,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    Pillar,
    ReportingChannel,
    TranslationReview,
)
from courses.review.status import mark_reviewed
from quizzes.models import QuizPage
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db

# What the repository ships, complete, in each language (issue 22): every
# course in all ten languages.
EVERY_LANGUAGE = {code for code, _name in settings.LANGUAGES}
COURSE_LANGUAGES = {
    "check-before-you-share": EVERY_LANGUAGE,
    "ai-images-voices-deepfakes": EVERY_LANGUAGE,
    "stay-safe-from-online-scams": EVERY_LANGUAGE,
    "protecting-children-and-women-online": EVERY_LANGUAGE,
    "being-a-responsible-digital-citizen": EVERY_LANGUAGE,
}
QUESTION_TYPES = {"single_choice", "multiple_choice", "true_false", "real_or_fake", "ordering", "scenario"}


def load_demo(*args):
    out = StringIO()
    call_command("load_demo", "--no-learners", *args, stdout=out)
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Page,
            HomePage,
            CourseIndexPage,
            CoursePage,
            LessonPage,
            Pillar,
            Competence,
            ReportingChannel,
            Translation,
            TranslationReview,
        )
    }


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    """Loads the whole demo once for this module, and removes it after."""
    with django_db_blocker.unblock(), transaction.atomic():
        first = load_demo()
        yield first
        transaction.set_rollback(True)


def course_pages(course):
    """The course page and its lessons and quiz, in tree order."""
    return [course, *[page.specific for page in course.get_children().order_by("path")]]


def test_every_course_is_loaded_in_every_language_it_has(demo_db):
    sources = CoursePage.objects.filter(locale__language_code="en").order_by("path")
    assert {course.slug for course in sources} == set(COURSE_LANGUAGES)
    for course in sources:
        expected = COURSE_LANGUAGES[course.slug]
        children = [page.specific for page in course.get_children()]
        assert len([p for p in children if isinstance(p, LessonPage)]) == 4, course.slug
        quiz = next(p for p in children if isinstance(p, QuizPage))
        assert {block.block_type for block in quiz.questions} == QUESTION_TYPES, course.slug
        for page in course_pages(course):
            translations = page.get_translations(inclusive=True).live()
            assert {t.locale.language_code for t in translations} == expected, page.url_path


def test_translations_are_complete_wagtail_localize_translations(demo_db):
    """Each translated page has its TranslationSource and an enabled
    Translation with every text translated, so "Sync translated pages" and
    the translation editor work on it; the texts are marked as machine
    translations."""
    for course in CoursePage.objects.filter(locale__language_code="en"):
        for page in course_pages(course):
            source = TranslationSource.objects.get_for_instance(page)
            translations = {t.target_locale.language_code: t for t in source.translations.filter(enabled=True)}
            assert set(translations) == COURSE_LANGUAGES[course.slug] - {"en"}, page.url_path
            for translation in translations.values():
                total, done = translation.get_progress()
                assert total == done > 0, (page.url_path, translation.target_locale)
    assert (
        StringTranslation.objects.filter(translation_type="manual")
        .exclude(context__path__in=UNTRANSLATED_PATHS)
        .count()
        == 0
    )
    assert StringTranslation.objects.filter(translation_type="machine").count() > 1000


def test_every_page_in_every_language_passes_full_clean_and_carries_no_english(demo_db):
    """The admin's own validation, and no English beyond the listed proper
    nouns in any text a translated page stores (Burmese: Unicode, which
    full_clean checks)."""
    checked = 0
    for page in Page.objects.exclude(depth=1).exclude(locale__language_code="en").specific():
        page.full_clean()
        for segment in extract_segments(page):
            if isinstance(segment, StringSegmentValue) and segment.path not in UNTRANSLATED_PATHS:
                text = segment.string.data
                assert not english_left(text, page.locale.language_code), (page.url_path, text[:200])
        checked += 1
    # Nine homes and catalogues, and the six pages of every course in each of its languages.
    assert checked == 9 * 2 + 6 * sum(len(languages) - 1 for languages in COURSE_LANGUAGES.values())


def test_every_course_page_renders_in_every_language(demo_db, client):
    for course in CoursePage.objects.live().specific():
        for page in course_pages(course):
            response = client.get(page.url)
            assert response.status_code == 200, page.url
            assert escape(page.title) in response.content.decode()


def test_framework_and_reporting_channels_exist_in_every_language(demo_db):
    languages = {code for code, _ in settings.LANGUAGES}
    codes = set(Competence.objects.filter(locale__language_code="en").values_list("code", flat=True))
    assert {"1.2", "2.5", "4.3", "AI.1", "AI.2"} <= codes
    for code in codes:
        rows = Competence.objects.filter(code=code)
        assert {row.locale.language_code for row in rows} == languages, code
        assert len({row.name for row in rows}) == len(languages), code  # really translated
        assert all(row.pillar.locale_id == row.locale_id for row in rows)
    mcmc = ReportingChannel.objects.filter(country="MY")
    assert {row.locale.language_code for row in mcmc} == languages
    assert mcmc.get(locale__language_code="ms").name.startswith("Suruhanjaya Komunikasi dan Multimedia Malaysia")
    # Nothing is made up for the other countries: the demo names only what its source news names.
    assert set(ReportingChannel.objects.values_list("country", flat=True)) == {"MY"}


def test_translated_pages_are_marked_machine_drafted_and_awaiting_review(demo_db):
    translated = Page.objects.exclude(depth=1).exclude(locale__language_code="en")
    reviews = TranslationReview.objects.filter(page__in=translated)
    assert reviews.count() == translated.count()
    assert set(reviews.values_list("origin", "status")) == {("machine", "awaiting")}
    assert not TranslationReview.objects.filter(page__locale__language_code="en").exists()


def test_demo_site_serves_each_language(demo_db, client):
    assert Site.objects.get(is_default_site=True).root_page.specific.__class__ is HomePage
    for language, _name in settings.LANGUAGES:
        home = HomePage.objects.get(locale__language_code=language)
        assert CourseIndexPage.objects.child_of(home).live().exists(), language
        response = client.get(f"/{language}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{language}"' in html
        assert home.hero_heading in html


def test_demo_admin_password_is_generated_printed_once_and_works(demo_db):
    assert "password:" in demo_db
    password = demo_db.split("password:")[1].split()[0]
    assert len(password) >= 12
    assert authenticate(username="admin", password=password) is not None


def test_running_again_creates_nothing_and_prints_no_password(demo_db):
    before = counts()
    output = load_demo()
    assert counts() == before
    assert "0 created, 0 updated" in output
    assert "password:" not in output


def test_refresh_rewrites_pages_keeps_reviews_and_duplicates_nothing(demo_db):
    lesson = LessonPage.objects.get(slug="sextortion", locale__language_code="ms")
    malay_title = lesson.title
    lesson.title = "Edited by an educator"
    lesson.save_revision().publish()
    reviewed = LessonPage.objects.get(slug="hate-speech", locale__language_code="ms")
    mark_reviewed(reviewed, make_staff("reviewer@example.com"))
    before = counts()
    load_demo()  # a plain re-run keeps the educator's edit
    lesson.refresh_from_db()
    assert lesson.title == "Edited by an educator"
    output = load_demo("--refresh")  # --refresh restores the data files' text
    assert "Demo content: 0 created, 0 updated" not in output
    lesson.refresh_from_db()
    assert lesson.title == malay_title
    assert counts() == before
    # The reviewed page's text did not change: its review stands.
    assert TranslationReview.objects.get(page=reviewed).status == "reviewed"


def test_sync_translated_pages_keeps_the_translation(demo_db):
    """An educator's "Sync translated pages" after the English changes:
    wagtail-localize updates the Malay page from its stored translations,
    keeping every unchanged text in Malay."""
    english = LessonPage.objects.get(slug="label-what-ai-made", locale__language_code="en")
    malay = english.get_translation(english.locale.__class__.objects.get(language_code="ms")).specific
    malay_summary = malay.summary
    english.title = "Label what AI made (2nd edition)"
    english.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(english)
    source.update_from_db()
    translation = source.translations.get(target_locale=malay.locale)
    source.create_or_update_translation(translation.target_locale, publish=False, fallback=True)
    malay.refresh_from_db()
    assert malay.summary == malay_summary
    assert malay.get_latest_revision().as_object().title == "Label what AI made (2nd edition)"
