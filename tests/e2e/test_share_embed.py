"""A share link's embed variant shows the map inside another site's iframe; the ordinary shared
page (like every other page) refuses to be framed."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from cjm.choices import Role
from cjm.services import journey_create
from cjm.sharing.services import share_link_create
from tests.factories import MembershipFactory, UserFactory, WorkspaceFactory
from touchpoints.services import touchpoint_create

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def frame_text(page: Page, host: str, src: str) -> str:
    """The text of ``src`` framed by a page of another origin (``host``, served by a route)."""
    html = f'<iframe src="{src}" width="1200" height="700"></iframe>'
    page.route(host, lambda route: route.fulfill(content_type="text/html", body=html))
    page.goto(host)
    page.wait_for_timeout(1500)
    frame = next((f for f in page.frames if f.url.startswith(src.split("?")[0])), None)
    if frame is None:  # blocked: Chromium shows its error page instead
        return ""
    return frame.inner_text("body", timeout=5000)


@pytest.fixture
def page(playwright):
    """A browser of our own: Chromium's local network access checks would block any page served
    by a route (a "public" page) from framing the live server, whatever the headers say."""
    browser = playwright.chromium.launch(
        executable_path="/usr/bin/chromium",
        args=["--no-sandbox", "--disable-gpu", "--disable-features=LocalNetworkAccessChecks"],
    )
    yield browser.new_page()
    browser.close()


def test_embed_is_framed_and_the_plain_page_is_not(page: Page, live_server):
    editor = UserFactory(username="embed_editor")
    workspace = WorkspaceFactory()
    MembershipFactory(workspace=workspace, user=editor, role=Role.EDITOR)
    journey = journey_create(
        actor=editor, workspace=workspace, title="Embedded map", stage_names=["Order"]
    )
    touchpoint_create(actor=editor, stage=journey.stages.get(), name="Checkout form")
    link = share_link_create(actor=editor, journey=journey)
    # The map at 127.0.0.1, framed by a page of another origin (localhost, served by a route).
    path = reverse("cjm:shared_map", kwargs={"token": link.token})
    base = live_server.url.replace("localhost", "127.0.0.1") + path
    host = live_server.url + "/host-page/"

    assert "Checkout form" in frame_text(page, host, base + "?embed=1")
    assert "Checkout form" not in frame_text(page, host, base)
