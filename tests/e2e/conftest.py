"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live_server."""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop; ORM calls in the same test need this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1440, "height": 900}, "locale": "en-GB"}


@pytest.fixture
def seed_demo():
    """``manage.py seed_demo`` for the pages' pictures: the full history (as ``make run`` shows
    it) when the README pictures are taken, a fifth of it otherwise (the same pages, quicker)."""
    scale = "1" if os.environ.get("CJM_SCREENSHOTS") == "1" else "0.2"

    def run() -> None:
        call_command("seed_demo", "--scale", scale, verbosity=0, stdout=io.StringIO())

    return run


@pytest.fixture
def screenshot_dir(tmp_path):
    """docs/screenshots/ (the README's pictures) only when CJM_SCREENSHOTS=1 is set, so that an
    ordinary test run leaves the work tree clean; otherwise pytest's temporary directory."""
    if os.environ.get("CJM_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return SCREENSHOTS
    return tmp_path
