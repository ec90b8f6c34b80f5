"""Thin views over attempts.py. Every attempt is fetched through request.user:
another learner's attempt id is simply "not found"."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.ratelimits import limit
from courses.models import Competence, localized_competences

from . import attempts, forms_ab, gain, grading
from .attempts import AttemptClosed, AttemptLimitReached, NoBeforeCheck, Unanswered
from .grading import InvalidAnswer
from .models import FeedbackMode, Purpose, QuizAttempt, QuizPage, SelfReportAnswer

LAYOUTS = ("one", "all")


def _attempt_for(request, attempt_id):
    attempt = QuizAttempt.objects.filter(pk=attempt_id, user=request.user).first()
    if attempt is None:
        raise Http404(_("We could not find that quiz attempt."))
    attempt.user = request.user  # the learner already loaded: no second query for them
    return attempt


def open_attempt_view(view):
    """For the screens of an attempt still being taken: fetches the learner's own
    attempt and sends a submitted one to its results instead. Answers and
    submissions (not reading a question) count against the quiz_submit rate limit."""

    @wraps(view)
    def wrapper(request, attempt_id, **kwargs):
        blocked = limit(request, "quiz_submit") if request.method == "POST" else None
        if blocked is not None:
            return blocked
        attempt = _attempt_for(request, attempt_id)
        if attempt.is_submitted:
            return redirect("quizzes:results", attempt_id=attempt.pk)
        return view(request, attempt, **kwargs)

    return wrapper


def _error(request, status, message, back=None):
    """An error page; `back` (a page) adds a link back to it."""
    return render(request, "error.html", {"status": status, "message": message, "back": back}, status=status)


def _worded(request, attempt):
    """(the attempt's questions in the reader's language, a notice or None).
    Without a translation asking the same questions, the attempt is shown in
    the language it was started in, and the notice links to that language."""
    questions = attempts.questions_in(attempt, get_language())
    if questions is not None:
        return questions, None
    notice = {
        "language": attempt.language,
        "name": get_language_info(attempt.language)["name_local"],
        "url": translate_url(request.get_full_path(), attempt.language),
    }
    return attempt.questions, notice


def _moved_order(request, question):
    """For a put-in-order question: (the order posted, the order after the
    "move up" / "move down" button pressed), or None if no button was pressed."""
    move = request.POST.get(f"move-{question['id']}")
    if move is None:
        return None
    posted = request.POST.getlist(f"answer-{question['id']}")
    return posted, grading.moved(question, posted, move)


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
        return _error(
            request,
            403,
            _("You have used all %(count)s attempts at this quiz.") % {"count": quiz.max_attempts},
            back=quiz.get_course(),
        )
    name, kwargs = attempts.where_to_continue(attempt, layout)
    return redirect(name, **kwargs)


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
    posted = None
    if request.method == "POST":
        move = _moved_order(request, snapshot)
        if move is not None:  # a "move up" / "move down" without JavaScript: nothing is recorded yet
            posted, arranged = move
            if arranged is None:
                error, status = _("That step cannot move that way."), 400
            else:
                posted = arranged
        else:
            posted = request.POST.getlist(f"answer-{snapshot['id']}")
            try:
                attempts.record_answer(attempt, snapshot["id"], posted)
            except InvalidAnswer as invalid:
                error, status = str(invalid), 400
            except AttemptClosed:
                return redirect("quizzes:results", attempt_id=attempt.pk)
            else:
                if attempt.feedback_mode == FeedbackMode.EACH_QUESTION:
                    # Straight to the verdict, shown above the question (no JavaScript needed).
                    return redirect(reverse("quizzes:question", args=[attempt.pk, number]) + "#verdict")
                if number < len(attempt.questions):
                    return redirect("quizzes:question", attempt_id=attempt.pk, number=number + 1)
                if attempt.purpose == Purpose.BEFORE:  # short and ungraded for the learner: no review screen
                    try:
                        attempts.submit_attempt(attempt)
                    except Unanswered:
                        return redirect("quizzes:review", attempt_id=attempt.pk)
                    return redirect("quizzes:results", attempt_id=attempt.pk)
                return redirect("quizzes:review", attempt_id=attempt.pk)
    questions, language_notice = _worded(request, attempt)
    worded = questions[number - 1]
    answers = attempts.answers_by_question(attempt)
    row = answers.get(snapshot["id"])
    show_feedback = row is not None and attempt.feedback_mode == FeedbackMode.EACH_QUESTION
    chosen = grading.form_values(snapshot, row.answer if row else None)
    if posted is not None and not show_feedback:
        chosen = posted  # what the learner sent, never lost to an error or a move
    context = {
        "attempt": attempt,
        "number": number,
        "total": len(attempt.questions),
        "question": grading.public_question(worded, snapshot.get("order")),
        "error": error,
        "chosen": chosen,
        "answered_count": len(answers),
        "reviewed": attempts.review(attempt, questions, answers)[number - 1] if show_feedback else None,
        "is_last": number == len(attempt.questions),
        "language_notice": language_notice,
    }
    return render(request, "quizzes/question.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
@open_attempt_view
def all_questions(request, attempt):
    """Every question on one page, answered and submitted with one form. With
    feedback after each question, a question already checked shows its
    verdict and stays as answered (that answer is final)."""
    status, error = 200, None
    submitted_values = {}
    if request.method == "POST":
        submitted_values = {
            key.removeprefix("answer-"): request.POST.getlist(key) for key in request.POST if key.startswith("answer-")
        }
        move = next((m for q in attempt.questions if (m := _moved_order(request, q)) is not None), None)
        if move is not None:  # a "move up" / "move down" without JavaScript: re-show, answers kept
            posted, arranged = move
            moved_id = next(q["id"] for q in attempt.questions if f"move-{q['id']}" in request.POST)
            if arranged is None:
                status, error = 400, _("That step cannot move that way.")
            else:
                submitted_values[moved_id] = arranged
        else:
            try:
                attempts.submit_all(attempt, submitted_values)
            except (InvalidAnswer, Unanswered) as problem:
                status = 400
                error = _unanswered_message(problem.numbers) if isinstance(problem, Unanswered) else str(problem)
            except AttemptClosed:
                pass  # another tab submitted it a moment ago: its result stands
            if error is None:
                return redirect("quizzes:results", attempt_id=attempt.pk)
    worded, language_notice = _worded(request, attempt)
    answers = attempts.answers_by_question(attempt)
    final = attempt.feedback_mode == FeedbackMode.EACH_QUESTION
    reviewed = attempts.review(attempt, worded, answers) if final and answers else None
    questions = []
    for number, (snapshot, shown) in enumerate(zip(attempt.questions, worded, strict=True), 1):
        row = answers.get(snapshot["id"])
        checked = final and row is not None
        chosen = grading.form_values(snapshot, row.answer if row else None)
        if not checked and snapshot["id"] in submitted_values:
            chosen = submitted_values[snapshot["id"]]
        questions.append(
            {
                "number": number,
                "public": grading.public_question(shown, snapshot.get("order")),
                "chosen": chosen,
                "reviewed": reviewed[number - 1] if checked else None,
            }
        )
    return render(
        request,
        "quizzes/all_questions.html",
        {"attempt": attempt, "questions": questions, "error": error, "language_notice": language_notice},
        status=status,
    )


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
    worded, language_notice = _worded(request, attempt)
    rows = [
        {"number": n, "text": grading.question_text(q), "answered": q["id"] in answers} for n, q in enumerate(worded, 1)
    ]
    context = {"attempt": attempt, "rows": rows, "error": error, "language_notice": language_notice}
    return render(request, "quizzes/review.html", context, status=status)


@never_cache
@login_required
def results(request, attempt_id):
    attempt = _attempt_for(request, attempt_id)
    if not attempt.is_submitted:
        return redirect("quizzes:review", attempt_id=attempt.pk)
    quiz = QuizPage.objects.filter(pk=attempt.quiz_page_id).first()  # the specific page in one query
    if attempt.purpose == Purpose.BEFORE:
        return render(
            request,
            "quizzes/before_done.html",
            {"attempt": attempt, "quiz": quiz, "course": quiz.get_course() if quiz else None},
        )
    worded, language_notice = _worded(request, attempt)
    reviewed = attempts.review(attempt, worded)
    competences = sorted({q.question["value"].get("competence", "") for q in reviewed} - {""})
    standing = attempts.standing(request.user, quiz) if quiz else None
    course = quiz.get_course() if quiz else None
    context = {
        "attempt": attempt,
        "quiz": quiz,
        "reviewed": reviewed,
        "competences": _competence_names(competences),
        "attempts_left": standing.left if standing else 0,
        "passed_before": standing.passed_before if standing else False,
        "course": course,
        "certificate_url": _certificate_url(request.user, attempt.course_key),
        "language_notice": language_notice,
        # Only a quiz with a before check has a gain to show (no query for the others).
        "gain": gain.learner_gain(request.user, attempt.quiz_key)
        if quiz and forms_ab.has_parallel_forms(quiz.questions.raw_data)
        else None,
        "statements_after": _statements_to_ask(request.user, quiz, SelfReportAnswer.AFTER) if quiz else [],
        "scale": SCALE,
    }
    return render(request, "quizzes/results.html", context)


def _certificate_url(user, course_key):
    """Where the learner's certificate for the course is, once the course is
    complete (its certificate issued); None before."""
    if not user.certificates.filter(course_key=course_key).exists():
        return None
    return reverse("course_certificate", kwargs={"course_key": course_key})


def _statements_to_ask(user, quiz, when):
    """The quiz's self-report statements the learner has not answered `when`
    (after the quiz: only those they answered before, to compare)."""
    if not quiz.self_report.raw_data:
        return []
    answered = {
        (item_id, said_when)
        for item_id, said_when in SelfReportAnswer.objects.filter(user=user, quiz_key=quiz.translation_key).values_list(
            "item_id", "when"
        )
    }
    return [
        {"id": block["id"], "statement": block["value"]["statement"]}
        for block in quiz.self_report.raw_data
        if (block["id"], when) not in answered
        and (when == SelfReportAnswer.BEFORE or (block["id"], SelfReportAnswer.BEFORE) in answered)
    ]


def _live_quiz(quiz_id):
    quiz = QuizPage.objects.live().public().filter(id=quiz_id).first()
    if quiz is None:
        raise Http404(_("This quiz does not exist or is not published."))
    return quiz


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def before_check(request, quiz_id):
    """The optional check before a course: the self-report statements, then a
    few questions one per screen. Skipping is a link back to the course; it
    never counts towards completion."""
    quiz = _live_quiz(quiz_id)
    course = quiz.get_course()
    statements = _statements_to_ask(request.user, quiz, SelfReportAnswer.BEFORE)
    taken = attempts.before_check_taken(request.user, quiz.translation_key)
    status, error = 200, None
    if request.method == "POST":
        blocked = limit(request, "quiz_submit")
        if blocked is not None:
            return blocked
        values = {
            key.removeprefix("statement-"): request.POST[key] for key in request.POST if key.startswith("statement-")
        }
        try:
            gain.record_self_report(request.user, quiz, SelfReportAnswer.BEFORE, values, get_language())
        except gain.InvalidSelfReport as invalid:
            status, error = 400, str(invalid)
        else:
            try:
                attempt = attempts.start_before_check(request.user, quiz, get_language())
            except NoBeforeCheck:
                return redirect(course.url if course else quiz.url)
            answered = attempts.answers_by_question(attempt)
            first_open = next((n for n, q in enumerate(attempt.questions, 1) if q["id"] not in answered), 1)
            return redirect("quizzes:question", attempt_id=attempt.pk, number=first_open)
    has_questions = not taken and attempts.has_before_questions(quiz)
    if not has_questions and not statements and status == 200:  # nothing left to ask: already taken
        return render(request, "quizzes/before_done.html", {"quiz": quiz, "course": course})
    context = {
        "quiz": quiz,
        "course": course,
        "statements": statements,
        "scale": SCALE,
        "question_count": attempts.before_question_count(quiz) if has_questions else 0,
        "error": error,
    }
    return render(request, "quizzes/before_check.html", context, status=status)


@require_POST
@login_required
def self_report_after(request, quiz_id):
    """The statements again, after the quiz (from the results page)."""
    blocked = limit(request, "quiz_submit")
    if blocked is not None:
        return blocked
    quiz = _live_quiz(quiz_id)
    values = {key.removeprefix("statement-"): request.POST[key] for key in request.POST if key.startswith("statement-")}
    try:
        gain.record_self_report(request.user, quiz, SelfReportAnswer.AFTER, values, get_language())
    except gain.InvalidSelfReport as invalid:
        return _error(request, 400, str(invalid))
    back = request.POST.get("attempt", "")
    if back.isdigit() and QuizAttempt.objects.filter(pk=back, user=request.user).exists():
        return redirect("quizzes:results", attempt_id=int(back))
    return redirect(quiz.url)


# The five points of the self-report scale, from "not like me" to "very much like me".
SCALE = (1, 2, 3, 4, 5)


def _competence_names(codes):
    return localized_competences(Competence.objects.filter(code__in=codes, locale__language_code="en"))
