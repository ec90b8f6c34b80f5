"""Real or fake?: an example (a post, a message, an image) and a precise verdict."""

from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from courses.blocks import EXAMPLE_KINDS, check_example
from courses.blocks import VERDICTS as LESSON_VERDICTS

from .base import InvalidAnswer, QuestionType, full_or_nothing
from .parts import BaseQuestionBlock, explanation_block

# A quiz asks for a precise verdict: "false" alone (which lessons may use) is not one.
VERDICTS = [(key, label) for key, label in LESSON_VERDICTS if key != "fake"]
VERDICT_KEYS = [key for key, _label in VERDICTS]


def _feedback_for(verdict):
    return format_lazy(gettext_lazy("Feedback for “{verdict}”"), verdict=verdict)


def verdict_label(key) -> str:
    return str(dict(VERDICTS).get(key, key))


class RealOrFakeQuestionBlock(BaseQuestionBlock):
    prompt = blocks.CharBlock(max_length=200, default=gettext_lazy("Is this genuine?"), label=gettext_lazy("Prompt"))
    example_kind = blocks.ChoiceBlock(
        choices=EXAMPLE_KINDS, default="social_post", label=gettext_lazy("Kind of example")
    )
    source_label = blocks.CharBlock(
        required=False,
        max_length=200,
        default="",
        label=gettext_lazy("Source"),
        help_text=gettext_lazy("Who posted or sent it."),
    )
    example_text = blocks.TextBlock(
        required=False,
        default="",
        label=gettext_lazy("Example text"),
        help_text=gettext_lazy("The message, post or caption to judge."),
    )
    image = ImageChooserBlock(required=False, label=gettext_lazy("Example image"))
    image_alt_text = blocks.CharBlock(
        required=False, max_length=250, default="", label=gettext_lazy("Image alternative text")
    )
    answer = blocks.ChoiceBlock(choices=VERDICTS, label=gettext_lazy("Right verdict"))
    feedback = blocks.StructBlock(
        [(key, blocks.CharBlock(max_length=400, label=_feedback_for(label))) for key, label in VERDICTS],
        label=gettext_lazy("Feedback for each verdict"),
        help_text=gettext_lazy("What a learner who picks each verdict is told."),
    )
    explanation = explanation_block()

    def clean(self, value):
        return check_example(super().clean(value))

    class Meta:
        icon = "view"
        label = gettext_lazy("Real or fake?")


class RealOrFake(QuestionType):
    key = "real_or_fake"
    block_class = RealOrFakeQuestionBlock
    position = 40
    interaction = "choice"
    # The example to judge and the feedback for each verdict are best made in the editor.
    not_importable_message = gettext_lazy("“Real or fake?” questions cannot be imported: add them in the quiz editor.")

    def text(self, value):
        return value.get("prompt", "")

    def public(self, question, order=None):
        value = question["value"]
        return {
            **super().public(question),
            "prompt": value["prompt"],
            "example_kind": value.get("example_kind", ""),
            "source_label": value.get("source_label", ""),
            "example_text": value.get("example_text", ""),
            "image_id": value.get("image"),
            "image_alt_text": value.get("image_alt_text", ""),
            "options": [{"id": key, "text": verdict_label(key)} for key in VERDICT_KEYS],
        }

    def parse(self, question, values):
        if len(values) != 1 or values[0] not in VERDICT_KEYS:
            raise InvalidAnswer(_("That option is not one of this question’s answers."))
        return values[0]

    def grade(self, question, answer):
        value = question["value"]
        return full_or_nothing(answer == value["answer"], [value["feedback"][answer]])

    def right_answer_values(self, question):
        return [question["value"]["answer"]]

    def some_answer_values(self, question, rng):
        return [rng.choice(VERDICT_KEYS)]

    def right_answer_texts(self, question):
        return [verdict_label(question["value"]["answer"])]

    def answer_texts(self, question, answer):
        return [verdict_label(answer)]

    def report_choices(self, question):
        right = question["value"]["answer"]
        return [(key, verdict_label(key), key == right) for key in VERDICT_KEYS]

    def report_keys(self, question, answer):
        return [str(answer)]
