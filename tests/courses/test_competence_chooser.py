"""Choosing competences (issue 20, item 5): a page offers the framework's
competences in its own language only, grouped by pillar, with a search box
and help text; a quiz question names them in the editor's language while
storing the code it always stored."""

import pytest
from django.utils import translation
from wagtail.test.utils.form_data import rich_text

from courses.models import Competence, Pillar
from courses.models.framework import competence_choices
from quizzes.questions.single_choice import ChoiceQuestionBlock

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework(locales):
    """Two pillars and three competences in English; two of them in Malay."""
    made = {}
    for language in ("en", "ms"):
        made[("pillar", language)] = Pillar.objects.create(
            code="KLD-LIT",
            name={"en": "Digital literacy", "ms": "Literasi digital"}[language],
            locale=locales[language],
        )
        made[("safety", language)] = Pillar.objects.create(
            code="SAFE", name={"en": "Safety", "ms": "Keselamatan"}[language], locale=locales[language]
        )
    rows = [
        ("1.2", "pillar", {"en": "Evaluating information", "ms": "Menilai maklumat"}),
        ("4.2", "safety", {"en": "Protecting privacy", "ms": "Melindungi privasi"}),
        ("AI.1", "pillar", {"en": "AI literacy"}),
    ]
    for code, pillar, names in rows:
        source = Competence.objects.create(
            pillar=made[(pillar, "en")], code=code, name=names["en"], locale=locales["en"], description=f"About {code}"
        )
        made[(code, "en")] = source
        if "ms" in names:
            copy = source.copy_for_translation(locales["ms"])
            copy.name, copy.pillar = names["ms"], made[(pillar, "ms")]
            copy.save()
            made[(code, "ms")] = copy
    return made


def test_a_malay_lesson_offers_malay_competences_by_pillar(staff_client, course, translate_course, framework):
    course_en, lessons_en = course
    lessons_en[0].competences.set([framework[("1.2", "en")]])  # linked in English, as pages made earlier were
    lessons_en[0].save_revision().publish()
    _course_ms, (lesson_ms, *_rest) = translate_course(course_en, lessons_en, "ms")

    form = lesson_ms.get_edit_handler().get_form_class()(instance=lesson_ms, for_user=None)
    groups = {group: [str(label) for _value, label in options] for group, options in form.fields["competences"].choices}
    assert groups == {"Literasi digital": ["1.2 Menilai maklumat"], "Keselamatan": ["4.2 Melindungi privasi"]}
    assert form.initial["competences"] == [framework[("1.2", "ms")].pk]  # what it has, in Malay

    page = staff_client.get(f"/admin/pages/{lesson_ms.id}/edit/").content.decode()
    assert "<legend>Literasi digital</legend>" in page and "<legend>Keselamatan</legend>" in page
    assert "Evaluating information" not in page  # no other language's row
    assert "data-competence-search" in page and "competence_chooser.js" in page
    assert "What this lesson practises, from the digital-literacy framework" in page
    assert "About 4.2" in page  # each competence's description


def test_a_new_english_course_offers_english_competences(staff_client, catalogue, framework):
    page = staff_client.get(f"/admin/pages/add/courses/coursepage/{catalogue.id}/").content.decode()
    assert "1.2 Evaluating information" in page and "AI.1 AI literacy" in page
    assert "Menilai maklumat" not in page


def test_saving_stores_the_page_languages_competences(staff_client, course, translate_course, framework):
    course_en, lessons_en = course
    course_ms, _lessons = translate_course(course_en, lessons_en, "ms")
    form_class = course_ms.get_edit_handler().get_form_class()
    chosen = framework[("4.2", "ms")]
    data = {
        "title": course_ms.title,
        "slug": course_ms.slug,
        "summary": "Ringkasan.",
        "audience": "everyone",
        "level": "beginner",
        "estimated_minutes": 30,
        "competences": [chosen.pk],
        "description": rich_text(""),
    }
    form = form_class(data, instance=course_ms, for_user=None, parent_page=course_ms.get_parent())
    assert form.is_valid(), form.errors
    english = framework[("1.2", "en")]
    bad = form_class({**data, "competences": [english.pk]}, instance=course_ms, for_user=None)
    assert not bad.is_valid() and "competences" in bad.errors  # another language's row is no choice


def test_quiz_questions_name_competences_in_the_editors_language(framework):
    with translation.override("ms"):
        assert competence_choices("ms") == [
            ("Literasi digital", [("1.2", "1.2 Menilai maklumat"), ("AI.1", "AI.1 AI literacy")]),
            ("Keselamatan", [("4.2", "4.2 Melindungi privasi")]),
        ]
        field = ChoiceQuestionBlock().child_blocks["competence"].field
        labels = dict(choice for _group, options in field.choices[1:] for choice in options)
        assert labels["1.2"] == "1.2 Menilai maklumat"
    # The stored value is the code, whichever language the editor reads.
    block = ChoiceQuestionBlock().child_blocks["competence"]
    assert block.clean("4.2") == "4.2"
    with translation.override("en"):
        assert dict(competence_choices("en")[1][1])["4.2"] == "4.2 Protecting privacy"
