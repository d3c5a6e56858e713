"""In a browser: save a snapshot from the map's toolbar, change the map, compare, and overlay the
to-be emotion curve of a future-state copy. Screenshots (1440 and 390 wide, English and Russian)
go to $CJM_SNAPSHOT_SHOTS (default: pytest's temporary directory)."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Page, expect

from cjm.choices import JourneyState, LaneKind
from cjm.services import journey_copy, lane_cell_set
from cjm.snapshots.models import Snapshot
from tests.factories import PASSWORD
from touchpoints.models import Touchpoint
from touchpoints.services import touchpoint_create, touchpoint_delete, touchpoint_update

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": ["--no-sandbox", "--disable-gpu", "--no-first-run"],
    }


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("CJM_SNAPSHOT_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def sign_in(page: Page, live_server, user) -> None:
    page.goto(f"{live_server.url}/login/")
    page.locator("[name=username]").fill(user.username)
    page.locator("[name=password]").fill(PASSWORD)
    page.locator("form [type=submit]").first.click()
    expect(page).not_to_have_url(f"{live_server.url}/login/")


def both_widths(page: Page, path: Path, name: str) -> None:
    for width, height in ((1440, 1000), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(150)
        page.screenshot(path=str(path / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1440, "height": 1000})


def test_snapshot_compare_and_to_be_curve(page: Page, live_server, journey, editor, owners, shots):
    sign_in(page, live_server, editor)
    page.goto(live_server.url + reverse("cjm:journey_detail", kwargs={"journey_id": journey.pk}))
    page.locator(".snapshot-menu summary").click()
    page.locator("#snapshot-name").fill("Before the redesign")
    page.locator(".map-toolbar").screenshot(path=str(shots / "toolbar-en-1440.png"))
    page.locator(".snapshot-form [type=submit]").click()
    expect(page.locator(".snapshot-banner")).to_contain_text("Before the redesign")
    snapshot = Snapshot.objects.get()

    # The live map moves on: a rating, an owner, a deleted and a new touchpoint; a future copy.
    touchpoint_update(
        actor=editor, touchpoint=Touchpoint.objects.get(name="Checkout"), rating="so_so"
    )
    touchpoint_update(
        actor=editor, touchpoint=Touchpoint.objects.get(name="Courier call"), owner=owners["oleg"]
    )
    touchpoint_delete(actor=editor, touchpoint=Touchpoint.objects.get(name="Promo code"))
    touchpoint_create(actor=editor, stage=journey.stages.get(name="Receive"), name="Tracking page")
    future = journey_copy(
        actor=editor, journey=journey, title="Delivery, to be", state=JourneyState.FUTURE
    )
    emotions = future.lanes.get(kind=LaneKind.EMOTIONS)
    for stage, score in zip(future.stages.order_by("position"), (3, 1, 2), strict=True):
        lane_cell_set(actor=editor, lane=emotions, stage=stage, emotion_score=score)

    page.goto(live_server.url + reverse("cjm:snapshot_list", kwargs={"journey_id": journey.pk}))
    expect(page.locator(".snapshot-list")).to_contain_text("Before the redesign")
    both_widths(page, shots, "list-en")

    detail = live_server.url + reverse("cjm:snapshot_detail", kwargs={"snapshot_id": snapshot.pk})
    page.goto(detail)
    expect(page.locator("#map-grid")).to_contain_text("Promo code")  # still there, as it was
    expect(page.locator("#map-grid [hx-post]")).to_have_count(0)
    both_widths(page, shots, "snapshot-en")

    compare = live_server.url + reverse("cjm:journey_compare", kwargs={"journey_id": journey.pk})
    page.goto(f"{compare}?from={snapshot.pk}&to=current")
    expect(page.locator(".compare-sides .tp--added")).to_contain_text("Tracking page")
    expect(page.locator(".compare-sides .tp--removed").first).to_contain_text("Promo code")
    expect(page.locator(".compare-sides .compare-tag--rating").first).to_contain_text(
        "Awful → So-so"
    )
    both_widths(page, shots, "compare-en")

    page.goto(live_server.url + reverse("cjm:journey_detail", kwargs={"journey_id": journey.pk}))
    chooser = page.locator("[data-tobe-select]")
    expect(chooser.locator("option")).to_have_count(3)  # off, the copy, the snapshot
    chooser.select_option(f"journey:{future.pk}")
    expect(page.locator(".emotion__line--tobe")).to_have_count(3)
    expect(page.locator("[data-tobe-legend]")).to_be_visible()
    page.locator(".map__row--emotions").screenshot(path=str(shots / "tobe-curve-en-1440.png"))
    chooser.select_option("")
    expect(page.locator(".emotion__line--tobe")).to_have_count(0)

    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ru", "url": live_server.url}]
    )
    page.goto(detail)
    expect(page.locator(".snapshot-banner")).to_contain_text("Снимок «Before the redesign»")
    both_widths(page, shots, "snapshot-ru")
    page.goto(f"{compare}?from={snapshot.pk}&to=current")
    expect(page.locator("h1")).to_contain_text("Сравнение")
    both_widths(page, shots, "compare-ru")
