"""The learner site runs under a strict Content-Security-Policy and none of its
own pages violates it, in a real browser (issue 5, item 5)."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def test_learner_pages_do_not_violate_the_policy(live_server, page, course, learner):
    course_page, lessons = course
    page.add_init_script(RECORD_VIOLATIONS)
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))

    def visit(path):
        response = page.goto(live_server.url + path)
        assert "default-src 'self'" in response.headers["content-security-policy"]
        page.evaluate("document.fonts.ready")
        # Open the language menu too: it draws text in every script.
        page.locator(".language-switcher summary").click()
        assert page.evaluate("window.__cspViolations") == [], path

    for path in [
        "/en/",
        course_page.get_parent().url,
        course_page.url,
        lessons[0].url,
        "/en/accounts/signup/",
        "/en/accounts/login/",
        "/en/learn/my-learning/",
        "/en/no-such-page/",
    ]:
        visit(path)
    page.goto(live_server.url + "/en/accounts/login/")
    page.get_by_label("Email").fill(learner.email)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign In").click()
    for path in ["/en/learn/my-learning/", "/en/accounts/profile/", lessons[1].url]:
        visit(path)
    assert [error for error in console_errors if "Content Security Policy" in error] == []
