"""Real-browser tests: pytest-playwright driving Debian's Chromium (installed
by `make test`; Playwright's own browser download cannot work here).

These tests never skip: if Chromium is missing, launching it fails loudly."""

import os
import shutil
from pathlib import Path

import pytest

# live_server runs Django in a thread while Playwright's sync API runs an event
# loop in this one; Django refuses ORM calls from "async" context without this.
# Set for the test process only, never in settings.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The machine has no network: stop Chromium from trying to reach Google's services.
OFFLINE_FLAGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [*browser_type_launch_args.get("args", []), *OFFLINE_FLAGS],
    }


def save_screenshot(page, name):
    """Saves a full-page PNG of `page` under test-results/, to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def demo_course(transactional_db):
    """The demo site with its five-language course (tests/e2e/tour.py)."""
    from tests.e2e.tour import load_demo_course

    load_demo_course()


def put_in_order(page, texts, move_up):
    """Puts a put-in-order question's steps in the order `texts`, as a learner
    does: "Move up" (`move_up`, in the page's language) on each step until it is
    in its place. Works with JavaScript (moved on the spot) and without (each
    press posts the form and the page comes back with the step moved)."""
    from playwright.sync_api import expect

    steps = page.locator(".order-step .order-text")
    for place, text in enumerate(texts):
        current = steps.all_inner_texts()
        for _ in range(current.index(text) - place):
            page.locator(".order-step", has_text=text).get_by_role("button", name=move_up).click()
            page.wait_for_load_state("load")
        expect(steps.nth(place)).to_have_text(text)
