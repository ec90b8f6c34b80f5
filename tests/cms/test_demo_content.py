"""The demo content's data files, checked without loading a page: the PO
files match their English source, every translated text keeps its markup,
follows its language's glossary and leaves no English behind, and Burmese
is Unicode. (tests/cms/test_demo.py loads it all once, for real.)"""

from io import StringIO

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

from cms import demo_images
from cms.demo_bundles import CONTENT_DIR, SOURCE_LANGUAGE, all_bundles, markup_problems, merged_po, new_po, read_yaml
from cms.demo_quality import (
    ENGLISH_MARKERS,
    english_left,
    english_report,
    glossary,
    glossary_files,
    glossary_report,
    glossary_terms,
    markup_report,
    zawgyi_report,
)
from courses.burmese import looks_like_zawgyi

pytestmark = pytest.mark.django_db

TRANSLATED = [code for code, _ in settings.LANGUAGES if code != SOURCE_LANGUAGE]
# The translations the repository ships, each complete (issue 22).
SHIPPED = {
    "site": set(TRANSLATED),
    "check-before-you-share": {"ms", "id", "vi", "th", "fil", "km", "lo", "my", "tet"},
    "ai-images-voices-deepfakes": {"ms", "id", "vi", "th", "fil", "km", "lo", "my", "tet"},
    "stay-safe-from-online-scams": {"ms", "id", "vi", "th", "fil", "km", "lo", "my", "tet"},
    "protecting-children-and-women-online": {"ms", "id", "vi", "th", "fil", "km", "lo", "my", "tet"},
    "being-a-responsible-digital-citizen": {"ms", "id", "vi", "th", "fil", "km", "lo", "my", "tet"},
}
QUESTION_TYPES = {"single_choice", "multiple_choice", "true_false", "real_or_fake", "ordering", "scenario"}


@pytest.fixture(scope="module")
def bundles(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        found = all_bundles()
        for bundle in found:  # extract every text now, while the database is open
            for obj in bundle.objects:
                assert obj.texts is not None
        return found


def each_translation(bundles):
    return [(bundle, language) for bundle in bundles for language in bundle.languages()]


def report(problems):
    return "\n".join(str(problem) for problem in problems[:15])


def test_every_messages_pot_matches_its_english_source(bundles):
    for bundle in bundles:
        expected = [(entry.msgctxt, entry.msgid) for entry in bundle.template()]
        written = [(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(bundle.template_path))]
        assert written == expected, f"{bundle.template_path} is out of date: run `make demo-translations-update`"


def test_shipped_translations_are_complete_and_translate_only_their_source(bundles):
    assert {bundle.name: set(bundle.languages()) for bundle in bundles} == SHIPPED
    for bundle, language in each_translation(bundles):
        assert bundle.missing(language) == [], f"{bundle.po_path(language)} is incomplete"
        known = {(entry.msgctxt, entry.msgid) for entry in bundle.template()}
        po = polib.pofile(str(bundle.po_path(language)))
        stray = [entry.msgid[:60] for entry in po if not entry.obsolete and (entry.msgctxt, entry.msgid) not in known]
        assert not stray, f"{bundle.po_path(language)} translates texts the English no longer has: {stray}"
        assert not [entry for entry in po if "fuzzy" in entry.flags and not entry.obsolete]
        assert po.metadata["Language"] == language


def test_markup_survives_in_every_translated_text(bundles):
    for bundle, language in each_translation(bundles):
        problems = markup_report(bundle, language)
        assert not problems, report(problems)


def test_every_glossary_term_is_used_where_its_english_term_appears(bundles):
    for bundle, language in each_translation(bundles):
        problems = glossary_report(bundle, language)
        assert not problems, report(problems)


def test_no_english_left_beyond_proper_nouns(bundles):
    for bundle, language in each_translation(bundles):
        problems = english_report(bundle, language)
        assert not problems, report(problems)


def test_burmese_is_unicode_not_zawgyi(bundles):
    burmese = [bundle for bundle in bundles if "my" in bundle.languages()]
    assert burmese, "the Burmese texts must be checked"
    for bundle in burmese:
        assert not zawgyi_report(bundle, "my"), report(zawgyi_report(bundle, "my"))
    for forms in glossary("my")["terms"].values():
        assert not any(looks_like_zawgyi(form) for form in forms), forms
    # The check would catch Zawgyi: "Myanmar language" typed in Zawgyi.
    assert looks_like_zawgyi("ျမန္မာဘာသာ")


def test_every_language_has_a_glossary_of_every_key_term():
    terms = set(glossary_terms())
    assert {"fake-news", "deepfake", "scam", "sextortion", "hate-speech", "fact-check", "cyberbullying"} <= terms
    assert {path.stem for path in glossary_files()} == {code for code, _ in settings.LANGUAGES} | {"proper_nouns"}
    for language in TRANSLATED:
        data = glossary(language)
        assert data["language"] == language
        assert set(data["terms"]) == terms, language
        assert all(forms and all(form.strip() for form in forms) for forms in data["terms"].values()), language


def test_the_checks_catch_broken_translations():
    """Each check fails on the mistake it exists for."""
    assert markup_problems("Press <b>Stop</b> now.", "Tekan Berhenti sekarang.")
    assert markup_problems('See <a id="a1">the notice</a>.', "Lihat notis.")
    assert markup_problems("Line one<br/>Line two", "Baris satu baris dua")
    assert markup_problems("Only on teluknews.com.my today.", "Hanya di teluknews.info hari ini.")
    assert markup_problems("Hello %(name)s", "Halo")
    assert markup_problems("Fine", "<p>Not inline</p>")
    assert not markup_problems("Press <b>Stop</b>.", "Tekan <b>Berhenti</b>.")
    assert english_left("Check the source before you share.", "ms") == ["before", "the", "you"]
    assert english_left("Semak sumber di WhatsApp sebelum berkongsi.", "ms") == []
    assert english_left("ตรวจสอบ source ก่อนแชร์ใน WhatsApp", "th") == ["source"]
    assert "the" in ENGLISH_MARKERS


def test_the_glossary_check_catches_a_wrong_term(bundles, monkeypatch):
    """A Malay course title that renders 'scams' with a word the glossary does not fix."""
    bundle = next(b for b in bundles if b.name == "stay-safe-from-online-scams")
    translations = bundle.translations("ms")
    title = next(text for path, text in bundle.object("course").texts if path == "title")
    monkeypatch.setitem(translations.by_context, ("course|title", title), "Kekal selamat daripada helah dalam talian")
    monkeypatch.setattr(bundle, "translations", lambda language: translations)
    problems = glossary_report(bundle, "ms")
    assert [problem.message for problem in problems] == ["scam: expected one of ['penipu', 'tipu', 'nipu']"]


def test_every_course_follows_the_house_pattern(bundles):
    """Four lessons and a quiz of the six question types, every question and
    lesson tagged with competences of the framework, and every picture of a
    real-or-fake example drawable, with its alternative text."""
    framework = read_yaml(CONTENT_DIR / "site" / "framework.en.yaml")
    codes = {competence["code"] for competence in framework["competences"]}
    for bundle in bundles:
        if bundle.name == "site":
            continue
        source = bundle.source
        assert len(source["lessons"]) == 4, bundle.name
        assert set(source["competences"]) <= codes
        quiz = read_yaml(bundle.directory / "quiz.en.yaml")
        assert {question["type"] for question in quiz["questions"]} == QUESTION_TYPES, bundle.name
        assert all(question["value"]["competence"] in codes for question in quiz["questions"])
        examples = [
            block["value"]
            for lesson in source["lessons"]
            for block in lesson["body"]
            if block["type"] == "real_or_fake"
        ]
        examples += [question["value"] for question in quiz["questions"] if question["type"] == "real_or_fake"]
        for lesson in source["lessons"]:
            assert set(lesson["competences"]) <= codes
        for example in examples:
            if example["example_kind"] == "image":
                assert example["image"] in demo_images.DRAWINGS, example["prompt"]
                assert len(example["image_alt_text"]) > 40, example["prompt"]
                assert demo_images.draw(example["image"]).startswith(b"\x89PNG")


def test_translators_tools_keep_every_translation_and_start_new_languages(bundles):
    """`manage.py demo_translations --update` merges without losing a
    translation; `--new` starts an empty PO file with the texts to translate."""
    bundle = next(b for b in bundles if b.name == "protecting-children-and-women-online")
    merged = merged_po(bundle, "ms")
    assert sum(1 for entry in merged if entry.msgstr and not entry.obsolete) == bundle.coverage("ms")[0]
    started = new_po(bundle, "km")
    assert started.metadata["Language"] == "km" and started.metadata["X-Celik-Origin"] == "machine"
    assert len(started) == len(bundle.template()) and not any(entry.msgstr for entry in started)
    assert "Khmer" in started.header or "ភាសាខ្មែរ" in started.header


def test_the_coverage_report_and_check_command(bundles):
    out = StringIO()
    call_command("demo_translations", "--check", stdout=out)
    report = out.getvalue()
    row = next(line for line in report.splitlines() if line.startswith("protecting-children-and-women-online"))
    texts = len(next(bundle for bundle in bundles if bundle.name == "protecting-children-and-women-online").template())
    shipped = SHIPPED["protecting-children-and-women-online"]
    assert row.split()[1:] == [f"{texts}/{texts}" if code in shipped else "-" for code in TRANSLATED]
    assert "no problem" in report
