"""What older learners need, in Chromium: tap targets of at least 44x44 px,
a focus ring that shows, and display options (text size, high contrast,
reduced motion) that a guest keeps on their device and a learner keeps in
their profile, across devices."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import LearnerProfile
from tests.conftest import make_learner
from tests.e2e.conftest import save_screenshot
from tests.e2e.tour import guest_pages, learner_pages, sign_in, walk

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Every control a finger may aim at that is smaller than 44x44 CSS px. A
# radio button or checkbox counts with its label (tapping either works). A
# link inside a sentence is exempt, as WCAG 2.5.5 and 2.5.8 exempt it: it
# cannot grow without breaking the line.
SMALL_TARGETS = """() => {
  const visible = el => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && r.right > 0 && r.bottom > 0;
  };
  const inSentence = el => el.tagName === 'A' && [...el.parentElement.childNodes].some(
    node => node !== el && node.nodeType === Node.TEXT_NODE && node.textContent.trim().length > 1);
  const area = el => {
    let r = el.getBoundingClientRect();
    let box = {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
    if (el.matches('input[type=radio], input[type=checkbox]')) {
      for (const label of el.labels) {
        const l = label.getBoundingClientRect();
        box = {left: Math.min(box.left, l.left), top: Math.min(box.top, l.top),
               right: Math.max(box.right, l.right), bottom: Math.max(box.bottom, l.bottom)};
      }
    }
    return {width: box.right - box.left, height: box.bottom - box.top};
  };
  return [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')]
    .filter(el => visible(el) && !inSentence(el) && !el.closest('.skip-link'))
    .map(el => ({el, size: area(el)}))
    .filter(({size}) => size.width < 44 - 0.5 || size.height < 44 - 0.5)
    .map(({el, size}) => `${el.outerHTML.slice(0, 90)} is ${Math.round(size.width)}x${Math.round(size.height)}`);
}"""

FOCUS_RING = """() => {
  if (document.activeElement === document.body) return null;
  const s = getComputedStyle(document.activeElement);
  return {tag: document.activeElement.outerHTML.slice(0, 80), outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow};
}"""


def test_every_control_is_at_least_44px_and_shows_a_focus_ring(live_server, browser, demo_course):
    small, unringed, tabbed = [], [], 0
    for language in ("en", "th"):
        learner, own_pages = learner_pages(language, f"touch-{language}@example.com")
        phone = {"viewport": {"width": 360, "height": 740}, "has_touch": True}
        for page_type, page in walk(browser, live_server, language, learner, own_pages, **phone):
            small.extend(f"{language} {page_type}: {target}" for target in page.evaluate(SMALL_TARGETS))
            # Walk the page with the Tab key: every stop shows the two-colour ring.
            for _ in range(12):
                page.keyboard.press("Tab")
                focus = page.evaluate(FOCUS_RING)
                if focus is None:
                    break  # past the last control
                tabbed += 1
                if focus["outline"] == "none" or focus["width"] < 3 or "255, 212, 0" not in focus["shadow"]:
                    unringed.append(f"{language} {page_type}: {focus['tag']} {focus}")
    print(f"\n{tabbed} focus stops checked; small targets: {len(small)}")
    assert not small, "\n".join(small)
    assert not unringed, "\n".join(unringed)


def root_font_size(page):
    return page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")


def test_a_guest_chooses_large_text_and_high_contrast_and_keeps_them_as_a_learner(live_server, browser, demo_course):
    lesson = dict(guest_pages("en"))["lesson"]
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(live_server.url + lesson)
    assert root_font_size(page) == 16
    page.get_by_role("link", name="Text size and contrast").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Text size and contrast")
    page.get_by_label("Extra large").check()
    page.get_by_label("High contrast").check()
    page.get_by_role("button", name="Save").click()

    # Back on the lesson, at 150 % and in black on white.
    expect(page).to_have_url(live_server.url + lesson)
    expect(page.get_by_text("Your display options have been saved.")).to_be_visible()
    assert root_font_size(page) == 24
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor") == "rgb(0, 0, 0)"
    save_screenshot(page, "lesson-extra-large-high-contrast")
    # Every other page, and the next visit, keep them (a cookie on this device).
    page.goto(live_server.url + "/en/")
    assert root_font_size(page) == 24

    # Signing up keeps the guest's choice, now in the new profile.
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Email:", exact=True).fill("lola@example.com")
    page.get_by_label("Password:", exact=True).fill("a-long-test-password")
    page.get_by_label("Password (again):", exact=True).fill("a-long-test-password")
    page.get_by_label("Display name").fill("Lola")
    page.get_by_label("Country").select_option("PH")
    page.get_by_label("Age group").select_option("60+")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    profile = LearnerProfile.objects.get(user__email="lola@example.com")
    assert (profile.text_size, profile.high_contrast, profile.reduce_motion) == ("x-large", True, False)
    context.close()

    # On another device (no cookie), signing in brings them back.
    other = browser.new_context(viewport={"width": 360, "height": 740})
    sign_in(other, live_server, profile.user)
    page = other.new_page()
    page.goto(live_server.url + lesson)
    assert root_font_size(page) == 24
    assert page.evaluate("document.documentElement.className") == "text-x-large high-contrast"
    other.close()


def test_reduce_motion_stops_smooth_scrolling_and_fades(live_server, browser, demo_course):
    learner = make_learner("mak@example.com", "Mak")
    context = browser.new_context(reduced_motion="no-preference")
    sign_in(context, live_server, learner)
    page = context.new_page()
    page.goto(live_server.url + "/en/")
    scroll = "getComputedStyle(document.documentElement).scrollBehavior"
    fade = "getComputedStyle(document.querySelector('main a, .button')).transitionDuration"
    assert page.evaluate(scroll) == "smooth" and page.evaluate(fade) != "0s"

    page.get_by_role("link", name="Text size and contrast").click()
    page.get_by_label("Reduce motion").check()
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    assert page.evaluate(scroll) == "auto" and page.evaluate(fade) == "0s"
    learner.profile.refresh_from_db()
    assert learner.profile.reduce_motion

    # A device that asks for reduced motion gets none, whatever the profile says.
    quiet = browser.new_context(reduced_motion="reduce")
    page = quiet.new_page()
    page.goto(live_server.url + "/en/")
    assert page.evaluate(scroll) == "auto" and page.evaluate(fade) == "0s"
    quiet.close()
    context.close()
