"""The interface catalogues stay complete: every string translated, none fuzzy,
placeholders intact, and the site actually speaks the language."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
TRANSLATED_LANGUAGES = [code for code, _ in settings.LANGUAGES if code != "en"]


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_catalogue_is_complete(language):
    catalogue = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert len(catalogue.translated_entries()) > 100


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_placeholders_survive_translation(language):
    import re

    placeholder = re.compile(r"%\([a-z_]+\)s|\{\{ *[a-z_]+ *\}\}|<a [^>]*>")
    for entry in polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po")).translated_entries():
        translations = [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())
        for text in translations:
            assert sorted(placeholder.findall(entry.msgid)) == sorted(placeholder.findall(text)), entry.msgid


@pytest.mark.django_db
@pytest.mark.parametrize("language, expected", [("ms", "Pembelajaran saya"), ("vi", "Việc học của tôi")])
def test_interface_speaks_the_language(client, home, language, expected):
    html = client.get(f"/{language}/learn/my-learning/").content.decode()
    assert expected in html
    assert "My learning" not in html
