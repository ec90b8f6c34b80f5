"""The read-only JSON API: tokens, scope, errors, and its OpenAPI description."""

import jsonschema
import pytest
from openapi_spec_validator import validate

from stats.models import ApiToken, ReviewerScope
from stats.openapi import schema
from stats.refresh import refresh_statistics
from stats.tokens import create_token

from .conftest import NOW


@pytest.fixture
def counted(known_dataset):
    refresh_statistics(now=NOW)
    return known_dataset


def get(client, token, query=""):
    return client.get(f"/api/stats/v1/report{query}", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_the_openapi_document_is_valid(client, db):
    document = client.get("/api/stats/v1/openapi.json").json()
    validate(document)
    assert document["components"]["securitySchemes"]["bearerToken"]["scheme"] == "bearer"


def test_answers_match_the_openapi_document(client, counted, make_reviewer):
    _token, raw = create_token(make_reviewer(countries=("MY",)), "BI")
    report_schema = {"$ref": "#/components/schemas/Report", **schema()}
    for query in ("", "?interval=month", "?age_band=60%2B", "?course=" + str(counted.courses[1].translation_key)):
        response = get(client, raw, query)
        assert response.status_code == 200, response.content
        jsonschema.validate(response.json(), report_schema)
    error = get(client, raw, "?start=never").json()
    jsonschema.validate(error, {"$ref": "#/components/schemas/Error", **schema()})


def test_without_a_valid_token_nothing_is_read(client, counted, make_reviewer):
    assert client.get("/api/stats/v1/report").status_code == 401
    assert client.get("/api/stats/v1/report")["WWW-Authenticate"].startswith("Bearer")
    assert get(client, "celik_not-a-real-token").status_code == 401
    # A signed-in session is not a token: the API does not read cookies.
    client.force_login(make_reviewer())
    assert client.get("/api/stats/v1/report").status_code == 401


def test_a_token_reads_with_its_owners_scope(client, counted, make_reviewer):
    _token, raw = create_token(make_reviewer(countries=("MY",)), "BI")
    body = get(client, raw).json()
    assert body["scope"] == ["MY"]
    assert body["summary"]["enrolments"] == {"value": 49, "status": "shown"}
    assert [row["key"] for row in body["breakdowns"]["country"]] == ["MY"]
    assert get(client, raw, "?country=SG").status_code == 403


def test_read_only(client, counted, make_reviewer):
    _token, raw = create_token(make_reviewer(), "BI")
    response = client.post("/api/stats/v1/report", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 405


def test_bad_filters_get_a_400_naming_the_field(client, counted, make_reviewer):
    _token, raw = create_token(make_reviewer(), "BI")
    response = get(client, raw, "?start=2026-02-30&interval=year")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"start", "interval"}


def test_taking_the_role_away_silences_the_token(client, counted, make_reviewer):
    user = make_reviewer()
    _token, raw = create_token(user, "BI")
    assert get(client, raw).status_code == 200
    ReviewerScope.objects.filter(user=user).delete()
    assert get(client, raw).status_code == 401


def test_tokens_are_stored_hashed_and_shown_once(reviewer_client, counted):
    response = reviewer_client.post("/en/stats/tokens/", {"name": "Ministry Power BI"})
    assert response.status_code == 200
    token = ApiToken.objects.get()
    raw = response.context["new_token"]
    assert raw.startswith("celik_") and raw in response.content.decode()
    assert raw not in (token.token_hash, token.prefix) and len(token.token_hash) == 64
    listing = reviewer_client.get("/en/stats/tokens/").content.decode()
    assert "Ministry Power BI" in listing and raw not in listing
    assert get(reviewer_client, raw).status_code == 200
    assert ApiToken.objects.get().last_used_at is not None
    reviewer_client.post(f"/en/stats/tokens/{token.id}/revoke/")
    assert get(reviewer_client, raw).status_code == 401


def test_a_reviewer_cannot_revoke_someone_elses_token(reviewer_client, make_reviewer):
    token, raw = create_token(make_reviewer("other@example.gov.sg", countries=("SG",)), "theirs")
    assert reviewer_client.post(f"/en/stats/tokens/{token.id}/revoke/").status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_the_api_is_rate_limited(client, db, make_reviewer, settings):
    _token, raw = create_token(make_reviewer(), "BI")
    for _ in range(120):
        assert get(client, raw).status_code == 200
    assert get(client, raw).status_code == 429
