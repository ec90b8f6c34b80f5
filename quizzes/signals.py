"""What the quizzes app tells the rest of the house. Both are sent inside
the transaction that writes the record, so what a receiver writes (an xAPI
statement in an outbox) stands or falls with it."""

from django.dispatch import Signal

# Answers were stored for an attempt (one question, or a whole page of them).
# Arguments: attempt, answers (the QuestionAnswer rows as given, graded).
answers_recorded = Signal()

# An attempt was graded, once. Arguments: attempt (with score and passed set).
attempt_submitted = Signal()
