"""Checks on the demo content's translations, for translators (`manage.py
demo_translations --check`) and for the tests (tests/cms/test_demo_content.py):

- markup: tags, links, line breaks, placeholders and web addresses come
  through every translated text (demo_bundles.markup_problems);
- glossary: where the English uses a key term (glossary/en.yaml), the
  translation uses one of the forms the language's glossary fixes for it;
- English left over: a translation carries no English beyond the proper
  nouns and loanwords its glossary allows;
- Burmese is Unicode, never Zawgyi.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from courses.burmese import looks_like_zawgyi

from .demo_bundles import CONTENT_DIR, CONTEXT_SEPARATOR, Bundle, markup_problems, read_yaml

GLOSSARY_DIR = CONTENT_DIR / "glossary"
# Scripts with no spaces between words: a term is found anywhere in the text.
LATIN_SCRIPT = {"ms", "id", "vi", "fil", "tet"}
WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*")
ENGLISH_LETTERS = re.compile(r"^[A-Za-z'’-]+$")
# Common English words that are not words of any of the Latin-script
# languages of the site: one of them in a translation means English was left.
ENGLISH_MARKERS = {
    "the",
    "and",
    "you",
    "your",
    "this",
    "that",
    "with",
    "for",
    "are",
    "was",
    "were",
    "have",
    "has",
    "from",
    "they",
    "their",
    "what",
    "when",
    "which",
    "who",
    "will",
    "would",
    "should",
    "could",
    "not",
    "don't",
    "does",
    "did",
    "been",
    "there",
    "here",
    "about",
    "into",
    "only",
    "just",
    "also",
    "than",
    "then",
    "them",
    "these",
    "those",
    "because",
    "before",
    "after",
    "never",
    "always",
    "every",
    "someone",
    "something",
}


@dataclass
class Problem:
    where: str  # "<bundle>/<language>.po, <msgctxt>"
    english: str
    translation: str
    message: str

    def __str__(self):
        return f"{self.where}: {self.message}\n    en: {self.english[:160]}\n    tr: {self.translation[:160]}"


@cache
def glossary_terms() -> dict:
    return read_yaml(GLOSSARY_DIR / "en.yaml")["terms"]


@cache
def glossary(language: str) -> dict:
    path = GLOSSARY_DIR / f"{language}.yaml"
    return read_yaml(path) if path.exists() else {"terms": {}, "allowed_words": []}


@cache
def allowed_phrases(language: str) -> tuple[str, ...]:
    """Phrases a translation may keep in Latin letters, longest first:
    proper nouns and quoted screen labels (glossary/proper_nouns.yaml),
    and the language's own allowed words (glossary/<lang>.yaml)."""
    data = read_yaml(GLOSSARY_DIR / "proper_nouns.yaml")
    phrases = [*data["names"], *data["quoted"], *glossary(language).get("allowed_words", [])]
    return tuple(sorted(set(phrases), key=len, reverse=True))


def without_allowed(text: str, language: str) -> str:
    for phrase in allowed_phrases(language):
        text = re.sub(rf"(?<![A-Za-z]){re.escape(phrase)}(?![A-Za-z])", " ", text)
    return text


def plain(text: str) -> str:
    """A segment's text without its markup or web addresses."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\S+\.(com|org|net|my|gov|info|ly)\S*|@\w[\w.]*|#\w+", " ", text)
    return html.unescape(text)  # "&gt;" in a stored segment is a ">", not the word "gt"


def translated_entries(bundle: Bundle, language: str):
    """(where, English, translation) of every translated text of the bundle."""
    translations = bundle.translations(language)
    for obj in bundle.objects:
        for path, text in obj.texts:
            value = translations.lookup(obj.key, path, text)
            if value is not None:
                where = f"{bundle.po_path(language).relative_to(CONTENT_DIR)}, {obj.key}{CONTEXT_SEPARATOR}{path}"
                yield where, text, value


def markup_report(bundle: Bundle, language: str) -> list[Problem]:
    addresses = {site.lower(): own for site, own in (glossary(language).get("addresses") or {}).items()}
    return [
        Problem(where, english, translation, "; ".join(problems))
        for where, english, translation in translated_entries(bundle, language)
        if (problems := markup_problems(english, translation, addresses=addresses))
    ]


def glossary_report(bundle: Bundle, language: str) -> list[Problem]:
    """Texts whose English uses a key term the translation does not render
    with one of its glossary's forms (or terms the glossary lacks)."""
    forms = glossary(language)["terms"]
    exceptions = glossary(language).get("exceptions") or []
    problems = []
    for where, english, translation in translated_entries(bundle, language):
        lowered = translation.lower()
        for key, term in glossary_terms().items():
            if not re.search(term["english"], plain(english), re.IGNORECASE):
                continue
            if any(e["term"] == key and e["english"] in english for e in exceptions):
                continue
            accepted = forms.get(key)
            if not accepted:
                problems.append(Problem(where, english, translation, f"glossary/{language}.yaml has no term {key!r}"))
            elif not any(form.lower() in lowered for form in accepted):
                problems.append(Problem(where, english, translation, f"{key}: expected one of {accepted}"))
    return problems


def english_left(text: str, language: str) -> list[str]:
    """English words left in a translated text: for a Latin-script language,
    common English words; for Thai, Khmer, Lao and Burmese, any word in
    Latin letters. Proper nouns and quoted screen labels
    (glossary/proper_nouns.yaml) and the words the language's glossary
    allows (loanwords, abbreviations, native words spelled like English
    ones) are allowed."""
    words = [w for w in WORD.findall(without_allowed(plain(text), language)) if ENGLISH_LETTERS.match(w)]
    if language in LATIN_SCRIPT:
        return sorted({word for word in words if word.lower() in ENGLISH_MARKERS})
    return sorted({word for word in words if len(word) > 1})


def english_report(bundle: Bundle, language: str) -> list[Problem]:
    return [
        Problem(where, english, translation, f"English left: {leftovers}")
        for where, english, translation in translated_entries(bundle, language)
        if (leftovers := english_left(translation, language))
    ]


def zawgyi_report(bundle: Bundle, language: str) -> list[Problem]:
    if language != "my":
        return []
    return [
        Problem(where, english, translation, "Burmese typed in Zawgyi: convert it to Unicode")
        for where, english, translation in translated_entries(bundle, language)
        if looks_like_zawgyi(translation)
    ]


def all_problems(bundle: Bundle, language: str) -> list[Problem]:
    return [
        *markup_report(bundle, language),
        *glossary_report(bundle, language),
        *english_report(bundle, language),
        *zawgyi_report(bundle, language),
    ]


def glossary_files() -> list[Path]:
    return sorted(GLOSSARY_DIR.glob("*.yaml"))
