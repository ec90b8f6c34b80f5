"""A ministry reviewer, in Chromium: signs in with their code, reads the
figures, filters them, downloads the CSV, makes an API token."""

import re

import pytest
from playwright.sync_api import expect

from stats.queries import Filters, build_report
from stats.refresh import refresh_statistics
from stats.scopes import Scope
from tests.conftest import totp_code
from tests.e2e.conftest import save_screenshot
from tests.stats.conftest import NOW, courses, known_dataset, make_reviewer  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_reviewer_reads_filters_and_exports(live_server, page, known_dataset, make_reviewer):  # noqa: F811
    refresh_statistics(now=NOW)
    malaysia = Scope(countries=frozenset({"MY"}))
    everything = build_report(malaysia, Filters()).summary
    course_b = known_dataset.courses[1].translation_key
    one_course = build_report(malaysia, Filters(course=course_b, interval="month")).summary
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
    expect(enrolments).to_have_text(str(everything["enrolments"].value))
    expect(cards.get_by_text(f"{everything['completion_rate'].value} %")).to_be_visible()
    save_screenshot(page, "statistics-phone")

    page.get_by_label("Course", exact=True).select_option(label="AI-made media")
    page.get_by_label("Chart by").select_option("month")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"course=.+&.*interval=month"))
    expect(enrolments).to_have_text(str(one_course["enrolments"].value))
    expect(cards.get_by_text(f"{one_course['completion_rate'].value} %").first).to_be_visible()
    expect(page.get_by_role("heading", name="Enrolments and completions by month")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    content = open(download.value.path(), encoding="utf-8-sig").read()
    assert f"Enrolments,{one_course['enrolments'].value}" in content

    page.get_by_role("link", name="API tokens").click()
    page.get_by_label("Name").fill("Ministry Power BI")
    page.get_by_role("button", name="Make a token").click()
    expect(page.locator("code.token")).to_have_text(re.compile(r"^celik_"))
    expect(page.get_by_role("rowheader", name="Ministry Power BI")).to_be_visible()


def sign_in(page, live_server, user, path="/en/stats/"):
    page.goto(live_server.url + path)
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("textbox", name="Code").fill(totp_code(user))
    page.get_by_role("button", name="Sign In").click()


def test_the_dashboard_reads_well_in_every_script_on_a_desktop_and_a_phone(
    live_server,
    browser,
    known_dataset,  # noqa: F811
    make_reviewer,  # noqa: F811
):
    """Thai, Khmer, Lao and Burmese as well as English: at 1280 px every table
    fits its column and no row heading is squeezed (words break where the
    language allows, not letter by letter); at 390 px tables become stacked
    cards and nothing scrolls sideways but the chart, which takes the
    keyboard's focus. axe finds no serious or critical violation. The charts
    are SVG drawn by the server, styled by the site's stylesheet under its CSP."""
    from tests.e2e.test_accessibility import BLOCKING, axe_violations, describe

    refresh_statistics(now=NOW)
    reviewer = make_reviewer("asean@example.org", countries=(), asean_wide=True)
    context = browser.new_context(bypass_csp=True)  # only for axe's injected script
    page = context.new_page()
    sign_in(page, live_server, reviewer)
    blocking = []
    for language in ("en", "th", "km", "lo", "my"):
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{live_server.url}/{language}/stats/")
            assert page.evaluate("document.documentElement.lang") == language
            too_wide = page.evaluate(
                """(width) => [...document.querySelectorAll('body *')]
                    .filter(el => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible' && !el.closest('.chart-scroll') && !el.closest('thead') && !el.closest('.visually-hidden'))
                    .slice(0, 8).map(el => el.tagName + '.' + el.className + ' ' + el.scrollWidth + '/' + el.clientWidth + ' ' + el.outerHTML.slice(0, 200))""",
                width,
            )
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (language, width, too_wide)
            if width == 1280:
                layout = page.evaluate(
                    """() => [...document.querySelectorAll('.table-scroll')].map(box => ({
                        fits: box.scrollWidth <= box.clientWidth + 1,
                        first: box.querySelector('tbody th[scope=row]')?.getBoundingClientRect().width || 999,
                    }))"""
                )
                assert all(box["fits"] for box in layout), (language, layout)
                assert min(box["first"] for box in layout) >= 120, (language, layout)
            else:
                assert (
                    page.evaluate("getComputedStyle(document.querySelector('table.stackable tbody tr')).display")
                    == "block"
                )
                chart = page.locator(".chart-scroll")
                chart.focus()
                assert page.evaluate("document.activeElement.classList.contains('chart-scroll')")
            for violation in axe_violations(page):
                if violation["impact"] in BLOCKING:
                    blocking.append(f"{language} {width}px: {describe(violation)}")
        if language == "th":
            save_screenshot(page, "statistics-thai-phone")
    signed_in = context.cookies()
    context.close()
    assert not blocking, "\n".join(blocking)

    # Under the real CSP: the bars are drawn and coloured by site CSS, with axes and dates.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(signed_in)
    page = context.new_page()
    page.goto(f"{live_server.url}/th/stats/")
    assert page.locator("svg.time-chart rect.bar").count() > 0
    assert page.locator("svg.time-chart text.axis-label").count() >= 4
    fill = page.evaluate("getComputedStyle(document.querySelector('svg.time-chart rect.bar-enrolments')).fill")
    assert fill not in ("rgb(0, 0, 0)", ""), fill
    assert page.locator(".share-chart").count() >= 4
    save_screenshot(page, "statistics-thai-desktop")
    context.close()
