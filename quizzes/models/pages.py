"""QuizPage: the content an educator writes. What learners do with it lives
in records.py (as in courses, content is kept apart from learner logs)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from courses.blocks import RICH_TEXT_FEATURES
from courses.burmese import UnicodeBurmeseMixin
from courses.models import CoursePage

from ..blocks import QuestionBlocks, SelfReportBlocks
from ..overview import quiz_overview
from .records import FeedbackMode


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
    intro = RichTextField(
        _("introduction"), blank=True, features=RICH_TEXT_FEATURES, help_text=_("Shown before the quiz starts.")
    )
    questions = StreamField(QuestionBlocks(), verbose_name=_("question bank"))
    self_report = StreamField(
        SelfReportBlocks(),
        blank=True,
        verbose_name=_("self-report statements"),
        help_text=_("Asked before the course and after this quiz, on a five-point scale. At most six."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave blank for unlimited attempts."),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_options = models.BooleanField(_("shuffle options"), default=True)
    draw_count = models.PositiveSmallIntegerField(
        _("questions per attempt"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Draw this many questions at random from the bank for each attempt. Blank: all of them."),
    )
    feedback_mode = models.CharField(
        _("when to show feedback"), max_length=10, choices=FeedbackMode.choices, default=FeedbackMode.EACH_QUESTION
    )
    required_for_completion = models.BooleanField(
        _("required to complete the course"),
        default=True,
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
        FieldPanel("self_report"),
    ]
    base_form_class = QuizPageForm
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

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
        context = super().get_context(request, *args, **kwargs)
        context.update(quiz_overview(self, request))
        return context
