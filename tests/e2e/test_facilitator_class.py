"""A facilitator creates a class, prints sign-in cards, two learners sign in
with their cards on a phone and finish a lesson, and the class report shows it."""

import pytest
from playwright.sync_api import expect

from tests.classes.conftest import make_facilitator
from tests.e2e.conftest import save_screenshot
from tests.e2e.tour import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SIDEWAYS = "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"


def test_facilitator_class_cards_phones_and_report(live_server, browser, course):
    course_page, lessons = course
    facilitator = make_facilitator()
    desk = browser.new_context()
    sign_in(desk, live_server, facilitator)
    teacher = desk.new_page()

    # The class, with the course.
    teacher.goto(live_server.url + "/en/classes/")
    teacher.get_by_role("link", name="New class").click()
    teacher.get_by_label("Name of the class").fill("Tuesday group")
    teacher.get_by_label(course_page.title).check()
    teacher.get_by_role("button", name="Create the class").click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text("Tuesday group")

    # Two learners without email, and their cards, printed.
    teacher.get_by_role("link", name="Add learners without email").click()
    teacher.get_by_label("Names").fill("Mak Som\nPak Ali")
    teacher.get_by_label("Age group").select_option("60+")
    teacher.get_by_label("Country").select_option("MY")
    teacher.get_by_label("Language for learning").select_option("en")
    teacher.get_by_role("button", name="Add the learners").click()
    cards = teacher.locator(".sign-in-card")
    expect(cards).to_have_count(2)
    teacher.emulate_media(media="print")
    expect(teacher.locator(".site-header")).to_be_hidden()
    expect(cards.first).to_be_visible()
    save_screenshot(teacher, "class-sign-in-cards-print")
    assert len(teacher.pdf()) > 1000  # Chromium prints the sheet
    teacher.emulate_media(media="screen")
    credentials = [
        (
            card.locator(".card-name").inner_text(),
            card.locator(".card-username").inner_text(),
            card.locator(".card-passphrase").inner_text(),
        )
        for card in cards.all()
    ]

    # Each learner signs in with their card on a phone and finishes lesson 1.
    for _name, username, passphrase in credentials:
        phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        page = phone.new_page()
        page.goto(live_server.url + "/en/accounts/login/")
        page.get_by_role("link", name="Sign in with your card").click()
        page.get_by_label("Username").fill(username)
        page.get_by_label("Passphrase").fill(passphrase.capitalize())  # phones capitalise the first word
        assert not page.evaluate(SIDEWAYS)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", name="My learning")).to_be_visible()
        expect(page.get_by_text("Tuesday group")).to_be_visible()
        page.goto(live_server.url + lessons[0].url)
        page.get_by_role("button", name="Mark complete and continue").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(lessons[1].title)
        assert not page.evaluate(SIDEWAYS)
        save_screenshot(page, f"class-learner-phone-{username}")
        phone.close()

    # The report shows both learners with one lesson done.
    teacher.goto(teacher.url.split("/cards/")[0] + "/report/")
    for name, _username, _passphrase in credentials:
        row = teacher.locator("tr", has_text=name)
        expect(row).to_contain_text(f"1/{len(lessons)}")
    save_screenshot(teacher, "class-report")
    report_url = teacher.url
    desk.close()

    # The facilitator's own pages work on a phone too.
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    sign_in(phone, live_server, facilitator)
    page = phone.new_page()
    for url in (report_url, report_url.replace("/report/", "/"), report_url.replace("/report/", "/cards/")):
        page.goto(url)
        assert not page.evaluate(SIDEWAYS), url
    phone.close()
