"""A ministry reviewer, in Chromium: signs in with their code, reads the
figures, filters them, downloads the CSV, makes an API token."""

import re

import pytest
from playwright.sync_api import expect

from stats.refresh import refresh_statistics
from tests.conftest import totp_code
from tests.e2e.conftest import save_screenshot
from tests.stats.conftest import NOW, make_reviewer, known_dataset, courses  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_reviewer_reads_filters_and_exports(live_server, page, known_dataset, make_reviewer):  # noqa: F811
    refresh_statistics(now=NOW)
    reviewer = make_reviewer(countries=("MY",))
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(live_server.url + "/en/stats/")
    page.get_by_label("Email").fill(reviewer.email)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("textbox", name="Code").fill(totp_code(reviewer))
    page.get_by_role("button", name="Sign In").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Completion and competence statistics")
    expect(page.get_by_text("Your scope: Malaysia.")).to_be_visible()
    cards = page.locator(".stat-cards")
    enrolments = cards.locator("div").filter(has=page.get_by_text("Enrolments", exact=True)).locator("dd")
    expect(enrolments).to_have_text("49")
    expect(cards.get_by_text("44.9 %")).to_be_visible()
    save_screenshot(page, "statistics-phone")

    page.get_by_label("Course").select_option(label="AI-made media")
    page.get_by_label("Chart by").select_option("month")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"course=.+&.*interval=month"))
    expect(enrolments).to_have_text("15")
    expect(cards.get_by_text("66.7 %")).to_be_visible()
    expect(page.get_by_role("heading", name="Enrolments and completions by month")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    content = open(download.value.path(), encoding="utf-8-sig").read()
    assert "Enrolments,15" in content

    page.get_by_role("link", name="API tokens").click()
    page.get_by_label("Name").fill("Ministry Power BI")
    page.get_by_role("button", name="Make a token").click()
    expect(page.locator("code.token")).to_have_text(re.compile(r"^celik_"))
    expect(page.get_by_role("rowheader", name="Ministry Power BI")).to_be_visible()
