"""Reordering: move actions and inserts at a position keep positions dense (0..n-1)."""

import pytest

from cjm.models import Lane, Stage
from tests.api.conftest import build_world, token_client
from touchpoints.models import Touchpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def big_world(workspace, editor):
    return build_world(workspace, editor=editor, size=2)  # 4 stages x 4 touchpoints


@pytest.fixture
def client(editor):
    return token_client(editor)


def positions(queryset) -> list[int]:
    return list(queryset.order_by("position").values_list("position", flat=True))


def order(queryset) -> list[int]:
    return list(queryset.order_by("position").values_list("pk", flat=True))


def test_stage_moves_shift_the_others(client, big_world):
    stages = Stage.objects.filter(journey=big_world.journey)
    before = order(stages)
    response = client.post(f"/api/v1/stages/{before[0]}/move/", {"position": 2})
    assert response.status_code == 200
    assert (response.json()["id"], response.json()["position"]) == (before[0], 2)
    assert response.json()["name"] == "Stage 0" and response.json()["version"] == 1
    assert order(stages) == [before[1], before[2], before[0], before[3]]
    # Past the end: last.
    client.post(f"/api/v1/stages/{before[1]}/move/", {"position": 99})
    assert order(stages)[-1] == before[1]
    assert positions(stages) == [0, 1, 2, 3]
    assert client.post(f"/api/v1/stages/{before[1]}/move/", {"position": -1}).status_code == 400


def test_stage_insert_and_delete_keep_positions_dense(client, big_world):
    stages = Stage.objects.filter(journey=big_world.journey)
    before = order(stages)
    response = client.post(
        "/api/v1/stages/", {"journey": big_world.journey.pk, "name": "First", "position": 0}
    )
    assert response.status_code == 201 and response.json()["position"] == 0
    assert order(stages) == [response.json()["id"], *before]
    assert client.delete(f"/api/v1/stages/{before[1]}/").status_code == 204
    assert positions(stages) == [0, 1, 2, 3]
    assert positions(Touchpoint.objects.filter(stage_id=before[0])) == [0, 1, 2, 3]


def test_lane_moves(client, big_world):
    lanes = Lane.objects.filter(journey=big_world.journey)
    before = order(lanes)
    response = client.post(f"/api/v1/lanes/{before[-1]}/move/", {"position": 0})
    assert response.status_code == 200
    assert (response.json()["id"], response.json()["position"]) == (before[-1], 0)
    assert response.json()["kind"] == "custom"
    assert order(lanes) == [before[-1], *before[:-1]]
    assert positions(lanes) == list(range(len(before)))


def test_touchpoint_moves_within_and_across_stages(client, big_world):
    source, target = big_world.stages[0], big_world.stages[1]
    in_source = Touchpoint.objects.filter(stage=source)
    in_target = Touchpoint.objects.filter(stage=target)
    src, tgt = order(in_source), order(in_target)

    response = client.post(f"/api/v1/touchpoints/{src[3]}/move/", {"position": 0})
    assert response.status_code == 200
    assert order(in_source) == [src[3], src[0], src[1], src[2]]

    response = client.post(
        f"/api/v1/touchpoints/{src[0]}/move/", {"position": 1, "stage": target.pk}
    )
    assert response.status_code == 200
    moved = response.json()
    assert (moved["id"], moved["stage"], moved["position"]) == (src[0], target.pk, 1)
    assert moved["name"] and moved["version"] == 2 and "open_action_count" in moved
    assert order(in_target) == [tgt[0], src[0], *tgt[1:]]
    assert positions(in_source) == [0, 1, 2]
    assert positions(in_target) == [0, 1, 2, 3, 4]


def test_a_touchpoint_stays_within_its_journey(client, big_world, workspace, editor):
    other = build_world(workspace, editor=editor, prefix="Other ")
    response = client.post(
        f"/api/v1/touchpoints/{big_world.touchpoint.pk}/move/",
        {"position": 0, "stage": other.stage.pk},
    )
    assert response.status_code == 400 and "stage" in response.json()


def test_touchpoint_create_at_a_position_and_delete(client, big_world):
    stage = big_world.stage
    in_stage = Touchpoint.objects.filter(stage=stage)
    before = order(in_stage)
    response = client.post(
        "/api/v1/touchpoints/", {"stage": stage.pk, "name": "Inserted", "position": 1}
    )
    assert response.status_code == 201
    assert order(in_stage) == [before[0], response.json()["id"], *before[1:]]
    assert client.delete(f"/api/v1/touchpoints/{before[0]}/").status_code == 204
    assert positions(in_stage) == [0, 1, 2, 3]
