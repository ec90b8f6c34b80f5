"""Every admin string the project defines is translated (issue 20, item 4),
and the translation editor says what each segment is (item 6).

A label Wagtail makes from a block's or a field's name ("Real or fake",
"Example kind") never reaches a catalogue; only a label given with gettext
does. So every block, block field, model field and choice shown in the
admin must carry one, and the catalogue tests (test_catalogues.py) then
make sure each is translated into all nine other languages."""

import json
import re

import pytest
from django.utils import translation
from django.utils.functional import Promise
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from cms.models import HomePage
from courses.blocks import TeachingBlocks
from courses.models import Competence, CourseIndexPage, CoursePage, LessonPage, Pillar
from courses.segment_labels import innermost_label
from quizzes.blocks import QuestionBlocks
from quizzes.models import QuizPage
from tests.conftest import make_staff, staff_sign_in
from tests.quizzes.conftest import QUESTIONS

PAGE_MODELS = [HomePage, CourseIndexPage, CoursePage, LessonPage, QuizPage]
SNIPPETS = [Pillar, Competence]


def walk(block, path):
    """Every block below `block`, with its path of names."""
    if isinstance(block, blocks.StreamBlock | blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield child, [*path, name]
            yield from walk(child, [*path, name])
    elif isinstance(block, blocks.ListBlock):
        yield block.child_block, [*path, "item"]
        yield from walk(block.child_block, [*path, "item"])


@pytest.mark.parametrize("stream", [TeachingBlocks(), QuestionBlocks()], ids=["lesson blocks", "quiz questions"])
def test_every_block_and_block_field_has_a_translatable_label(stream):
    untranslatable = []
    for block, path in walk(stream, []):
        if not isinstance(block.meta.label, Promise):
            untranslatable.append(".".join(path))
        help_text = getattr(block.meta, "help_text", None)
        if help_text and not isinstance(help_text, Promise):
            untranslatable.append(".".join(path) + " (help text)")
        choices = getattr(block, "_constructor_kwargs", {}).get("choices")
        if isinstance(choices, list) and not all(isinstance(label, Promise) for _value, label in choices):
            untranslatable.append(".".join(path) + " (choices)")
    assert untranslatable == []


def panel_fields(panels):
    for panel in panels:
        if isinstance(panel, FieldPanel):
            yield panel.field_name
        elif isinstance(panel, MultiFieldPanel):
            yield from panel_fields(panel.children)


@pytest.mark.parametrize("model", PAGE_MODELS + SNIPPETS, ids=lambda model: model.__name__)
def test_every_field_an_educator_edits_has_a_translatable_name(model):
    own = [
        name
        for name in panel_fields(getattr(model, "content_panels", getattr(model, "panels", [])))
        if name not in {"title", "slug"}
    ]
    untranslatable = [
        name
        for name in own
        if not isinstance(model._meta.get_field(name).verbose_name, Promise)
        or (model._meta.get_field(name).help_text and not isinstance(model._meta.get_field(name).help_text, Promise))
    ]
    assert untranslatable == []
    assert isinstance(model._meta.verbose_name, Promise) and isinstance(model._meta.verbose_name_plural, Promise)


def test_the_admin_can_be_used_in_every_interface_language(client, db, settings):
    staff_sign_in(client, make_staff())
    page = client.get("/admin/account/").content.decode()
    for code, name in settings.LANGUAGES:
        assert f'value="{code}"' in page, name


@pytest.mark.django_db
def test_the_lesson_editor_in_malay_names_its_blocks_in_malay(client, course):
    course_page, lessons = course
    educator = staff_sign_in(client, make_staff())
    profile = UserProfile.get_for_user(educator)
    profile.preferred_language = "ms"
    profile.save()
    page = client.get(f"/admin/pages/{lessons[0].id}/edit/").content.decode()
    # The block definitions the StreamField editor is built from (JSON in the page).
    for malay in ("Tajuk", "Perenggan", "Kotak perhatian", "Tulen atau palsu", "Perkara penting", "Senarai semak"):
        assert malay in page, malay
    assert "Callout" not in page and "Key takeaways" not in page
    assert "Kecekapan" in page  # the field's own label
    assert "Status terjemahan" in client.get("/admin/").content.decode()  # the reports menu


@pytest.mark.parametrize(
    ("path", "label"),
    [
        (["single_choice", "options", "item", "text"], "Option text"),
        (["single_choice", "options", "item", "feedback"], "Option feedback"),
        (["scenario", "options", "item", "text"], "Option text"),
        (["real_or_fake", "feedback", "genuine"], "Feedback for “Genuine”"),
        (["real_or_fake", "feedback", "scam"], "Feedback for “Scam”"),
        (["true_false", "feedback_true"], "Feedback for “true”"),
        (["true_false", "feedback_false"], "Feedback for “false”"),
        (["ordering", "steps", "item"], "Step"),
        (["multiple_choice", "explanation"], "Explanation"),
    ],
)
def test_each_quiz_segment_is_named_after_what_it_is(path, label):
    with translation.override("en"):
        assert str(innermost_label(QuestionBlocks(), path)) == label


@pytest.mark.django_db
def test_the_translation_editor_labels_options_and_feedback(
    client, course, home, catalogue, django_capture_on_commit_callbacks
):
    """Through the translation editor itself (wagtail-localize): the segments
    of a quiz's options and feedback each say which they are."""
    course_page, _lessons = course
    quiz = QuizPage(title="Check your skills", slug="quiz", questions=json.dumps(QUESTIONS))
    course_page.add_child(instance=quiz)
    quiz.save_revision().publish()
    staff_sign_in(client, make_staff())
    malay = Locale.objects.get(language_code="ms")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/localize/submit/page/{quiz.id}/", {"locales": [malay.id]})
    quiz_ms = quiz.get_translation(malay)
    page = client.get(f"/admin/pages/{quiz_ms.id}/edit/").content.decode()
    props = json.loads(re.search(r'data-props="([^"]*)"', page).group(1).replace("&quot;", '"').replace("&amp;", "&"))
    labels = {segment["location"]["subField"] for segment in props["segments"] if segment["location"]["subField"]}
    assert {"Option text", "Option feedback", "Feedback for “Scam”", "Feedback for “true”", "Explanation"} <= labels
    assert "Options" not in labels and "Feedback" not in labels
