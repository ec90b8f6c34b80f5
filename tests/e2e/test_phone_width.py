"""The smallest phones: every learner page at 320 CSS px, in four languages
and at normal and extra-large text, never scrolls sideways. Screenshots of
the course, lesson and quiz pages at that width are kept in test-results/."""

import struct

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import save_screenshot
from tests.e2e.tour import LANGUAGES, guest_pages, learner_pages, sign_in, walk

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 320, "height": 640}

# The elements that stick out past the right edge, to name them on failure.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 0.5)
    .slice(0, 5).map(el => `${el.outerHTML.slice(0, 100)} ends at ${Math.round(el.getBoundingClientRect().right)}px`);
}"""


def png_size(path):
    with open(path, "rb") as handle:
        header = handle.read(24)
    return struct.unpack(">II", header[16:24])


def test_no_page_scrolls_sideways_at_320px(live_server, browser, demo_course):
    overflowing, checked = [], 0
    for language in LANGUAGES:
        learner, own_pages = learner_pages(language, f"phone-{language}@example.com")
        for text_size in ("normal", "x-large"):
            learner.profile.text_size = text_size  # the learner asks in their profile, the guest in a cookie
            learner.profile.save()
            cookie = {"name": "celik_display", "value": f"{text_size}.0.0"}
            for page_type, page in walk(
                browser, live_server, language, learner, own_pages, cookies=[cookie], viewport=PHONE
            ):
                page.evaluate("document.fonts.ready.then(() => true)")
                checked += 1
                overflowing.extend(f"{language} {text_size} {page_type}: {el}" for el in page.evaluate(OVERFLOW))
    print(f"\n{checked} pages checked at 320 px")
    assert not overflowing, "\n".join(overflowing)


@pytest.mark.parametrize("language", ["en", "th"])
def test_phone_screenshots_of_course_lesson_and_quiz(live_server, browser, demo_course, language):
    learner, own_pages = learner_pages(language, f"shots-{language}@example.com")
    pages = dict(guest_pages(language)) | dict(own_pages)
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    sign_in(context, live_server, learner)
    page = context.new_page()
    for page_type in ("course", "lesson", "quiz", "quiz question"):
        page.goto(live_server.url + pages[page_type])
        page.evaluate("document.fonts.ready.then(() => true)")
        heading = page.get_by_role("heading", level=1)
        expect(heading).to_be_in_viewport()  # the title is on the first screen
        main_action = page.locator("main .button, main button").first
        expect(main_action).to_be_visible()
        box = main_action.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"{page_type}: the main button is cut off"
        path = save_screenshot(page, f"phone-320-{language}-{page_type.replace(' ', '-')}")
        width, height = png_size(path)
        # A full-page screenshot is as wide as the page: 320 means nothing stuck out.
        assert width == PHONE["width"], f"{page_type} screenshot is {width}px wide"
        assert height >= PHONE["height"]
    context.close()
