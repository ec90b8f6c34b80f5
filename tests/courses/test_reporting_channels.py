"""Where to report (issue 22): reporting channels are a per-country,
translatable snippet an administrator fills in; a lesson's "Where to report"
block shows each learner their own country's, or every country's with a
notice when their country is unknown or has none."""

import json
import uuid

import pytest
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from accounts.models import LearnerProfile
from courses.models import ReportingChannel
from tests.conftest import make_learner, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def channels(locales):
    key = uuid.uuid4()
    mcmc = ReportingChannel.objects.create(
        country="MY",
        name="Malaysian Communications and Multimedia Commission (MCMC)",
        what_to_report="Harmful content online.",
        url="https://www.mcmc.gov.my/",
        locale=locales["en"],
        translation_key=key,
    )
    ReportingChannel.objects.create(
        country="MY",
        name="Suruhanjaya Komunikasi dan Multimedia Malaysia (MCMC)",
        what_to_report="Kandungan berbahaya dalam talian.",
        url="https://www.mcmc.gov.my/",
        locale=locales["ms"],
        translation_key=key,
    )
    hotline = ReportingChannel.objects.create(
        country="ID", name="Aduan Konten hotline", what_to_report="Illegal content.", locale=locales["en"]
    )
    return mcmc, hotline


@pytest.fixture
def reporting_lesson(course, channels):
    """The course's first lesson, with a "Where to report" block."""
    _course, (lesson, *_rest) = course
    lesson.body = json.dumps(
        [
            {"type": "paragraph", "value": "<p>Four steps.</p>"},
            {"type": "reporting_channels", "value": {"heading": "Where to report", "intro": ""}},
        ]
    )
    return publish(lesson)


def set_country(user, country):
    LearnerProfile.objects.filter(user=user).update(country=country)


def test_a_guest_sees_every_countrys_channels_with_a_notice(client, reporting_lesson):
    html = client.get(reporting_lesson.url).content.decode()
    assert "Where to report" in html
    assert "These are the official channels we have, country by country." in html
    assert "<h3>Malaysia</h3>" in html and "<h3>Indonesia</h3>" in html
    assert "Malaysian Communications and Multimedia Commission (MCMC)" in html
    assert 'href="https://www.mcmc.gov.my/"' in html


def test_a_learner_sees_only_their_countrys_channels(client, reporting_lesson):
    client.force_login(make_learner("aina@example.com"))  # a learner in Malaysia
    html = client.get(reporting_lesson.url).content.decode()
    assert "Official channels in Malaysia, the country in your profile." in html
    assert "Malaysian Communications and Multimedia Commission (MCMC)" in html
    assert "Aduan Konten" not in html


def test_a_learner_whose_country_has_none_is_told_and_shown_the_others(client, reporting_lesson):
    learner = make_learner("somchai@example.com")
    set_country(learner, "TH")
    client.force_login(learner)
    html = client.get(reporting_lesson.url).content.decode()
    assert "We have no reporting channels for Thailand yet." in html
    assert "MCMC" in html and "Aduan Konten" in html


def test_channels_are_shown_in_the_lessons_language_where_translated(
    client, course, reporting_lesson, translate_course
):
    course_en, lessons = course
    _course_ms, (lesson_ms, *_rest) = translate_course(course_en, lessons, "ms")
    html = client.get(lesson_ms.url).content.decode()
    assert "Suruhanjaya Komunikasi dan Multimedia Malaysia (MCMC)" in html
    assert "Aduan Konten hotline" in html  # not translated yet: the English one


def test_two_learners_never_share_a_copy_of_the_lesson(client, reporting_lesson):
    """The lesson depends on the learner's country, so the page cache keeps
    no copy of it for signed-in learners (cms/page_cache.py)."""
    client.force_login(make_learner("aina@example.com"))
    assert "Official channels in Malaysia" in client.get(reporting_lesson.url).content.decode()
    other = make_learner("somchai@example.com")
    set_country(other, "TH")
    client.force_login(other)
    response = client.get(reporting_lesson.url)
    assert response.get("X-Page-Cache") != "hit"
    assert "We have no reporting channels for Thailand yet." in response.content.decode()


def test_an_administrators_change_shows_at_once(client, reporting_lesson, channels):
    """The page cache of first-time visitors is emptied when a channel changes."""
    mcmc, _hotline = channels
    assert "Harmful content online." in client.get(reporting_lesson.url).content.decode()
    assert client.get(reporting_lesson.url).get("X-Page-Cache") == "hit"
    mcmc.what_to_report = "Harmful content online, and scams."
    mcmc.save()
    client.cookies.clear()
    assert "Harmful content online, and scams." in client.get(reporting_lesson.url).content.decode()


def test_no_channels_at_all_says_what_to_do_anyway(client, reporting_lesson):
    ReportingChannel.objects.all().delete()
    html = client.get(reporting_lesson.url).content.decode()
    assert "No official reporting channels have been added yet." in html


def test_a_channel_is_translatable_with_wagtail_localize(channels, locales):
    """Only its text is translated; country, address and phone follow the source."""
    _mcmc, hotline = channels
    source, _created = TranslationSource.get_or_create_from_instance(hotline)
    paths = set(source.stringsegment_set.values_list("context__path", flat=True))
    assert paths == {"name", "what_to_report"}
    translated = hotline.copy_for_translation(Locale.objects.get(language_code="id"))
    translated.save()
    assert translated.country == "ID"
