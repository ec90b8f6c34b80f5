"""The demo-content command: real pages in several languages, safe to run twice."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from wagtail.models import Page, Site

from cms.models import HomePage
from courses.models import Competence, CourseIndexPage, CoursePage, LessonPage, Pillar

pytestmark = pytest.mark.django_db

from django.conf import settings

EVERY_COURSE = {"en", "ms", "vi"}
# One course is complete, lessons and quiz, in five languages (issue 4).
FIVE_LANGUAGE_COURSE = "check-before-you-share"
FIVE_LANGUAGES = {"en", "ms", "vi", "id", "th"}


def load_demo(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Page, HomePage, CourseIndexPage, CoursePage, LessonPage, Pillar, Competence)
    }


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    """Loads the demo once for this module (it builds ~50 pages), and removes it after."""
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            first = load_demo()
            yield first
            transaction.set_rollback(True)


def test_demo_builds_three_courses_in_three_languages_and_one_in_five(demo_db):
    courses = CoursePage.objects.live()
    source = courses.filter(locale__language_code="en")
    assert source.count() >= 3
    for course in source:
        expected = FIVE_LANGUAGES if course.slug == FIVE_LANGUAGE_COURSE else EVERY_COURSE
        languages = {c.locale.language_code for c in course.get_translations(inclusive=True).live()}
        assert languages == expected, course.title
        lessons = LessonPage.objects.child_of(course).live()
        assert 3 <= lessons.count() <= 5, course.title
        for lesson in lessons:
            translations = lesson.get_translations(inclusive=True).live()
            assert {t.locale.language_code for t in translations} == expected, lesson.title
            for translated in translations:
                assert translated.get_parent().specific.translation_key == course.translation_key
                # Real teaching content, and it passes the same validation as the admin.
                assert len(translated.body) >= 4
                translated.full_clean()


def test_demo_courses_are_tagged_with_competences_in_their_own_language(demo_db):
    for course in CoursePage.objects.live():
        competences = list(course.competences.all())
        assert competences, course.title
        assert {c.locale_id for c in competences} == {course.locale_id}
    assert Pillar.objects.filter(code="KLD-LIT").count() == len(settings.LANGUAGES)
    assert set(Competence.objects.filter(locale__language_code="en").values_list("code", flat=True)) >= {
        "1.2", "2.6", "4.2", "4.3", "AI.1"
    }


def test_demo_site_serves_each_language(demo_db, client):
    assert Site.objects.get(is_default_site=True).root_page.specific.__class__ is HomePage
    for language, _name in settings.LANGUAGES:
        # Every interface language has its own home page and catalogue.
        home = HomePage.objects.get(locale__language_code=language)
        assert CourseIndexPage.objects.child_of(home).live().exists(), language
        response = client.get(f"/{language}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{language}"' in html
        assert home.hero_heading in html
    course = CoursePage.objects.get(slug="stay-safe-from-online-scams", locale__language_code="vi")
    response = client.get(course.url)
    assert response.status_code == 200
    assert course.title in response.content.decode()


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


def test_refresh_rewrites_pages_without_duplicating(demo_db):
    lesson = LessonPage.objects.filter(locale__language_code="ms").first()
    lesson.title = "Edited by an educator"
    lesson.save_revision().publish()
    before = counts()
    load_demo()  # a plain re-run keeps the educator's edit
    lesson.refresh_from_db()
    assert lesson.title == "Edited by an educator"
    load_demo("--refresh")  # --refresh restores the data files' text
    lesson.refresh_from_db()
    assert lesson.title != "Edited by an educator"
    assert counts() == before


def test_every_demo_course_has_a_teaching_quiz_in_every_language(demo_db):
    from quizzes.models import QuizPage

    for course in CoursePage.objects.live().filter(locale__language_code="en"):
        quiz = QuizPage.objects.child_of(course).live().get()
        assert quiz.required_for_completion
        translations = quiz.get_translations(inclusive=True).live()
        expected = FIVE_LANGUAGES if course.slug == FIVE_LANGUAGE_COURSE else EVERY_COURSE
        assert {q.locale.language_code for q in translations} == expected
        source_ids = [block.id for block in quiz.questions]
        for translated in translations:
            questions = translated.questions
            assert len(questions) >= 6
            assert len({block.block_type for block in questions}) >= 4
            # Same question ids in every language, so statistics add up across languages.
            assert [block.id for block in questions] == source_ids
            for block in questions:
                assert block.value["explanation"].source.strip()
            translated.full_clean()
