from django.shortcuts import redirect
from wagtail import hooks
from wagtail.models import Page

from courses.models import in_own_language
from courses.translation_workflow import is_placeholder

from .page_cache import mark_cacheable
from .templatetags.celik import UNTRANSLATED_PARAM


@hooks.register("before_serve_page", order=-10)
def never_serve_a_placeholder(page, request, serve_args, serve_kwargs):
    """A placeholder (a copy of a page of another language, standing in this
    language's tree until a translation exists) is never shown under this
    language's address: the learner goes to the nearest page that is
    translated, which says why they landed there, as the language menu does.
    Only aliases cost a query here (courses/translation_workflow.py)."""
    if not is_placeholder(page):
        return None
    translated = in_own_language(Page.objects.ancestor_of(page).live().filter(depth__gte=2)).order_by("-depth").first()
    target = translated.get_url(request) if translated else f"/{page.locale.language_code}/"
    return redirect(f"{target}?{UNTRANSLATED_PARAM}=1")


@hooks.register("before_serve_page")
def live_pages_may_be_cached(page, request, serve_args, serve_kwargs):
    """Only Wagtail's serve view runs this hook, for live pages: previews
    and drafts never reach it, so they are never cached (cms/page_cache.py)."""
    mark_cacheable(request)
