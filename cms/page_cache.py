"""The whole-page cache: pages Wagtail serves, kept in the shared cache
(Redis in production) once for everyone who would see the same page, so a
national campaign's crowd costs rendering once, not once per learner.

Who shares a copy:
- first-time visitors (no session, no pending message), who see exactly what
  everyone else sees in their language: one copy per address (the language
  is part of it) and per display option, served without the database;
- visitors with a session, guests and signed-in learners, on a page that
  shows nothing of theirs but which steps of one course they have done (a
  page type that says so by being a courses.progress.ShowsOnlyProgress, such
  as a lesson, with the `progress` it shows in its context). One copy per address, display option,
  signed in or not, and pattern of done steps ("1101"). Serving it reads
  only the session, the learner, and their done steps in that course
  (courses.progress.done_pattern); the routing, the course's steps and the
  rendering are shared;
- a signed-in learner on a page that shows them nothing but their own
  progress and certificates (a view marked
  courses.progress.shows_only_own_progress: My learning): their own copy,
  per address and display option, kept under the version of their done
  steps, which every step they record moves on. Serving it reads the
  session, the learner, the generation with that version, and the copy.

Never cached: previews and drafts (they do not pass through Wagtail's serve
view, which marks a live page as cacheable), a request with a query string or
a pending message, any page other than a GET or HEAD, a page that wrote to the
session, and every page for staff, whose pages carry Wagtail's user bar.

The CSRF token in a cached page's forms belongs to the visitor it was made
for; each replay puts the current visitor's own token in its place.

Any publish, unpublish, move or deletion of a page, or a change to a
competence, empties the whole cache at once by moving to a new generation:
a course page lists its lessons and the home page lists courses, so a change
to one page shows on others. A learner's own progress needs no invalidation:
a lesson done is a new pattern, so a different copy."""

import re
import uuid

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from wagtail.views import serve as wagtail_serve

from accounts.display import COOKIE_NAME as DISPLAY_COOKIE
from accounts.display import DisplayOptions, options_for
from accounts.two_factor import is_staff_session
from courses.progress import CourseProgress, ShowsOnlyProgress, done_pattern, done_steps_version_key, tracker_for

GENERATION_KEY = "page-cache:generation"
CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
CACHEABLE_FLAG = "celik_page_cacheable"
KEY_ATTRIBUTE = "celik_page_cache_key"
PERSONAL_ATTRIBUTE = "celik_page_cache_personal"
NO_SCOPE = "none"  # kept for an address whose page shows more of a learner than their progress
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
    """`compute()`, kept under `name` for this site until the next publish,
    unpublish, move or deletion (the same generation as the pages), for what
    every visitor sees alike: in this process's memory first, then in the
    shared cache, so a page pays only for reading the generation."""
    key = f"{name}:{generation(request)}:{request.get_host()}"
    value = _kept_here.get(key)
    if value is None:
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, settings.PAGE_CACHE_SECONDS)
        _keep_here(key, value)
    return value


# What kept_until_published found, in this process: a generation in each key,
# so an entry of an old generation is simply never asked for again.
_kept_here = {}
KEPT_HERE_MAX = 2000


def _keep_here(key, value):
    if len(_kept_here) >= KEPT_HERE_MAX:
        _kept_here.clear()
    _kept_here[key] = value


def invalidate(**_signal_kwargs):
    """Forgets every cached page (a new generation; the old entries expire)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def mark_cacheable(request):
    """Called as Wagtail serves a live page (the before_serve_page hook)."""
    setattr(request, CACHEABLE_FLAG, True)


def may_be_shared(request):
    """A GET or HEAD with no query string and no message waiting in its
    cookie (once shown, the cookie is emptied: that is no message)."""
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and not request.COOKIES.get(CookieStorage.cookie_name)
    )


def visitor_with_session(request):
    """ "learner" or "guest" for a visitor with a session whose page may be
    a shared copy; None when it must be made for them alone: a message
    waiting in their session (shown once, to them), or staff."""
    if SessionStorage.session_key in request.session:
        return None
    if not request.user.is_authenticated:
        return "guest"
    return None if is_staff_session(request) else "learner"


def cache_key(request, current_generation):
    display = DisplayOptions.from_cookie(request.COOKIES.get(DISPLAY_COOKIE)).as_cookie()
    return f"page-cache:{current_generation}:{request.get_host()}:{request.path}:{display}"


def personal_key(request, current_generation, visitor, pattern):
    display = options_for(request).as_cookie()  # a learner's own choice, from their profile
    return f"page-cache:{current_generation}:{request.get_host()}:{request.path}:{display}:{visitor}:{pattern}"


def own_key(request, current_generation, version):
    display = options_for(request).as_cookie()
    return (
        f"page-cache:{current_generation}:{request.get_host()}:{request.path}:{display}:own:{request.user.pk}:{version}"
    )


def scope_key(request, current_generation):
    return f"page-scope:{current_generation}:{request.get_host()}:{request.path}"


def read_with_generation(request, keys_for):
    """The current generation and what the cache holds under the keys
    `keys_for(generation)` gives (a dict of those found). One round trip
    when the generation has not moved since this process last read it, two
    when it has."""
    global _last_generation
    guess = _last_generation
    if guess is not None:
        found = cache.get_many([GENERATION_KEY, *keys_for(guess)])
        if found.pop(GENERATION_KEY, None) == guess:
            setattr(request, GENERATION_ATTRIBUTE, guess)
            return guess, found
    current = generation(request)
    _last_generation = current
    return current, cache.get_many(keys_for(current))


def lookup(request):
    """A first-time visitor's page: its key and what the cache holds under it (or None)."""
    current, found = read_with_generation(request, lambda guess: [cache_key(request, guess)])
    key = cache_key(request, current)
    return key, found.get(key)


def lookup_personal(request, visitor):
    """A visitor with a session: what the cache holds for their pattern of
    done steps on this page (or None), and whether the page may be kept.
    The page's scope and the learner's done steps come in one round trip."""
    tracker = tracker_for(request)
    current, found = read_with_generation(
        request, lambda guess: [scope_key(request, guess), *tracker.done_steps_cache_keys()]
    )
    scope = found.get(scope_key(request, current))
    if scope == NO_SCOPE:
        return None, False
    if scope is None:
        return None, True  # not known yet: the page says, as it is made
    pattern = done_pattern(tracker, scope, found)
    return cache.get(personal_key(request, current, visitor, pattern)), True


def lookup_own(request):
    """A learner's own copy of a page that shows only their progress: its key
    (None when their done steps have no version yet: the page makes one) and
    what the cache holds under it. The version comes with the generation."""
    version_key = done_steps_version_key(request.user.pk)
    current, found = read_with_generation(request, lambda guess: [version_key])
    version = found.get(version_key)
    if version is None:
        return None, None
    key = own_key(request, current, version)
    return key, cache.get(key)


def replay(request, stored):
    content, content_type, token = stored
    if token:
        content = content.replace(token, get_token(request).encode())
    response = HttpResponse(content, content_type=content_type)
    response["X-Page-Cache"] = "hit"
    return response


class PageCacheMiddleware:
    """Serves and fills the cache. It sits inside the CSRF, locale and CSP
    middleware, so a replayed page still gets the visitor's CSRF cookie,
    its language headers and its security headers, and outside the one that
    marks personal pages no-store. Only requests routed to Wagtail's page
    view look in the cache: the rest (sign-in, quizzes, the health check)
    pay nothing for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not worth_keeping(request, response):
            return response
        key = getattr(request, KEY_ATTRIBUTE, None)
        if key is not None:
            keep(response, key)
        personal = getattr(request, PERSONAL_ATTRIBUTE, None)
        if personal is not None:
            keep_personal(request, response, *personal)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "shows_only_own_progress", False) and may_be_shared(request):
            return self.own_copy(request)
        if view_func is not wagtail_serve or not may_be_shared(request):
            return None
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:  # a first visit
            key, stored = lookup(request)
            if stored is not None:
                return replay(request, stored)
            setattr(request, KEY_ATTRIBUTE, key)  # filled on the way out, if worth keeping
        else:
            visitor = visitor_with_session(request)
            if visitor is None:
                return None
            stored, may_keep = lookup_personal(request, visitor)
            if stored is not None:
                return replay(request, stored)
            if may_keep:
                setattr(request, PERSONAL_ATTRIBUTE, (generation(request), visitor))
        return None

    def own_copy(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES or visitor_with_session(request) != "learner":
            return None
        key, stored = lookup_own(request)
        if stored is not None:
            return replay(request, stored)
        if key is not None:
            mark_cacheable(request)
            setattr(request, KEY_ATTRIBUTE, key)
        return None


def keep(response, key):
    token = CSRF_TOKEN.search(response.content)
    cache.set(key, (response.content, response["Content-Type"], token and token.group(1)), settings.PAGE_CACHE_SECONDS)
    response["X-Page-Cache"] = "miss"


def keep_personal(request, response, current_generation, visitor):
    """Keeps the page under the pattern it shows (read from its own context,
    so progress that changed while it was made can never be filed under the
    old pattern), and the page's scope for the next visitor's lookup. A page
    without a scope is remembered as such, so it is not asked again."""
    context = getattr(response, "context_data", None) or {}
    page, progress = context.get("page"), context.get("progress")
    shared = isinstance(page, ShowsOnlyProgress) and page.shows_only_progress()
    if not shared or not isinstance(progress, CourseProgress):
        cache.set(scope_key(request, current_generation), NO_SCOPE, settings.PAGE_CACHE_SECONDS)
        return
    cache.set(scope_key(request, current_generation), progress.scope, settings.PAGE_CACHE_SECONDS)
    keep(response, personal_key(request, current_generation, visitor, progress.pattern))


def worth_keeping(request, response):
    """A live page Wagtail served in full, that wrote nothing to a session."""
    session = getattr(request, "session", None)
    return (
        getattr(request, CACHEABLE_FLAG, False)
        and response.status_code == 200
        and not response.streaming
        and not (session is not None and session.modified)
    )
