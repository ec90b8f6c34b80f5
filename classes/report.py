"""The class report, for the class's facilitators only: per learner the
lessons done, best quiz scores and last activity; per question the share
answered right and the wrong answer chosen most; mastery per competence.

Only the class's courses count, in every language (records point at
translation_keys). A fixed number of queries whatever the class size: each
kind of record is read for all members at once.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Max
from django.utils.translation import gettext as _
from wagtail.models import Locale

from courses.models import Competence, Enrollment, LessonProgress
from courses.progress import LESSON
from quizzes import grading
from quizzes.forms_ab import has_parallel_forms
from quizzes.gain import gain_report
from quizzes.models import QuizPage
from quizzes.models.records import Purpose, QuestionAnswer, QuizAttempt
from quizzes.questions import InvalidAnswer

from .courses_offered import class_steps
from .groups import members_with_status

# A learner masters a competence with at least 80 % of its questions right,
# the share the statistics use (stats.refresh.MASTERY_SHARE).
MASTERY_SHARE = (4, 5)


@dataclass
class LearnerRow:
    learner_id: int
    name: str
    lessons_done: int
    quiz_scores: list  # best score (percent) per quiz of the class, None if not taken
    last_active: datetime | None
    competences_mastered: int = 0


@dataclass
class QuestionRow:
    quiz: str
    question_id: str
    text: str
    answered: int
    correct: int
    top_wrong_answer: str = ""
    top_wrong_count: int = 0

    @property
    def percent_correct(self) -> int:
        return round(100 * self.correct / self.answered) if self.answered else 0


@dataclass
class CompetenceRow:
    code: str
    name: str
    learners: int  # answered at least one of its questions
    mastered: int


@dataclass
class ClassReport:
    learners: list[LearnerRow] = field(default_factory=list)
    lessons_total: int = 0
    quizzes: list = field(default_factory=list)  # quiz pages, in course order
    questions: list[QuestionRow] = field(default_factory=list)
    competences: list[CompetenceRow] = field(default_factory=list)
    # (quiz, GainReport) for each quiz with a before check: the class's learning gain
    gains: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not self.learners


def _answer_key(answer):
    return json.dumps(answer, sort_keys=True, ensure_ascii=False)


def class_report(klass, locale=None) -> ClassReport:
    locale = locale or Locale.get_active()
    members = members_with_status(klass)
    ids = [member.learner_id for member in members]
    courses = class_steps(klass, locale)
    course_keys = [course.translation_key for course, _steps in courses]
    lesson_keys = [step.key for _course, steps in courses for step in steps if step.kind == LESSON]
    quiz_ids = [step.page.pk for _course, steps in courses for step in steps if step.kind != LESSON]
    quizzes_by_id = {quiz.pk: quiz for quiz in QuizPage.objects.filter(pk__in=quiz_ids)} if quiz_ids else {}
    quizzes = [quizzes_by_id[pk] for pk in quiz_ids if pk in quizzes_by_id]
    report = ClassReport(lessons_total=len(lesson_keys), quizzes=quizzes)
    if not ids:
        return report

    lessons_done = dict(
        LessonProgress.objects.filter(user_id__in=ids, lesson_key__in=lesson_keys)
        .values("user_id")
        .annotate(done=Count("id"))
        .values_list("user_id", "done")
    )
    last_active = dict(
        Enrollment.objects.filter(user_id__in=ids, course_key__in=course_keys)
        .values("user_id")
        .annotate(last=Max("last_activity_at"))
        .values_list("user_id", "last")
    )
    quiz_keys = [quiz.translation_key for quiz in quizzes]
    # The quizzes themselves: a before check's answers are not scores (they make the gain, below).
    submitted = QuizAttempt.objects.filter(
        user_id__in=ids, quiz_key__in=quiz_keys, purpose=Purpose.QUIZ, submitted_at__isnull=False
    )
    best = {
        (row["user_id"], row["quiz_key"]): row["best"]
        for row in submitted.values("user_id", "quiz_key").annotate(best=Max("score"))
    }

    # Every answer of the class's learners to the class's quizzes, in one go.
    answers = QuestionAnswer.objects.filter(attempt__in=submitted).values_list(
        "question_id", "answer", "correct", "competence", "attempt__user_id", "attempt__quiz_key"
    )
    answered, right = Counter(), Counter()
    wrong_answers = defaultdict(Counter)
    by_competence = defaultdict(lambda: [0, 0])  # (learner, code) -> [answered, right]
    quiz_of_question = {}
    for question_id, answer, correct, competence, user_id, quiz_key in answers:
        answered[question_id] += 1
        quiz_of_question[question_id] = quiz_key
        if correct:
            right[question_id] += 1
        else:
            wrong_answers[question_id][_answer_key(answer)] += 1
        if competence:
            tally = by_competence[(user_id, competence)]
            tally[0] += 1
            tally[1] += int(correct)

    report.questions = _question_rows(quizzes, answered, right, wrong_answers)
    mastered_by_learner = Counter()
    learners_by_code, mastered_by_code = Counter(), Counter()
    wanted, out_of = MASTERY_SHARE
    for (user_id, code), (total, good) in by_competence.items():
        learners_by_code[code] += 1
        if good * out_of >= total * wanted:
            mastered_by_code[code] += 1
            mastered_by_learner[user_id] += 1
    names = dict(Competence.objects.filter(code__in=list(learners_by_code), locale=locale).values_list("code", "name"))
    report.competences = [
        CompetenceRow(code, names.get(code, ""), learners_by_code[code], mastered_by_code[code])
        for code in sorted(learners_by_code)
    ]
    report.learners = [
        LearnerRow(
            learner_id=member.learner_id,
            name=member.name,
            lessons_done=lessons_done.get(member.learner_id, 0),
            quiz_scores=[best.get((member.learner_id, key)) for key in quiz_keys],
            last_active=last_active.get(member.learner_id),
            competences_mastered=mastered_by_learner[member.learner_id],
        )
        for member in members
    ]
    report.gains = [
        (quiz, gain_report(quiz, users=ids)) for quiz in quizzes if has_parallel_forms(quiz.questions.raw_data)
    ]
    return report


def _question_rows(quizzes, answered, right, wrong_answers):
    rows = []
    for quiz in quizzes:
        for question in quiz.questions.raw_data:
            question_id = question.get("id")
            if question_id not in answered:
                continue
            row = QuestionRow(
                quiz=quiz.title,
                question_id=question_id,
                text=_safely(grading.question_text, question) or question_id,
                answered=answered[question_id],
                correct=right[question_id],
            )
            if wrong_answers[question_id]:
                key, count = wrong_answers[question_id].most_common(1)[0]
                texts = _safely(grading.answer_texts, question, json.loads(key)) or []
                row.top_wrong_answer = "; ".join(str(text) for text in texts)
                row.top_wrong_count = count
            rows.append(row)
    return rows


def _safely(function, *args):
    """A question or answer in words; nothing when it no longer reads (a
    question changed since it was answered)."""
    try:
        return function(*args)
    except (InvalidAnswer, KeyError, IndexError, TypeError, ValueError):
        return None


def csv_rows(report: ClassReport):
    """The report as spreadsheet rows: learners, then questions, then competences."""
    yield [_("Learner"), _("Lessons done"), *[quiz.title for quiz in report.quizzes], _("Last active")]
    for row in report.learners:
        scores = ["" if score is None else score for score in row.quiz_scores]
        last = row.last_active.date().isoformat() if row.last_active else ""
        yield [row.name, f"{row.lessons_done}/{report.lessons_total}", *scores, last]
    yield []
    yield [_("Quiz"), _("Question"), _("Answers"), _("Right (%)"), _("Wrong answer chosen most"), _("Times chosen")]
    for question in report.questions:
        yield [
            question.quiz,
            question.text,
            question.answered,
            question.percent_correct,
            question.top_wrong_answer,
            question.top_wrong_count or "",
        ]
    yield []
    yield [_("Competence"), _("Name"), _("Learners who answered"), _("Learners who mastered it")]
    for competence in report.competences:
        yield [competence.code, competence.name, competence.learners, competence.mastered]
