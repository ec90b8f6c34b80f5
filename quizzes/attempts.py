"""The rules of taking a quiz: starting or resuming an attempt, the attempt
limit, recording answers and submitting exactly once. Grading itself is in
grading.py; this module stores what it decides."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.progress import DatabaseTracker, check_course_completion, forget_done_steps, progress_for, tracker_for

from . import grading
from .grading import InvalidAnswer
from .models import FeedbackMode, QuestionAnswer, QuizAttempt


class AttemptLimitReached(Exception):
    pass


class AttemptClosed(Exception):
    pass


class Unanswered(Exception):
    def __init__(self, numbers):
        super().__init__(numbers)
        self.numbers = numbers


# --- Building an attempt ----------------------------------------------------------------


def build_snapshot(quiz, rng: random.Random) -> list[dict]:
    """The questions this attempt asks, in the order it asks them, each with the
    order its options (or steps) are shown in. The stored block values are kept
    as they are, so grading reads the educator's own answer key."""
    bank = [dict(item) for item in quiz.questions.raw_data]
    if quiz.draw_count and quiz.draw_count < len(bank):
        drawn = set(rng.sample(range(len(bank)), quiz.draw_count))
        bank = [question for index, question in enumerate(bank) if index in drawn]
    if quiz.shuffle_questions:
        rng.shuffle(bank)
    snapshot = []
    for question in bank:
        entry = {"id": question["id"], "type": question["type"], "value": question["value"]}
        if question["type"] == "ordering":
            entry["order"] = _shuffled_away_from_answer([i for i, _t in grading.steps(entry)], rng)
        elif "options" in question["value"]:
            order = [i for i, _o in grading.options(entry)]
            if quiz.shuffle_options:
                rng.shuffle(order)
            entry["order"] = order
        snapshot.append(entry)
    return snapshot


def _shuffled_away_from_answer(ids, rng):
    """Steps to put in order are never shown already in order."""
    order = list(ids)
    for _attempt in range(10):
        rng.shuffle(order)
        if order != ids:
            return order
    return list(reversed(ids))


def attempts_used(user, quiz_key) -> int:
    return QuizAttempt.objects.filter(user=user, quiz_key=quiz_key, submitted_at__isnull=False).count()


def attempts_left(user, quiz) -> int | None:
    """None means unlimited."""
    if quiz.max_attempts is None:
        return None
    return max(0, quiz.max_attempts - attempts_used(user, quiz.translation_key))


def open_attempt(user, quiz_key):
    return QuizAttempt.objects.filter(user=user, quiz_key=quiz_key, submitted_at__isnull=True).first()


def start_attempt(user, quiz, language, rng: random.Random | None = None) -> QuizAttempt:
    """Resumes the learner's open attempt, or starts a new one if attempts remain.
    Two tabs starting at once get the same attempt (a unique constraint allows
    only one open attempt per learner and quiz)."""
    existing = open_attempt(user, quiz.translation_key)
    if existing is not None:
        return existing
    left = attempts_left(user, quiz)
    if left == 0:
        raise AttemptLimitReached()
    course = quiz.get_course()
    number = (QuizAttempt.objects.filter(user=user, quiz_key=quiz.translation_key).aggregate(n=Max("number"))["n"] or 0) + 1
    try:
        with transaction.atomic():
            return QuizAttempt.objects.create(
                user=user,
                quiz_key=quiz.translation_key,
                course_key=course.translation_key,
                language=language,
                quiz_page=quiz,
                revision=quiz.live_revision,
                number=number,
                questions=build_snapshot(quiz, rng or random.Random()),
                pass_mark=quiz.pass_mark,
                feedback_mode=quiz.feedback_mode,
            )
    except IntegrityError:
        existing = open_attempt(user, quiz.translation_key)
        if existing is None:
            raise
        return existing


# --- Answering ---------------------------------------------------------------------------


def record_answer(attempt, question_id, values) -> QuestionAnswer:
    """Grades and stores one answer. With feedback after each question, the first
    answer is final (the learner has seen the right one); otherwise a learner may
    change an answer until they submit."""
    if attempt.is_submitted:
        raise AttemptClosed()
    question = attempt.question(question_id)
    if question is None:
        raise InvalidAnswer(_("That question is not part of this attempt."))
    answer = grading.parse_answer(question, values)
    result = grading.grade(question, answer)
    fields = {
        "question_type": question["type"],
        "competence": question["value"].get("competence", ""),
        "answer": answer,
        "correct": result.correct,
        "points": result.points,
    }
    with transaction.atomic():
        if attempt.feedback_mode == FeedbackMode.EACH_QUESTION:
            row, _created = QuestionAnswer.objects.get_or_create(attempt=attempt, question_id=question_id, defaults=fields)
        else:
            row, _created = QuestionAnswer.objects.update_or_create(attempt=attempt, question_id=question_id, defaults=fields)
    return row


def record_all(attempt, values_by_question: dict[str, list[str]]) -> None:
    """The all-on-one-page form: checks every answer first and stores them only
    if all are valid, so a bad form records nothing."""
    if attempt.is_submitted:
        raise AttemptClosed()
    unknown = set(values_by_question) - {q["id"] for q in attempt.questions}
    if unknown:
        raise InvalidAnswer(_("That question is not part of this attempt."))
    missing = [n for n, q in enumerate(attempt.questions, 1) if not any(v.strip() for v in values_by_question.get(q["id"], []))]
    if missing:
        raise Unanswered(missing)
    for question in attempt.questions:
        grading.parse_answer(question, values_by_question[question["id"]])
    with transaction.atomic():
        for question in attempt.questions:
            record_answer(attempt, question["id"], values_by_question[question["id"]])


def answers_by_question(attempt) -> dict[str, QuestionAnswer]:
    return {row.question_id: row for row in attempt.answers.all()}


def submit_attempt(attempt) -> QuizAttempt:
    """Grades the attempt once. A second submission (double click, second tab,
    replayed POST) finds it already submitted and changes nothing. The update is
    conditional on "not yet submitted", which makes it safe on every database."""
    if attempt.is_submitted:
        return attempt
    answers = answers_by_question(attempt)
    missing = [n for n, q in enumerate(attempt.questions, 1) if q["id"] not in answers]
    if missing:
        raise Unanswered(missing)
    score = grading.total_score(
        grading.Grade(points=answers[q["id"]].points, correct=answers[q["id"]].correct) for q in attempt.questions
    )
    won = QuizAttempt.objects.filter(pk=attempt.pk, submitted_at__isnull=True).update(
        submitted_at=timezone.now(), points=score.points, score=score.percent, passed=score.passes(attempt.pass_mark)
    )
    attempt.refresh_from_db()
    if won and attempt.passed:
        forget_done_steps(attempt.user)
    if won and attempt.passed and attempt.quiz_page_id:
        quiz = attempt.quiz_page.specific
        course = quiz.get_course()
        if course is not None:
            # Quizzes report a pass to courses.progress; courses knows nothing of quizzes.
            check_course_completion(DatabaseTracker(attempt.user), course)
    return attempt


# --- What the quiz page shows -------------------------------------------------------------


@dataclass
class ReviewedQuestion:
    number: int
    question: dict
    answer: QuestionAnswer | None
    grade: grading.Grade | None
    answer_texts: list[str]
    right_answer_texts: list[str]


def review(attempt) -> list[ReviewedQuestion]:
    """Each question with the learner's answer, the right answer and feedback.
    Only for submitted attempts, or for answered questions in each-question mode."""
    answers = answers_by_question(attempt)
    reviewed = []
    for number, question in enumerate(attempt.questions, 1):
        row = answers.get(question["id"])
        result = grading.grade(question, row.answer) if row is not None else None
        reviewed.append(
            ReviewedQuestion(
                number=number,
                question=question,
                answer=row,
                grade=result,
                answer_texts=grading.answer_texts(question, row.answer if row else None),
                right_answer_texts=grading.right_answer_texts(question),
            )
        )
    return reviewed


def quiz_overview(quiz, request) -> dict:
    """What the quiz page shows a learner: their attempts and what they can do next."""
    course = quiz.get_course()
    context = {"course": course, "question_count": quiz.draw_count or len(quiz.questions)}
    if course is not None:
        progress = progress_for(tracker_for(request), course)
        context["progress"] = progress
        context["position"] = progress.position_of(quiz)
    user = request.user
    if not user.is_authenticated:
        return context
    attempts = list(QuizAttempt.objects.filter(user=user, quiz_key=quiz.translation_key).order_by("number"))
    used = sum(1 for a in attempts if a.is_submitted)
    left = None if quiz.max_attempts is None else max(0, quiz.max_attempts - used)
    context.update(
        attempts=[a for a in attempts if a.is_submitted],
        open_attempt=next((a for a in attempts if not a.is_submitted), None),
        attempts_left=left,
        has_passed=any(a.passed for a in attempts),
    )
    return context
