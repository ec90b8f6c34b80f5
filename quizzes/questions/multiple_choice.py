"""Multiple choice: several right options, with partial credit or all or nothing."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from .base import Grade, InvalidAnswer, full_or_nothing
from .parts import BaseQuestionBlock, OptionQuestion, explanation_block, options, options_block, question_block


class MultipleChoiceQuestionBlock(BaseQuestionBlock):
    question = question_block()
    scoring = blocks.ChoiceBlock(
        choices=[("partial", gettext_lazy("Partial credit")), ("all_or_nothing", gettext_lazy("All or nothing"))],
        default="partial",
        label=gettext_lazy("Scoring"),
        help_text=gettext_lazy(
            "Partial credit: a share of the point for each right choice. All or nothing: all of them, or none."
        ),
    )
    options = options_block()
    explanation = explanation_block()

    def clean(self, value):
        value = super().clean(value)
        if not any(option["correct"] for option in value["options"]):
            raise blocks.StructBlockValidationError(
                block_errors={"options": ValidationError(gettext_lazy("Mark at least one option as correct."))}
            )
        return value

    class Meta:
        icon = "list-ul"
        label = gettext_lazy("Multiple choice")


class MultipleChoice(OptionQuestion):
    key = "multiple_choice"
    block_class = MultipleChoiceQuestionBlock
    position = 20
    partial_credit = True

    def value_from_draft(self, draft, feedback_words):
        value, notes = super().value_from_draft(draft, feedback_words)
        return {**value, "scoring": draft.scoring or "partial"}, notes

    def parse(self, question, values):
        valid = {option_id for option_id, _option in options(question)}
        if not set(values) <= valid:
            raise InvalidAnswer(_("That option is not one of this question’s answers."))
        return sorted(set(values))

    def grade(self, question, chosen_ids):
        """All or nothing: full marks only for exactly the right set. Partial
        credit: each right option chosen earns a share, each wrong option chosen
        takes one share away, never below zero — so ticking everything earns
        nothing."""
        all_options = dict(options(question))
        right = {option_id for option_id, option in all_options.items() if option["correct"]}
        chosen = set(chosen_ids)
        feedback = [all_options[option_id]["feedback"] for option_id in chosen_ids]
        if question["value"].get("scoring") == "all_or_nothing":
            return full_or_nothing(chosen == right, feedback)
        hits = len(chosen & right)
        wrong = len(chosen - right)
        points = max(0.0, (hits - wrong) / len(right))
        return Grade(points=round(points, 4), correct=chosen == right, feedback=feedback)

    def some_answer_values(self, question, rng):
        ids = [option_id for option_id, _option in options(question)]
        return rng.sample(ids, rng.randint(1, len(ids)))

    def form_values(self, answer):
        return [str(value) for value in answer]

    def answer_texts(self, question, answer):
        chosen = dict(options(question))
        return [chosen[option_id]["text"] for option_id in answer if option_id in chosen]

    def report_keys(self, question, answer):
        return [str(option_id) for option_id in answer]
