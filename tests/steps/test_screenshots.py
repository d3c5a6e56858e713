"""Pictures of the demo's branched map (store, Russian content) and blueprint map (office) at
1440 and 390 pixels wide, in English and Russian, into /tmp/shots_steps/. Runs only with
CJM_STEPS_SHOTS=1 (a tool for looking at the drawing, not a check)."""

import os
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cjm.demo.loader import demo_seed
from tests.e2e.conftest import browser_context_args, browser_type_launch_args  # noqa: F401
from tests.e2e.test_pages_screenshots import sign_in

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(os.environ.get("CJM_STEPS_SHOTS") != "1", reason="CJM_STEPS_SHOTS=1"),
]

SHOTS = Path("/tmp/shots_steps")


def test_demo_maps_screenshots(live_server, page: Page):
    SHOTS.mkdir(exist_ok=True)
    workspace = demo_seed(with_history=False).workspace
    maps = {
        "branched": workspace.journeys.get(title__startswith="Интернет"),
        "blueprint": workspace.journeys.get(title__startswith="B2B"),
    }
    sign_in(page, live_server, "demo")
    for language in ("en", "ru"):
        page.set_viewport_size({"width": 1440, "height": 1000})
        page.goto(f"{live_server.url}/")
        page.locator(f".lang-switch button[value={language}]").first.click()
        page.wait_for_load_state()
        for name, journey in maps.items():
            for width in (1440, 390):
                page.set_viewport_size({"width": width, "height": 1000})
                page.goto(f"{live_server.url}{reverse('cjm:journey_detail', args=[journey.pk])}")
                expect(page.locator("table.map")).to_be_visible()
                page.screenshot(path=str(SHOTS / f"{name}_{width}_{language}.png"))
                if name == "blueprint" and width == 1440:
                    page.locator("tbody[data-blueprint]").scroll_into_view_if_needed()
                    page.screenshot(path=str(SHOTS / f"{name}_{width}_{language}_lanes.png"))
