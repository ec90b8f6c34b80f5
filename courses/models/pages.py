"""The course catalogue as Wagtail pages: CourseIndexPage -> CoursePage -> LessonPage.
Content only; what a learner has done lives in records.py."""

from django.db import models
from django.db.models import F, Q
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index

from ..blocks import RICH_TEXT_FEATURES, TeachingBlocks
from ..burmese import UnicodeBurmeseMixin
from ..catalogue import split_catalogue
from ..forms import CompetenceChooser, CompetencesPageForm
from ..progress import ShowsOnlyProgress, progress_for, tracker_for
from ..reporting import channels_for, learner_country
from .framework import localized_competences


def in_own_language(pages):
    """`pages` without placeholders: the copies of a page of another language
    that Wagtail leaves in a language's tree where nothing is translated yet
    (aliases: the course above a lesson translated on its own, every page of
    a synchronised locale). They hold the source language's content, so
    learners are never shown one under another language's address
    (courses/translation_workflow.py)."""
    return pages.exclude(Q(alias_of__isnull=False) & ~Q(alias_of__locale_id=F("locale_id")))


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

    intro = RichTextField(
        _("introduction"), blank=True, features=RICH_TEXT_FEATURES, help_text=_("Shown above the list of courses.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course catalogue")
        verbose_name_plural = _("course catalogues")

    def courses(self):
        return in_own_language(CoursePage.objects.child_of(self).live().public().select_related("cover_image"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        audience = request.GET.get("audience", "")
        # Every language's live courses, in one query: those of this
        # catalogue first, then those not yet in its language (courses/catalogue.py).
        courses = in_own_language(CoursePage.objects.live().public()).select_related("cover_image", "locale")
        courses = courses.order_by("path")
        if audience in Audience.values:
            # "Everyone" courses suit every audience.
            courses = courses.filter(audience__in=[audience, Audience.EVERYONE])
        else:
            audience = ""
        # The page's language is the one being served (its locale is not loaded: one query fewer).
        language = translation.get_language()
        context["courses"], context["other_language_courses"] = split_catalogue(self, courses, language)
        context["audiences"] = Audience.choices
        context["selected_audience"] = audience
        return context


# Apps offer something before a course starts (quizzes: the optional before
# check): each hook takes (request, course) and returns {"url", "text"} or None.
COURSE_OFFERS_HOOK = "celik_course_offers"


def course_offers(request, course) -> list[dict]:
    """What apps offer a learner who has not started `course` yet."""
    return [offer for hook in hooks.get_hooks(COURSE_OFFERS_HOOK) if (offer := hook(request, course))]


class CoursePage(ShowsOnlyProgress, UnicodeBurmeseMixin, Page):
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences, shown on the course's card in the catalogue.")
    )
    description = RichTextField(_("about this course"), blank=True, features=RICH_TEXT_FEATURES)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.BEGINNER)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=30)
    cover_image = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
        help_text=_("Shown on the course's card in the catalogue. Give the image a description in the image library."),
    )
    competences = ParentalManyToManyField(
        "courses.Competence",
        blank=True,
        related_name="courses",
        verbose_name=_("competences"),
        help_text=_(
            "What the course teaches, from the digital-literacy framework (the Kuala Lumpur Declaration's literacy "
            "pillar, mapped to DigComp 2.2). Learners see them on the course page and on their certificate."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("level"), FieldPanel("estimated_minutes")],
            heading=_("Who and how long"),
        ),
        FieldPanel("cover_image"),
        FieldPanel("competences", widget=CompetenceChooser),
        # Its lessons and quizzes, with the way to the whole course's outline.
        HelpPanel(template="courses/admin/panels/course_steps.html", heading=_("Lessons and quizzes")),
    ]
    base_form_class = CompetencesPageForm
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("description")]
    parent_page_types = ["courses.CourseIndexPage"]
    # Quizzes are named by string: courses never imports the quizzes app.
    subpage_types = ["courses.LessonPage", "quizzes.QuizPage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def lessons(self):
        """The live lessons, in the order the educator arranged them."""
        return in_own_language(LessonPage.objects.child_of(self).live().order_by("path"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Progress is all of its reader a course page shows (its certificate
        # link leads through courses.certificates.views.course_certificate).
        context["progress"] = progress_for(tracker_for(request), self)
        context["competences"] = localized_competences(self.competences.all())
        if not context["progress"].has_started:
            context["before_start"] = course_offers(request, self)
        return context


class LessonPage(ShowsOnlyProgress, UnicodeBurmeseMixin, Page):
    summary = models.TextField(
        _("summary"), max_length=400, blank=True, help_text=_("Shown under the lesson's title in the course.")
    )
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=10)
    competences = ParentalManyToManyField(
        "courses.Competence",
        blank=True,
        related_name="lessons",
        verbose_name=_("competences"),
        help_text=_(
            "What this lesson practises, from the digital-literacy framework. Learners see them on the lesson."
        ),
    )
    body = StreamField(TeachingBlocks(), verbose_name=_("lesson content"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("competences", widget=CompetenceChooser),
        FieldPanel("body"),
    ]
    base_form_class = CompetencesPageForm
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def get_course(self):
        course = CoursePage.objects.parent_of(self).first()
        if course is None:  # a lesson is only ever created under a course; guard anyway
            raise Http404(_("This lesson does not belong to a course."))
        return course

    @property
    def shows_reporting_channels(self):
        """Whether the lesson lists reporting channels, which depend on the learner's country."""
        # The raw data: no block is converted (an image block would cost a query).
        return any(item["type"] == "reporting_channels" for item in self.body.raw_data)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        course = self.get_course()
        if not course.live and not getattr(request, "is_preview", False):
            # Learners reach a lesson through its course: one whose course is
            # not published (a translation still a draft, say) is not there
            # yet, even if the lesson itself was published first.
            raise Http404(_("This lesson's course is not published yet."))
        progress = progress_for(tracker_for(request), course)
        context.update(
            course=course,
            progress=progress,
            position=progress.position_of(self),
            competences=localized_competences(self.competences.all()),
        )
        if self.shows_reporting_channels:
            context["reporting_channels"] = channels_for(learner_country(request))
        return context

    def shows_only_progress(self):
        """A lesson listing the reporting channels of its reader's country
        shows more of them than their progress: it is made for each signed-in
        learner (a guest has no country, so theirs lists every country's)."""
        return not self.shows_reporting_channels
