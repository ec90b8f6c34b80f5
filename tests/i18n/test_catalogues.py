"""The interface catalogues stay complete: every string translated, none fuzzy,
placeholders intact, plural rules right, and no template hides a string from
them."""

import ast
import re
from pathlib import Path

import allauth
import django
import polib
import pytest
from django.conf import settings

from cms import borrowed_strings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
TRANSLATED_LANGUAGES = [code for code, _ in settings.LANGUAGES if code != "en"]


def catalogue(language):
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_catalogue_is_complete(language):
    entries = catalogue(language)
    assert [e.msgid for e in entries.untranslated_entries()] == []
    assert [e.msgid for e in entries.fuzzy_entries()] == []
    assert len(entries.translated_entries()) > 400


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_language_has_the_same_strings(language):
    """All catalogues were extracted together: none misses a string."""
    assert {(e.msgctxt, e.msgid) for e in catalogue(language)} == {(e.msgctxt, e.msgid) for e in catalogue("ms")}


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_placeholders_survive_translation(language):
    placeholder = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{\{ *[a-z_]+ *\}\}|\{[a-z_]+\}|<a [^>]*>")
    for entry in catalogue(language).translated_entries():
        translations = [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())
        for text in translations:
            assert sorted(placeholder.findall(entry.msgid)) == sorted(placeholder.findall(text)), entry.msgid


def test_burmese_is_unicode_not_zawgyi():
    from courses.burmese import looks_like_zawgyi

    texts = [e.msgstr or " ".join(e.msgstr_plural.values()) for e in catalogue("my").translated_entries()]
    assert [t for t in texts if looks_like_zawgyi(t)] == []
    assert sum(1 for t in texts if re.search("[\u1000-\u109f]", t)) > 400


def upstream_msgids(package_dir):
    """Every (context, msgid) in a package's own catalogues."""
    found = set()
    for path in Path(package_dir).glob("**/locale/id/LC_MESSAGES/django.po"):
        found |= {(e.msgctxt, e.msgid) for e in polib.pofile(str(path))}
    return found


def borrowed_msgids():
    """(context, msgid) of every string marked in cms/borrowed_strings.py."""
    tree = ast.parse(Path(borrowed_strings.__file__).read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in {
            "gettext_lazy",
            "ngettext_lazy",
            "pgettext_lazy",
        }:
            values = [ast.literal_eval(arg) for arg in node.args]
            yield (values[0], values[1]) if node.func.id == "pgettext_lazy" else (None, values[0])


def test_borrowed_strings_still_exist_upstream():
    """cms/borrowed_strings.py copies allauth's and Django's msgids so that our
    catalogues translate them. If an upgrade renames one, ours would silently
    stop applying: this fails instead."""
    upstream = upstream_msgids(Path(allauth.__file__).parent) | upstream_msgids(Path(django.__file__).parent)
    marked = list(borrowed_msgids())
    assert len(marked) == len(borrowed_strings.ALLAUTH) + len(borrowed_strings.DJANGO)
    assert [key for key in marked if key not in upstream] == []


# --- Templates: no user-facing text outside the translation tags ---------------

TEMPLATE_DIRS = [Path(settings.BASE_DIR) / app / "templates" for app in ("cms", "accounts", "courses", "quizzes")]
LABEL_ATTRIBUTES = re.compile(
    r'\b(?:aria-label|title|placeholder|alt)="([^"]*)"|<input[^>]*type="(?:submit|button)"[^>]*value="([^"]*)"'
)


def user_facing_text_outside_gettext(source):
    """The words a template shows that no translation tag covers."""
    text = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", " ", source, flags=re.S)
    text = re.sub(r"{#.*?#}", " ", text, flags=re.S)
    text = re.sub(r"{%\s*block body_class\s*%}.*?{%\s*endblock\s*%}", " ", text, flags=re.S)  # CSS class names
    text = re.sub(r"{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}", " ", text, flags=re.S)
    text = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"{{.*?}}|{%.*?%}", " ", text, flags=re.S)
    attributes = [label or button for label, button in LABEL_ATTRIBUTES.findall(text)]
    text = re.sub(r"<[^>]*>", " ", text, flags=re.S)
    text = re.sub(r"&[a-z]+;|&#\d+;", " ", text)
    chunks = [chunk.strip() for chunk in [*attributes, *text.split("\n")]]
    return [chunk for chunk in chunks if re.search(r"[^\W\d_]{2,}", chunk)]


TEMPLATES = sorted(p for d in TEMPLATE_DIRS for p in d.rglob("*.html"))


def test_the_template_check_catches_a_bare_string():
    assert user_facing_text_outside_gettext('<p>{% translate "Fine" %}</p><p>Not fine</p>') == ["Not fine"]
    assert user_facing_text_outside_gettext('<a title="Hover text" href="{{ url }}">{{ name }}</a>') == ["Hover text"]
    assert user_facing_text_outside_gettext("{% blocktranslate %}Fine {{ x }}{% endblocktranslate %}") == []


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_templates_have_no_text_outside_translation_tags(template):
    assert user_facing_text_outside_gettext(template.read_text()) == []
