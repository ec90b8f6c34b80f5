"""What learners do with quizzes: attempts and their answers. Each points at
its quiz by translation_key, like courses' records, so every language of a
quiz adds up."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class FeedbackMode(models.TextChoices):
    EACH_QUESTION = "each", _("After each question")
    AT_END = "end", _("After submitting the quiz")


class Purpose(models.TextChoices):
    QUIZ = "quiz"
    BEFORE = "before"  # never graded as a pass, never counts towards completion


class QuizAttempt(models.Model):
    """One try at a quiz. `questions` is a snapshot of exactly what was asked, in
    the order shown, so the attempt reads and grades the same forever. When the
    learner erases their account, `user` becomes empty and the submitted
    attempt stays as an anonymous outcome for statistics."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="quiz_attempts"
    )
    erased_learner = models.UUIDField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("After erasure: the same random id as the erased learner's enrolments"),
    )
    quiz_key = models.UUIDField(db_index=True, help_text=_("translation_key of the QuizPage"))
    course_key = models.UUIDField(db_index=True)
    language = models.CharField(max_length=10)
    quiz_page = models.ForeignKey(Page, null=True, on_delete=models.SET_NULL, related_name="+")
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page revision the attempt was taken against."),
    )
    number = models.PositiveSmallIntegerField(default=1)
    purpose = models.CharField(max_length=10, choices=Purpose.choices, default=Purpose.QUIZ)
    questions = models.JSONField(default=list)
    pass_mark = models.PositiveSmallIntegerField()
    feedback_mode = models.CharField(max_length=10, choices=FeedbackMode.choices)
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    points = models.FloatField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True, help_text=_("Percent"))
    passed = models.BooleanField(null=True)

    class Meta:
        verbose_name = _("quiz attempt")
        constraints = [
            models.UniqueConstraint(fields=["user", "quiz_key", "purpose", "number"], name="attempt_numbers_unique"),
            # Two tabs pressing "Start" at once still make only one open attempt.
            models.UniqueConstraint(
                fields=["user", "quiz_key", "purpose"],
                condition=Q(submitted_at__isnull=True),
                name="one_open_attempt_per_quiz",
            ),
        ]
        ordering = ["-started_at"]

    def __str__(self):
        return f"attempt {self.number} by {self.user_id} on {self.quiz_key}"

    @property
    def is_submitted(self):
        return self.submitted_at is not None

    def question(self, question_id):
        return next((q for q in self.questions if q["id"] == question_id), None)


class QuestionAnswer(models.Model):
    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="answers")
    question_id = models.CharField(max_length=64)
    question_type = models.CharField(max_length=30)
    competence = models.CharField(max_length=20, blank=True)
    answer = models.JSONField()
    correct = models.BooleanField()
    points = models.FloatField()
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question_id"], name="one_answer_per_question_per_attempt"),
        ]

    def __str__(self):
        return f"answer to {self.question_id} in attempt {self.attempt_id}"


class SelfReportAnswer(models.Model):
    """A learner's answer to one self-report statement ("I check where a post
    comes from before I share it") on a five-point scale, before the course or
    after its quiz. Like attempts, it stays as an anonymous answer after erasure."""

    BEFORE, AFTER = "before", "after"
    WHEN = [(BEFORE, "before"), (AFTER, "after")]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="self_reports"
    )
    erased_learner = models.UUIDField(null=True, blank=True, editable=False)
    quiz_key = models.UUIDField(db_index=True)
    course_key = models.UUIDField()
    item_id = models.CharField(max_length=64)  # the statement's block id, shared by its translations
    competence = models.CharField(max_length=20, blank=True)
    when = models.CharField(max_length=6, choices=WHEN)
    value = models.PositiveSmallIntegerField()  # 1 (not like me) to 5 (very much like me)
    language = models.CharField(max_length=10)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "quiz_key", "item_id", "when"], name="one_self_report_per_item"),
            models.CheckConstraint(condition=Q(value__gte=1, value__lte=5), name="self_report_on_five_points"),
        ]

    def __str__(self):
        return f"self-report {self.item_id} {self.when} by {self.user_id}"
