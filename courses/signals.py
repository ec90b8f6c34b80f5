"""What the courses app tells the rest of the house (receivers in receivers.py
and in other apps)."""

from django.dispatch import Signal

# A signed-in learner finished every step of a course. Sent by
# courses.progress.record_step_done inside its transaction, so what a
# receiver writes (the certificate, an xAPI statement) stands or falls with
# the completion. Arguments: user, course_key, language, when.
course_completed = Signal()

# A signed-in learner did a step of a course for the first time (a lesson
# read, a required quiz passed). Sent by record_step_done inside its
# transaction, before any course_completed. Arguments: user, course_key,
# step_key, kind ("lesson", "quiz"...), language, when.
step_done = Signal()
