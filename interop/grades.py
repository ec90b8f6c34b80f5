"""Assignment and Grade Services: a learner's quiz score and course
completion go back to the gradebook of the school platform that launched
the course (interop.lti.remember_grade_target), through a background task.

Score: the quiz's percent out of 100. A submitted quiz is activityProgress
"Submitted"; a completed course is "Completed", with the best quiz score of
the course (100 for a course without a quiz)."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django_tasks import default_task_backend, task
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.grade import Grade
from pylti1p3.service_connector import ServiceConnector

from quizzes.models import QuizAttempt

from .lti import ensure_key
from .models import LtiGradeTarget

logger = logging.getLogger(__name__)


def targets_for(user, course_key):
    return LtiGradeTarget.objects.filter(account__user=user, course_key=course_key)


def queue_quiz_score(attempt):
    """After the attempt commits: its score to every gradebook that launched its course."""
    ids = list(targets_for(attempt.user, attempt.course_key).values_list("pk", flat=True))
    for target_id in ids:
        transaction.on_commit(
            lambda target_id=target_id: send_score.enqueue(
                target_id, float(attempt.score or 0), "Submitted", (attempt.submitted_at or timezone.now()).isoformat()
            )
        )
    return len(ids)


def queue_course_completion(user, course_key, when):
    ids = list(targets_for(user, course_key).values_list("pk", flat=True))
    if not ids:
        return 0
    best = QuizAttempt.objects.filter(user=user, course_key=course_key, submitted_at__isnull=False).aggregate(
        best=Max("score")
    )["best"]
    score = float(best if best is not None else 100)
    for target_id in ids:
        transaction.on_commit(
            lambda target_id=target_id: send_score.enqueue(target_id, score, "Completed", when.isoformat())
        )
    return len(ids)


RETRIES = 5


@task()
def send_score(target_id: int, score: float, activity_progress: str, timestamp: str, tries: int = 0) -> bool:
    """Posts one score to the platform's line item (AGS). False when the
    target is gone (the learner was erased meanwhile). A platform that does
    not answer is tried again later (a minute, then doubling), where the
    task backend can wait (the database worker)."""
    target = LtiGradeTarget.objects.select_related("account", "registration").filter(pk=target_id).first()
    if target is None or not target.registration.is_active:
        return False
    ensure_key()
    connector = ServiceConnector(target.registration.to_registration())
    service = AssignmentsGradesService(connector, {"scope": target.scopes, "lineitem": target.lineitem})
    grade = (
        Grade()
        .set_score_given(round(score, 2))
        .set_score_maximum(100)
        .set_timestamp(timestamp)
        .set_activity_progress(activity_progress)
        .set_grading_progress("FullyGraded")
        .set_user_id(target.account.subject)
    )
    try:
        service.put_grade(grade)
    except Exception as exc:
        logger.warning("LTI score not sent (try %d): %s", tries + 1, exc)
        if tries + 1 < RETRIES and default_task_backend.supports_defer:
            send_score.using(run_after=timezone.now() + timedelta(minutes=2**tries)).enqueue(
                target_id, score, activity_progress, timestamp, tries + 1
            )
        raise
    logger.info("LTI score sent", extra={"lineitem": target.lineitem, "progress": activity_progress})
    return True
