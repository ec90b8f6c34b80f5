"""The rules of grading, as pure functions over plain data.

A question here is the snapshot an attempt stores when it starts:
{"id": block id, "type": block type, "value": the block's stored JSON value}.
Grading never looks at the live page, so an educator editing or reordering a
quiz never changes a past result. Everything runs on the server; the browser
only ever gets `public_question`, which holds no answer key and no feedback.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

VERDICT_KEYS = ("genuine", "ai_generated", "manipulated", "scam")
CHOICE_TYPES = ("single_choice", "scenario")
MAX_ANSWER_VALUES = 20  # more values than any question has options is not an honest answer


class InvalidAnswer(ValueError):
    """An answer that does not fit its question. The message is for the learner."""


@dataclass(frozen=True)
class Grade:
    points: float  # 0.0 to 1.0
    correct: bool
    feedback: list[str] = field(default_factory=list)


# --- Reading a snapshot ------------------------------------------------------------


def items(list_value):
    """(id, value) pairs of a stored ListBlock value (Wagtail's list format)."""
    return [(item["id"], item["value"]) for item in list_value]


def options(question):
    return items(question["value"]["options"])


def steps(question):
    return items(question["value"]["steps"])


def question_text(question) -> str:
    value = question["value"]
    return value.get("question") or value.get("statement") or value.get("prompt") or ""


# --- What the browser may see --------------------------------------------------------


def public_question(question, option_order=None) -> dict:
    """Only what a learner needs to answer: the wording and the choices, never
    `correct`, `answer`, feedback or explanation."""
    value = question["value"]
    kind = question["type"]
    public = {"id": question["id"], "type": kind, "competence": value.get("competence", "")}
    if kind in CHOICE_TYPES or kind == "multiple_choice":
        public["question"] = value["question"]
        public["situation"] = value.get("situation", "")
        choices = {option_id: option["text"] for option_id, option in options(question)}
        order = option_order or list(choices)
        public["options"] = [{"id": option_id, "text": choices[option_id]} for option_id in order]
    elif kind == "true_false":
        public["statement"] = value["statement"]
    elif kind == "real_or_fake":
        public.update(
            prompt=value["prompt"],
            example_kind=value.get("example_kind", ""),
            source_label=value.get("source_label", ""),
            example_text=value.get("example_text", ""),
            image_id=value.get("image"),
            image_alt_text=value.get("image_alt_text", ""),
            options=[{"id": key, "text": verdict_label(key)} for key in VERDICT_KEYS],
        )
    elif kind == "ordering":
        public["question"] = value["question"]
        texts = dict(steps(question))
        order = option_order or list(texts)
        public["steps"] = [{"id": step_id, "text": texts[step_id]} for step_id in order]
    return public


# --- Checking an answer's shape ----------------------------------------------------


def parse_answer(question, values: list[str]):
    """Turns the submitted form values for one question into an answer, or
    raises InvalidAnswer saying what is wrong. Values come from the browser
    and are untrusted: every id must belong to this question."""
    kind = question["type"]
    values = [v.strip() for v in values if v and v.strip()]
    if len(values) > MAX_ANSWER_VALUES:
        raise InvalidAnswer(_("That answer has too many parts."))
    if not values:
        raise InvalidAnswer(_("Choose an answer before you continue."))
    if kind in CHOICE_TYPES:
        valid = {option_id for option_id, _option in options(question)}
        if len(values) != 1 or values[0] not in valid:
            raise InvalidAnswer(_("That option is not one of this question’s answers."))
        return values[0]
    if kind == "multiple_choice":
        valid = {option_id for option_id, _option in options(question)}
        if not set(values) <= valid:
            raise InvalidAnswer(_("That option is not one of this question’s answers."))
        return sorted(set(values))
    if kind == "true_false":
        if len(values) != 1 or values[0] not in ("true", "false"):
            raise InvalidAnswer(_("Answer true or false."))
        return values[0] == "true"
    if kind == "real_or_fake":
        if len(values) != 1 or values[0] not in VERDICT_KEYS:
            raise InvalidAnswer(_("That option is not one of this question’s answers."))
        return values[0]
    if kind == "ordering":
        valid = [step_id for step_id, _text in steps(question)]
        if sorted(values) != sorted(valid):
            raise InvalidAnswer(_("Put every step in the list exactly once."))
        return values
    raise InvalidAnswer(_("This question cannot be answered."))


# --- Grading -------------------------------------------------------------------------


def grade(question, answer) -> Grade:
    """Grades one parsed answer. Points run from 0 to 1; `correct` means full marks."""
    kind = question["type"]
    value = question["value"]
    if kind in CHOICE_TYPES:
        chosen = dict(options(question))[answer]
        return _full_or_nothing(chosen["correct"], [chosen["feedback"]])
    if kind == "multiple_choice":
        return grade_multiple_choice(question, answer)
    if kind == "true_false":
        feedback = value["feedback_true"] if answer else value["feedback_false"]
        return _full_or_nothing(answer == bool(value["answer"]), [feedback])
    if kind == "real_or_fake":
        return _full_or_nothing(answer == value["answer"], [value["feedback"][answer]])
    if kind == "ordering":
        return grade_ordering(question, answer)
    raise InvalidAnswer(_("This question cannot be answered."))


def _full_or_nothing(correct: bool, feedback) -> Grade:
    return Grade(points=1.0 if correct else 0.0, correct=correct, feedback=list(feedback))


def grade_multiple_choice(question, chosen_ids) -> Grade:
    """All or nothing: full marks only for exactly the right set. Partial credit:
    each right option chosen earns a share, each wrong option chosen takes one
    share away, never below zero — so ticking everything earns nothing."""
    all_options = dict(options(question))
    right = {option_id for option_id, option in all_options.items() if option["correct"]}
    chosen = set(chosen_ids)
    feedback = [all_options[option_id]["feedback"] for option_id in chosen_ids]
    if question["value"].get("scoring") == "all_or_nothing":
        return _full_or_nothing(chosen == right, feedback)
    hits = len(chosen & right)
    wrong = len(chosen - right)
    points = max(0.0, (hits - wrong) / len(right))
    return Grade(points=round(points, 4), correct=chosen == right, feedback=feedback)


def grade_ordering(question, order) -> Grade:
    """Partial credit by position: each step in its right place earns a share."""
    right = [step_id for step_id, _text in steps(question)]
    in_place = sum(1 for given, expected in zip(order, right, strict=True) if given == expected)
    return Grade(points=round(in_place / len(right), 4), correct=order == right, feedback=[])


@dataclass(frozen=True)
class Score:
    points: float
    max_points: int
    percent: int

    def passes(self, pass_mark: int) -> bool:
        return self.percent >= pass_mark


def total_score(grades) -> Score:
    """The attempt's score: points over questions asked, as a whole percent
    (rounded down, so 69.9 % never passes a 70 % mark)."""
    grades = list(grades)
    points = sum(g.points for g in grades)
    max_points = len(grades)
    percent = int(points * 100 // max_points) if max_points else 0
    return Score(points=round(points, 4), max_points=max_points, percent=percent)


# --- Showing the right answer after submission ----------------------------------------


def right_answer_texts(question) -> list[str]:
    """The right answer in words, for the results page."""
    kind = question["type"]
    value = question["value"]
    if kind in CHOICE_TYPES or kind == "multiple_choice":
        return [option["text"] for _id, option in options(question) if option["correct"]]
    if kind == "true_false":
        return [_("True") if value["answer"] else _("False")]
    if kind == "real_or_fake":
        return [verdict_label(value["answer"])]
    if kind == "ordering":
        return [text for _id, text in steps(question)]
    return []


def answer_texts(question, answer) -> list[str]:
    """The learner's own answer in words."""
    kind = question["type"]
    if answer is None:
        return []
    if kind in CHOICE_TYPES:
        return [dict(options(question))[answer]["text"]]
    if kind == "multiple_choice":
        chosen = dict(options(question))
        return [chosen[option_id]["text"] for option_id in answer if option_id in chosen]
    if kind == "true_false":
        return [_("True") if answer else _("False")]
    if kind == "real_or_fake":
        return [verdict_label(answer)]
    if kind == "ordering":
        texts = dict(steps(question))
        return [texts[step_id] for step_id in answer if step_id in texts]
    return []


def verdict_label(key) -> str:
    from .blocks import VERDICTS

    return str(dict(VERDICTS).get(key, key))
