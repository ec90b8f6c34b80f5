"""No dead-end catalogue (issue 22, item 3): in a language with few courses,
the catalogue lists those, then the courses available only in other
languages, with a notice and a link to every language each one is in; the
home page's "Browse courses" never leads to an empty page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext, ngettext
from wagtail.models import Locale

from courses.catalogue import preference
from courses.models import CourseIndexPage, CoursePage
from tests.conftest import publish, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_courses(home, catalogue, make_course, translate_course):
    """'Scams' in English and Malay; 'Deepfakes' only in English; 'News' in
    English, Malay and Thai. Catalogues exist in every language of the test."""
    scams, scam_lessons = make_course("scams", lessons=1, title="Scams")
    deepfakes, _ = make_course("deepfakes", lessons=1, title="Deepfakes")
    news, news_lessons = make_course("news", lessons=1, title="News")
    translate_course(scams, scam_lessons, "ms")
    translate_course(news, news_lessons, "ms")
    translate_course(news, news_lessons, "th")
    for language in ("km", "id"):
        locale = Locale.objects.get(language_code=language)
        if home.get_translation_or_none(locale) is None:
            translate(home, language)
        translate(catalogue, language)
    return scams, deepfakes, news


def catalogue_html(client, language):
    index = CourseIndexPage.objects.get(locale__language_code=language)
    return client.get(index.url).content.decode()


def headings(html, section):
    part = html.split('class="other-languages"')[1] if section == "others" else html.split('class="other-languages"')[0]
    return re.findall(r"<h3[^>]*><a [^>]*>([^<]+)</a>", part)


def notice(language, count):
    """The catalogue's notice, as the learner reads it in `language`."""
    with translation.override(language):
        text = ngettext(
            "This course is not in %(language)s yet. You can take it now in another language: your progress stays "
            "with you if you switch languages later.",
            "These courses are not in %(language)s yet. You can take them now in another language: your progress "
            "stays with you if you switch languages later.",
            count,
        )
        return text % {"language": translation.get_language_info(language)["name_local"]}


def test_a_language_without_courses_offers_every_course_in_another_language(client, three_courses):
    html = catalogue_html(client, "km")
    with translation.override("km"):
        assert gettext("No courses here yet.") not in html
    assert f'<p class="notice">{notice("km", 3)}</p>' in html
    assert "ភាសាខ្មែរ" in notice("km", 3)
    assert headings(html, "others") == ["Scams", "Deepfakes", "News"]  # in the source catalogue's order
    # Each offered in English (the source) with a link to every language it has.
    scams = CoursePage.objects.get(slug="scams", locale__language_code="ms")
    assert f'href="{scams.url}" lang="ms" hreflang="ms">Bahasa Melayu</a>' in html
    assert '<h3 lang="en">' in html


def test_a_language_with_some_courses_lists_them_first_then_the_others(client, three_courses):
    html = catalogue_html(client, "ms")
    assert headings(html, "mine") == ["[ms] Scams", "[ms] News"]
    assert headings(html, "others") == ["Deepfakes"]
    assert notice("ms", 1) in html


def test_near_languages_are_offered_first(client, three_courses):
    """An Indonesian reader is offered the Malay version before the English."""
    assert preference("id")[:2] == ["ms", "en"]
    html = catalogue_html(client, "id")
    assert headings(html, "others") == ["[ms] Scams", "Deepfakes", "[ms] News"]


def test_a_language_with_every_course_shows_no_notice(client, three_courses):
    html = catalogue_html(client, "en")
    assert 'class="other-languages"' not in html
    assert headings(html, "mine") == ["Scams", "Deepfakes", "News"]


def test_the_audience_filter_applies_to_courses_in_other_languages(client, three_courses):
    scams, deepfakes, news = three_courses
    deepfakes.audience = "youth"
    publish(deepfakes)
    index = CourseIndexPage.objects.get(locale__language_code="km")
    html = client.get(f"{index.url}?audience=older_adults").content.decode()
    assert headings(html, "others") == ["Scams", "News"]


def test_an_unpublished_translation_does_not_count(client, three_courses):
    """A Malay draft is not a Malay course: the English one is offered instead."""
    scams = CoursePage.objects.get(slug="scams", locale__language_code="ms")
    scams.unpublish()
    html = catalogue_html(client, "ms")
    assert headings(html, "others") == ["Scams", "Deepfakes"]


def test_the_catalogue_reads_every_language_in_one_query(client, three_courses, make_course):
    index = CourseIndexPage.objects.get(locale__language_code="km")
    client.get(index.url)  # warm what is cached across requests
    with CaptureQueriesContext(connection) as few:
        client.get(index.url + "?audience=youth")
    for number in range(4):
        make_course(f"more-{number}", lessons=1)
    client.get(index.url)
    with CaptureQueriesContext(connection) as many:
        client.get(index.url + "?audience=youth")
    assert len(many) == len(few)


def test_the_home_page_of_a_language_without_courses_says_where_they_are(client, three_courses):
    home = CourseIndexPage.objects.get(locale__language_code="km").get_parent()
    html = client.get(home.url).content.decode()
    with translation.override("km"):
        on_their_way = gettext(
            "Courses in %(language)s are on their way. Meanwhile, you can take them in another language."
        ) % {"language": "ភាសាខ្មែរ"}
    assert on_their_way in html
    catalogue = CourseIndexPage.objects.get(locale__language_code="km")
    assert f'href="{catalogue.url}"' in html
    assert "are on their way" not in client.get("/en/").content.decode()
