"""``GET /api/v1/changes/``: newest first, filters, only the caller's workspaces, paginated,
a constant number of queries."""

import pytest
from django.urls import reverse

from cjm import services as cjm_services
from tests.api.conftest import token_client
from tests.factories import MembershipFactory
from touchpoints import services as touchpoint_services

URL = reverse("history-api:change-list")


def test_newest_first_with_the_contract_fields(touchpoint, editor, viewer):
    touchpoint_services.touchpoint_update(actor=editor, touchpoint=touchpoint, rating="awful")
    response = token_client(viewer).get(URL, {"object_type": "touchpoint"})
    assert response.status_code == 200
    body = response.json()
    assert {"count", "next", "previous", "results"} <= set(body)
    newest = body["results"][0]
    assert set(newest) >= {
        "id",
        "at",
        "actor",
        "source",
        "object_type",
        "object_id",
        "object_repr",
        "verb",
        "fields",
    }
    assert newest["actor"] == editor.pk
    assert newest["source"] == "system"
    assert newest["verb"] == "updated"
    assert newest["object_repr"] == "Courier call"
    assert newest["fields"]["rating"] == {"old": "so_so", "new": "awful"}
    ats = [row["at"] for row in body["results"]]
    assert ats == sorted(ats, reverse=True)


def test_filters(touchpoint, editor, workspace, journey):
    other = cjm_services.journey_create(actor=editor, workspace=workspace, title="Returns")
    client = token_client(editor)
    by_map = client.get(URL, {"journey": journey.pk, "page_size": 500}).json()["results"]
    assert by_map and all(row["journey"] == journey.pk for row in by_map)
    assert not any(
        row["object_id"] == other.pk and row["object_type"] == "journey" for row in by_map
    )
    one = client.get(URL, {"object_type": "touchpoint", "object_id": touchpoint.pk}).json()
    assert one["count"] == 1 and one["results"][0]["verb"] == "created"
    assert client.get(URL, {"actor": editor.pk}).json()["count"] >= 1
    assert client.get(URL, {"source": "api"}).json()["count"] == 0
    assert client.get(URL, {"since": "2999-01-01T00:00:00Z"}).json()["count"] == 0
    assert client.get(URL, {"workspace": workspace.pk}).json()["count"] >= 1
    assert client.get(URL, {"object_type": "planet"}).status_code == 400
    assert client.get(URL, {"journey": "x"}).status_code == 400


def test_only_the_callers_workspaces(touchpoint, outsider, other_workspace, workspace):
    client = token_client(outsider)
    assert client.get(URL).json()["count"] == 0
    assert client.get(URL, {"workspace": workspace.pk}).status_code == 400
    some = touchpoint.pk
    assert client.get(URL, {"object_id": some}).json()["count"] == 0
    from cjm.history.models import ChangeRecord

    record = ChangeRecord.objects.first()
    detail = reverse("history-api:change-detail", args=[record.pk])
    assert client.get(detail).status_code == 404
    assert token_client(None).get(URL).status_code == 401


def test_read_only(touchpoint, ws_admin):
    client = token_client(ws_admin)
    assert client.post(URL, {}, format="json").status_code == 405


@pytest.mark.parametrize("touchpoints", [1, 6])
def test_query_count_does_not_grow_with_the_list(
    touchpoints, workspace, editor, journey, django_assert_num_queries
):
    stage = journey.stages.first()
    for number in range(touchpoints):
        touchpoint = touchpoint_services.touchpoint_create(
            actor=editor, stage=stage, name=f"Card {number}"
        )
        touchpoint_services.touchpoint_update(actor=editor, touchpoint=touchpoint, rating="awful")
    client = token_client(editor)
    client.get(URL)  # the token and the session warm nothing that counts below
    # token, page count, page rows (actors joined)
    with django_assert_num_queries(3):
        response = client.get(URL, {"page_size": 500})
    assert response.json()["count"] >= touchpoints * 2


def test_viewer_of_a_second_workspace_sees_both(touchpoint, other_workspace, outsider, viewer):
    MembershipFactory(workspace=other_workspace, user=viewer, role="viewer")
    cjm_services.journey_create(actor=outsider, workspace=other_workspace, title="Elsewhere")
    rows = token_client(viewer).get(URL, {"page_size": 500}).json()["results"]
    assert {row["workspace"] for row in rows} == {
        touchpoint.stage.journey.workspace_id,
        other_workspace.pk,
    }
