"""A guest opens a course, completes a lesson and sees their progress, in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import save_screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_guest_completes_a_lesson_and_sees_progress(live_server, page, course):
    course_page, lessons = course
    page.goto(live_server.url + "/en/")
    page.get_by_role("link", name="Courses", exact=True).first.click()
    page.get_by_role("link", name=course_page.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(course_page.title)
    expect(page.get_by_text("0 of 3 steps done (0%)")).to_be_visible()

    page.get_by_role("link", name="Start the course").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lesson 1")
    page.get_by_role("button", name="Mark complete and continue").click()

    # The POST leads on to the next lesson...
    expect(page).to_have_url(re.compile(r"/en/courses/.+/lesson-2/$"))
    expect(page.get_by_text("1 of 3 steps done (33%)")).to_be_visible()
    # ...and the course page shows the progress and resumes at lesson 2.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link").click()
    expect(page.get_by_text("1 of 3 steps done (33%)")).to_be_visible()
    continue_link = page.get_by_role("link", name="Continue")
    expect(continue_link).to_have_attribute("href", lessons[1].url)
    save_screenshot(page, "smoke-course-progress")

    page.get_by_role("link", name="My learning").click()
    expect(page.get_by_role("heading", name="In progress")).to_be_visible()
    expect(page.get_by_role("link", name=course_page.title)).to_be_visible()
