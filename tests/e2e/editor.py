"""Driving Wagtail's page editor as an educator does: blocks added from the
StreamField's "Insert a block" menu, rich text typed key by key, a title left
with Tab, and a save from the "More actions" menu.

Shared by the educator tests, so each waits for the editor the same way:
Draftail writes what was typed into the form only after a pause (its
`stateSaveInterval`, 250 ms, later on a busy machine), so typing is finished
when the form's hidden input holds the text, not after a fixed sleep."""

import json
import re

from playwright.sync_api import expect


def insert_block(page, stream, kind):
    """Appends a block of `kind` (its menu label) to `stream`; returns the new block."""
    blocks = page.locator(f"#{stream}-root").get_by_role("region", name=re.compile(f"^{re.escape(kind)}"))
    before = blocks.count()
    page.locator(f"#{stream}-root").get_by_role("button", name="Insert a block", exact=True).last.click()
    page.get_by_role("option", name=kind, exact=True).click()
    expect(blocks).to_have_count(before + 1)
    return blocks.last


def type_rich_text(container, text):
    """Types `text` into the last rich-text field in `container`, and waits
    until Draftail has written it into the hidden input the form submits."""
    field = container.locator(".w-field--draftail_rich_text_area").last
    editor = field.locator("[contenteditable=true]")
    editor.click()
    editor.press_sequentially(text)
    expect(editor).to_have_text(text)
    as_stored = json.dumps(text, ensure_ascii=False)[1:-1]  # as JSON.stringify writes it: Thai stays Thai
    expect(field.locator("input[type=hidden]")).to_have_value(re.compile(re.escape(as_stored)))


def fill_title(page, title):
    """Fills the page title and leaves it, as the slug is made on leaving."""
    page.get_by_placeholder("Page title").fill(title)
    page.get_by_placeholder("Page title").press("Tab")
    expect(page.locator("#id_slug")).not_to_have_value("")


def editor_action(page, name):
    """Chooses `name` from the editor's "More actions" menu and waits for the
    next page; a form sent back with errors fails here, naming them."""
    page.get_by_role("button", name="More actions").click()
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()
    errors = page.locator(".messages .error, .error-message")  # the banner, then each field's
    assert errors.count() == 0, f"{name!r} was refused: {errors.all_inner_texts()}"
