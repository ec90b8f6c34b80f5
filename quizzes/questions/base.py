"""What every question type is: the class each type module subclasses.

A question, wherever it travels, is the snapshot an attempt stores when it
starts: {"id": block id, "type": type key, "value": the block's stored JSON
value, "order": the order its options or steps are shown in}. A type reads
that plain data and nothing else, so grading never looks at the live page
and an educator's later edit never changes a past result.

Everything a type does happens on the server. The browser only ever gets
`public()`, which holds no answer key and no feedback.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

_registry: dict[str, QuestionType] = {}


class InvalidAnswer(ValueError):
    """An answer that does not fit its question. The message is for the learner."""


class InvalidDraft(ValueError):
    """What is wrong with a question read from a file (a spreadsheet row, a
    GIFT question). The message is for the educator."""


def missing_feedback_note(feedback_words) -> str:
    """The note an import shows when it filled in feedback the file left out."""
    right_words, wrong_words = feedback_words
    return _("Feedback missing: “%(right)s” or “%(wrong)s” is used.") % {"right": right_words, "wrong": wrong_words}


@dataclass(frozen=True)
class Grade:
    points: float  # 0.0 to 1.0
    correct: bool
    feedback: list[str] = field(default_factory=list)


def full_or_nothing(correct: bool, feedback) -> Grade:
    return Grade(points=1.0 if correct else 0.0, correct=correct, feedback=list(feedback))


def items(list_value):
    """(id, value) pairs of a stored ListBlock value (Wagtail's list format)."""
    return [(item["id"], item["value"]) for item in list_value]


def new_item(value):
    """One item of a ListBlock value as Wagtail stores it, with a new id."""
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


class QuestionType:
    """One kind of question: its editor block, how it is shown, how an
    answer is read and graded, and how it is named in reports.

    A subclass that sets `key` registers itself when its module is imported
    (the `quizzes.questions` package imports every module in it), so adding a
    type means adding one module here and one template,
    `quizzes/questions/<key>.html`, which shows its wording and inputs.
    """

    key: str = ""  # the StreamField block name; stored in snapshots and answers
    block_class = None  # the StructBlock an educator fills in
    position = 100  # where the type sits in the editor's "add question" menu
    partial_credit = False  # whether an answer can earn part of the point
    #: The interaction in the e-learning standards' words (the cmi.interaction
    #: types of SCORM and xAPI: "choice", "true-false", "sequencing"...),
    #: which the xAPI statement of an answer names.
    interaction = "other"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("key"):
            _registry[cls.key] = cls()

    @property
    def label(self):
        """The type in words, as the editor's menu and the quiz report name it."""
        return self.block_class().meta.label

    @property
    def template(self):
        return f"quizzes/questions/{self.key}.html"

    def block(self):
        return self.block_class()

    # --- Showing the question ------------------------------------------------

    def text(self, value) -> str:
        """The question's wording: what a list of questions calls it."""
        return value.get("question", "")

    def shown_order(self, question, rng: random.Random, shuffle: bool) -> list | None:
        """The order an attempt shows this question's choices in (None: no choices to order)."""
        return None

    def public(self, question, order=None) -> dict:
        """Only what a learner needs to answer: the wording and the choices,
        never a right answer, feedback or an explanation."""
        return {"id": question["id"], "type": self.key, "competence": question["value"].get("competence", "")}

    # --- Reading and grading an answer ----------------------------------------

    def parse(self, question, values: list[str]):
        """Turns the form values (stripped, at least one) into an answer, or
        raises InvalidAnswer. Values come from the browser and are untrusted."""
        raise InvalidAnswer(_("This question cannot be answered."))

    def grade(self, question, answer) -> Grade:
        raise InvalidAnswer(_("This question cannot be answered."))

    def form_values(self, answer) -> list[str]:
        """A stored answer as the form values that would give it, to show a
        learner what they chose."""
        return [str(answer)]

    def right_answer_values(self, question) -> list[str]:
        """The form values of a fully right answer (for tests and benchmarks)."""
        raise NotImplementedError

    def some_answer_values(self, question, rng: random.Random) -> list[str]:
        """The form values of a valid answer, right or wrong at random (for
        benchmarks and generated tests)."""
        raise NotImplementedError

    # --- Words for the results page and the report ------------------------------

    def right_answer_texts(self, question) -> list[str]:
        return []

    def answer_texts(self, question, answer) -> list[str]:
        return []

    def right_answer_is_a_sequence(self) -> bool:
        """True when the right answer reads as numbered steps."""
        return False

    # --- The educator's report ---------------------------------------------------

    #: What the report counts for each of `report_choices`: the learners who
    #: chose it (options, verdicts, true/false) or, for put-in-order, who put
    #: the step in its right place.
    report_counts_placement = False

    def report_choices(self, question) -> list[tuple[str, str, bool]]:
        """What an answer can be made of, as (key, words, right) in the
        question's own order: the options of a choice, the verdicts, true and
        false, the steps."""
        return []

    def report_keys(self, question, answer) -> list[str]:
        """The keys of `report_choices` a stored answer counts towards."""
        return []

    # --- Bringing questions in from a file (quizzes.question_import) ----------------

    #: Whether a question file (a spreadsheet, GIFT) can bring this type in.
    importable = False
    #: Why not, for a type a file cannot bring in (None: the importer lists
    #: the types it can).
    not_importable_message = None
    #: How a spreadsheet row writes this type's answers: "options" (numbered,
    #: with the right ones listed), "steps" (numbered, in their right order)
    #: or "true_or_false".
    file_answers = "options"

    def value_from_draft(self, draft, feedback_words) -> tuple[dict, list[str]]:
        """For a question read from a file (`draft`: a
        question_import.rows.Draft, plain data, its empty options dropped):
        the fields of this type's block value besides the competence and the
        explanation, and notes saying what was filled in; InvalidDraft saying
        what is wrong. `feedback_words` fill in missing feedback: (for a
        right answer, for a wrong one). The block's own validation follows."""
        raise NotImplementedError


def question_type(key) -> QuestionType:
    """The type registered under `key`; InvalidAnswer for an unknown one
    (a snapshot of a type since removed)."""
    try:
        return _registry[key]
    except KeyError:
        raise InvalidAnswer(_("This question cannot be answered.")) from None


def registered_type(key) -> QuestionType | None:
    """The type registered under `key`, or None."""
    return _registry.get(key)


def question_types() -> list[QuestionType]:
    """Every registered type, in the editor's menu order."""
    return sorted(_registry.values(), key=lambda kind: (kind.position, kind.key))
