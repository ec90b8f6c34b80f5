"""Admin page loads for one educator's job: a new course with two lessons and
a three-question quiz, published.

Drives Debian's Chromium (Playwright) against a running site (`make run`) and
counts the HTML pages the browser loads in the admin, from the dashboard until
the course is live: every main-frame document, where a redirect and the page
it leads to count once. Signing in is not counted. Two ways through the job:

  standard   Wagtail's page explorer: each page added from its parent's
             listing ("Add child page", then its type) and published on its own
  outline    the course's own path: the dashboard's "New course", then "Save
             and add a lesson" / "Save and add a quiz" from each editor, then
             "Publish the whole course" (issue 20)

Each run makes a course with a fresh title in the site's catalogue, checks
that the course, both lessons and the quiz are live, prints the count and the
pages loaded, and deletes the course again (unless --keep).

    .venv/bin/python bench/admin_page_loads.py --flow standard
    .venv/bin/python bench/admin_page_loads.py --flow outline --base-url http://127.0.0.1:8200

It reads DATABASE_URL like the site does (it must be the server's database):
it gives a bench administrator (bench-educator@celik.invalid) an
authenticator app there, to sign in with its code."""

import argparse
import re
import secrets
import shutil
import sys
import time

from _bootstrap import setup
from playwright.sync_api import expect

QUESTIONS = [
    ("Who may ask for your one-time password?", ["Nobody", "Your bank"]),
    ("A message says your parcel is stuck. What first?", ["Check the courier's own app", "Click the link"]),
    ("A video of a minister looks odd. What helps?", ["Look for the original source", "Share it to ask friends"]),
]
EMAIL = "bench-educator@celik.invalid"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--flow", choices=["standard", "outline"], default="outline")
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--keep", action="store_true", help="keep the course made (it is deleted otherwise)")
    parser.add_argument("--headed", action="store_true", help="show the browser window")
    return parser.parse_args()


def bench_educator():
    """An administrator with a verified email and an authenticator app; a
    fresh password each run. Returns (email, password, TOTP secret)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from allauth.mfa.utils import decrypt

    from accounts.models import User

    password = secrets.token_urlsafe(16)
    user = User.objects.filter(email=EMAIL).first() or User(username="bench-educator", email=EMAIL)
    user.is_staff = user.is_superuser = True
    user.set_password(password)
    user.save()
    EmailAddress.objects.update_or_create(user=user, email=EMAIL, defaults={"verified": True, "primary": True})
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    secret = decrypt(Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"])
    return EMAIL, password, secret


def totp_code(secret):
    """The authenticator app's code now (waiting for the next one near the end of a period)."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    if 30 - time.time() % 30 < 8:
        time.sleep(30 - time.time() % 30)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(page, base_url, email, password, secret):
    page.goto(base_url + "/admin/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    for _attempt in range(2):  # a code already used (a run a moment ago) is refused: wait for the next one
        page.get_by_role("textbox", name="Code").fill(totp_code(secret))
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_load_state()
        if page.url.endswith("/admin/"):
            break
        time.sleep(30 - time.time() % 30 + 1)
    if not page.url.endswith("/admin/"):
        sys.exit(f"Signing in stopped at {page.url}: {page.locator('main').inner_text()[:300]}")


# --- filling Wagtail's editor -------------------------------------------------


def insert_block(page, stream, kind):
    blocks = page.locator(f"#{stream}-root").get_by_role("region", name=re.compile(f"^{re.escape(kind)}"))
    before = blocks.count()
    page.locator(f"#{stream}-root").get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name=kind, exact=True).click()
    expect(blocks).to_have_count(before + 1)
    page.wait_for_timeout(300)  # Wagtail slides the new block into place
    return blocks.last


def type_rich_text(container, text):
    """Types into a Draftail editor as a person does, and checks it took."""
    editor = container.locator("[contenteditable=true]").last
    editor.click()
    editor.press_sequentially(text)
    expect(editor).to_have_text(text)
    editor.page.wait_for_timeout(500)  # Draftail writes to the form field a moment after the last key


def fill_title(page, title):
    page.get_by_placeholder("Page title").fill(title)
    page.get_by_placeholder("Page title").press("Tab")  # leaving the title makes the slug from it


def fill_course(page, title):
    page.locator("#id_summary").fill("What to check before you trust a message.")
    fill_title(page, title)


def fill_lesson(page, title):
    insert_block(page, "body", "Heading").get_by_role("textbox").fill(f"About {title.lower()}")
    type_rich_text(insert_block(page, "body", "Paragraph"), "Slow down and check who is asking.")
    fill_title(page, title)


def fill_quiz(page, title):
    for question, (right, wrong) in QUESTIONS:
        block = insert_block(page, "questions", "Single choice")
        competence = block.get_by_role("combobox").first
        competence.select_option(index=1)
        expect(competence).not_to_have_value("")
        block.get_by_role("textbox").first.fill(question)
        option_list = block.locator("[data-streamfield-list-container]").first
        option_list.locator("[data-streamfield-list-add]").last.click()  # a second option
        options = option_list.locator(":scope > [data-streamfield-child]")
        options.nth(1).wait_for()
        for index, (text, correct) in enumerate([(right, True), (wrong, False)]):
            option = options.nth(index)
            textboxes = option.get_by_role("textbox")
            textboxes.nth(0).fill(text)
            textboxes.nth(1).fill("Right." if correct else "Not quite: think again.")
            if correct:
                option.get_by_role("checkbox").check()
        type_rich_text(block, "Only the sender's own channel can confirm it.")
    fill_title(page, title)


def follow(page, locator):
    """Clicks something that loads another page and waits until it has loaded."""
    with page.expect_navigation():
        locator.click()


def publish_from_editor(page):
    page.get_by_role("button", name="More actions").click()
    follow(page, page.get_by_role("button", name="Publish", exact=True))


# --- the two ways through the job ------------------------------------------


def standard_flow(page, base_url, catalogue, title):
    """Wagtail's own path: the explorer, one page at a time."""
    page.goto(base_url + "/admin/")
    page.goto(f"{base_url}/admin/pages/{catalogue.id}/")  # Pages > Celik > Courses
    follow(page, page.get_by_role("link", name="Add child page").first)
    fill_course(page, title)
    publish_from_editor(page)  # back to the catalogue's listing
    course_id = re.search(r"/pages/(\d+)/", page.get_by_role("link", name=title, exact=True).get_attribute("href"))[1]
    page.get_by_role("button", name=f"More options for '{title}'").click()
    follow(page, page.locator(f"a[href$='/pages/{course_id}/add_subpage/']"))
    first = True
    for kind, name, fill in (
        ("Lesson", f"{title}: lesson 1", fill_lesson),
        ("Lesson", f"{title}: lesson 2", fill_lesson),
        ("Quiz", f"{title}: quiz", fill_quiz),
    ):
        if not first:  # the course's own listing, where publishing a child leads
            follow(page, page.get_by_role("link", name="Add child page").first)
        first = False
        follow(page, page.get_by_role("link", name=kind, exact=True))
        fill(page, name)
        publish_from_editor(page)


def outline_flow(page, base_url, catalogue, title):
    """The course's own path: the dashboard's "New course", from one editor
    to the next, and one publication for the whole course."""
    page.goto(base_url + "/admin/")
    follow(page, page.get_by_role("link", name="New course"))
    fill_course(page, title)
    editor_action(page, "Save and add a lesson")
    fill_lesson(page, f"{title}: lesson 1")
    editor_action(page, "Save and add a lesson")
    fill_lesson(page, f"{title}: lesson 2")
    editor_action(page, "Save and add a quiz")
    fill_quiz(page, f"{title}: quiz")
    editor_action(page, "Publish the whole course")


def editor_action(page, name):
    page.get_by_role("button", name="More actions").click()
    follow(page, page.get_by_role("button", name=name, exact=True))


def main():
    args = parse_args()
    setup()
    from django.db import close_old_connections
    from playwright.sync_api import sync_playwright

    from courses.models import CourseIndexPage, CoursePage

    catalogue = CourseIndexPage.objects.filter(locale__language_code="en").first()
    if catalogue is None:
        sys.exit("No English course catalogue: run `make run` (or manage.py load_demo) first.")
    email, password, secret = bench_educator()
    title = f"Bench course {secrets.token_hex(3)}"
    loads = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            headless=not args.headed,
            args=["--disable-background-networking", "--disable-component-update", "--no-first-run"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(20_000)
        sign_in(page, args.base_url, email, password, secret)
        # Whole documents only: Wagtail's autosave swaps the create form for the
        # edit form with history.replaceState, which is no page load.
        page.on("domcontentloaded", lambda loaded: loads.append(loaded.url))
        try:
            (standard_flow if args.flow == "standard" else outline_flow)(page, args.base_url, catalogue, title)
            page.wait_for_load_state()
            if re.search(r"/(add|edit)/", page.url):  # an editor sent back with errors
                raise RuntimeError("The editor refused to save")
        except Exception:
            page.screenshot(path="/tmp/admin_page_loads-failure.png", full_page=True)
            print("Stopped at", page.url, "after", loads, "(screenshot: /tmp/admin_page_loads-failure.png)")
            errors = page.locator(".w-field--error, .w-field__errors:has(.error-message)").all_inner_texts()
            print("Errors shown:", [" ".join(error.split())[:200] for error in errors if error.strip()])
            raise
        browser.close()

    close_old_connections()
    course = CoursePage.objects.filter(title=title).first()
    children = list(course.get_children().specific()) if course else []
    live = course is not None and course.live and len(children) == 3 and all(child.live for child in children)
    paths = [re.sub(r"^https?://[^/]+", "", url) for url in loads]
    print(f"flow: {args.flow}")
    print(f"course live with two lessons and a quiz: {'yes' if live else 'NO'}")
    print(f"admin page loads: {len(loads)}")
    for number, path in enumerate(paths, 1):
        print(f"  {number:2}. {path}")
    if course is not None and not args.keep:
        course.delete()
    sys.exit(0 if live else 1)


if __name__ == "__main__":
    main()
