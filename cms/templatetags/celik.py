"""Template tags for the site chrome. Display only: they look things up, the
templates show them."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar
from wagtail.models import Page

from accounts.two_factor import is_staff_session
from cms.page_cache import kept_until_published
from courses.models import CourseIndexPage, in_own_language
from courses.rich_text import clean_html

register = template.Library()


@register.filter
def clean_rich_text(html):
    """Every piece of rich text on the site passes here on its way out
    (cms/templates/wagtailcore/shared/richtext.html overrides Wagtail's own):
    only what the editor can make survives (courses.rich_text)."""
    return mark_safe(clean_html(str(html)))  # noqa: S308 - cleaned just now


UNTRANSLATED_PARAM = "untranslated"


def _nearest_translations(page, languages):
    """For each language, the page itself in that language or, failing that,
    its nearest ancestor that is translated and live (a placeholder holding
    another language's text is not a translation). Two queries."""
    lineage = list(page.get_ancestors().filter(depth__gte=2).only("translation_key", "depth")) + [page]
    depth_of = {p.translation_key: p.depth for p in lineage}
    best = {}
    candidates = (
        in_own_language(Page.objects.live())
        .filter(translation_key__in=depth_of.keys(), locale__language_code__in=languages)
        .select_related("locale")
    )
    for candidate in candidates:
        code = candidate.locale.language_code
        if code not in best or depth_of[candidate.translation_key] > depth_of[best[code].translation_key]:
            best[code] = candidate
    return best


def _page_links(request, page, codes):
    """The switcher's links for a Wagtail page: the same for every visitor,
    so they are kept in the shared cache until the next publish, unpublish or
    move, which is what can change them."""

    def compute():
        nearest = _nearest_translations(page, codes)
        links = []
        for code, name in settings.LANGUAGES:
            target = nearest.get(code)
            translated = target is not None and target.translation_key == page.translation_key
            url = f"/{code}/" if target is None else target.get_url(request)
            if not translated:
                url += f"?{UNTRANSLATED_PARAM}=1"
            links.append({"code": code, "name": str(name), "url": url, "translated": translated})
        return links

    links = kept_until_published(request, f"language-links:{page.pk}", compute)
    return [dict(link) for link in links]  # each request marks its own current language


def _in_language(request, current, code):
    """The request's address in another language. The site's own addresses
    differ between languages only by their prefix (/ms/learn/... is
    /vi/learn/...), so swapping it is enough, and saves the resolving and
    reversing Django's translate_url does for each of the ten languages."""
    path = request.get_full_path()
    prefix = f"/{current}/"
    if path.startswith(prefix):
        return f"/{code}/{path[len(prefix) :]}"
    return translate_url(path, code)


@register.inclusion_tag("cms/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the current page in every interface language.

    On a Wagtail page, a language without a translation of it leads to the
    nearest translated ancestor instead (the course, the catalogue, the home
    page), which then says why the learner landed there. Elsewhere (My
    learning, the account pages) the same URL is translated by its prefix.
    """
    request = context["request"]
    page = context.get("page")
    current = get_language()
    codes = [code for code, _ in settings.LANGUAGES]
    if isinstance(page, Page):
        links = _page_links(request, page, codes)
    else:
        links = [
            {"code": code, "name": name, "url": _in_language(request, current, code), "translated": True}
            for code, name in settings.LANGUAGES
        ]
    for link in links:
        link["current"] = link["code"] == current
    return {"links": links, "current_name": dict(settings.LANGUAGES).get(current, current), "current": current}


@register.simple_tag(takes_context=True)
def arrived_untranslated(context):
    """True when the language switcher brought the learner here because the
    page they were reading is not translated into this language yet."""
    request = context.get("request")
    return bool(request and request.GET.get(UNTRANSLATED_PARAM))


@register.simple_tag(takes_context=True)
def catalogue_url(context):
    """The course catalogue in the active language (for the site navigation)."""
    request = context["request"]
    language = get_language()

    def compute():
        catalogues = in_own_language(CourseIndexPage.objects.live())
        catalogue = catalogues.filter(locale__language_code=language).first() or catalogues.first()
        return catalogue.get_url(request) if catalogue else ""

    return kept_until_published(request, f"catalogue-url:{language}", compute)


@register.simple_tag
def home_url():
    """The home page in the active language (each language's home is its URL prefix)."""
    return f"/{get_language()}/"


@register.simple_tag(takes_context=True)
def staff_userbar(context):
    """Wagtail's user bar ("Edit this page") for staff. Learners, who never
    get one, skip its two permission queries: whether someone is staff is
    kept in their session (accounts.two_factor.is_staff_session)."""
    request = context.get("request")
    if request is None or not is_staff_session(request):
        return ""
    return wagtailuserbar(context)
