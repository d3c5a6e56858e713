"""The drawer after issue 11: a save redraws every lane that shows the touchpoint (the channels
lane, the card, the counters); improvement actions are edited after their creation; a due date
in the past is saved with a warning."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from cjm.choices import LaneKind
from tests.cjm.editor_helpers import HX
from tests.factories import (
    ActionFactory,
    ChannelFactory,
    JourneyFactory,
    LaneFactory,
    StageFactory,
    TouchpointFactory,
)
from touchpoints.choices import ActionStatus

pytestmark = pytest.mark.django_db

PAST = datetime.timedelta(days=-3)


def small_map(workspace, touchpoints: int = 1, title: str = "Store"):
    """A map with a touchpoints lane and an empty channels lane (it lists the cards' channels)."""
    journey = JourneyFactory(workspace=workspace, title=title)
    LaneFactory(journey=journey, kind=LaneKind.TOUCHPOINTS, name="Touchpoints")
    LaneFactory(journey=journey, kind=LaneKind.CHANNELS, name="Channels")
    stage = StageFactory(journey=journey, name="Visit", position=0)
    phone = ChannelFactory(workspace=workspace, name=f"Phone {title}")
    for n in range(touchpoints):
        TouchpointFactory(stage=stage, name=f"{title} {n}", channel=phone, position=n)
    return stage.touchpoints.order_by("position").first()


def drawer_post(client, touchpoint, **changes):
    data = {
        "name": touchpoint.name,
        "rating": touchpoint.rating,
        "channel": touchpoint.channel_id or "",
        "category": touchpoint.category,
        "importance": touchpoint.importance,
        "customer_reaction": touchpoint.customer_reaction,
        "description": touchpoint.description,
        "version": touchpoint.version,
        **changes,
    }
    url = reverse("touchpoints:touchpoint_detail", args=[touchpoint.pk])
    return client.post(url, data, headers=HX)


def test_drawer_save_redraws_the_channels_lane_and_the_counters(client, workspace, editor):
    touchpoint = small_map(workspace)
    chat = ChannelFactory(workspace=workspace, name="Chat")
    client.force_login(editor)
    response = drawer_post(client, touchpoint, channel=chat.pk, rating="awful")
    assert response.status_code == 200
    html = response.content.decode()
    grid = html.split('<div id="map-grid" hx-swap-oob="innerHTML">', 1)[1]
    channels_row = grid.split("map__row--channels", 1)[1].split("</tr>", 1)[0]
    assert "Chat" in channels_row and "Phone Store" not in channels_row
    assert f'id="tp-{touchpoint.pk}"' in grid and "tp tp--awful" in grid
    assert 'id="rating-stats" aria-label="Touchpoints by rating" hx-swap-oob="true"' in html


def test_drawer_save_queries_do_not_grow_with_the_map(client, workspace, editor):
    small = small_map(workspace, touchpoints=1, title="Small")
    big = small_map(workspace, touchpoints=12, title="Big")
    client.force_login(editor)
    counts = []
    for touchpoint in (small, big):
        data = {"name": touchpoint.name, "rating": "awful", "category": touchpoint.category}
        data.update(importance=5, version=touchpoint.version, channel=touchpoint.channel_id)
        url = reverse("touchpoints:touchpoint_detail", args=[touchpoint.pk])
        with CaptureQueriesContext(connection) as captured:
            assert client.post(url, data, headers=HX).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], counts


@pytest.fixture
def action(workspace, editor):
    touchpoint = small_map(workspace)
    return ActionFactory(touchpoint=touchpoint, title="Call back", assignee=None, due_date=None)


def edit_url(action):
    return reverse("touchpoints:action_edit", args=[action.pk])


def test_edit_an_action_in_the_drawer(client, action, editor, ws_admin):
    client.force_login(editor)
    drawer = client.get(reverse("touchpoints:touchpoint_detail", args=[action.touchpoint_id]))
    assert f'hx-get="{edit_url(action)}"' in drawer.content.decode()
    form = client.get(edit_url(action), headers=HX)
    assert form.status_code == 200
    assert f'id="action-{action.pk}-title"' in form.content.decode()
    due = timezone.localdate() + datetime.timedelta(days=10)
    data = {
        "title": "Call back within an hour",
        "description": "Script in the wiki",
        "assignee": ws_admin.pk,
        "due_date": due.isoformat(),
        "status": ActionStatus.IN_PROGRESS,
        "version": action.version,
    }
    response = client.post(edit_url(action), data, headers=HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Call back within an hour" in html and "Script in the wiki" in html
    assert "drawer__warning" not in html
    action.refresh_from_db()
    assert (action.title, action.assignee, action.due_date, action.status, action.version) == (
        "Call back within an hour",
        ws_admin,
        due,
        ActionStatus.IN_PROGRESS,
        2,
    )
    # The same form again with the old version: someone saved in between.
    assert client.post(edit_url(action), data | {"version": 1}, headers=HX).status_code == 409


def test_action_edit_refuses_bad_input_viewers_and_outsiders(
    client, action, editor, viewer, outsider
):
    client.force_login(editor)
    bad = {"title": "", "status": "later", "assignee": outsider.pk, "version": action.version}
    response = client.post(edit_url(action), bad, headers=HX)
    assert response.status_code == 422
    assert "This field is required." in response.content.decode()
    client.force_login(viewer)
    assert client.get(edit_url(action), headers=HX).status_code == 403
    ok = {"title": "Mine", "status": "open", "version": action.version}
    assert client.post(edit_url(action), ok, headers=HX).status_code == 403
    client.force_login(outsider)
    assert client.post(edit_url(action), ok, headers=HX).status_code == 404
    action.refresh_from_db()
    assert (action.title, action.version) == ("Call back", 1)


def test_a_past_due_date_is_saved_with_a_warning(client, action, editor):
    client.force_login(editor)
    past = timezone.localdate() + PAST
    data = {"title": action.title, "status": "open", "version": 1, "due_date": past.isoformat()}
    html = client.post(edit_url(action), data, headers=HX).content.decode()
    assert "drawer__warning" in html and "has already passed" in html
    action.refresh_from_db()
    assert action.due_date == past
    # Saving again without moving the date says nothing more; a new action with one does.
    html = client.post(edit_url(action), data | {"version": 2}, headers=HX).content.decode()
    assert "drawer__warning" not in html
    add = reverse("touchpoints:action_list", args=[action.touchpoint_id])
    html = client.post(add, {"title": "Late", "due_date": past.isoformat()}, headers=HX)
    assert "has already passed" in html.content.decode()
    html = client.post(add, {"title": "Fine", "due_date": "2999-01-01"}, headers=HX)
    assert "drawer__warning" not in html.content.decode()


def test_the_api_edits_an_action_too(action, editor):
    api = APIClient()
    api.force_authenticate(editor)
    url = f"/api/v1/actions/{action.pk}/"
    response = api.patch(url, {"title": "Renamed", "description": "More", "due_date": None})
    assert response.status_code == 200, response.content
    assert (response.json()["title"], response.json()["version"]) == ("Renamed", 2)


def test_action_edit_form_queries_do_not_grow(client, action, editor, django_assert_num_queries):
    client.force_login(editor)
    with CaptureQueriesContext(connection) as first:
        assert client.get(edit_url(action), headers=HX).status_code == 200
    ActionFactory.create_batch(5, touchpoint=action.touchpoint, assignee=editor)
    with django_assert_num_queries(len(first.captured_queries)):
        assert client.get(edit_url(action), headers=HX).status_code == 200
