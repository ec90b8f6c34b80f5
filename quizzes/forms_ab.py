"""Parallel forms A and B: which a learner answers before the course and
which measures them after it, counterbalanced so half get A before and B
after and the other half the reverse.

The quiz itself stays whole (every learner is asked, and graded on, every
question, so a pass means the same for all); the "after" of the gain counts
only the questions the learner was not asked in the before check: their
after form and the questions in both forms (quizzes.gain)."""

from __future__ import annotations

import hashlib

BOTH = "both"
FORMS = ("A", "B")
MAX_BEFORE_QUESTIONS = 6  # one question a screen, about 30 seconds each: under three minutes


def forms_for(user_id, course_key) -> tuple[str, str]:
    """(before form, after form) of a learner in a course: a stable hash of
    both, so the same learner always gets the same forms, and about half of
    the learners of a course get ("A", "B"), the others ("B", "A")."""
    digest = hashlib.sha256(f"{user_id}:{course_key}".encode()).digest()
    return ("A", "B") if digest[0] % 2 == 0 else ("B", "A")


def form_of(question_value) -> str:
    """A question block's form; older questions without one are in both."""
    return question_value.get("form") or BOTH


def has_parallel_forms(bank) -> bool:
    """Whether a quiz's question bank (raw stream data) can give a before
    check: at least one question in form A and one in form B."""
    forms = {form_of(question["value"]) for question in bank}
    return set(FORMS) <= forms


def before_bank(bank, before_form) -> list:
    """The before check's questions: of the learner's before form, one per
    competence first (in the bank's order), at most MAX_BEFORE_QUESTIONS."""
    mine = [question for question in bank if form_of(question["value"]) == before_form]
    first, rest, seen = [], [], set()
    for question in mine:
        competence = question["value"].get("competence", "")
        (rest if competence in seen else first).append(question)
        seen.add(competence)
    return (first + rest)[:MAX_BEFORE_QUESTIONS]
