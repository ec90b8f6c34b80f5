"""The read-only JSON API: tokens, scope, errors, and its OpenAPI description."""

import io

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
    assert body["summary"]["enrolments"]["status"] == "shown"
    assert abs(body["summary"]["enrolments"]["value"] - 49) <= 9  # 49 Malaysians in three cells, each within 3
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


def test_revoking_the_role_revokes_the_tokens_and_giving_it_back_does_not_revive_them(client, counted, make_reviewer):
    """Before: the token survived the role and worked again when the role came back."""
    from django.core.management import call_command

    user = make_reviewer("officer@example.gov.my")
    _token, raw = create_token(user, "BI")
    call_command("grant_reviewer", "officer@example.gov.my", "--revoke", stdout=io.StringIO())
    assert not ApiToken.objects.filter(owner=user).exists()
    call_command("grant_reviewer", "officer@example.gov.my", "--countries", "MY", stdout=io.StringIO())
    assert get(client, raw).status_code == 401


def _document_parameters():
    return {p["name"]: p["schema"] for p in schema()["paths"]["/report"]["get"]["parameters"]}


def _allowed(name, value):
    try:
        jsonschema.validate(value, _document_parameters()[name], format_checker=jsonschema.FormatChecker())
        return True
    except jsonschema.ValidationError:
        return False


@pytest.mark.parametrize(
    "name, value",
    [
        ("course", "00000000-0000-4000-8000-000000000000"),
        ("course", ""),
        ("course", "not-a-uuid"),
        ("country", ""),
        ("country", "VN"),
        ("country", "Viet Nam"),
        ("age_band", ""),
        ("age_band", "60+"),
        ("age_band", "12"),
        ("language", ""),
        ("language", "km"),
        ("language", "xx"),
        ("start", ""),
        ("start", "2024-02-29"),
        ("start", "2024-02-30"),
        ("end", "2000-01-01"),
        ("end", "9999-12-31"),
        ("end", "2026-1-5"),
        ("interval", ""),
        ("interval", "week"),
        ("interval", "year"),
    ],
)
def test_the_document_and_the_code_agree_on_every_parameter(client, db, make_reviewer, name, value):
    """A value the OpenAPI document allows is answered 200; one it forbids, 400."""
    _token, raw = create_token(make_reviewer(countries=("MY", "VN")), "BI")
    response = client.get("/api/stats/v1/report", {name: value}, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == (200 if _allowed(name, value) else 400), response.content


def test_the_request_schemathesis_found_is_answered(client, db, make_reviewer):
    """course=<uuid>&country=&age_band=&language=&end=2000-01-01&interval=week: the
    document now says 2000 is outside the window, and the code answers 400 with it;
    the same request with an end inside the window is answered 200."""
    _token, raw = create_token(make_reviewer(countries=("MY",)), "BI")
    query = "course=6f1c2a4e-51a8-4c1d-9f57-0f9d0c3c2b11&country=&age_band=&language=&interval=week"
    assert not _allowed("end", "2000-01-01")
    response = get(client, raw, f"?{query}&end=2000-01-01")
    assert response.status_code == 400 and "Choose a date from" in response.json()["fields"]["end"][0]
    response = get(client, raw, f"?{query}&end=2026-03-01")
    assert response.status_code == 200
    assert response.json()["summary"]["enrolments"] == {"value": 0, "status": "shown"}


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


def test_a_second_token_with_the_same_name_is_refused_with_a_reason(reviewer_client):
    assert reviewer_client.post("/en/stats/tokens/", {"name": "Ministry Power BI"}).status_code == 200
    again = reviewer_client.post("/en/stats/tokens/", {"name": "Ministry Power BI"})
    assert again.status_code == 400
    assert "You already have a token called “Ministry Power BI”" in again.content.decode()
    assert again.context["new_token"] is None and ApiToken.objects.count() == 1
    token = ApiToken.objects.get()
    reviewer_client.post(f"/en/stats/tokens/{token.id}/revoke/")
    assert reviewer_client.post("/en/stats/tokens/", {"name": "Ministry Power BI"}).status_code == 200


def test_a_reviewer_cannot_revoke_someone_elses_token(reviewer_client, make_reviewer):
    token, raw = create_token(make_reviewer("other@example.gov.sg", countries=("SG",)), "theirs")
    assert reviewer_client.post(f"/en/stats/tokens/{token.id}/revoke/").status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_the_api_is_rate_limited(client, db, make_reviewer, settings):
    _token, raw = create_token(make_reviewer(), "BI")
    for _ in range(120):
        assert get(client, raw).status_code == 200
    assert get(client, raw).status_code == 429


def test_a_call_whose_address_is_unknown_gets_a_json_refusal(client, counted, make_reviewer):
    """Found by the schemathesis run: when the server cannot tell who called
    (no client address, as behind a proxy that passes none), the rate limit
    refused with an HTML page. A BI tool reads JSON."""
    _token, raw = create_token(make_reviewer(), "BI")
    response = client.get("/api/stats/v1/report", HTTP_AUTHORIZATION=f"Bearer {raw}", REMOTE_ADDR="")
    assert response.status_code == 403 and response["Content-Type"] == "application/json"
    assert "X-Forwarded-For" in response.json()["error"]
