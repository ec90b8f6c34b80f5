from wagtail import hooks

from .page_cache import mark_cacheable


@hooks.register("before_serve_page")
def live_pages_may_be_cached(page, request, serve_args, serve_kwargs):
    """Only Wagtail's serve view runs this hook, for live pages: previews
    and drafts never reach it, so they are never cached (cms/page_cache.py)."""
    mark_cacheable(request)
