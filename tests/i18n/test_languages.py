"""Ten interface languages, each first-class: names, plural rules, dates and
numbers, the browser's choice on a first visit, the learner's afterwards, and a
language switcher that never strands anyone (issue 4)."""

import datetime
import gettext
import unicodedata
from decimal import Decimal
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats, translation
from django.utils.translation import check_for_language, get_language_info, to_locale

from courses.models import LessonPage
from tests.conftest import lesson_body, make_learner

CODES = [code for code, _ in settings.LANGUAGES]


def catalogue(language):
    return polib.pofile(str(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("code", CODES)
def test_every_language_is_first_class(code):
    info = get_language_info(code)  # KeyError for a language Django does not know
    assert unicodedata.normalize("NFC", info["name_local"]) == dict(settings.LANGUAGES)[code]
    assert check_for_language(code)  # a compiled catalogue exists for it
    with translation.override(code):
        assert translation.get_language() == code


@pytest.mark.parametrize(
    "code, counts_for_each_form",
    [("fil", {0: [1, 2, 3, 5, 10, 11], 1: [4, 6, 9, 14, 26]}), ("tet", {0: [1], 1: [0, 2, 5]}), ("lo", {0: [0, 1, 7]})],
)
def test_plural_rules_of_languages_django_does_not_know(code, counts_for_each_form):
    """Our compiled catalogue carries the CLDR rule (Filipino's "other" form
    is for numbers ending in 4, 6 or 9). Django applies each catalogue's own
    rule to that catalogue's strings, whatever rule other apps' catalogues of
    the same language declare (Wagtail ships a one-form Tetum catalogue)."""
    compiled = gettext.translation("django", settings.LOCALE_PATHS[0], [to_locale(code)])
    plural_form = compiled.plural
    for form, counts in counts_for_each_form.items():
        assert [plural_form(n) for n in counts] == [form] * len(counts)


@pytest.mark.parametrize(
    "code, expected",
    [
        ("en", "Nov. 23, 2026"),
        ("ms", "23 Nov 2026"),
        ("id", "23 Nov. 2026"),
        ("vi", "23 tháng 11 năm 2026"),
        ("th", "23 พฤศจิกายน 2026"),
        ("fil", "Nobyembre 23, 2026"),
        ("km", "23 ខែ វិច្ឆិកា ឆ្នាំ 2026"),
        ("lo", "23 ພະຈິກ 2026"),
        ("my", "23 နိုဝင်ဘာ 2026"),
        ("tet", "23 Novembru 2026"),
    ],
)
def test_dates_are_written_in_the_language(code, expected):
    """Formats from Django or cms/formats/, month names from our catalogues
    (Django has none for Filipino, Lao or Tetum)."""
    with translation.override(code):
        assert formats.date_format(datetime.date(2026, 11, 23), "DATE_FORMAT") == expected


@pytest.mark.parametrize(
    "code, expected",
    [
        ("en", "1,234.5"),
        ("ms", "1,234.5"),
        ("id", "1.234,5"),
        ("vi", "1.234,5"),
        ("th", "1,234.5"),
        ("fil", "1,234.5"),
        ("km", "1.234,5"),
        ("lo", "1.234,5"),
        ("my", "1,234.5"),
        ("tet", "1.234,5"),
    ],
)
def test_numbers_use_the_language_separators(code, expected):
    with translation.override(code):
        assert formats.number_format(Decimal("1234.5"), decimal_pos=1, force_grouping=True) == expected


# --- Choosing the language --------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header, expected",
    [
        ("km-KH,km;q=0.9,en;q=0.5", "km"),
        ("fil-PH,fil;q=0.9", "fil"),
        ("tet", "tet"),
        ("lo-LA", "lo"),
        ("my-MM,my", "my"),
        ("de-DE", "en"),
    ],
)
def test_first_visit_follows_the_browser(client, home, header, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 302
    assert response["Location"] == f"/{expected}/"


@pytest.mark.django_db
def test_a_signed_in_learners_preferred_language_wins_over_the_browser(client, home):
    learner = make_learner("somchai@example.com", "Somchai")
    learner.profile.preferred_language = "th"
    learner.profile.save()
    client.force_login(learner)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response["Location"] == "/th/"
    response = client.get("/learn/my-learning/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response["Location"] == "/th/learn/my-learning/"
    # An address with a language in it is the learner's own choice, and is kept.
    assert client.get("/ms/learn/my-learning/").status_code == 200


@pytest.mark.django_db
def test_signing_in_continues_in_the_learners_language(client, home):
    learner = make_learner("dara@example.com", "Dara")
    learner.profile.preferred_language = "km"
    learner.profile.save()
    response = client.post("/en/accounts/login/", {"login": "dara@example.com", "password": "a-long-test-password"})
    assert response.status_code == 302
    assert response["Location"] == "/km/learn/my-learning/"


@pytest.mark.django_db
def test_changing_the_preferred_language_reopens_the_profile_in_it(client, learner, home):
    client.force_login(learner)
    data = {"display_name": "Aina", "country": "MY", "age_band": "25-59", "preferred_language": "id"}
    response = client.post("/en/accounts/profile/", data)
    assert response["Location"] == "/id/accounts/profile/"
    learner.profile.refresh_from_db()
    assert learner.profile.preferred_language == "id"


# --- The language switcher ----------------------------------------------------------


@pytest.mark.django_db
def test_switcher_leads_to_the_same_page_or_the_nearest_translated_ancestor(client, course, translate_course):
    course_en, lessons_en = course
    translate_course(course_en, lessons_en, "ms")  # the whole course in Malay
    course_km, _ = translate_course(course_en, [], "km")  # the Khmer course, no lessons yet
    html = client.get(lessons_en[1].url).content.decode()
    ms_lesson = lessons_en[1].get_translation(course_km.locale.__class__.objects.get(language_code="ms"))
    assert f'href="{ms_lesson.url}" lang="ms"' in html
    # Khmer: the course is the nearest translated ancestor, and the link says so.
    assert f'href="{course_km.url}?untranslated=1" lang="km"' in html
    # Thai has nothing but its home page... which the fixture site lacks: the Thai prefix.
    assert 'href="/th/?untranslated=1" lang="th"' in html
    landing = client.get(f"{course_km.url}?untranslated=1").content.decode()
    with translation.override("km"):
        notice = translation.gettext(
            "The page you were reading is not translated into this language yet, so here is the nearest page that is."
        )
    assert notice in landing
    assert notice not in client.get(course_km.url).content.decode()


@pytest.mark.django_db
def test_switching_language_keeps_progress_in_every_language(client, learner, course, translate_course):
    course_en, lessons_en = course
    client.force_login(learner)
    client.post(f"/en/learn/courses/{course_en.id}/lessons/{lessons_en[0].id}/complete/")
    for code in CODES[1:]:
        course_x, lessons_x = translate_course(course_en, lessons_en, code)
        html = client.get(course_x.url).content.decode()
        assert '<progress max="3" value="1"' in html, code
        assert f'href="{lessons_x[1].url}"' in html, code  # resumes at the second lesson


# --- Burmese is Unicode ------------------------------------------------------------

ZAWGYI = "ျမန္မာဘာသာ"  # "Myanmar language" typed in Zawgyi
UNICODE = "မြန်မာဘာသာ"


@pytest.mark.django_db
def test_burmese_pages_refuse_zawgyi_text(course, translate_course):
    course_en, lessons = course
    _course_my, (lesson,) = translate_course(course_en, lessons[:1], "my")
    lesson.body = lesson_body(UNICODE)
    lesson.full_clean()  # Unicode is fine
    lesson.body = lesson_body(ZAWGYI)
    with pytest.raises(ValidationError, match="Zawgyi"):
        lesson.full_clean()
    lesson.body = lesson_body(UNICODE)
    lesson.title = ZAWGYI
    with pytest.raises(ValidationError):
        lesson.save_revision()  # the path wagtail-localize's editor takes too
    # Zawgyi-looking text is only refused on Burmese pages.
    english = LessonPage.objects.get(id=lessons[0].id)
    english.title = ZAWGYI
    english.full_clean()
