"""Every learner page type, in every interface language, shows no interface
string left in English (issue 4).

The site built here has neutral content (codes, not English words) in every
language, so any English a page shows must come from the interface: either a
catalogue msgid left untranslated, or a string that never went through gettext.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from wagtail.models import Locale

from accounts.guardians import hash_token
from accounts.models import GuardianConsent
from quizzes.models import QuizPage
from tests.conftest import publish
from tests.quizzes.conftest import QUESTIONS, RIGHT_ANSWERS, WRONG_ANSWERS

pytestmark = pytest.mark.django_db

TRANSLATED = [code for code, _ in settings.LANGUAGES if code != "en"]
NON_LATIN = {"th", "km", "lo", "my"}
# Deliberately the same in every language: the brand, and each language's own name.
ALWAYS_ALLOWED = {"Celik"} | {name for _, name in settings.LANGUAGES}
# Keys of question data that are codes, not text.
CODE_KEYS = {"competence", "answer", "scoring", "example_kind", "correct", "type", "id"}


def neutral(value, tag):
    """The same question data with every human text replaced by a code."""
    if isinstance(value, dict):
        return {k: v if k in CODE_KEYS else neutral(v, tag) for k, v in value.items()}
    if isinstance(value, list):
        return [neutral(v, tag) for v in value]
    if isinstance(value, str):
        return f"<p>{tag}</p>" if value.startswith("<p>") else tag
    return value


class VisibleText(HTMLParser):
    """Text a reader sees or hears: text nodes and the labelling attributes."""

    SKIP = {"script", "style", "template"}
    LABELS = {"aria-label", "title", "placeholder", "alt"}

    def __init__(self):
        super().__init__()
        self.parts, self._skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1
        attributes = dict(attrs)
        self.parts += [v for k, v in attributes.items() if k in self.LABELS and v]
        if tag == "input" and attributes.get("type") in {"submit", "button"} and attributes.get("value"):
            self.parts.append(attributes["value"])

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def visible_texts(html):
    """The page's visible text pieces, whitespace-normalised, without the
    words every language shows deliberately (brand, language names)."""
    parser = VisibleText()
    parser.feed(html)
    pieces = (re.sub(r"\s+", " ", part).strip() for part in parser.parts)
    return [piece for piece in pieces if piece and piece not in ALWAYS_ALLOWED]


PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]+\}")


def english_interface_strings(language):
    """Patterns for the English msgids whose translation in `language` differs
    (a msgid translated as itself is a deliberate choice of the catalogue)."""
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"))
    patterns = []
    for entry in catalogue:
        translations = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        for english in filter(None, [entry.msgid, entry.msgid_plural]):
            if english in translations:
                continue
            text = re.sub(r"<[^>]+>", " ", english)
            pieces = [re.escape(piece.strip()) for piece in PLACEHOLDER.split(text)]
            body = r"\s*.{0,80}?\s*".join(p for p in pieces if p)
            if len(re.sub(r"[^A-Za-z]", "", english)) < 3:
                continue
            patterns.append((english, re.compile(rf"(?<![A-Za-z]){body}(?![A-Za-z])")))
    return patterns


@pytest.fixture
def site_in(home, catalogue, course, locales):
    """site_in(language) -> the course, its lessons and its quiz in `language`,
    with neutral content; the English originals stay as they are."""
    course_en, lessons_en = course
    quiz_en = QuizPage(title="Quiz", slug="quiz", questions=json.dumps(QUESTIONS), shuffle_options=False)
    course_en.add_child(instance=quiz_en)
    publish(quiz_en)

    def build(language):
        locale = Locale.objects.get(language_code=language)

        def copy(page, **fields):
            translated = page.copy_for_translation(locale).specific
            translated.title = f"{language.upper()}-{page.id}"
            for name, value in fields.items():
                setattr(translated, name, value)
            return publish(translated)

        body = json.dumps([{"type": "paragraph", "value": f"<p>{language.upper()}-1</p>"}])
        copy(home, hero_heading=f"{language.upper()}-0", hero_text="", intro="")
        copy(catalogue, intro="")
        course_x = copy(course_en, summary=f"{language.upper()}-2", description="")
        lessons_x = [copy(lesson, body=body) for lesson in lessons_en]
        quiz_x = copy(quiz_en, intro="", questions=json.dumps(neutral(QUESTIONS, f"{language.upper()}-3")))
        return course_x, lessons_x, quiz_x

    return build


def guardian_token(learner):
    """A consent link's token for `learner`, as if they had signed up as a child."""
    token = "a-token-for-the-guardian-page"
    GuardianConsent.objects.update_or_create(
        child=learner, defaults={"guardian_email": "guardian@example.com", "token_hash": hash_token(token)}
    )
    return token


def pages_of_every_type(client, learner, language, course_x, lessons_x, quiz_x):
    """(name, html) for every page type a learner meets, in `language`."""
    prefix = f"/{language}"
    pages = [
        ("sign-up", client.get(f"{prefix}/accounts/signup/")),
        ("sign-up errors", client.post(f"{prefix}/accounts/signup/", {"email": "not-an-email", "password1": "1"})),
        ("sign-in", client.get(f"{prefix}/accounts/login/")),
        (
            "sign-in error",
            client.post(f"{prefix}/accounts/login/", {"login": "nobody@example.com", "password": "wrong-password"}),
        ),
        ("password reset", client.get(f"{prefix}/accounts/password/reset/")),
        ("home, guest", client.get(f"{prefix}/")),
        ("lesson, guest", client.get(lessons_x[0].url)),
        ("privacy notice", client.get(f"{prefix}/privacy/")),
        ("guardian consent", client.get(f"{prefix}/accounts/guardian/{guardian_token(learner)}/")),
    ]
    for _ in range(5):
        client.post(f"{prefix}/accounts/password/reset/", {"email": learner.email})
    pages.append(("too many tries", client.post(f"{prefix}/accounts/password/reset/", {"email": learner.email})))
    assert pages[-1][1].status_code == 429
    client.force_login(learner)
    pages += [
        ("home", client.get(f"{prefix}/")),
        ("catalogue", client.get(course_x.get_parent().url)),
        ("course", client.get(course_x.url)),
        ("lesson", client.get(lessons_x[0].url)),
        ("quiz", client.get(quiz_x.url)),
    ]
    client.post(f"{prefix}/learn/courses/{course_x.id}/lessons/{lessons_x[0].id}/complete/")
    start = client.post(f"{prefix}/learn/quizzes/{quiz_x.id}/start/", {"layout": "one"})
    question_url = start["Location"]
    pages.append(("quiz question", client.get(question_url)))
    first = QUESTIONS[0]["id"]
    client.post(question_url, {f"answer-{first}": WRONG_ANSWERS[first]})
    pages.append(("quiz question feedback", client.get(question_url)))
    attempt_path = question_url.split("/questions/")[0]
    for number, question in enumerate(QUESTIONS[1:], start=2):
        client.post(f"{attempt_path}/questions/{number}/", {f"answer-{question['id']}": RIGHT_ANSWERS[question["id"]]})
    pages.append(("quiz review", client.get(f"{attempt_path}/review/")))
    results = client.post(f"{attempt_path}/review/")
    pages += [
        ("quiz results", client.get(results["Location"])),
        ("my learning", client.get(f"{prefix}/learn/my-learning/")),
        ("profile", client.get(f"{prefix}/accounts/profile/")),
        ("profile errors", client.post(f"{prefix}/accounts/profile/", {"display_name": ""})),
        ("email addresses", client.get(f"{prefix}/accounts/email/")),
        ("change password", client.get(f"{prefix}/accounts/password/change/")),
        ("erase account", client.get(f"{prefix}/accounts/profile/erase/")),
        ("sign-out", client.get(f"{prefix}/accounts/logout/")),
    ]
    return [(name, response.status_code, response.content.decode()) for name, response in pages]


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_learner_page_speaks_the_language(client, learner, site_in, language):
    course_x, lessons_x, quiz_x = site_in(language)
    patterns = english_interface_strings(language)
    pages = pages_of_every_type(client, learner, language, course_x, lessons_x, quiz_x)
    problems = []
    for name, status, html in pages:
        assert status in {200, 400, 429}, (name, status)
        assert f'<html lang="{language}"' in html, name
        pieces = visible_texts(html)
        text = " ".join(pieces)
        for english, pattern in patterns:
            # A one-word string counts only as a whole piece of text ("May" is
            # also a Filipino word); longer ones anywhere in the page.
            if (pattern.fullmatch(english) and english in pieces) if " " not in english else pattern.search(text):
                problems.append(f"{name}: {english!r}")
        if language in NON_LATIN:
            # Catches English that never reached the catalogue at all.
            stripped = text
            for allowed in ALWAYS_ALLOWED:
                stripped = stripped.replace(allowed, " ")
            for words in re.findall(r"[A-Za-z]{2,}(?:[ ,.'’]+[A-Za-z]{2,}){2,}", stripped):
                problems.append(f"{name}: untranslated text {words!r}")
    assert not problems, "\n".join(sorted(set(problems)))
