"""Pieces the question blocks share: the competence a question practises,
the explanation shown after answering, and options with their own feedback;
and `OptionQuestion`, the type base of every question answered by picking
options."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from wagtail import blocks

from courses.blocks import RICH_TEXT_FEATURES
from courses.models.framework import competence_choices as framework_competence_choices

from .base import InvalidAnswer, QuestionType, full_or_nothing, items, missing_feedback_note, new_item


def competence_choices():
    """The literacy framework's competences by their code (the value stored,
    the same in every language), named in the editor's language and grouped
    by pillar."""
    return framework_competence_choices(get_language())


class OptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300, label=gettext_lazy("Option text"))
    correct = blocks.BooleanBlock(
        required=False, label=gettext_lazy("Correct"), help_text=gettext_lazy("Tick if this option is right.")
    )
    feedback = blocks.CharBlock(
        max_length=400,
        label=gettext_lazy("Option feedback"),
        help_text=gettext_lazy("Shown to a learner who chose this option."),
    )

    class Meta:
        label = gettext_lazy("Option")


def options_block():
    return blocks.ListBlock(OptionBlock(), min_num=2, max_num=8, label=gettext_lazy("Options"))


def question_block(**kwargs):
    return blocks.CharBlock(max_length=400, label=gettext_lazy("Question"), **kwargs)


def explanation_block():
    return blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=gettext_lazy("Explanation"),
        help_text=gettext_lazy("Shown after the question is answered."),
    )


class BaseQuestionBlock(blocks.StructBlock):
    competence = blocks.ChoiceBlock(
        choices=competence_choices,
        label=gettext_lazy("Competence practised"),
        help_text=gettext_lazy(
            "The framework competence this question checks; it counts towards that competence in the statistics."
        ),
    )
    form = blocks.ChoiceBlock(
        choices=[("both", gettext_lazy("Both")), ("A", gettext_lazy("Form A")), ("B", gettext_lazy("Form B"))],
        default="both",
        required=False,
        label=gettext_lazy("Before-and-after form"),
        help_text=gettext_lazy(
            "For the before check: give each competence a question in form A and a parallel one in form B. "
            "Half the learners answer A before the course and B in the quiz, the other half the reverse."
        ),
    )


class OneCorrectOptionMixin:
    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for option in value["options"] if option["correct"])
        if correct != 1:
            raise blocks.StructBlockValidationError(
                block_errors={"options": ValidationError(gettext_lazy("Mark exactly one option as correct."))}
            )
        return value


def options(question):
    """(id, option) pairs of a question's options, in the educator's order."""
    return items(question["value"]["options"])


class OptionQuestion(QuestionType):
    """A question answered by picking one of its options (single choice,
    scenario); `MultipleChoice` lets the learner pick several."""

    interaction = "choice"
    importable = True

    def value_from_draft(self, draft, feedback_words):
        right_words, wrong_words = feedback_words
        notes = [missing_feedback_note(feedback_words)] if any(not o.feedback for o in draft.options) else []
        value = {
            "question": draft.question.strip(),
            "options": [
                new_item(
                    {
                        "text": option.text.strip(),
                        "correct": option.right,
                        "feedback": option.feedback or (right_words if option.right else wrong_words),
                    }
                )
                for option in draft.options
            ],
        }
        return value, notes

    def shown_order(self, question, rng, shuffle):
        order = [option_id for option_id, _option in options(question)]
        if shuffle:
            rng.shuffle(order)
        return order

    def public(self, question, order=None):
        choices = {option_id: option["text"] for option_id, option in options(question)}
        return {
            **super().public(question),
            "question": question["value"]["question"],
            "options": [{"id": option_id, "text": choices[option_id]} for option_id in order or list(choices)],
        }

    def parse(self, question, values):
        valid = {option_id for option_id, _option in options(question)}
        if len(values) != 1 or values[0] not in valid:
            raise InvalidAnswer(_("That option is not one of this question’s answers."))
        return values[0]

    def grade(self, question, answer):
        chosen = dict(options(question))[answer]
        return full_or_nothing(chosen["correct"], [chosen["feedback"]])

    def right_answer_values(self, question):
        return [option_id for option_id, option in options(question) if option["correct"]]

    def some_answer_values(self, question, rng):
        return [rng.choice(options(question))[0]]

    def right_answer_texts(self, question):
        return [option["text"] for _id, option in options(question) if option["correct"]]

    def answer_texts(self, question, answer):
        return [dict(options(question))[answer]["text"]]

    def report_choices(self, question):
        return [(option_id, option["text"], bool(option["correct"])) for option_id, option in options(question)]

    def report_keys(self, question, answer):
        return [str(answer)]
