"""Counting the statistics: from learner records to pre-counted cells.

The dashboard must answer in a fraction of a second over a million
enrolments, so it never reads learner records. This module reads them
once, course by course, and writes what each (period, course, country, age
group, language) adds up to into `StatsCell` and `CompetenceCell`. Run it
with `manage.py refresh_statistics` (from cron, hourly say), or with the
dashboard's "Count again" button.

Enrolments are streamed; one course's quiz outcomes and competence results
are held at a time, so memory grows with the largest course (about 330 MiB
of Python objects for 330,000 learners of one course, measured by bench/). Erased learners count like
anyone else: their enrolments and submitted attempts survive with an
`erased_learner` id in place of the user, which is all the joins below use.
"""

from __future__ import annotations

import time
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Max, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from courses.models import Enrollment
from quizzes.models import QuestionAnswer, QuizAttempt

from .models import CompetenceCell, Snapshot, StatsCell
from .periods import period_start

# A learner masters a competence with at least this share of its questions right.
MASTERY_SHARE = (4, 5)  # 80 %, kept as a fraction so the test is exact

# Indexes into a cell's counters.
ENROLMENTS, ACTIVE, COMPLETED, QUIZ_TAKERS, QUIZ_PASSERS, SCORE_SUM, COMPLETIONS_IN_PERIOD = range(7)
BATCH = 5000


def refresh_statistics(now=None) -> Snapshot:
    """Counts every figure again from the learner records and replaces the
    cells in one transaction: readers see the old figures or the new, never
    half of each. Returns the new snapshot."""
    started = time.perf_counter()
    now = now or timezone.now()
    active_since = now - timedelta(days=settings.STATS_ACTIVE_DAYS)
    cells = defaultdict(lambda: [0, 0, 0, 0, 0, 0.0, 0])
    competence_cells = defaultdict(lambda: [0, 0])
    periods = _PeriodCache()
    enrolments = 0

    course_keys = Enrollment.objects.order_by().values_list("course_key", flat=True).distinct()
    for course_key in list(course_keys):
        quiz = quiz_outcomes(course_key)
        mastery = competence_mastery(course_key)
        rows = Enrollment.objects.filter(course_key=course_key).values_list(
            "user_id", "erased_learner", "country", "age_band", "language",
            "started_at", "completed_at", "last_activity_at",
        )
        for user_id, erased, country, age_band, language, started_at, completed_at, last_activity in rows.iterator(
            chunk_size=BATCH
        ):
            enrolments += 1
            learner = user_id if user_id is not None else erased
            dims = (course_key, country, age_band, language)
            cohort = (periods.of(started_at), *dims)
            cell = cells[cohort]
            cell[ENROLMENTS] += 1
            if last_activity and last_activity >= active_since:
                cell[ACTIVE] += 1
            if completed_at:
                cell[COMPLETED] += 1
                cells[(periods.of(completed_at), *dims)][COMPLETIONS_IN_PERIOD] += 1
            outcome = quiz.get(learner)
            if outcome is not None:
                passed_all, average_best = outcome
                cell[QUIZ_TAKERS] += 1
                cell[QUIZ_PASSERS] += passed_all
                cell[SCORE_SUM] += average_best
            for competence, mastered in mastery.get(learner, {}).items():
                counts = competence_cells[(*cohort, competence)]
                counts[0] += 1
                counts[1] += mastered

    seconds = time.perf_counter() - started
    with transaction.atomic():
        StatsCell.objects.all().delete()
        CompetenceCell.objects.all().delete()
        StatsCell.objects.bulk_create(
            (
                StatsCell(
                    period=period, course_key=course_key, country=country, age_band=age_band, language=language,
                    enrolments=c[ENROLMENTS], active=c[ACTIVE], completed=c[COMPLETED],
                    quiz_takers=c[QUIZ_TAKERS], quiz_passers=c[QUIZ_PASSERS], score_sum=c[SCORE_SUM],
                    completions_in_period=c[COMPLETIONS_IN_PERIOD],
                )
                for (period, course_key, country, age_band, language), c in cells.items()
            ),
            batch_size=BATCH,
        )
        CompetenceCell.objects.bulk_create(
            (
                CompetenceCell(
                    period=period, course_key=course_key, country=country, age_band=age_band, language=language,
                    competence=competence, learners=learners, mastered=mastered,
                )
                for (period, course_key, country, age_band, language, competence), (learners, mastered)
                in competence_cells.items()
            ),
            batch_size=BATCH,
        )
        seconds = time.perf_counter() - started
        return Snapshot.objects.create(refreshed_at=now, seconds=round(seconds, 3), enrolments=enrolments)


def quiz_outcomes(course_key) -> dict:
    """Per learner of the course who submitted a quiz: (passed every quiz they
    took, the average of their best score in each). One query."""
    best = (
        QuizAttempt.objects.filter(course_key=course_key, submitted_at__isnull=False)
        .values("user_id", "erased_learner", "quiz_key")
        .order_by()
        .annotate(best=Max("score"), passes=Count("id", filter=Q(passed=True)))
    )
    per_learner = {}
    for row in best.iterator(chunk_size=BATCH):
        learner = row["user_id"] if row["user_id"] is not None else row["erased_learner"]
        quizzes, passed, score_total = per_learner.get(learner, (0, 0, 0))
        per_learner[learner] = (quizzes + 1, passed + (row["passes"] > 0), score_total + (row["best"] or 0))
    return {
        learner: (int(passed == quizzes), score_total / quizzes)
        for learner, (quizzes, passed, score_total) in per_learner.items()
    }


def competence_mastery(course_key) -> dict:
    """Per learner of the course: {competence code: mastered?}.

    A learner's latest answer to each question counts (a question answered
    wrongly, then rightly on a later attempt, is known now); they master a
    competence when at least 80 % of the questions of it they answered are
    right. One query: a window function picks each question's latest answer.
    """
    latest = (
        QuestionAnswer.objects.filter(attempt__course_key=course_key, attempt__submitted_at__isnull=False)
        .exclude(competence="")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("attempt__user_id"), F("attempt__erased_learner"), F("attempt__quiz_key"), F("question_id")],
                order_by=F("attempt__number").desc(),
            )
        )
        .filter(rank=1)
        .values_list("attempt__user_id", "attempt__erased_learner", "competence", "correct")
    )
    answered = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for user_id, erased, competence, correct in latest.iterator(chunk_size=BATCH):
        counts = answered[user_id if user_id is not None else erased][competence]
        counts[0] += 1
        counts[1] += bool(correct)
    wanted, out_of = MASTERY_SHARE
    return {
        learner: {code: int(right * out_of >= total * wanted) for code, (total, right) in by_competence.items()}
        for learner, by_competence in answered.items()
    }


class _PeriodCache:
    """The period of a moment, in the site's time zone; a million enrolments
    fall on a few hundred days, so each day is worked out once."""

    def __init__(self):
        self._by_day = {}

    def of(self, moment):
        day = timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()
        period = self._by_day.get(day)
        if period is None:
            period = self._by_day[day] = period_start(day)
        return period
