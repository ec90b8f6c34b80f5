"""The session cookie is changed only by the request that changed the session."""

from django.conf import settings
from django.contrib.sessions import middleware
from django.utils.cache import patch_vary_headers


class SessionMiddleware(middleware.SessionMiddleware):
    """Django's, except that a cookie naming a session that no longer exists
    is left alone unless this request ended the session itself.

    Django removes such a cookie from the browser. But signing in ends the
    guest's session and gives the browser a new cookie, and a request the
    browser sent just before (the service worker checks /sw.js for updates
    on every navigation) still carries the old one: its answer, arriving
    second, would remove the new cookie and sign the learner out again. A
    stale cookie left in place costs nothing; the next change to the
    session replaces it. Signing out (which empties the session and marks
    it changed) still removes it."""

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        ended_elsewhere = (
            session is not None
            and settings.SESSION_COOKIE_NAME in request.COOKIES
            and session.accessed
            and not session.modified
            and session.is_empty()
        )
        if ended_elsewhere:
            patch_vary_headers(response, ("Cookie",))
            return response
        return super().process_response(request, response)
