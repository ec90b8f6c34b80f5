"""The rules of taking a quiz: starting or resuming an attempt, the attempt
limit, recording answers and submitting exactly once. Grading itself is in
grading.py; this module stores what it decides."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.progress import DatabaseTracker, record_step_done

from . import forms_ab, grading
from .grading import InvalidAnswer
from .models.pages import QuizPage
from .models.records import FeedbackMode, Purpose, QuestionAnswer, QuizAttempt
from .overview import remaining_attempts
from .signals import answers_recorded, attempt_submitted


class AttemptLimitReached(Exception):
    pass


class AttemptClosed(Exception):
    pass


class Unanswered(Exception):
    def __init__(self, numbers):
        super().__init__(numbers)
        self.numbers = numbers


# --- Building an attempt ----------------------------------------------------------------


def build_snapshot(quiz, rng: random.Random, bank=None) -> list[dict]:
    """The questions this attempt asks, in the order it asks them, each with the
    order its options (or steps) are shown in. The stored block values are kept
    as they are, so grading reads the educator's own answer key. `bank`: the
    questions to draw from (default: the whole question bank)."""
    bank = [dict(item) for item in (quiz.questions.raw_data if bank is None else bank)]
    if quiz.draw_count and quiz.draw_count < len(bank):
        drawn = set(rng.sample(range(len(bank)), quiz.draw_count))
        bank = [question for index, question in enumerate(bank) if index in drawn]
    if quiz.shuffle_questions:
        rng.shuffle(bank)
    return _snapshot_of(bank, rng, quiz.shuffle_options)


def _snapshot_of(questions, rng, shuffle_options) -> list[dict]:
    """Each question as an attempt keeps it: its stored block value, and the
    order its options (or steps) are shown in."""
    snapshot = []
    for question in questions:
        entry = {"id": question["id"], "type": question["type"], "value": question["value"]}
        order = grading.shown_order(entry, rng, shuffle_options)
        if order is not None:
            entry["order"] = order
        snapshot.append(entry)
    return snapshot


def attempts_left(user, quiz) -> int | None:
    """None means unlimited. A before check is not an attempt at the quiz."""
    used = QuizAttempt.objects.filter(
        user=user, quiz_key=quiz.translation_key, purpose=Purpose.QUIZ, submitted_at__isnull=False
    ).count()
    return remaining_attempts(quiz.max_attempts, used)


def open_attempt(user, quiz_key, purpose=Purpose.QUIZ):
    return QuizAttempt.objects.filter(user=user, quiz_key=quiz_key, purpose=purpose, submitted_at__isnull=True).first()


@dataclass(frozen=True)
class Standing:
    """Where a learner stands with a quiz: attempts submitted, attempts left
    (None: unlimited), and whether any attempt passed."""

    used: int
    left: int | None
    passed_before: bool


def standing(user, quiz) -> Standing:
    """One query: the learner's submitted attempts at `quiz` (any language)."""
    counts = QuizAttempt.objects.filter(user=user, quiz_key=quiz.translation_key, submitted_at__isnull=False).aggregate(
        used=Count("id"), passed=Count("id", filter=Q(passed=True))
    )
    return Standing(
        used=counts["used"],
        left=remaining_attempts(quiz.max_attempts, counts["used"]),
        passed_before=counts["passed"] > 0,
    )


def where_to_continue(attempt, layout="one") -> tuple[str, dict]:
    """The screen an open attempt continues on, as (url name, kwargs): the
    first question not yet answered, or the check-and-submit screen once every
    question is answered (the all-on-one-page layout is its own check)."""
    if layout == "all":
        return "quizzes:all_questions", {"attempt_id": attempt.pk}
    answered = answers_by_question(attempt)
    for number, question in enumerate(attempt.questions, 1):
        if question["id"] not in answered:
            return "quizzes:question", {"attempt_id": attempt.pk, "number": number}
    return "quizzes:review", {"attempt_id": attempt.pk}


# --- Showing an attempt in another language ------------------------------------------------


def _same_questions(asked, translated) -> bool:
    """True when `translated` (a block value of the quiz's translation) asks
    the same question as `asked` (the attempt's snapshot): same type, the same
    options or steps (by id) and the same answer key, so only the words differ."""
    if translated is None or translated["type"] != asked["type"]:
        return False
    candidate = {**asked, "value": translated["value"]}
    for key in ("options", "steps"):
        ids = [item.get("id") for item in asked["value"].get(key, [])]
        if ids != [item.get("id") for item in translated["value"].get(key, [])]:
            return False
    try:
        return grading.right_answer_values(candidate) == grading.right_answer_values(asked)
    except (KeyError, TypeError, InvalidAnswer):
        return False


def questions_in(attempt, language) -> list[dict] | None:
    """The attempt's questions worded in `language`: its own snapshot when
    that is the attempt's language; the same questions (same ids, options and
    answer key, in the attempt's order) taken from the quiz's live
    translation into `language` when there is one (translations keep block
    ids); None when there is none, or when it asks different questions.
    Grading keeps using the snapshot; only the words change."""
    if language == attempt.language:
        return attempt.questions
    translation = (
        QuizPage.objects.live()
        .filter(translation_key=attempt.quiz_key, locale__language_code=language)
        .only("id", "questions")
        .first()
    )
    if translation is None:
        return None
    blocks = {block["id"]: block for block in translation.questions.raw_data}
    shown = []
    for asked in attempt.questions:
        translated = blocks.get(asked["id"])
        if not _same_questions(asked, translated):
            return None
        shown.append({**asked, "value": translated["value"]})
    return shown


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
    number = (
        QuizAttempt.objects.filter(user=user, quiz_key=quiz.translation_key, purpose=Purpose.QUIZ).aggregate(
            n=Max("number")
        )["n"]
        or 0
    ) + 1
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


class NoBeforeCheck(Exception):
    pass


def before_check_taken(user, quiz_key) -> bool:
    return QuizAttempt.objects.filter(
        user=user, quiz_key=quiz_key, purpose=Purpose.BEFORE, submitted_at__isnull=False
    ).exists()


def has_before_questions(quiz) -> bool:
    return quiz.get_course() is not None and forms_ab.has_parallel_forms(quiz.questions.raw_data)


def before_question_count(quiz) -> int:
    """How many questions the before check asks (the same for both forms when they are parallel)."""
    bank = quiz.questions.raw_data
    return max(len(forms_ab.before_bank(bank, form)) for form in forms_ab.FORMS)


def start_before_check(user, quiz, language, rng: random.Random | None = None) -> QuizAttempt:
    """Resumes or starts the learner's before check on a course's required quiz:
    the questions of their before form (forms_ab.before_bank), one per screen,
    with feedback only at the end. Taken once; it never passes and never
    counts towards completion. NoBeforeCheck when the quiz has no parallel
    forms or the check was already taken."""
    existing = open_attempt(user, quiz.translation_key, Purpose.BEFORE)
    if existing is not None:
        return existing
    course = quiz.get_course()
    bank = quiz.questions.raw_data
    if course is None or not forms_ab.has_parallel_forms(bank) or before_check_taken(user, quiz.translation_key):
        raise NoBeforeCheck()
    before, _after = forms_ab.forms_for(user.pk, course.translation_key)
    snapshot = _snapshot_of(forms_ab.before_bank(bank, before), rng or random.Random(), quiz.shuffle_options)
    try:
        with transaction.atomic():
            return QuizAttempt.objects.create(
                user=user,
                quiz_key=quiz.translation_key,
                course_key=course.translation_key,
                language=language,
                quiz_page=quiz,
                revision=quiz.live_revision,
                number=1,
                purpose=Purpose.BEFORE,
                questions=snapshot,
                pass_mark=quiz.pass_mark,
                feedback_mode=FeedbackMode.AT_END,
            )
    except IntegrityError:
        existing = QuizAttempt.objects.filter(user=user, quiz_key=quiz.translation_key, purpose=Purpose.BEFORE).first()
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
    _store(attempt, [_graded_row(attempt, question, values)])


def record_all(attempt, values_by_question: dict[str, list[str]]) -> None:
    """The all-on-one-page form: checks every answer first and stores them only
    if all are valid, so a bad form records nothing. One statement stores them all."""
    _store(attempt, _graded_rows(attempt, values_by_question, _checked_answers(attempt)))


def submit_all(attempt, values_by_question: dict[str, list[str]]) -> QuizAttempt:
    """The all-on-one-page form sent with its submit button: record_all and
    submit_attempt in one transaction, so the answers and the graded attempt
    are stored together or not at all. The score is worked out from the rows
    just stored and the answers already checked, both read or written while
    the attempt's row is locked, so nothing is read back. Raises what
    record_all and submit_attempt raise."""
    with transaction.atomic():
        _lock_open(attempt)
        # Read under the lock: with feedback after each question, a second tab
        # may have checked an answer a moment ago, and that answer is final.
        checked = _checked_answers(attempt)
        rows = _graded_rows(attempt, values_by_question, checked)
        _write(attempt, rows)
        return _submit(attempt, {**checked, **{row.question_id: row for row in rows}})


def _checked_answers(attempt) -> dict[str, QuestionAnswer]:
    """With feedback after each question, the answers already checked: they
    are final (their right answers were shown), neither asked for again nor
    replaced. Otherwise none: every answer may still change."""
    if attempt.feedback_mode != FeedbackMode.EACH_QUESTION:
        return {}
    return answers_by_question(attempt)


def _graded_rows(attempt, values_by_question, checked) -> list[QuestionAnswer]:
    """The graded (unsaved) rows for every question not yet checked; Unanswered
    or InvalidAnswer when any of them has no valid answer in the form."""
    if attempt.is_submitted:
        raise AttemptClosed()
    unknown = set(values_by_question) - {q["id"] for q in attempt.questions}
    if unknown:
        raise InvalidAnswer(_("That question is not part of this attempt."))
    missing = [
        n
        for n, q in enumerate(attempt.questions, 1)
        if q["id"] not in checked and not any(v.strip() for v in values_by_question.get(q["id"], []))
    ]
    if missing:
        raise Unanswered(missing)
    return [_graded_row(attempt, q, values_by_question[q["id"]]) for q in attempt.questions if q["id"] not in checked]


def _graded_row(attempt, question, values) -> QuestionAnswer:
    """The answer row for `values`, graded (unsaved); InvalidAnswer if they do not fit."""
    answer = grading.parse_answer(question, values)
    result = grading.grade(question, answer)
    return QuestionAnswer(
        attempt=attempt,
        question_id=question["id"],
        question_type=question["type"],
        competence=question["value"].get("competence", ""),
        answer=answer,
        correct=result.correct,
        points=result.points,
    )


ANSWER_FIELDS = ["question_type", "competence", "answer", "correct", "points", "answered_at"]


@transaction.atomic
def _store(attempt, rows):
    """Stores graded answers in one statement, while the attempt is still
    open: its row is locked first, so an answer can never land after another
    request (a second tab) submitted it."""
    _lock_open(attempt)
    _write(attempt, rows)


def _lock_open(attempt):
    """Locks the attempt's row until the caller's transaction ends;
    AttemptClosed when another request (a second tab) submitted it."""
    submitted = QuizAttempt.objects.select_for_update().filter(pk=attempt.pk).values_list("submitted_at", flat=True)
    if submitted.first() is not None:
        raise AttemptClosed()


def _write(attempt, rows):
    """Stores graded answers in one statement (the attempt's row locked by
    the caller). With feedback after each question, an answer already given
    stays (the learner has seen the right one); otherwise the new answer
    replaces it."""
    if not rows:
        return
    if attempt.feedback_mode == FeedbackMode.EACH_QUESTION:
        QuestionAnswer.objects.bulk_create(rows, ignore_conflicts=True)
    else:
        QuestionAnswer.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["attempt", "question_id"], update_fields=ANSWER_FIELDS
        )
    answers_recorded.send(sender=QuizAttempt, attempt=attempt, answers=rows)


def answers_by_question(attempt) -> dict[str, QuestionAnswer]:
    return {row.question_id: row for row in attempt.answers.all()}


def submit_attempt(attempt) -> QuizAttempt:
    """Grades the attempt once. A second submission (double click, second tab,
    replayed POST) finds it already submitted and changes nothing. The update is
    conditional on "not yet submitted", which makes it safe on every database.

    A pass is a step of the course done: in the same transaction as the
    graded attempt, `courses.progress.record_step_done` records it and
    completes the course when it was the last step (courses knows nothing of
    quizzes: the quiz is a step the quizzes app registered). A failure
    anywhere leaves the attempt unsubmitted, so submitting again does it all."""
    if attempt.is_submitted:
        return attempt
    return _submit(attempt, answers_by_question(attempt))


def _submit(attempt, answers) -> QuizAttempt:
    """submit_attempt over `answers` (answers_by_question, or what was stored
    a moment ago in the caller's transaction)."""
    missing = [n for n, q in enumerate(attempt.questions, 1) if q["id"] not in answers]
    if missing:
        raise Unanswered(missing)
    score = grading.total_score(
        grading.Grade(points=answers[q["id"]].points, correct=answers[q["id"]].correct) for q in attempt.questions
    )
    graded = {"submitted_at": timezone.now(), "points": score.points, "score": score.percent}
    # A before check is never a pass: it must not count towards completion.
    graded["passed"] = score.passes(attempt.pass_mark) if attempt.purpose != Purpose.BEFORE else None
    with transaction.atomic():
        won = QuizAttempt.objects.filter(pk=attempt.pk, submitted_at__isnull=True).update(**graded)
        if not won:  # another request submitted it first: theirs is the result
            attempt.refresh_from_db()
            return attempt
        for name, value in graded.items():
            setattr(attempt, name, value)
        attempt_submitted.send(sender=QuizAttempt, attempt=attempt)
        quiz = QuizPage.objects.filter(pk=attempt.quiz_page_id).first() if attempt.passed else None
        course = quiz.get_course() if quiz is not None else None
        if course is not None:
            record_step_done(DatabaseTracker(attempt.user), course, quiz, attempt.language, graded["submitted_at"])
    return attempt


@dataclass
class ReviewedQuestion:
    number: int
    question: dict
    answer: QuestionAnswer | None
    grade: grading.Grade | None
    answer_texts: list[str]
    right_answer_texts: list[str]

    @property
    def public(self) -> dict:
        """The question as the learner saw it (to show its wording again)."""
        return grading.public_question(self.question, self.question.get("order"))


def review(attempt, questions=None, answers=None) -> list[ReviewedQuestion]:
    """Each question with the learner's answer, the right answer and feedback.
    Only for submitted attempts, or for answered questions in each-question mode.
    `questions`: the attempt's questions as worded for the reader (questions_in);
    `answers`: answers_by_question, when already looked up."""
    if answers is None:
        answers = answers_by_question(attempt)
    reviewed = []
    for number, question in enumerate(questions or attempt.questions, 1):
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
