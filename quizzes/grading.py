"""The rules of grading, as pure functions over plain data.

A question here is the snapshot an attempt stores when it starts:
{"id": block id, "type": type key, "value": the block's stored JSON value}.
Grading never looks at the live page, so an educator editing or reordering a
quiz never changes a past result. Everything runs on the server; the browser
only ever gets `public_question`, which holds no answer key and no feedback.

What differs between question types lives in each type's class
(`quizzes.questions`); these functions are the rules that hold for all of
them, and the one place the rest of the house asks.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .questions import Grade, InvalidAnswer, question_type

__all__ = ["Grade", "InvalidAnswer", "Score", "grade", "parse_answer", "public_question", "total_score"]

MAX_ANSWER_VALUES = 20  # more values than any question has options is not an honest answer


def question_text(question) -> str:
    """The question's wording, whatever its type."""
    return question_type(question["type"]).text(question["value"])


def shown_order(question, rng: random.Random, shuffle: bool):
    """The order an attempt shows the question's options or steps in."""
    return question_type(question["type"]).shown_order(question, rng, shuffle)


def public_question(question, option_order=None) -> dict:
    """Only what a learner needs to answer: the wording and the choices, never
    a right answer, feedback or explanation."""
    return question_type(question["type"]).public(question, option_order)


def parse_answer(question, values: list[str]):
    """Turns the submitted form values for one question into an answer, or
    raises InvalidAnswer saying what is wrong. Values come from the browser
    and are untrusted: every id must belong to this question."""
    values = [v.strip() for v in values if v and v.strip()]
    if len(values) > MAX_ANSWER_VALUES:
        raise InvalidAnswer(_("That answer has too many parts."))
    if not values:
        raise InvalidAnswer(_("Choose an answer before you continue."))
    return question_type(question["type"]).parse(question, values)


def moved(question, order: list[str], move: str) -> list[str] | None:
    """A put-in-order question's steps after a "move up" / "move down" press
    (`move` is "<place>-up" or "<place>-down", counted from 0) on `order`, the
    order the form held. Steps missing or repeated in `order` are put right
    (each step once, missing ones at the end), so the learner's order is kept.
    None when the move makes no sense (past the ends, a question without steps)."""
    arrange = getattr(question_type(question["type"]), "moved", None)
    if arrange is None:
        return None
    return arrange(question, [v.strip() for v in order], move)


def grade(question, answer) -> Grade:
    """Grades one parsed answer. Points run from 0 to 1; `correct` means full marks."""
    return question_type(question["type"]).grade(question, answer)


def form_values(question, answer) -> list[str]:
    """A stored answer as the form values that give it (what to show as chosen)."""
    if answer is None:
        return []
    return question_type(question["type"]).form_values(answer)


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


# --- Showing the right answer after answering ----------------------------------------


def right_answer_texts(question) -> list[str]:
    """The right answer in words, for the feedback and results."""
    return question_type(question["type"]).right_answer_texts(question)


def answer_texts(question, answer) -> list[str]:
    """The learner's own answer in words."""
    if answer is None:
        return []
    return question_type(question["type"]).answer_texts(question, answer)


def right_answer_values(question) -> list[str]:
    """The form values of a fully right answer."""
    return question_type(question["type"]).right_answer_values(question)


def some_answer_values(question, rng: random.Random) -> list[str]:
    """The form values of a valid answer, right or wrong at random."""
    return question_type(question["type"]).some_answer_values(question, rng)
