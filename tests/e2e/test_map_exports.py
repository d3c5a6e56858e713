"""The map page's export panel in a browser: a viewer exports the map as a PDF, sees the
download appear and downloads a PDF; the panel at 1440 and 390 px, in English and Russian
(screenshots in pytest's temporary directory)."""

import pytest
from playwright.sync_api import Browser, expect

from cjm.choices import LaneKind, Role
from tests.factories import (
    PASSWORD,
    JourneyFactory,
    LaneCellFactory,
    LaneFactory,
    MembershipFactory,
    StageFactory,
    TouchpointFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_viewer_exports_the_map_and_downloads_the_pdf(
    browser: Browser, live_server, workspace, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    viewer = UserFactory(username="vera")
    MembershipFactory(workspace=workspace, user=viewer, role=Role.VIEWER)
    journey = JourneyFactory(workspace=workspace, title="Buying a sofa")
    emotions = LaneFactory(journey=journey, kind=LaneKind.EMOTIONS, name="Emotions")
    for index, name in enumerate(["Discover", "Choose", "Pay"]):
        stage = StageFactory(journey=journey, name=name)
        TouchpointFactory(stage=stage, name=f"{name} touchpoint", rating="so_so")
        LaneCellFactory(lane=emotions, stage=stage, text="", emotion_score=index - 1)

    for locale, export_label, download_label in [
        ("en-GB", "Export PDF", "Download PDF"),
        ("ru-RU", "Экспорт в PDF", "Скачать PDF"),
    ]:
        context = browser.new_context(
            locale=locale, viewport={"width": 1440, "height": 900}, accept_downloads=True
        )
        page = context.new_page()
        page.goto(f"{live_server.url}/login/")
        page.locator("#id_username").fill(viewer.username)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("form button[type=submit]").click()
        page.wait_for_load_state()
        page.goto(f"{live_server.url}/journeys/{journey.pk}/")
        panel = page.locator("#export-panel")
        panel.get_by_role("button", name=export_label).click()
        link = panel.get_by_role("link", name=download_label)
        expect(link).to_be_visible(timeout=30_000)
        page.screenshot(path=str(tmp_path / f"exports-{locale}-1440.png"))
        with page.expect_download() as download:
            link.click()
        path = download.value.path()
        assert path.read_bytes()[:4] == b"%PDF"
        page.set_viewport_size({"width": 390, "height": 844})
        expect(panel).to_be_visible()
        page.screenshot(path=str(tmp_path / f"exports-{locale}-390.png"), full_page=True)
        context.close()
