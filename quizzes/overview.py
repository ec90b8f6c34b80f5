"""What the quiz page shows a learner: their attempts and what they can do
next; and the attempts-left rule, which attempts.py applies too."""

from courses.progress import progress_for, tracker_for

from .models.records import Purpose, QuizAttempt


def remaining_attempts(max_attempts, used) -> int | None:
    """The attempts-left rule: how many more a learner may submit after
    `used`; None means unlimited."""
    if max_attempts is None:
        return None
    return max(0, max_attempts - used)


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
    attempts = list(
        QuizAttempt.objects.filter(user=user, quiz_key=quiz.translation_key, purpose=Purpose.QUIZ).order_by("number")
    )
    submitted = [a for a in attempts if a.is_submitted]
    context.update(
        attempts=submitted,
        open_attempt=next((a for a in attempts if not a.is_submitted), None),
        attempts_left=remaining_attempts(quiz.max_attempts, len(submitted)),
        has_passed=any(a.passed for a in attempts),
    )
    return context
