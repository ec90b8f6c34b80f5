"""An educator, in Chromium: signs in to the Wagtail admin with their code,
adds a lesson to a course through the StreamField editor (a heading, a
rich-text paragraph, a callout and key takeaways), publishes it, and a visitor
with no session finds it listed on the course page and reads every block.

Proves that a non-superuser educator can author and publish teaching content
end to end, and that each teaching block renders on the public site."""

import pytest
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect
from wagtail.models import GroupPagePermission, Page

from tests.conftest import make_staff, totp_code
from tests.e2e.conftest import save_screenshot
from tests.e2e.editor import editor_action, fill_title, insert_block, type_rich_text

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Spotting a fake giveaway"
HEADING = "Too good to be true"
PARAGRAPH = "Real brands rarely give away phones for a share."
CALLOUT_TITLE = "Check the account"
CALLOUT_TEXT = "Look for the verified badge and the date the account was made."
TAKEAWAYS = ["Pause before you share", "Never pay a fee to claim a prize"]


def make_educator(course_page):
    """A staff member in Wagtail's "Editors" group, not a superuser."""
    editors, created = Group.objects.get_or_create(name="Editors")
    if created:  # a transactional test flushed what Wagtail's migrations made: make it again
        editors.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
        for permission in ("add", "change"):
            GroupPagePermission.objects.create(
                group=editors, page=Page.get_first_root_node(), permission_type=permission
            )
    # Wagtail's editors may only submit for moderation; an educator trusted to
    # publish their own course is given publish permission on it.
    GroupPagePermission.objects.create(group=editors, page=course_page, permission_type="publish")
    educator = make_staff("nur@example.com", superuser=False)
    educator.groups.add(editors)
    return educator


def test_an_educator_publishes_a_lesson_that_visitors_can_read(live_server, browser, page, course, settings):
    # Wagtail 7.4 autosaves a new page once it is valid and then swaps the
    # create form for the edit form. When that autosave runs is up to timers
    # and validation, so this test turns it off and publishes straight from
    # the create form, the flow an educator without autosave has.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    course_page, _ = course
    educator = make_educator(course_page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/")  # sent to the site's own sign-in, with its second factor
    page.get_by_label("Email").fill(educator.email)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("textbox", name="Code").fill(totp_code(educator))
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(live_server.url + "/admin/")

    page.goto(f"{live_server.url}/admin/pages/{course_page.id}/")  # the course in the page explorer
    expect(page.get_by_role("link", name="Lesson 3")).to_be_visible()
    page.get_by_role("link", name="Add child page").click()
    page.get_by_role("link", name="Lesson", exact=True).click()
    fill_title(page, TITLE)

    insert_block(page, "body", "Heading").get_by_role("textbox").fill(HEADING)
    type_rich_text(insert_block(page, "body", "Paragraph"), PARAGRAPH)
    callout = insert_block(page, "body", "Callout")
    callout.get_by_label("Kind").select_option("warning")
    callout.get_by_label("Title").fill(CALLOUT_TITLE)
    type_rich_text(callout, CALLOUT_TEXT)
    takeaways = insert_block(page, "body", "Key takeaways")
    items = takeaways.get_by_role("textbox")
    items.first.fill(TAKEAWAYS[0])
    # A second item, added from the keyboard: Wagtail animates blocks into
    # place, and a mouse click aimed while the list still moves can land beside
    # the button.
    takeaways.get_by_role("button", name="Add", exact=True).last.press("Enter")
    expect(items).to_have_count(2)
    items.nth(1).fill(TAKEAWAYS[1])
    save_screenshot(page, "educator-lesson-editor")

    editor_action(page, "Publish")
    expect(page.get_by_role("status")).to_contain_text(f"Page '{TITLE}' created and published.")

    visitor = browser.new_context(viewport={"width": 1280, "height": 900})  # no admin session
    reader = visitor.new_page()
    reader.goto(live_server.url + course_page.url)
    lesson_list = reader.locator(".lesson-list")
    expect(lesson_list.get_by_role("link")).to_have_text(["Lesson 1", "Lesson 2", "Lesson 3", TITLE])
    lesson_list.get_by_role("link", name=TITLE).click()

    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(reader.get_by_text("Lesson 4 of 4")).to_be_visible()
    body = reader.locator(".lesson-body")
    expect(body.get_by_role("heading", level=2)).to_have_text(HEADING)
    expect(body.get_by_text(PARAGRAPH)).to_be_visible()
    callout = body.get_by_role("note")
    expect(callout).to_contain_text(f"Warning: {CALLOUT_TITLE}")
    expect(callout).to_contain_text(CALLOUT_TEXT)
    expect(body.get_by_role("heading", name="Key takeaways")).to_be_visible()
    expect(body.locator(".key-takeaways li")).to_have_text(TAKEAWAYS)
    save_screenshot(reader, "educator-lesson-public")
    visitor.close()
