"""Question types an educator builds a quiz from. Every question names the
competence it practises and carries an explanation shown after answering;
every option carries its own feedback. None of that reaches the browser until
the question is answered: the learner-facing templates are fed from
`grading.public_question`, which strips it."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from courses.blocks import EXAMPLE_KINDS, RICH_TEXT_FEATURES, check_example
from courses.blocks import VERDICTS as LESSON_VERDICTS

# A quiz asks for a precise verdict: "false" alone (which lessons may use) is not one.
VERDICTS = [(key, label) for key, label in LESSON_VERDICTS if key != "fake"]


def competence_choices():
    """Competence codes of the literacy framework, labelled in the source language."""
    from courses.models import Competence

    rows = Competence.objects.filter(locale__language_code="en").order_by("code")
    return [(c.code, f"{c.code} {c.name}") for c in rows]


class OptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300)
    correct = blocks.BooleanBlock(required=False)
    feedback = blocks.CharBlock(max_length=400, help_text=_("Shown to a learner who chose this option."))


def _explanation():
    return blocks.RichTextBlock(features=RICH_TEXT_FEATURES, help_text=_("Shown after the question is answered."))


class BaseQuestionBlock(blocks.StructBlock):
    competence = blocks.ChoiceBlock(choices=competence_choices, label=_("Competence practised"))


class OneCorrectOptionMixin:
    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for option in value["options"] if option["correct"])
        if correct != 1:
            raise blocks.StructBlockValidationError(
                block_errors={"options": ValidationError(_("Mark exactly one option as correct."))}
            )
        return value


class ChoiceQuestionBlock(OneCorrectOptionMixin, BaseQuestionBlock):
    question = blocks.CharBlock(max_length=400)
    options = blocks.ListBlock(OptionBlock(), min_num=2, max_num=8)
    explanation = _explanation()

    class Meta:
        icon = "radio-full"
        label = _("Single choice")


class MultipleChoiceQuestionBlock(BaseQuestionBlock):
    question = blocks.CharBlock(max_length=400)
    scoring = blocks.ChoiceBlock(
        choices=[("partial", _("Partial credit")), ("all_or_nothing", _("All or nothing"))], default="partial"
    )
    options = blocks.ListBlock(OptionBlock(), min_num=2, max_num=8)
    explanation = _explanation()

    def clean(self, value):
        value = super().clean(value)
        if not any(option["correct"] for option in value["options"]):
            raise blocks.StructBlockValidationError(
                block_errors={"options": ValidationError(_("Mark at least one option as correct."))}
            )
        return value

    class Meta:
        icon = "list-ul"
        label = _("Multiple choice")


class TrueFalseQuestionBlock(BaseQuestionBlock):
    statement = blocks.CharBlock(max_length=400)
    answer = blocks.BooleanBlock(required=False, help_text=_("Tick if the statement is true."))
    feedback_true = blocks.CharBlock(max_length=400, help_text=_("Shown to a learner who answered “true”."))
    feedback_false = blocks.CharBlock(max_length=400, help_text=_("Shown to a learner who answered “false”."))
    explanation = _explanation()

    class Meta:
        icon = "tick"
        label = _("True or false")


class RealOrFakeQuestionBlock(BaseQuestionBlock):
    prompt = blocks.CharBlock(max_length=200, default=_("Is this genuine?"))
    example_kind = blocks.ChoiceBlock(choices=EXAMPLE_KINDS, default="social_post")
    source_label = blocks.CharBlock(required=False, max_length=200)
    example_text = blocks.TextBlock(required=False)
    image = ImageChooserBlock(required=False)
    image_alt_text = blocks.CharBlock(required=False, max_length=250, label=_("Image alternative text"))
    answer = blocks.ChoiceBlock(choices=VERDICTS)
    feedback = blocks.StructBlock(
        [(key, blocks.CharBlock(max_length=400, label=label)) for key, label in VERDICTS],
        help_text=_("What a learner who picks each verdict is told."),
    )
    explanation = _explanation()

    def clean(self, value):
        return check_example(super().clean(value))

    class Meta:
        icon = "view"
        label = _("Real or fake?")


class OrderingQuestionBlock(BaseQuestionBlock):
    question = blocks.CharBlock(max_length=400)
    steps = blocks.ListBlock(
        blocks.CharBlock(max_length=300), min_num=3, max_num=8, help_text=_("In the right order; learners see them shuffled.")
    )
    explanation = _explanation()

    class Meta:
        icon = "order"
        label = _("Put in order")


class ScenarioQuestionBlock(OneCorrectOptionMixin, BaseQuestionBlock):
    situation = blocks.TextBlock(help_text=_("A short situation the learner must respond to."))
    question = blocks.CharBlock(max_length=400, default=_("What should you do next?"))
    options = blocks.ListBlock(OptionBlock(), min_num=2, max_num=8)
    explanation = _explanation()

    class Meta:
        icon = "user"
        label = _("Scenario")


class QuestionBlocks(blocks.StreamBlock):
    single_choice = ChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()
    real_or_fake = RealOrFakeQuestionBlock()
    ordering = OrderingQuestionBlock()
    scenario = ScenarioQuestionBlock()

    class Meta:
        min_num = 1
