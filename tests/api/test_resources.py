"""What the endpoints return and do: the whole map, summaries, filters, members, copies."""

import pytest

from cjm.choices import Role
from cjm.models import Membership, Workspace
from tests.api.conftest import build_world, token_client
from touchpoints import services as touchpoint_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(editor):
    return token_client(editor)


def test_the_journey_detail_is_the_whole_map(client, world, editor):
    touchpoint_services.touchpoint_update(
        actor=None, touchpoint=world.touchpoints[1], rating="awful"
    )
    response = client.get(f"/api/v1/journeys/{world.journey.pk}/")
    assert response.status_code == 200
    journey = response.json()
    assert journey["segment_detail"] == {"id": world.segment.pk, "name": world.segment.name}
    assert [p["id"] for p in journey["persona_details"]] == [world.persona.pk]
    assert [s["position"] for s in journey["stages"]] == [0, 1]
    first = journey["stages"][0]
    assert [t["position"] for t in first["touchpoints"]] == [0, 1]
    touchpoint = first["touchpoints"][0]
    assert touchpoint["open_action_count"] == 1
    assert touchpoint["owner"] == editor.pk and touchpoint["owner_name"]
    assert touchpoint["team_name"] == world.team.name
    assert first["touchpoints"][1]["rating"] == "awful"
    assert [lane["position"] for lane in journey["lanes"]] == list(range(len(world.lanes) + 1))
    emotions = next(lane for lane in journey["lanes"] if lane["kind"] == "emotions")
    assert [c["emotion_score"] for c in emotions["cells"]] == [1, 1]


def test_the_journey_list_is_a_summary_with_counts(client, world):
    touchpoint_services.touchpoint_update(
        actor=None, touchpoint=world.touchpoints[1], rating="awful"
    )
    row = client.get("/api/v1/journeys/").json()["results"][0]
    assert (row["stage_count"], row["touchpoint_count"]) == (2, 4)
    assert (row["awful_count"], row["open_action_count"]) == (1, 2)
    assert "stages" not in row


def test_create_a_journey_with_stages_and_copy_it(client, world):
    response = client.post(
        "/api/v1/journeys/",
        {
            "workspace": world.workspace.pk,
            "title": "Returns",
            "segment": world.segment.pk,
            "personas": [world.persona.pk],
            "stage_names": ["Request", "Pick-up", "Refund"],
        },
    )
    assert response.status_code == 201, response.content
    journey = response.json()
    assert journey["stage_count"] == 3 and journey["created_by"] is not None
    copy = client.post(
        f"/api/v1/journeys/{journey['id']}/copy/", {"title": "Returns (future)", "state": "future"}
    )
    assert copy.status_code == 201
    assert (copy.json()["state"], copy.json()["stage_count"]) == ("future", 3)


def test_touchpoint_filters_search_and_ordering(client, world, workspace, editor, ws_admin):
    other = build_world(workspace, editor=editor, prefix="Other ")
    touchpoint_services.touchpoint_update(
        actor=None,
        touchpoint=world.touchpoints[2],
        rating="awful",
        importance=9,
        is_critical=True,
        owner=ws_admin,
        team=None,
    )
    url = "/api/v1/touchpoints/"

    def ids(query):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    critical = world.touchpoints[2].pk
    assert ids(f"journey={world.journey.pk}") == [t.pk for t in world.touchpoints]
    assert ids(f"stage={world.other_stage.pk}") == [t.pk for t in world.touchpoints[2:]]
    assert ids("rating=awful") == [critical]
    assert len(ids("rating=awful&rating=so_so")) == 8
    assert ids("is_critical=true") == [critical]
    assert ids(f"owner={ws_admin.pk}") == [critical]
    assert critical not in ids(f"team={world.team.pk}")
    assert ids(f"channel={other.channel.pk}") == [t.pk for t in other.touchpoints]
    assert ids("importance_min=9") == [critical]
    assert ids("search=other 1.1") == [other.touchpoints[3].pk]
    assert ids(f"journey={world.journey.pk}&ordering=-importance")[0] == critical
    assert ids(f"journey={world.journey.pk}&ordering=rating")[0] == critical
    names = [r["name"] for r in client.get(f"{url}?ordering=-name").json()["results"]]
    assert names == sorted(names, reverse=True)


def test_lists_filter_by_workspace(client, world, foreign, editor):
    Membership.objects.create(workspace=foreign.workspace, user=editor, role=Role.VIEWER)
    for noun in (
        "journeys",
        "stages",
        "lanes",
        "cells",
        "touchpoints",
        "actions",
        "comments",
        "rating-changes",
        "personas",
        "segments",
        "channels",
        "teams",
    ):
        both = client.get(f"/api/v1/{noun}/?page_size=500").json()["count"]
        mine = client.get(f"/api/v1/{noun}/?workspace={world.workspace.pk}&page_size=500")
        theirs = client.get(f"/api/v1/{noun}/?workspace={foreign.workspace.pk}&page_size=500")
        assert mine.status_code == theirs.status_code == 200, noun
        assert 0 < mine.json()["count"] < both, noun
        assert mine.json()["count"] + theirs.json()["count"] == both, noun


def test_workspaces_members_and_roles(ws_admin, editor):
    admin_client = token_client(ws_admin)
    response = admin_client.post("/api/v1/workspaces/", {"name": "Newco"})
    assert response.status_code == 201
    assert response.json()["role"] == "admin" and response.json()["slug"] == "newco"
    workspace = Workspace.objects.get(pk=response.json()["id"])

    members = f"/api/v1/workspaces/{workspace.pk}/members/"
    assert admin_client.post(members, {"user": editor.pk, "role": "viewer"}).status_code == 201
    editor_client = token_client(editor)
    assert editor_client.get(f"/api/v1/workspaces/{workspace.pk}/").json()["role"] == "viewer"
    # Posting an existing member changes the role.
    assert admin_client.post(members, {"user": editor.pk, "role": "editor"}).status_code == 201
    assert Membership.objects.get(workspace=workspace, user=editor).role == "editor"
    listed = admin_client.get(members).json()["results"]
    assert [(m["username"], m["role"]) for m in listed] == [
        ("alice_admin", "admin"),
        ("eddie_editor", "editor"),
    ]
    assert admin_client.post(members, {"user": 987654, "role": "viewer"}).status_code == 400
    assert admin_client.post(members, {"user": editor.pk, "role": "boss"}).status_code == 400
    assert admin_client.delete(f"{members}{editor.pk}/").status_code == 204
    assert editor_client.get(f"/api/v1/workspaces/{workspace.pk}/").status_code == 404


def test_a_stranger_cannot_be_added_by_id_and_is_not_revealed(ws_admin, editor, newcomer):
    """Security regression: adding any account by id made strangers members without consent
    and listed every user's name. Only people who share a workspace with the caller may be
    added; anyone else answers exactly like an id that does not exist."""
    attacker = newcomer
    attacker_client = token_client(attacker)
    own = attacker_client.post("/api/v1/workspaces/", {"name": "Trap"}).json()["id"]
    members = f"/api/v1/workspaces/{own}/members/"
    for victim in (editor, ws_admin):
        response = attacker_client.post(members, {"user": victim.pk, "role": "viewer"})
        missing = attacker_client.post(members, {"user": 987654, "role": "viewer"})
        assert response.status_code == missing.status_code == 400
        assert response.json()["user"][0].replace(str(victim.pk), "N") == missing.json()["user"][
            0
        ].replace("987654", "N")
        assert victim.username not in response.content.decode()
    assert not Membership.objects.filter(workspace_id=own).exclude(user=attacker).exists()


def test_the_service_refuses_a_stranger_through_any_door(ws_admin, newcomer, workspace):
    from django.core.exceptions import ValidationError

    from cjm.accounts.services import membership_set

    with pytest.raises(ValidationError):
        membership_set(actor=ws_admin, workspace=workspace, user=newcomer, role="viewer")
    # The system itself (commands, the demo) and invitations still add anyone.
    membership_set(actor=None, workspace=workspace, user=newcomer, role="viewer")
    assert Membership.objects.filter(workspace=workspace, user=newcomer).exists()


def test_the_assignee_may_change_the_status_of_their_own_action(world, viewer):
    from touchpoints.services import action_update

    action = action_update(actor=None, action=world.action, assignee=viewer)
    client = token_client(viewer)
    url = f"/api/v1/actions/{action.pk}/"
    response = client.patch(url, {"status": "done"})
    assert response.status_code == 200 and response.json()["done_at"]
    assert client.patch(url, {"title": "Mine now"}).status_code == 403


def test_comments_by_viewers_and_their_deletion(world, viewer, editor):
    viewer_client = token_client(viewer)
    response = viewer_client.post(
        "/api/v1/comments/", {"touchpoint": world.touchpoint.pk, "body": "Long queue"}
    )
    assert response.status_code == 201 and response.json()["author"] == viewer.pk
    own = response.json()["id"]
    assert viewer_client.delete(f"/api/v1/comments/{world.comment.pk}/").status_code == 403
    assert viewer_client.delete(f"/api/v1/comments/{own}/").status_code == 204


def test_rating_history_is_read_only_and_records_changes(client, world, editor):
    url = f"/api/v1/touchpoints/{world.touchpoint.pk}/"
    client.patch(url, {"rating": "excellent", "rating_note": "new checkout"})
    history = client.get(f"/api/v1/rating-changes/?touchpoint={world.touchpoint.pk}").json()
    latest = history["results"][0]
    assert (latest["from_rating"], latest["to_rating"], latest["note"]) == (
        "so_so",
        "excellent",
        "new checkout",
    )
    assert latest["changed_by"] == editor.pk
    assert client.post("/api/v1/rating-changes/", {}).status_code == 405
