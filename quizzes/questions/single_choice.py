"""Single choice: one right option among two to eight."""

from django.utils.translation import gettext_lazy as _

from .parts import (
    BaseQuestionBlock,
    OneCorrectOptionMixin,
    OptionQuestion,
    explanation_block,
    options_block,
    question_block,
)


class ChoiceQuestionBlock(OneCorrectOptionMixin, BaseQuestionBlock):
    question = question_block()
    options = options_block()
    explanation = explanation_block()

    class Meta:
        icon = "radio-full"
        label = _("Single choice")


class SingleChoice(OptionQuestion):
    key = "single_choice"
    block_class = ChoiceQuestionBlock
    position = 10
