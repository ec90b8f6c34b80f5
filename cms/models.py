from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from courses.burmese import UnicodeBurmeseMixin
from courses.models import CourseIndexPage, CoursePage, in_own_language


class HomePage(UnicodeBurmeseMixin, Page):
    hero_heading = models.CharField(_("hero heading"), max_length=120, blank=True)
    hero_text = models.TextField(_("hero text"), max_length=400, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = Page.content_panels + [FieldPanel("hero_heading"), FieldPanel("hero_text"), FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CourseIndexPage"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def route(self, request, path_components):
        """Finds a page below this home in one indexed query (by its slug,
        depth and tree path) instead of Wagtail's two queries per level, which
        for a lesson is six. A path no page has, such as a sub-route of a page,
        falls back to Wagtail's walk down the tree."""
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            candidates = Page.objects.filter(
                slug=path_components[-1], depth=self.depth + len(path_components), path__startswith=self.path
            )
            page = next((page for page in candidates if page.url_path == url_path), None)
            if page is not None:
                return page.specific.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        catalogue = in_own_language(CourseIndexPage.objects.child_of(self).live()).first()
        context["catalogue"] = catalogue
        context["courses"] = (
            in_own_language(CoursePage.objects.descendant_of(self).live().public()).select_related("cover_image")[:6]
            if catalogue
            else []
        )
        return context
