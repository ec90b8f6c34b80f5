"""A signed-in learner takes a course's quiz in Chromium with JavaScript off."""

import json
import re

import pytest
from playwright.sync_api import expect

from quizzes.models import QuizPage
from tests.conftest import publish
from tests.e2e.conftest import put_in_order, save_screenshot
from tests.quizzes.conftest import QUESTIONS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# What a learner clicks for the right answer, by question type (labels, not ids).
RIGHT_LABELS = {
    "q-single": ["Nobody"],
    "q-multi": ["Urgency", "A link", "Threats"],
    "q-tf": ["False"],
    "q-rof": ["Scam"],
    "q-scenario": ["Message him kindly"],
}
ORDER = ["Stop", "Investigate", "Find", "Trace"]


@pytest.fixture
def no_js_page(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    yield page
    context.close()


def test_learner_passes_the_quiz_with_javascript_off(live_server, no_js_page, course, learner):
    page = no_js_page
    course_page, lessons = course
    quiz = QuizPage(title="Check your skills", slug="quiz", questions=json.dumps(QUESTIONS), shuffle_options=True)
    course_page.add_child(instance=quiz)
    publish(quiz)

    page.goto(live_server.url + "/en/accounts/login/")
    page.get_by_label("Email").fill(learner.email)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign In").click()

    page.goto(live_server.url + quiz.url)
    page.get_by_role("button", name="Start the quiz").click()
    for number, question in enumerate(QUESTIONS, 1):
        expect(page.get_by_text(f"Question {number} of {len(QUESTIONS)}")).to_be_visible()
        if question["type"] == "ordering":
            put_in_order(page, ORDER, "Move up")
        else:
            for label in RIGHT_LABELS[question["id"]]:
                page.locator("label.choice", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")).click()
        page.get_by_role("button", name="Check my answer").click()
        expect(page.get_by_text("Correct!")).to_be_visible()
        if number == 1:
            save_screenshot(page, "quiz-feedback-no-js")
        if number < len(QUESTIONS):
            page.get_by_role("link", name="Next question").click()
    page.get_by_role("link", name="See your result").click()
    page.get_by_role("button", name="Submit the quiz").click()
    expect(page.get_by_text("100%")).to_be_visible()
    expect(page.get_by_text("You passed")).to_be_visible()
    save_screenshot(page, "quiz-results-no-js")
