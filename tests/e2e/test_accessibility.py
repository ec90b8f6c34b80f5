"""axe-core (from the axe-playwright-python package, which bundles it) on
every page type a learner meets, in English, Malay, Vietnamese and Thai.
WCAG 2.0-2.2 A and AA rules, including 2.2's target size; no serious or
critical violation may remain. Lesser findings are printed, not hidden."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.tour import LANGUAGES, guest_pages, learner_pages, walk

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
PHONE = {"width": 390, "height": 844}


def axe_violations(page):
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    return results.response["violations"]


def describe(violation):
    nodes = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
    return f"{violation['id']} ({violation['impact']}): {violation['help']} -- {nodes}"


def test_every_learner_page_type_passes_axe_in_four_languages(live_server, browser, demo_course):
    blocking, summary = [], []
    for language in LANGUAGES:
        learner, own_pages = learner_pages(language, f"axe-{language}@example.com")
        # axe is injected as a script: let it past the site's CSP (this browser only).
        for page_type, page in walk(
            browser, live_server, language, learner, own_pages, bypass_csp=True, viewport=PHONE
        ):
            assert page.evaluate("document.documentElement.lang") == language, page.url
            violations = axe_violations(page)
            summary.append(f"{language:>2} {page_type:<16} {len(violations)} violation(s)")
            summary.extend(f"      {describe(v)}" for v in violations)
            blocking.extend(
                f"{language} {page_type} {page.url}: {describe(v)}" for v in violations if v["impact"] in BLOCKING
            )
    # The display options must not break what they are for: English again,
    # in extra-large text and high contrast.
    context = browser.new_context(bypass_csp=True, viewport=PHONE)
    context.add_cookies([{"name": "celik_display", "value": "x-large.1.1", "url": live_server.url}])
    page = context.new_page()
    for page_type, path in guest_pages("en"):
        page.goto(live_server.url + path)
        assert "high-contrast" in page.evaluate("document.documentElement.className")
        violations = axe_violations(page)
        summary.append(f"en {page_type:<16} {len(violations)} violation(s), extra-large text and high contrast")
        summary.extend(f"      {describe(v)}" for v in violations)
        blocking.extend(f"en high contrast {page_type}: {describe(v)}" for v in violations if v["impact"] in BLOCKING)
    context.close()
    print("\naxe-core, WCAG 2.2 A+AA:\n" + "\n".join(summary))
    assert not blocking, "\n".join(blocking)


def test_the_check_catches_what_it_is_meant_to(browser):
    """The same call on a broken page names the faults: the check can fail."""
    page = browser.new_page()
    page.set_content(
        '<html lang="en"><body><main><img src="data:,"><button style="width:14px;height:14px;padding:0"></button>'
        '<button style="width:14px;height:14px;padding:0">b</button><p style="color:#bbb">grey on white</p></main></body></html>'
    )
    found = {violation["id"]: violation["impact"] for violation in axe_violations(page)}
    assert found.get("image-alt") == "critical" and found.get("button-name") == "critical"
    assert found.get("target-size") == "serious" and found.get("color-contrast") == "serious"
    page.close()
