"""The whole-page cache for first-time visitors: the crowd a national
campaign sends, who have no session yet and see exactly what everyone else
sees in their language. Their course, lesson, catalogue and home pages come
from the shared cache (Redis in production) without touching the database.

What is cached, and what is never:
- only live pages Wagtail serves (never a preview or a draft: previews do not
  pass through Wagtail's serve view, which marks a page as cacheable);
- only GET and HEAD without a query string, for visitors with no session and
  no pending message; a guest who completed a lesson has a session, and a
  signed-in learner too, so their pages, with their own progress, are always
  made fresh (the shared parts of those come from fragment caches);
- one copy per address (the language is part of it) and per display option.

The CSRF token in a cached page's forms belongs to the first visitor; each
replay puts the current visitor's own token in its place.

Any publish, unpublish, move or deletion of a page, or a change to a
competence, empties the whole cache at once by moving to a new generation:
a course page lists its lessons and the home page lists courses, so a change
to one page shows on others."""

import re
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from wagtail.views import serve as wagtail_serve

from accounts.display import COOKIE_NAME as DISPLAY_COOKIE
from accounts.display import DisplayOptions

GENERATION_KEY = "page-cache:generation"
CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
CACHEABLE_FLAG = "celik_page_cacheable"
KEY_ATTRIBUTE = "celik_page_cache_key"
GENERATION_ATTRIBUTE = "celik_page_cache_generation"

# The generation this process last read: only a guess at which key to fetch
# along with the generation itself (one round trip instead of two). It is
# never trusted: a page is used only if the generation read with it matches.
_last_generation = None


def generation(request):
    """The current generation, read from the cache once per request."""
    if hasattr(request, GENERATION_ATTRIBUTE):
        return getattr(request, GENERATION_ATTRIBUTE)
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)  # another worker may win the race: read theirs
        current = cache.get(GENERATION_KEY)
    setattr(request, GENERATION_ATTRIBUTE, current)
    return current


def kept_until_published(request, name, compute):
    """`compute()`, kept in the shared cache under `name` for this site until
    the next publish, unpublish, move or deletion (the same generation as the
    pages), for what every visitor sees alike."""
    key = f"{name}:{generation(request)}:{request.get_host()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.PAGE_CACHE_SECONDS)
    return value


def invalidate(**_signal_kwargs):
    """Forgets every cached page (a new generation; the old entries expire)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def mark_cacheable(request):
    """Called as Wagtail serves a live page (the before_serve_page hook)."""
    setattr(request, CACHEABLE_FLAG, True)


def is_first_visit(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def cache_key(request, current_generation):
    display = DisplayOptions.from_cookie(request.COOKIES.get(DISPLAY_COOKIE)).as_cookie()
    return f"page-cache:{current_generation}:{request.get_host()}:{request.path}:{display}"


def lookup(request):
    """The page's key and what the cache holds under it (or None). Reads the
    generation and the page in one round trip when the generation has not
    moved since this process last read it, in two when it has."""
    global _last_generation
    guess = _last_generation
    if guess is not None:
        key = cache_key(request, guess)
        found = cache.get_many([GENERATION_KEY, key])
        if found.get(GENERATION_KEY) == guess:
            setattr(request, GENERATION_ATTRIBUTE, guess)
            return key, found.get(key)
    current = generation(request)
    _last_generation = current
    key = cache_key(request, current)
    return key, cache.get(key)


def replay(request, stored):
    content, content_type, token = stored
    if token:
        content = content.replace(token, get_token(request).encode())
    response = HttpResponse(content, content_type=content_type)
    response["X-Page-Cache"] = "hit"
    return response


class FirstVisitPageCacheMiddleware:
    """Serves and fills the cache. It sits inside the CSRF, locale and CSP
    middleware, so a replayed page still gets the visitor's CSRF cookie,
    its language headers and its security headers. Only requests routed to
    Wagtail's page view look in the cache: the rest (sign-in, quizzes, the
    health check) pay nothing for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, KEY_ATTRIBUTE, None)
        if key is not None and worth_keeping(request, response):
            token = CSRF_TOKEN.search(response.content)
            cache.set(key, (response.content, response["Content-Type"], token and token.group(1)), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_serve or not is_first_visit(request):
            return None
        key, stored = lookup(request)
        if stored is not None:
            return replay(request, stored)
        setattr(request, KEY_ATTRIBUTE, key)  # filled on the way out, if worth keeping
        return None


def worth_keeping(request, response):
    """A live page Wagtail served in full, that wrote nothing to a session."""
    session = getattr(request, "session", None)
    return (
        getattr(request, CACHEABLE_FLAG, False)
        and response.status_code == 200
        and not response.streaming
        and not (session is not None and session.modified)
    )
