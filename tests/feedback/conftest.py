"""Fixtures of the feedback tests: a small map with a survey on one of its touchpoints, and
Chromium for the browser tests of the public answer page."""

import os
from pathlib import Path

import pytest
from django.core.cache import cache

from tests.factories import ChannelFactory, JourneyFactory, StageFactory, TouchpointFactory
from tests.feedback.factories import SurveyFactory

# Playwright's sync API runs an event loop; ORM calls in the same test need this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    """The public page counts submissions in the cache; every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def journey(workspace):
    return JourneyFactory(workspace=workspace, title="Online order")


@pytest.fixture
def stage(journey):
    return StageFactory(journey=journey, name="Delivery", position=0)


@pytest.fixture
def channel(workspace):
    return ChannelFactory(workspace=workspace, name="Courier", kind="offline", medium="delivery")


@pytest.fixture
def touchpoint(stage, channel):
    return TouchpointFactory(stage=stage, name="Courier hand-over", channel=channel)


@pytest.fixture
def survey(workspace, touchpoint):
    return SurveyFactory(
        workspace=workspace,
        name="After delivery",
        scope="transactional",
        touchpoint=touchpoint,
        stage=touchpoint.stage,
        journey=touchpoint.stage.journey,
    )


@pytest.fixture
def other_survey(other_workspace):
    return SurveyFactory(workspace=other_workspace, name="Not yours")


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


@pytest.fixture
def screenshot_dir(tmp_path):
    """docs/screenshots/ only when CJM_SCREENSHOTS=1 is set (a plain test run leaves the work
    tree clean); otherwise pytest's temporary directory."""
    if os.environ.get("CJM_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return SCREENSHOTS
    return tmp_path
