"""Browser pages: sign-in, home, workspace home and the read-only map."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cjm.choices import JourneyStatus, LaneKind
from cjm.core.display import initials
from cjm.map.grid import emotion_segments
from tests.factories import (
    PASSWORD,
    ActionFactory,
    ChannelFactory,
    JourneyFactory,
    LaneCellFactory,
    LaneFactory,
    PersonaFactory,
    SegmentFactory,
    StageFactory,
    TeamFactory,
    TouchpointFactory,
    UserFactory,
)
from touchpoints.choices import Rating

RATINGS = [Rating.EXCELLENT, Rating.SO_SO, Rating.AWFUL, Rating.UNRATED]


def build_map(workspace, owner, *, stages=2, touchpoints_per_stage=2, custom_lanes=1, title="Map"):
    """A journey with every kind of content the map page draws."""
    segment = SegmentFactory(workspace=workspace)
    journey = JourneyFactory(workspace=workspace, segment=segment, title=title)
    journey.personas.add(*PersonaFactory.create_batch(2, workspace=workspace, segment=segment))
    channel = ChannelFactory(workspace=workspace)
    team = TeamFactory(workspace=workspace)
    kinds = [LaneKind.GOALS, LaneKind.TOUCHPOINTS, LaneKind.CHANNELS, LaneKind.EMOTIONS]
    lanes = [LaneFactory(journey=journey, kind=kind, name=kind.label) for kind in kinds]
    lanes += [LaneFactory(journey=journey) for _ in range(custom_lanes)]
    LaneFactory(journey=journey, kind=LaneKind.METRICS, name="Hidden metrics", is_hidden=True)
    past = timezone.localdate() - datetime.timedelta(days=3)
    for s in range(stages):
        stage = StageFactory(journey=journey, name=f"{title} stage {s}", position=s)
        for lane in lanes:
            score = (s % 7) - 3 if lane.kind == LaneKind.EMOTIONS else None
            LaneCellFactory(lane=lane, stage=stage, text=f"cell {s}", emotion_score=score)
        for t in range(touchpoints_per_stage):
            touchpoint = TouchpointFactory(
                stage=stage,
                name=f"{title} touchpoint {s}.{t}",
                rating=RATINGS[(s + t) % 4],
                owner=owner if t % 2 == 0 else None,
                team=team,
                channel=channel,
                is_critical=t == 0,
            )
            ActionFactory(touchpoint=touchpoint, assignee=owner, due_date=past)
    return journey


def journey_url(journey):
    return reverse("cjm:journey_detail", kwargs={"journey_id": journey.pk})


def workspace_url(workspace):
    return reverse("cjm:workspace_detail", kwargs={"workspace_id": workspace.pk})


# --- sign-in and home -------------------------------------------------------------------------


def test_login_page_renders(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'name="username"' in response.content
    assert b'name="password"' in response.content


def test_login_then_lands_on_first_workspace(client, workspace, editor):
    response = client.post(
        reverse("login"), {"username": editor.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == workspace_url(workspace)
    assert response.status_code == 200


def test_logout_is_a_post(client, editor):
    client.force_login(editor)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("name", ["home", "workspace", "journey"])
def test_anonymous_is_sent_to_login(client, workspace, name):
    journey = JourneyFactory(workspace=workspace)
    url = {
        "home": reverse("home"),
        "workspace": workspace_url(workspace),
        "journey": journey_url(journey),
    }[name]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_home_redirects_a_member_to_their_workspace(client, workspace, editor):
    client.force_login(editor)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == workspace_url(workspace)


def test_home_without_workspace_is_friendly(client, db):
    client.force_login(UserFactory())
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert b"not in any workspace yet" in response.content


# --- workspace home ---------------------------------------------------------------------------


def test_member_sees_workspace_with_journeys_and_summary(client, workspace, editor, viewer):
    build_map(workspace, editor, title="Online order")
    JourneyFactory(workspace=workspace, title="Store visit", status=JourneyStatus.ACTIVE)
    client.force_login(viewer)
    response = client.get(workspace_url(workspace))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Acme Store" in html
    assert "Online order" in html
    assert "Store visit" in html
    assert response.context["ratings"]["total"] == 4
    assert len(response.context["overdue_actions"]) == 4
    assert "days late" in html
    # The context processor knows which workspace the page is about.
    assert response.context["current_workspace"] == workspace


def test_workspace_switcher_lists_only_own_workspaces(client, workspace, other_workspace, editor):
    client.force_login(editor)
    response = client.get(workspace_url(workspace))
    assert list(response.context["user_workspaces"]) == [workspace]
    assert b"Other Brand" not in response.content


def test_outsider_gets_404_on_workspace(client, workspace, outsider):
    client.force_login(outsider)
    assert client.get(workspace_url(workspace)).status_code == 404


def test_workspace_query_count_is_constant(client, workspace, editor, django_assert_num_queries):
    build_map(workspace, editor, title="First")
    client.force_login(editor)
    with CaptureQueriesContext(connection) as small:
        assert client.get(workspace_url(workspace)).status_code == 200
    for n in range(3):
        build_map(workspace, editor, stages=3, touchpoints_per_stage=3, title=f"More {n}")
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(workspace_url(workspace)).status_code == 200


# --- the map ----------------------------------------------------------------------------------


def test_journey_page_shows_stages_in_order_and_touchpoints(client, workspace, editor):
    journey = JourneyFactory(workspace=workspace, title="Delivery")
    LaneFactory(journey=journey, kind=LaneKind.TOUCHPOINTS, name="Touchpoints", position=0)
    purchase = StageFactory(journey=journey, name="Purchase", position=2)
    StageFactory(journey=journey, name="Awareness", position=0)
    StageFactory(journey=journey, name="Consideration", position=1)
    TouchpointFactory(stage=purchase, name="Checkout page", rating=Rating.AWFUL, is_critical=True)
    client.force_login(editor)
    response = client.get(journey_url(journey))
    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(name) for name in ("Awareness", "Consideration", "Purchase")]
    assert positions == sorted(positions)
    assert "Checkout page" in html
    assert "tp--awful" in html
    assert "Critical" in html


def test_journey_page_draws_every_lane_kind(client, workspace, editor):
    journey = build_map(workspace, editor, title="Full")
    client.force_login(editor)
    response = client.get(journey_url(journey))
    html = response.content.decode()
    assert "Full touchpoint 1.1" in html
    assert "emotion__line" in html
    # A hidden lane is not drawn as a row; editors find it under "Hidden lanes" to show it again.
    assert "Hidden metrics" not in [row.name for row in response.context["grid"].rows]
    assert [lane.name for lane in response.context["grid"].hidden_lanes] == ["Hidden metrics"]
    assert initials(editor) in html
    for persona in journey.personas.all():
        assert persona.name in html
    assert journey.segment.name in html
    assert response.context["current_workspace"] == workspace


def test_map_without_touchpoint_lane_still_shows_touchpoints(client, workspace, editor):
    stage = StageFactory(journey__workspace=workspace, name="Only stage")
    TouchpointFactory(stage=stage, name="Call centre")
    client.force_login(editor)
    response = client.get(journey_url(stage.journey))
    assert b"Call centre" in response.content


def test_outsider_gets_404_on_journey(client, workspace, editor, outsider):
    journey = build_map(workspace, editor)
    client.force_login(outsider)
    assert client.get(journey_url(journey)).status_code == 404


def test_htmx_request_gets_only_the_grid(client, workspace, editor):
    journey = build_map(workspace, editor, title="Partial")
    client.force_login(editor)
    response = client.get(journey_url(journey), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert "Partial touchpoint 0.0" in html


def test_journey_query_count_does_not_grow_with_the_map(
    client, workspace, editor, django_assert_num_queries
):
    small = build_map(workspace, editor, stages=2, touchpoints_per_stage=2, custom_lanes=1)
    big = build_map(
        workspace, editor, stages=6, touchpoints_per_stage=6, custom_lanes=3, title="Big"
    )
    client.force_login(editor)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(journey_url(small)).status_code == 200
    with django_assert_num_queries(len(captured.captured_queries)):
        assert client.get(journey_url(big)).status_code == 200


# --- helpers ----------------------------------------------------------------------------------


def test_emotion_segments_join_between_stages():
    pieces = emotion_segments([3, None, -3, 0])
    assert pieces[1] is None
    assert pieces[0]["points"] == "50,10"  # no neighbour with a score: a lone point
    assert pieces[2]["points"] == "50,90 100,70"
    assert pieces[3]["points"] == "0,70 50,50"
    assert [p["tone"] for p in pieces if p] == ["positive", "negative", "neutral"]


def test_initials(db):
    assert initials(UserFactory(first_name="Anna", last_name="Smirnova")) == "AS"
    assert initials(UserFactory(username="zed", first_name="", last_name="")) == "ZE"
    assert initials(None) == ""


def test_not_found_page_is_friendly(client, workspace, outsider):
    client.force_login(outsider)
    response = client.get(workspace_url(workspace))
    assert response.status_code == 404
    assert b"This page does not exist" in response.content
