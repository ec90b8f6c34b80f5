"""Issue 21 in Chromium, on the demo's Vietnamese quiz: after "Check my
answer" the verdict is the first thing on screen, for every question type, at
390x844 with normal text and at 320x640 with extra-large text, with
JavaScript and without; the keyboard starts at the verdict and reaches the
first option in two Tabs through the skip link; put-in-order works with its
move buttons, with and without JavaScript."""

import pytest
from playwright.sync_api import expect

from quizzes.attempts import start_attempt
from quizzes.models import QuizPage
from tests.conftest import make_learner
from tests.e2e.tour import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SETUPS = [  # (name, viewport, display cookie)
    ("390x844 normal text", {"width": 390, "height": 844}, None),
    ("320x640 extra-large text", {"width": 320, "height": 640}, "x-large.0.0"),
]


def wait_until_at_rest(page):
    """The site scrolls smoothly to in-page targets (for those who have not
    asked for less motion): measure once the page has come to rest. Polled
    from here, so it works with the page's JavaScript off too."""
    last, still = None, 0
    for _ in range(100):
        now = page.evaluate("window.scrollY")
        still = still + 1 if now == last else 0
        if still >= 5:
            return
        last = now
        page.wait_for_timeout(50)


VERDICT_BOX = """() => {
  const verdict = document.getElementById('verdict').getBoundingClientRect();
  const line = document.querySelector('#verdict .feedback-verdict').getBoundingClientRect();
  return {top: verdict.top, lineBottom: line.bottom, height: window.innerHeight,
          focused: document.activeElement && document.activeElement.id};
}"""


def context_for(browser, live_server, learner, viewport, cookie, javascript):
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    if cookie:
        context.add_cookies([{"name": "celik_display", "value": cookie, "url": live_server.url}])
    sign_in(context, live_server, learner)
    return context


def answer_something(page, question):
    """Any answer, as a learner would give it (put-in-order: the order shown)."""
    if question["type"] != "ordering":
        page.locator("#question label.choice").first.click()
    page.get_by_role("button", name="Kiểm tra câu trả lời").click()
    page.wait_for_load_state("load")


def test_the_verdict_is_the_first_thing_seen_for_every_type(live_server, browser, demo_course):
    quiz = QuizPage.objects.get(locale__language_code="vi")
    report, late = [], []
    for index, (name, viewport, cookie) in enumerate(SETUPS):
        for javascript in (True, False):
            learner = make_learner(f"verdict-{index}-{javascript}@example.com")
            attempt = start_attempt(learner, quiz, "vi")
            firsts = {}  # the first question of each type
            for number, question in enumerate(attempt.questions, 1):
                firsts.setdefault(question["type"], (number, question))
            assert len(firsts) == 6
            context = context_for(browser, live_server, learner, viewport, cookie, javascript)
            page = context.new_page()
            for kind, (number, question) in firsts.items():
                page.goto(f"{live_server.url}/vi/learn/attempts/{attempt.pk}/questions/{number}/")
                answer_something(page, question)
                assert page.url.endswith(f"/questions/{number}/#verdict")
                wait_until_at_rest(page)
                box = page.evaluate(VERDICT_BOX)
                js = "with JS" if javascript else "without JS"
                report.append(f"{name}, {js}, {kind:15}: verdict top {box['top']:.0f} px of {box['height']}")
                if not (0 <= box["top"] <= box["height"] / 4 and box["lineBottom"] <= box["height"]):
                    late.append(report[-1])
                if javascript:
                    assert box["focused"] == "verdict", report[-1]  # announced and where the keyboard starts
            context.close()
    print("\nAfter 'Check my answer':\n" + "\n".join(report))
    assert not late, "\n".join(late)


@pytest.mark.parametrize("javascript", [True, False])
def test_keyboard_skip_link_to_the_first_option_and_from_the_verdict_on(live_server, browser, demo_course, javascript):
    quiz = QuizPage.objects.get(locale__language_code="vi")
    learner = make_learner(f"keys-{javascript}@example.com")
    attempt = start_attempt(learner, quiz, "vi")
    context = context_for(browser, live_server, learner, {"width": 390, "height": 844}, None, javascript)
    page = context.new_page()
    page.goto(f"{live_server.url}/vi/learn/attempts/{attempt.pk}/questions/1/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    first_option = page.locator("#question input").first
    expect(first_option).to_be_focused()  # two Tabs from the top
    page.keyboard.press("Space")
    page.get_by_role("button", name="Kiểm tra câu trả lời").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**#verdict")
    page.keyboard.press("Tab")  # from the verdict, the next stop is "Next question"
    expect(page.get_by_role("link", name="Câu hỏi tiếp theo")).to_be_focused()
    context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_put_in_order_with_the_move_buttons(live_server, browser, demo_course, javascript):
    quiz = QuizPage.objects.get(locale__language_code="vi")
    learner = make_learner(f"order-{javascript}@example.com")
    attempt = start_attempt(learner, quiz, "vi")
    number, question = next((n, q) for n, q in enumerate(attempt.questions, 1) if q["type"] == "ordering")
    texts = {item["id"]: item["value"] for item in question["value"]["steps"]}
    right = [texts[item["id"]] for item in question["value"]["steps"]]
    context = context_for(browser, live_server, learner, {"width": 320, "height": 640}, "x-large.0.0", javascript)
    page = context.new_page()
    page.goto(f"{live_server.url}/vi/learn/attempts/{attempt.pk}/questions/{number}/")
    steps = page.locator(".order-step .order-text")
    # Every step in full, none cut off.
    assert all(
        page.evaluate("(el) => el.scrollWidth <= el.clientWidth + 1", handle) for handle in steps.element_handles()
    )
    for place, text in enumerate(right):
        current = steps.all_inner_texts()
        for _ in range(current.index(text) - place):
            page.locator(".order-step", has_text=text).get_by_role("button", name="Di chuyển lên").click()
            page.wait_for_load_state("load")
    assert steps.all_inner_texts() == right
    page.get_by_role("button", name="Kiểm tra câu trả lời").click()
    expect(page.locator("#verdict")).to_contain_text("Chính xác!")
    context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_sign_up_asks_for_a_guardian_only_for_under_13s(live_server, browser, demo_course, javascript):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(live_server.url + "/en/accounts/signup/")
    guardian = page.get_by_label("Parent's or guardian's email")
    expect(guardian).to_be_hidden()
    page.get_by_label("Age group").select_option("25-59")
    expect(guardian).to_be_hidden()
    page.get_by_label("Age group").select_option("u13")
    expect(guardian).to_be_visible()
    context.close()
