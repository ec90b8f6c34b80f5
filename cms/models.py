from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from courses.burmese import UnicodeBurmeseMixin
from courses.models import CourseIndexPage, CoursePage


class HomePage(UnicodeBurmeseMixin, Page):
    hero_heading = models.CharField(_("hero heading"), max_length=120, blank=True)
    hero_text = models.TextField(_("hero text"), max_length=400, blank=True)
    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = Page.content_panels + [FieldPanel("hero_heading"), FieldPanel("hero_text"), FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CourseIndexPage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        catalogue = CourseIndexPage.objects.child_of(self).live().first()
        context["catalogue"] = catalogue
        context["courses"] = (
            CoursePage.objects.descendant_of(self).live().public().select_related("cover_image")[:6]
            if catalogue
            else []
        )
        return context
