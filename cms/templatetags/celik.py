"""Template tags for the site chrome. Display only: they look things up, the
templates show them."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

register = template.Library()


@register.inclusion_tag("cms/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the current page in every interface language.

    On a Wagtail page, a language without a translation of it leads to that
    language's home page instead, and says so. Elsewhere (My learning, the
    account pages) the same URL is translated by its language prefix.
    """
    request = context["request"]
    page = context.get("page")
    current = get_language()
    links = []
    if isinstance(page, Page):
        translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
        homes = None
        for code, name in settings.LANGUAGES:
            target = translations.get(code)
            if target is not None:
                links.append({"code": code, "name": name, "url": target.get_url(request), "translated": True})
                continue
            if homes is None:
                homes = {
                    p.locale.language_code: p
                    for p in Page.objects.filter(depth=2).live().select_related("locale")
                }
            home = homes.get(code)
            url = home.get_url(request) if home else f"/{code}/"
            links.append({"code": code, "name": name, "url": url, "translated": False})
    else:
        for code, name in settings.LANGUAGES:
            links.append({"code": code, "name": name, "url": translate_url(request.get_full_path(), code), "translated": True})
    for link in links:
        link["current"] = link["code"] == current
    return {"links": links, "current": current}


@register.simple_tag(takes_context=True)
def catalogue_url(context):
    """The course catalogue in the active language (for the site navigation)."""
    from courses.models import CourseIndexPage

    request = context["request"]
    cache = getattr(request, "_celik_catalogue", None)
    if cache is None:
        catalogue = (
            CourseIndexPage.objects.live().filter(locale__language_code=get_language()).first()
            or CourseIndexPage.objects.live().first()
        )
        cache = catalogue.get_url(request) if catalogue else ""
        request._celik_catalogue = cache
    return cache


@register.simple_tag
def home_url():
    """The home page in the active language (each language's home is its URL prefix)."""
    return f"/{get_language()}/"
