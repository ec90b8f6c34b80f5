"""Thin views over attempts.py. Every attempt is fetched through request.user:
another learner's attempt id is simply "not found"."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.ratelimits import limit

from . import attempts, grading
from .attempts import AttemptClosed, AttemptLimitReached, Unanswered
from .grading import InvalidAnswer
from .models import FeedbackMode, QuizAttempt, QuizPage

LAYOUTS = ("one", "all")


def _attempt_for(request, attempt_id):
    attempt = QuizAttempt.objects.filter(pk=attempt_id, user=request.user).first()
    if attempt is None:
        raise Http404(_("We could not find that quiz attempt."))
    return attempt


def open_attempt_view(view):
    """For the screens of an attempt still being taken: fetches the learner's own
    attempt and sends a submitted one to its results instead. Answers and
    submissions count against the quiz_submit rate limit."""

    @wraps(view)
    def wrapper(request, attempt_id, **kwargs):
        blocked = limit(request, "quiz_submit")
        if blocked is not None:
            return blocked
        attempt = _attempt_for(request, attempt_id)
        if attempt.is_submitted:
            return redirect("quizzes:results", attempt_id=attempt.pk)
        return view(request, attempt, **kwargs)

    return wrapper


def _error(request, status, message):
    return render(request, "error.html", {"status": status, "message": message}, status=status)


def _unanswered_message(numbers):
    return _("Answer every question before you submit. Still to answer: %(numbers)s.") % {
        "numbers": ", ".join(str(n) for n in numbers)
    }


@require_POST
@login_required
def start(request, quiz_id):
    blocked = limit(request, "quiz_submit")
    if blocked is not None:
        return blocked
    quiz = QuizPage.objects.live().public().filter(id=quiz_id).first()
    if quiz is None:
        raise Http404(_("This quiz does not exist or is not published."))
    layout = request.POST.get("layout", "one")
    if layout not in LAYOUTS:
        layout = "one"
    try:
        attempt = attempts.start_attempt(request.user, quiz, get_language())
    except AttemptLimitReached:
        return _error(request, 403, _("You have used all %(count)s attempts at this quiz.") % {"count": quiz.max_attempts})
    if layout == "all":
        return redirect("quizzes:all_questions", attempt_id=attempt.pk)
    answered = attempts.answers_by_question(attempt)
    first_open = next((n for n, q in enumerate(attempt.questions, 1) if q["id"] not in answered), 1)
    return redirect("quizzes:question", attempt_id=attempt.pk, number=first_open)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
@open_attempt_view
def question(request, attempt, number):
    """One question per screen: the default for older adults and small phones."""
    if not 1 <= number <= len(attempt.questions):
        raise Http404(_("This attempt has no question %(number)s.") % {"number": number})
    snapshot = attempt.questions[number - 1]
    status = 200
    error = None
    if request.method == "POST":
        try:
            attempts.record_answer(attempt, snapshot["id"], request.POST.getlist(f"answer-{snapshot['id']}"))
        except InvalidAnswer as invalid:
            error, status = str(invalid), 400
        except AttemptClosed:
            return redirect("quizzes:results", attempt_id=attempt.pk)
        else:
            if attempt.feedback_mode == FeedbackMode.EACH_QUESTION:
                return redirect("quizzes:question", attempt_id=attempt.pk, number=number)
            if number < len(attempt.questions):
                return redirect("quizzes:question", attempt_id=attempt.pk, number=number + 1)
            return redirect("quizzes:review", attempt_id=attempt.pk)
    answers = attempts.answers_by_question(attempt)
    row = answers.get(snapshot["id"])
    show_feedback = row is not None and attempt.feedback_mode == FeedbackMode.EACH_QUESTION
    context = {
        "attempt": attempt,
        "number": number,
        "total": len(attempt.questions),
        "question": grading.public_question(snapshot, snapshot.get("order")),
        "error": error,
        "chosen": _chosen_values(row),
        "answered_count": len(answers),
        "reviewed": attempts.review(attempt)[number - 1] if show_feedback else None,
        "is_last": number == len(attempt.questions),
    }
    return render(request, "quizzes/question.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
@open_attempt_view
def all_questions(request, attempt):
    """Every question on one page, answered and submitted with one form."""
    status, error = 200, None
    submitted_values = {}
    if request.method == "POST":
        submitted_values = {
            key.removeprefix("answer-"): request.POST.getlist(key) for key in request.POST if key.startswith("answer-")
        }
        try:
            attempts.record_all(attempt, submitted_values)
            attempts.submit_attempt(attempt)
        except (InvalidAnswer, Unanswered) as problem:
            status = 400
            error = _unanswered_message(problem.numbers) if isinstance(problem, Unanswered) else str(problem)
        except AttemptClosed:
            pass
        else:
            return redirect("quizzes:results", attempt_id=attempt.pk)
    answers = attempts.answers_by_question(attempt)
    questions = []
    for number, snapshot in enumerate(attempt.questions, 1):
        chosen = submitted_values.get(snapshot["id"]) or _chosen_values(answers.get(snapshot["id"]))
        questions.append({"number": number, "public": grading.public_question(snapshot, snapshot.get("order")), "chosen": chosen})
    return render(request, "quizzes/all_questions.html", {"attempt": attempt, "questions": questions, "error": error}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
@open_attempt_view
def review(request, attempt):
    """The last screen before submitting: what is answered, and the submit button."""
    status, error = 200, None
    if request.method == "POST":
        try:
            attempts.submit_attempt(attempt)
        except Unanswered as problem:
            status, error = 400, _unanswered_message(problem.numbers)
        else:
            return redirect("quizzes:results", attempt_id=attempt.pk)
    answers = attempts.answers_by_question(attempt)
    rows = [
        {"number": n, "text": grading.question_text(q), "answered": q["id"] in answers}
        for n, q in enumerate(attempt.questions, 1)
    ]
    return render(request, "quizzes/review.html", {"attempt": attempt, "rows": rows, "error": error}, status=status)


@never_cache
@login_required
def results(request, attempt_id):
    attempt = _attempt_for(request, attempt_id)
    if not attempt.is_submitted:
        return redirect("quizzes:review", attempt_id=attempt.pk)
    quiz = attempt.quiz_page.specific if attempt.quiz_page_id else None
    reviewed = attempts.review(attempt)
    competences = sorted({q.question["value"].get("competence", "") for q in reviewed} - {""})
    context = {
        "attempt": attempt,
        "quiz": quiz,
        "reviewed": reviewed,
        "competences": _competence_names(competences),
        "attempts_left": attempts.attempts_left(request.user, quiz) if quiz else 0,
        "course": quiz.get_course() if quiz else None,
    }
    return render(request, "quizzes/results.html", context)


def _chosen_values(row):
    if row is None:
        return []
    if isinstance(row.answer, list):
        return [str(v) for v in row.answer]
    if isinstance(row.answer, bool):
        return ["true" if row.answer else "false"]
    return [str(row.answer)]


def _competence_names(codes):
    from courses.models import Competence, localized_competences

    return localized_competences(Competence.objects.filter(code__in=codes, locale__language_code="en"))
