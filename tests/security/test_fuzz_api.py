"""The statistics API fuzzed against its own OpenAPI document with
schemathesis: every operation, with a valid token of a reviewer for two
countries, called through the WSGI application. Whatever schemathesis sends
(values the document allows, and values it forbids), the answer is never a
500, always conforms to the document (status, content type, body schema),
and a request the document allows is never refused as malformed.

Bounded like the form fuzzing (FUZZ_EXAMPLES, 60 by default)."""

import os
from datetime import date

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from stats.openapi import schema as openapi_document
from stats.refresh import refresh_statistics
from stats.tokens import create_token
from tests.stats.conftest import NOW, courses, known_dataset, make_reviewer  # noqa: F401  (fixtures)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))

# The document as the API serves it at /api/stats/v1/openapi.json, answered
# by the application itself (no server, no network).
api = schemathesis.openapi.from_dict(openapi_document("http://testserver/api/stats/v1/"))
api.app = get_wsgi_application()
TOKEN = {}
BI_TOOL = {"REMOTE_ADDR": "10.20.30.40"}  # the WSGI call would otherwise come from nowhere


@api.auth()
class ReviewerToken:
    """The valid token, given the way a BI tool gives it; schemathesis also
    tries the calls without it and with a wrong one, which must be refused."""

    def get(self, case, context):
        return TOKEN.get("raw", "")  # asked once while tests are collected, before any token exists

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@pytest.fixture
def counted_with_a_token(known_dataset, make_reviewer):  # noqa: F811
    """A counted dataset, and a valid token of a reviewer for two countries.
    The application keeps its database connection between calls, as Django's
    own test client arranges (a real server closes it after each request)."""
    refresh_statistics(now=NOW)
    _token, TOKEN["raw"] = create_token(make_reviewer(countries=("MY", "VN")), "fuzz")
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def filter_query(ctx, query):
    """Leaves out an end before the start: the one rule OpenAPI cannot state
    (the parameter's description says it is a 400; tests/stats test it), which
    schemathesis would otherwise call a valid request rejected."""
    try:
        return not (query and date.fromisoformat(query["end"]) < date.fromisoformat(query["start"]))
    except (KeyError, TypeError, ValueError):
        return True


@pytest.mark.django_db
@pytest.mark.usefixtures("counted_with_a_token")
@api.hooks.apply(filter_query)
@api.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_within_its_document(case):
    cache.clear()  # the API's rate limit would otherwise answer most cases with 429
    response = case.call(environ_overrides=BI_TOOL)
    assert response.status_code != 500, case.as_curl_command()
    case.validate_response(response)
