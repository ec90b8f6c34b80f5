"""True or false: one statement, with feedback for each answer."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from .base import InvalidAnswer, InvalidDraft, QuestionType, full_or_nothing, missing_feedback_note
from .parts import BaseQuestionBlock, explanation_block


class TrueFalseQuestionBlock(BaseQuestionBlock):
    statement = blocks.CharBlock(max_length=400, label=gettext_lazy("Statement"))
    answer = blocks.BooleanBlock(
        required=False,
        label=gettext_lazy("The statement is true"),
        help_text=gettext_lazy("Tick if the statement is true."),
    )
    feedback_true = blocks.CharBlock(
        max_length=400,
        label=gettext_lazy("Feedback for “true”"),
        help_text=gettext_lazy("Shown to a learner who answered “true”."),
    )
    feedback_false = blocks.CharBlock(
        max_length=400,
        label=gettext_lazy("Feedback for “false”"),
        help_text=gettext_lazy("Shown to a learner who answered “false”."),
    )
    explanation = explanation_block()

    class Meta:
        icon = "tick"
        label = gettext_lazy("True or false")


def _words(answer):
    return _("True") if answer else _("False")


class TrueFalse(QuestionType):
    key = "true_false"
    block_class = TrueFalseQuestionBlock
    position = 30
    interaction = "true-false"
    importable = True
    file_answers = "true_or_false"

    def value_from_draft(self, draft, feedback_words):
        if draft.answer is None:
            raise InvalidDraft(_("Say whether the statement is true or false."))
        right_words, wrong_words = feedback_words
        notes = [] if draft.feedback_true and draft.feedback_false else [missing_feedback_note(feedback_words)]
        value = {
            "statement": draft.question.strip(),
            "answer": draft.answer,
            "feedback_true": draft.feedback_true or (right_words if draft.answer else wrong_words),
            "feedback_false": draft.feedback_false or (wrong_words if draft.answer else right_words),
        }
        return value, notes

    def text(self, value):
        return value.get("statement", "")

    def public(self, question, order=None):
        return {**super().public(question), "statement": question["value"]["statement"]}

    def parse(self, question, values):
        if len(values) != 1 or values[0] not in ("true", "false"):
            raise InvalidAnswer(_("Answer true or false."))
        return values[0] == "true"

    def grade(self, question, answer):
        value = question["value"]
        feedback = value["feedback_true"] if answer else value["feedback_false"]
        return full_or_nothing(answer == bool(value["answer"]), [feedback])

    def form_values(self, answer):
        return ["true" if answer else "false"]

    def right_answer_values(self, question):
        return self.form_values(bool(question["value"]["answer"]))

    def some_answer_values(self, question, rng):
        return [rng.choice(["true", "false"])]

    def right_answer_texts(self, question):
        return [_words(question["value"]["answer"])]

    def answer_texts(self, question, answer):
        return [_words(answer)]

    def report_choices(self, question):
        right = bool(question["value"]["answer"])
        return [("true", _words(True), right), ("false", _words(False), not right)]

    def report_keys(self, question, answer):
        return self.form_values(answer)
