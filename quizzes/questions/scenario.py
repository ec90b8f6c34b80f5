"""Scenario: a short situation, then what to do next, one right option."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .base import InvalidDraft
from .parts import (
    BaseQuestionBlock,
    OneCorrectOptionMixin,
    OptionQuestion,
    explanation_block,
    options_block,
    question_block,
)


class ScenarioQuestionBlock(OneCorrectOptionMixin, BaseQuestionBlock):
    situation = blocks.TextBlock(label=_("Situation"), help_text=_("A short situation the learner must respond to."))
    question = question_block(default=_("What should you do next?"))
    options = options_block()
    explanation = explanation_block()

    class Meta:
        icon = "user"
        label = _("Scenario")


class Scenario(OptionQuestion):
    key = "scenario"
    block_class = ScenarioQuestionBlock
    position = 60

    def value_from_draft(self, draft, feedback_words):
        if not draft.situation.strip():
            raise InvalidDraft(gettext("A scenario needs its situation."))
        value, notes = super().value_from_draft(draft, feedback_words)
        return {**value, "situation": draft.situation.strip()}, notes

    def text(self, value):
        """The situation comes first: "What should you do next?" alone would
        not tell one scenario from another in a list."""
        situation = value.get("situation", "")
        return f"{situation} {value.get('question', '')}".strip() if situation else value.get("question", "")

    def public(self, question, order=None):
        return {**super().public(question, order), "situation": question["value"].get("situation", "")}
