"""What the quizzes app holds about a learner, for export and erasure
(registered with the celik_personal_data hook in wagtail_hooks.py)."""

from .models.records import QuizAttempt, SelfReportAnswer


def export(user):
    attempts = QuizAttempt.objects.filter(user=user).prefetch_related("answers").order_by("started_at")
    return [
        {
            "quiz": attempt.quiz_page.title if attempt.quiz_page else str(attempt.quiz_key),
            "attempt": attempt.number,
            "language": attempt.language,
            "started_at": attempt.started_at.isoformat(),
            "submitted_at": attempt.submitted_at.isoformat() if attempt.submitted_at else None,
            "purpose": attempt.purpose,
            "score_percent": attempt.score,
            "passed": attempt.passed,
            "answers": [
                {"question": answer.question_id, "answer": answer.answer, "correct": answer.correct}
                for answer in attempt.answers.all()
            ],
        }
        for attempt in attempts.select_related("quiz_page")
    ] + [
        {"self_report": answer.item_id, "when": answer.when, "value": answer.value}
        for answer in SelfReportAnswer.objects.filter(user=user).order_by("answered_at")
    ]


def erase(user, erased_learner):
    """Unfinished attempts go; submitted ones stay as anonymous outcomes."""
    QuizAttempt.objects.filter(user=user, submitted_at__isnull=True).delete()
    QuizAttempt.objects.filter(user=user).update(user=None, erased_learner=erased_learner)
    SelfReportAnswer.objects.filter(user=user).update(user=None, erased_learner=erased_learner)
