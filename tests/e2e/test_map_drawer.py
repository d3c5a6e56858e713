"""The map editor after issue 11, in a real browser: a channel changed in the drawer shows in the
channels lane at once; an improvement action is edited in the drawer and a past due date is
warned about; the add-touchpoint box stays open for the next entry; a touchpoint of another
workspace in the address opens nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from cjm.choices import LaneKind
from tests.factories import (
    PASSWORD,
    ActionFactory,
    ChannelFactory,
    JourneyFactory,
    LaneFactory,
    StageFactory,
    TouchpointFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, live_server, user) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(f"{live_server.url}/login/")


def test_drawer_lanes_actions_and_the_add_box(live_server, page: Page, workspace, editor):
    journey = JourneyFactory(workspace=workspace, title="Support")
    LaneFactory(journey=journey, kind=LaneKind.TOUCHPOINTS, name="Touchpoints", position=0)
    LaneFactory(journey=journey, kind=LaneKind.CHANNELS, name="Channels", position=1)
    stage = StageFactory(journey=journey, name="Ask", position=0)
    phone = ChannelFactory(workspace=workspace, name="Phone")
    ChannelFactory(workspace=workspace, name="Chat")
    hotline = TouchpointFactory(stage=stage, name="Hotline", channel=phone)
    ActionFactory(touchpoint=hotline, title="Call back", assignee=None, due_date=None)
    foreign = TouchpointFactory(name="Foreign")
    map_url = f"{live_server.url}{reverse('cjm:journey_detail', args=[journey.pk])}"
    sign_in(page, live_server, editor)

    # Another workspace's touchpoint, or none at all, in the address: no drawer, no message.
    for touchpoint_id in (foreign.pk, 987654):
        page.goto(f"{map_url}?touchpoint={touchpoint_id}")
        page.wait_for_load_state("networkidle")
        expect(page.locator("#drawer")).to_be_hidden()
        expect(page.locator("#editor-alert")).to_be_empty()

    # The map's own: its drawer opens.
    page.goto(f"{map_url}?touchpoint={hotline.pk}")
    drawer = page.locator("#drawer")
    expect(drawer.get_by_role("heading", name="Hotline")).to_be_visible()
    channels = page.locator("tr.map__row--channels")
    expect(channels).to_contain_text("Phone")

    # A new channel in the drawer: the channels lane follows without a reload.
    drawer.get_by_label("Channel").select_option(label="Chat")
    drawer.get_by_role("button", name="Save touchpoint").click()
    expect(drawer.get_by_text("Saved.")).to_be_visible()
    expect(channels).to_contain_text("Chat")
    expect(channels).not_to_contain_text("Phone")
    expect(page.locator(f"#tp-{hotline.pk}")).to_contain_text("Chat")

    # The action is edited in place; its due date in the past is saved with a warning.
    drawer.get_by_role("button", name="Edit action: Call back").click()
    form = drawer.get_by_role("form", name="Edit action: Call back")
    form.get_by_label("What will be done").fill("Call back within an hour")
    form.get_by_label("Description").fill("Script in the wiki")
    past = timezone.localdate() - datetime.timedelta(days=2)
    form.get_by_label("Due date").fill(past.isoformat())
    form.get_by_role("button", name="Save action").click()
    expect(drawer.locator(".drawer__warning")).to_contain_text("has already passed")
    expect(drawer.locator(".action__title")).to_have_text(["Call back within an hour"])
    expect(drawer.locator(".action--overdue")).to_have_count(1)
    drawer.get_by_role("link", name="Close the touchpoint panel").click()
    expect(page).to_have_url(map_url)

    # The add box stays open: Enter adds, the box is empty and focused again; Esc closes it.
    page.locator("tr.map__row--touchpoints .tp-add").click()
    name = page.get_by_label("Touchpoint name")
    for new in ("Chatbot", "E-mail form"):
        expect(name).to_be_focused()
        name.fill(new)
        name.press("Enter")
        expect(page.locator(".tp", has_text=new)).to_be_visible()
        name = page.get_by_label("Touchpoint name")
        expect(name).to_have_value("")
    expect(name).to_be_focused()
    name.press("Escape")
    expect(page.get_by_label("Touchpoint name")).to_have_count(0)
    expect(page.locator("tr.map__row--touchpoints .tp-add")).to_be_focused()
