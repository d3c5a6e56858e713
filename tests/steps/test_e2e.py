"""In a real browser: make a branch and an optional step from the stage menu, drag a stage onto
a step header to make it an alternative there, see the step headers; the blueprint toggle."""

import os
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cjm import services
from cjm.models import Stage
from tests.e2e.conftest import browser_context_args, browser_type_launch_args  # noqa: F401
from tests.e2e.test_editor import drag, sign_in
from tests.factories import JourneyFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots_steps")


def stage_menu(page: Page, name: str, item: str) -> None:
    page.get_by_label(f"Stage actions: {name}").click()
    page.locator(f"#stage-{Stage.objects.get(name=name).pk}").get_by_role(
        "button", name=item
    ).click()


def test_branch_optional_and_drag_into_a_step(live_server, page: Page, workspace, editor):
    journey = JourneyFactory(workspace=workspace, title="Steps")
    for name in ["Compare", "Order", "Courier", "Review"]:
        services.stage_create(actor=editor, journey=journey, name=name)
    services.lane_create(actor=editor, journey=journey, name="Staff", kind="frontstage")
    sign_in(page, live_server, editor)
    page.goto(f"{live_server.url}{reverse('cjm:journey_detail', args=[journey.pk])}")
    expect(page.locator("tr.map__steps")).to_be_hidden()

    stage_menu(page, "Courier", "Add alternative (branch)")
    expect(page.locator("th.map__step--branched")).to_contain_text("2 alternatives")
    stage_menu(page, "Compare", "Make step optional")
    expect(page.locator("th.map__step--optional")).to_contain_text("optional")
    assert Stage.objects.get(name="Compare").is_optional

    # Drag "Review" onto the header of the delivery step (Step 3): a third alternative.
    handle = page.locator(f"#stage-{Stage.objects.get(name='Review').pk} .stage-handle")
    target = page.locator("th.map__step--branched").bounding_box()
    drag(page, handle.bounding_box(), (target["x"] + target["width"] / 2, target["y"] + 10))
    expect(page.locator("th.map__step--branched")).to_contain_text("3 alternatives")
    courier = Stage.objects.get(name="Courier")
    assert Stage.objects.get(name="Review").step == courier.step

    # The blueprint toggle hides and shows the blueprint lanes with their lines.
    line = page.get_by_text("Line of interaction")
    expect(line).to_be_visible()
    page.get_by_role("button", name="Blueprint").click()
    expect(line).to_be_hidden()
    page.reload()
    expect(page.get_by_text("Line of interaction")).to_be_hidden()
    page.get_by_role("button", name="Blueprint").click()
    expect(page.get_by_text("Line of interaction")).to_be_visible()

    if os.environ.get("CJM_STEPS_SHOTS") == "1":
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "e2e_branched_1440_en.png"), full_page=True)
