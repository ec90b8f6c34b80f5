"""A lesson's first visit on a slow connection: at most 100 KB transferred
and at most 10 requests, images and the fonts of complex scripts (Thai,
Khmer, Lao, Burmese) aside, as the browser itself counts them."""

import pytest

from tests.e2e.tour import LANGUAGES, guest_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BUDGET_BYTES = 100 * 1024
BUDGET_REQUESTS = 10
SCRIPT_FONTS = ("thai", "khmer", "lao", "myanmar")


def first_visit(browser, url):
    """Every request a fresh browser (empty cache) makes to show `url`, with
    the bytes each took on the wire: headers and body as sent."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    rows = []
    for request in finished:
        sizes = request.sizes()
        rows.append((request.resource_type, request.url, sizes["responseHeadersSize"] + sizes["responseBodySize"]))
    context.close()
    return rows


def counted(rows):
    return [
        (kind, url, size)
        for kind, url, size in rows
        if kind != "image" and not (kind == "font" and any(script in url for script in SCRIPT_FONTS))
    ]


def test_a_lesson_page_first_visit_fits_the_budget(live_server, browser, demo_course):
    report, over = [], []
    for language in LANGUAGES:
        lesson = dict(guest_pages(language))["lesson"]
        rows = first_visit(browser, live_server.url + lesson)
        budget = counted(rows)
        total = sum(size for _, _, size in budget)
        aside = sum(size for row in rows if row not in budget for size in [row[2]])
        report.append(
            f"{language}: {len(budget)} requests, {total / 1024:.1f} KB "
            f"(+ {len(rows) - len(budget)} images and script fonts, {aside / 1024:.1f} KB) "
            + ", ".join(f"{url.rsplit('/', 1)[-1] or 'page'} {size / 1024:.1f} KB" for _, url, size in budget)
        )
        if total > BUDGET_BYTES or len(budget) > BUDGET_REQUESTS:
            over.append(report[-1])
    print("\nLesson page, first visit (budget 100 KB, 10 requests):\n" + "\n".join(report))
    assert not over, "\n".join(over)
