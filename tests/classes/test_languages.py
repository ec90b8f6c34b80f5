"""A facilitator's and a learner's class pages speak every interface language."""

import pytest
from django.conf import settings
from django.utils import translation

from classes import assisted, groups

pytestmark = pytest.mark.django_db

PAGES = ["", "poster/", "cards/", "report/", "learners/add/"]


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES if code != "en"])
def test_class_pages_in_every_language(facilitator_client, klass, facilitator, course, language):
    assisted.add_learners(
        klass, [assisted.NewLearner("Siti")], by=facilitator, country="MY", age_band="u13", language=language
    )
    lesson = course[1][0]
    with translation.override(language):
        words = {
            "": [translation.gettext("Print sign-in cards"), translation.gettext("Record consent")],
            "poster/": [translation.gettext("Scan the code with your phone's camera,")],
            "cards/": [translation.gettext("Passphrase")],
            "report/": [translation.gettext("Lessons done")],
            "learners/add/": [translation.gettext("Add the learners")],
        }
        card_page = translation.gettext("Sign in with your card")
        title = translation.gettext("My classes")
    for english in ["Print sign-in cards", "Lessons done", "Sign in with your card", "My classes"]:
        with translation.override(language):
            assert translation.gettext(english) != english, (language, english)
    for path in PAGES:
        html = facilitator_client.get(f"/{language}/classes/{klass.pk}/{path}").content.decode()
        for word in words[path]:
            assert word in html, (language, path, word)
    assert title in facilitator_client.get(f"/{language}/classes/").content.decode()
    assert facilitator_client.get(f"/{language}/classes/{klass.pk}/present/{lesson.pk}/").status_code == 200
    facilitator_client.logout()
    assert card_page in facilitator_client.get(f"/{language}/classes/card-sign-in/").content.decode()
    assert groups.classes_of(facilitator).count() == 1
