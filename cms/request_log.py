"""One structured log line per request, for production's log collector.

What a line holds: method, path (never the query string, which may carry a
token or a code), status, duration in milliseconds, the matched route's
name, the user's id (a number, never a name or an email; none for guests)
and a request id (the load balancer's X-Request-ID, or a new one, also sent
back in the response so a learner's bug report can be matched to its line).
"""

import logging
import time
import uuid

from django.utils.functional import empty

logger = logging.getLogger("celik.requests")

REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not logger.isEnabledFor(logging.INFO):
            return self.get_response(request)
        started = time.perf_counter()
        request_id = _request_id(request.META.get(REQUEST_ID_HEADER))
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        match = getattr(request, "resolver_match", None)
        logger.info(
            "request",
            extra={
                "request_id": request_id,
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "route": match.view_name if match else None,
                "user_id": _user_id(request),
            },
        )
        return response


def _user_id(request):
    """The signed-in user's id if the request already looked them up (never a
    lookup just for the log), else None."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


def _request_id(given):
    """The load balancer's id when it is a sensible one, else a new one."""
    if given and len(given) <= 64 and all(ch.isalnum() or ch in "-_." for ch in given):
        return given
    return uuid.uuid4().hex
