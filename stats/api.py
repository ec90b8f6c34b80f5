"""The read-only JSON API for BI tools: `GET /api/stats/v1/report` with
`Authorization: Bearer <token>`, the same filters as the dashboard, and the
same Report. Described by stats.openapi at /api/stats/v1/openapi.json.

Tokens are the only way in: no session, so no cookie can be ridden (CSRF)
and a BI tool needs no second factor; a token reads with its owner's scope
as it stands today."""

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from accounts.ratelimits import limit

from .export import report_json
from .forms import ApiFilterForm, country_outside_scope
from .openapi import schema
from .queries import build_report
from .tokens import scope_for_token


def _error(status, message, **extra):
    response = JsonResponse({"error": message, **extra}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="celik-statistics"'
    add_never_cache_headers(response)
    return response


def _bearer(request):
    header = request.headers.get("Authorization", "")
    kind, _, value = header.partition(" ")
    return value.strip() if kind.lower() == "bearer" else ""


@require_GET
def report(request):
    try:
        blocked = limit(request, "stats_api", limit_get=True)
    except PermissionDenied:  # no client address to count by (a proxy that did not say who called)
        return _error(403, "Unable to determine the client's address: check the proxy's X-Forwarded-For.")
    if blocked is not None:
        return _error(429, "Too many requests: wait a minute and try again.")
    scope = scope_for_token(_bearer(request))
    if scope is None:
        return _error(401, "A valid API token is required: Authorization: Bearer <token>.")
    if country_outside_scope(request.GET, scope):
        return _error(403, "This token's scope does not include that country.")
    form = ApiFilterForm(request.GET, scope=scope)
    if not form.is_valid():
        return _error(
            400, "Invalid filter.", fields={name: [str(m) for m in errors] for name, errors in form.errors.items()}
        )
    report = build_report(scope, form.filters(), titles=form.course_titles)
    response = JsonResponse(report_json(report), json_dumps_params={"ensure_ascii": False})
    add_never_cache_headers(response)
    return response


@require_GET
def openapi(request):
    return JsonResponse(schema(request.build_absolute_uri("/api/stats/v1/")), json_dumps_params={"indent": 2})
