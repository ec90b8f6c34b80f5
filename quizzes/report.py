"""What educators see about a quiz: how learners did, across every language
of the quiz (attempts point at its translation_key), with no learner named."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, Q

from . import grading
from .models import QuestionAnswer, QuizAttempt


@dataclass(frozen=True)
class QuestionStat:
    question_id: str
    text: str
    type: str
    competence: str
    answered: int
    correct: int

    @property
    def percent_correct(self) -> int:
        return round(100 * self.correct / self.answered) if self.answered else 0


@dataclass(frozen=True)
class QuizReport:
    attempts: int
    learners: int
    passed: int
    average_score: float | None
    questions: list[QuestionStat]

    @property
    def pass_rate(self) -> int:
        return round(100 * self.passed / self.attempts) if self.attempts else 0


def quiz_report(quiz) -> QuizReport:
    """Submitted attempts, pass rate, average score, and per question the share
    answered correctly, the most-missed first. Questions are matched by block
    id, which translations share, so every language adds up."""
    submitted = QuizAttempt.objects.filter(quiz_key=quiz.translation_key, submitted_at__isnull=False)
    totals = submitted.aggregate(
        attempts=Count("id"),
        learners=Count("user", distinct=True),
        passed=Count("id", filter=Q(passed=True)),
        average=Avg("score"),
    )
    rows = (
        QuestionAnswer.objects.filter(attempt__in=submitted)
        .values("question_id", "question_type", "competence")
        .annotate(answered=Count("id"), correct=Count("id", filter=Q(correct=True)))
    )
    texts = {q["id"]: grading.question_text(q) for q in quiz.questions.raw_data}
    stats = [
        QuestionStat(
            question_id=row["question_id"],
            text=texts.get(row["question_id"], "") or _text_from_a_snapshot(quiz, row["question_id"]),
            type=row["question_type"],
            competence=row["competence"],
            answered=row["answered"],
            correct=row["correct"],
        )
        for row in rows
    ]
    stats.sort(key=lambda stat: (stat.percent_correct, -stat.answered))
    average = totals["average"]
    return QuizReport(
        attempts=totals["attempts"],
        learners=totals["learners"],
        passed=totals["passed"],
        average_score=round(average, 1) if average is not None else None,
        questions=stats,
    )


def _text_from_a_snapshot(quiz, question_id):
    """A question since removed from the quiz: take its wording from an attempt."""
    for attempt in QuizAttempt.objects.filter(quiz_key=quiz.translation_key).only("questions")[:50]:
        question = attempt.question(question_id)
        if question is not None:
            return grading.question_text(question) + " (removed)"
    return question_id


def report_csv_rows(quiz, report: QuizReport):
    """The report as spreadsheet rows: a summary, then one row per question."""
    yield ["Quiz", quiz.title]
    yield ["Submitted attempts", report.attempts]
    yield ["Learners", report.learners]
    yield ["Pass rate (%)", report.pass_rate]
    yield ["Average score (%)", report.average_score if report.average_score is not None else ""]
    yield []
    yield ["Question", "Type", "Competence", "Answered", "Answered correctly", "Correct (%)"]
    for stat in report.questions:
        yield [stat.text, stat.type, stat.competence, stat.answered, stat.correct, stat.percent_correct]
