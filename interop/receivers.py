"""What interop does when learners progress (connected in InteropConfig.ready).
Every receiver runs inside the transaction of the learner's record (the
signals are sent there), so the statement and the record commit together."""

from django.dispatch import receiver

from courses.signals import course_completed, step_done
from quizzes.signals import answers_recorded, attempt_submitted

from . import grades, xapi


@receiver(step_done, dispatch_uid="interop_xapi_step_done")
def lesson_done(sender, user, course_key, step_key, kind, language, when, **kwargs):
    # A quiz step is reported by attempt_submitted (passed, with its score).
    if kind == "lesson" and xapi.enabled():
        xapi.lesson_completed(user, course_key, step_key, language, when)


@receiver(course_completed, dispatch_uid="interop_xapi_course_completed")
def course_done(sender, user, course_key, language, when, **kwargs):
    if xapi.enabled():
        xapi.course_completed(user, course_key, language, when)


@receiver(answers_recorded, dispatch_uid="interop_xapi_answers")
def answered(sender, attempt, answers, **kwargs):
    if xapi.enabled() and attempt.user_id is not None:
        xapi.questions_answered(attempt, [row.question_id for row in answers])


@receiver(attempt_submitted, dispatch_uid="interop_xapi_attempt")
def submitted(sender, attempt, **kwargs):
    if xapi.enabled() and attempt.user_id is not None:
        xapi.quiz_submitted(attempt)


@receiver(attempt_submitted, dispatch_uid="interop_lti_quiz_score")
def quiz_score_to_gradebook(sender, attempt, **kwargs):
    if attempt.user_id is not None:
        grades.queue_quiz_score(attempt)


@receiver(course_completed, dispatch_uid="interop_lti_course_completed")
def completion_to_gradebook(sender, user, course_key, when, **kwargs):
    grades.queue_course_completion(user, course_key, when)
