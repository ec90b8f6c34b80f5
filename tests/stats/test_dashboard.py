"""The dashboard, the CSV export and the API show the same numbers."""

import csv
import io

import pytest

from stats.refresh import refresh_statistics
from stats.tokens import create_token

from .conftest import NOW


@pytest.fixture
def counted(known_dataset):
    refresh_statistics(now=NOW)
    return known_dataset


def test_the_dashboard_shows_the_figures(asean_client, counted):
    page = asean_client.get("/en/stats/").content.decode()
    for text in ("74", "62", "47", "63.5 %", "83.3 %", "85.0 %", "75.0 %", "fewer than 10", "withheld",
                 "Spot false news", "Evaluating information", "By age group", "<svg"):
        assert text in page, text


def test_numbers_follow_the_reviewers_language(asean_client, counted):
    """Indonesian writes decimals with a comma; the labels are Indonesian too."""
    page = asean_client.get("/id/stats/").content.decode()
    assert "63,5" in page and "63.5" not in page
    assert "Pendaftaran kursus" in page and "Enrolments" not in page


def test_bad_filters_get_a_400_with_a_message(asean_client, counted):
    for query, message in [
        ("start=2026-13-01", "Enter a valid date"),
        ("start=2026-03-10&end=2026-03-01", "The end date is before the start date."),
        ("course=not-a-course", "Select a valid choice"),
        ("age_band=12", "Select a valid choice"),
        ("interval=year", "Select a valid choice"),
        ("start=1999-01-01", "Statistics start in 2020."),
    ]:
        response = asean_client.get(f"/en/stats/?{query}")
        assert response.status_code == 400, query
        assert message in response.content.decode(), query
    assert asean_client.get("/en/stats/export.csv?start=nonsense").status_code == 400


def _csv(response):
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _section(rows, heading):
    start = next(i for i, row in enumerate(rows) if row and row[0] == heading)
    end = next((i for i in range(start + 1, len(rows)) if not rows[i]), len(rows))
    return rows[start + 1 : end]


def test_csv_streams_with_a_bom_and_withholds_small_cells(asean_client, counted):
    response = asean_client.get("/en/stats/export.csv")
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    summary = dict(map(tuple, _section(rows, "Figure")))
    assert summary == {
        "Enrolments": "74", "Active learners": "62", "Completed": "47", "Completion rate (%)": "63.5",
        "Took a quiz": "30", "Quiz pass rate (%)": "83.3", "Average score (%)": "85.0",
    }
    by_age = {row[0]: row[1:] for row in _section(rows, "By age group")}
    assert by_age["60 and over"] == [""] * 7  # fewer than 10: withheld
    assert by_age["18–24"][0] == ""  # withheld so that 60+ cannot be worked out
    assert by_age["25–59"][0] == "45"


def test_csv_headers_are_in_the_reviewers_language(asean_client, counted):
    rows = _csv(asean_client.get("/th/stats/export.csv"))
    text = "\n".join(",".join(row) for row in rows)
    assert "Enrolments" not in text and "Completed" not in text


def test_dashboard_csv_and_api_agree(asean_client, counted):
    from stats.models import ReviewerScope

    query = f"course={counted.courses[0].translation_key}&interval=month"
    _token, raw = create_token(ReviewerScope.objects.get().user, "test")
    api = asean_client.get(f"/api/stats/v1/report?{query}", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    rows = _csv(asean_client.get(f"/en/stats/export.csv?{query}"))
    page = asean_client.get(f"/en/stats/?{query}").content.decode()
    summary = dict(map(tuple, _section(rows, "Figure")))
    assert api["summary"]["enrolments"] == {"value": 59, "status": "shown"}
    assert summary["Enrolments"] == "59"
    assert api["summary"]["completion_rate"]["value"] == 62.7 and summary["Completion rate (%)"] == "62.7"
    assert "62.7 %" in page
    months = [(row["start"], row["enrolments"]["value"]) for row in api["over_time"]]
    assert months == [("2026-02-01", 30), ("2026-03-01", 29)]
    assert [row[:2] for row in _section(rows, "Month")] == [["2026-02-01", "30"], ["2026-03-01", "29"], ["Total", "59"]]
    by_age_api = {row["label"]: row["enrolments"] for row in api["breakdowns"]["age_band"]}
    by_age_csv = {row[0]: row[1] for row in _section(rows, "By age group")}
    for label, figure in by_age_api.items():
        assert by_age_csv[label] == ("" if figure["value"] is None else str(figure["value"]))


def test_no_learner_identity_anywhere(asean_client, counted):
    """No username, email or id of any learner in the page, the CSV or the API."""
    from accounts.models import User
    from stats.models import ReviewerScope

    _token, raw = create_token(ReviewerScope.objects.get().user, "test")
    outputs = [
        asean_client.get("/en/stats/").content.decode(),
        b"".join(asean_client.get("/en/stats/export.csv").streaming_content).decode(),
        asean_client.get("/api/stats/v1/report", HTTP_AUTHORIZATION=f"Bearer {raw}").content.decode(),
    ]
    learners = User.objects.filter(enrollments__isnull=False)
    assert learners.count() == 74
    for learner in learners:
        for output in outputs:
            assert learner.username not in output and learner.email not in output


def test_count_again_now(asean_client, counted):
    from stats.models import Snapshot

    before = Snapshot.objects.count()
    response = asean_client.post("/en/stats/refresh/", {"next": "/en/stats/?country=MY"})
    assert response.status_code == 302 and response["Location"] == "/en/stats/?country=MY"
    assert Snapshot.objects.count() == before + 1
    response = asean_client.post("/en/stats/refresh/", {"next": "https://evil.example/"})
    assert response["Location"] == "/en/stats/"
