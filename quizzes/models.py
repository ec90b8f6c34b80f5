"""QuizPage (content) and the learner's attempts (records), kept apart."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from courses.blocks import RICH_TEXT_FEATURES
from courses.burmese import UnicodeBurmeseMixin
from courses.models import CoursePage

from .blocks import QuestionBlocks


class FeedbackMode(models.TextChoices):
    EACH_QUESTION = "each", _("After each question")
    AT_END = "end", _("After submitting the quiz")


def has_other_required_quiz(course, quiz_pk=None) -> bool:
    """A course has at most one required quiz: is there one besides `quiz_pk`?"""
    return QuizPage.objects.child_of(course).filter(required_for_completion=True).exclude(pk=quiz_pk).exists()


class QuizPageForm(WagtailAdminPageForm):
    """Says so in the form, before saving, when the course already has a required quiz."""

    def clean(self):
        cleaned = super().clean()
        parent = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        if cleaned.get("required_for_completion") and parent and has_other_required_quiz(parent, self.instance.pk):
            self.add_error("required_for_completion", _("This course already has a required quiz."))
        return cleaned


class QuizPage(UnicodeBurmeseMixin, Page):
    summary = models.TextField(_("summary"), max_length=400, blank=True)
    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES)
    questions = StreamField(QuestionBlocks(), verbose_name=_("question bank"))
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Leave blank for unlimited attempts."),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_options = models.BooleanField(_("shuffle options"), default=True)
    draw_count = models.PositiveSmallIntegerField(
        _("questions per attempt"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Draw this many questions at random from the bank for each attempt. Blank: all of them."),
    )
    feedback_mode = models.CharField(
        _("when to show feedback"), max_length=10, choices=FeedbackMode.choices, default=FeedbackMode.EACH_QUESTION
    )
    required_for_completion = models.BooleanField(
        _("required to complete the course"), default=True,
        help_text=_("Learners must pass this quiz to complete the course. A course has at most one required quiz."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("max_attempts"),
                FieldPanel("draw_count"),
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_options"),
                FieldPanel("feedback_mode"),
                FieldPanel("required_for_completion"),
            ],
            heading=_("Settings"),
        ),
        FieldPanel("questions"),
    ]
    base_form_class = QuizPageForm
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("quiz")

    def clean(self):
        super().clean()
        errors = {}
        if self.draw_count and self.questions and self.draw_count > len(self.questions):
            errors["draw_count"] = _("The bank has only %(count)s questions.") % {"count": len(self.questions)}
        parent = self.get_parent() if self.path else None  # a new page has its path once placed in the tree
        if self.required_for_completion and parent and has_other_required_quiz(parent, self.pk):
            errors["required_for_completion"] = _("This course already has a required quiz.")
        if errors:
            raise ValidationError(errors)

    def get_course(self):
        return CoursePage.objects.parent_of(self).first()

    def get_context(self, request, *args, **kwargs):
        from .attempts import quiz_overview

        context = super().get_context(request, *args, **kwargs)
        context.update(quiz_overview(self, request))
        return context


class QuizAttempt(models.Model):
    """One try at a quiz. `questions` is a snapshot of exactly what was asked, in
    the order shown, so the attempt reads and grades the same forever. When the
    learner erases their account, `user` becomes empty and the submitted
    attempt stays as an anonymous outcome for statistics."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="quiz_attempts"
    )
    erased_learner = models.UUIDField(
        null=True, blank=True, editable=False,
        help_text=_("After erasure: the same random id as the erased learner's enrolments"),
    )
    quiz_key = models.UUIDField(db_index=True, help_text=_("translation_key of the QuizPage"))
    course_key = models.UUIDField(db_index=True)
    language = models.CharField(max_length=10)
    quiz_page = models.ForeignKey(Page, null=True, on_delete=models.SET_NULL, related_name="+")
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("The page revision the attempt was taken against."),
    )
    number = models.PositiveSmallIntegerField(default=1)
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
            models.UniqueConstraint(fields=["user", "quiz_key", "number"], name="attempt_numbers_unique"),
            # Two tabs pressing "Start" at once still make only one open attempt.
            models.UniqueConstraint(
                fields=["user", "quiz_key"], condition=Q(submitted_at__isnull=True), name="one_open_attempt_per_quiz"
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
