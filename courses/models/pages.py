"""The course catalogue as Wagtail pages: CourseIndexPage -> CoursePage -> LessonPage.
Content only; what a learner has done lives in records.py."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index

from ..burmese import UnicodeBurmeseMixin
from ..blocks import RICH_TEXT_FEATURES, TeachingBlocks
from ..progress import ProgressScope, progress_for, tracker_for
from .framework import localized_competences


class Audience(models.TextChoices):
    YOUTH = "youth", _("Young people")
    ADULTS = "adults", _("Adults")
    OLDER_ADULTS = "older_adults", _("Older adults")
    EVERYONE = "everyone", _("Everyone")


class Level(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class CourseIndexPage(UnicodeBurmeseMixin, Page):
    """The catalogue: lists the live courses of its language."""

    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course catalogue")

    def courses(self):
        return CoursePage.objects.child_of(self).live().public().select_related("cover_image")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        audience = request.GET.get("audience", "")
        courses = self.courses()
        if audience in Audience.values:
            # "Everyone" courses suit every audience.
            courses = courses.filter(audience__in=[audience, Audience.EVERYONE])
        else:
            audience = ""
        context["courses"] = courses
        context["audiences"] = Audience.choices
        context["selected_audience"] = audience
        return context


class CoursePage(UnicodeBurmeseMixin, Page):
    summary = models.TextField(_("summary"), max_length=400)
    description = RichTextField(_("about this course"), blank=True, features=RICH_TEXT_FEATURES)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.BEGINNER)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=30)
    cover_image = models.ForeignKey(
        get_image_model_string(), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    competences = ParentalManyToManyField("courses.Competence", blank=True, related_name="courses")

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("level"), FieldPanel("estimated_minutes")], heading=_("Who and how long")
        ),
        FieldPanel("cover_image"),
        FieldPanel("competences"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("description")]
    parent_page_types = ["courses.CourseIndexPage"]
    # Quizzes are named by string: courses never imports the quizzes app.
    subpage_types = ["courses.LessonPage", "quizzes.QuizPage"]

    class Meta:
        verbose_name = _("course")

    def lessons(self):
        """The live lessons, in the order the educator arranged them."""
        return LessonPage.objects.child_of(self).live().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tracker = tracker_for(request)
        context["progress"] = progress = progress_for(tracker, self)
        context["competences"] = localized_competences(self.competences.all())
        if progress.is_complete:
            context["certificate_code"] = tracker.certificate_codes_by_course().get(self.translation_key)
        return context


class LessonPage(UnicodeBurmeseMixin, Page):
    summary = models.TextField(_("summary"), max_length=400, blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=10)
    competences = ParentalManyToManyField("courses.Competence", blank=True, related_name="lessons")
    body = StreamField(TeachingBlocks(), verbose_name=_("lesson content"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("competences"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")

    def get_course(self):
        course = CoursePage.objects.parent_of(self).first()
        if course is None:  # a lesson is only ever created under a course; guard anyway
            raise Http404(_("This lesson does not belong to a course."))
        return course

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        course = self.get_course()
        progress = progress_for(tracker_for(request), course)
        context.update(
            course=course,
            progress=progress,
            # Nothing else of the learner's is on a lesson page: each pattern
            # of done steps is kept once for everyone (cms/page_cache.py).
            progress_scope=ProgressScope.of(course, progress),
            position=progress.position_of(self),
            competences=localized_competences(self.competences.all()),
        )
        return context
