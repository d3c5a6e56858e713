"""API: stages carry ``step`` and ``is_optional``; writes keep steps adjacent (400 otherwise);
lanes take the blueprint kinds; the map JSON shows them without extra queries."""

import pytest
from django.core.cache import cache

from cjm import services
from cjm.models import Stage
from tests.api.conftest import token_client
from tests.factories import JourneyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def journey(workspace, editor):
    journey = JourneyFactory(workspace=workspace)
    for name in ["Search", "Compare", "Order", "Receive"]:
        services.stage_create(actor=editor, journey=journey, name=name)
    return journey


def stage(journey, name):
    return Stage.objects.get(journey=journey, name=name)


def test_stage_shows_step_and_optional(journey, viewer):
    body = token_client(viewer).get(f"/api/v1/stages/{stage(journey, 'Order').pk}/").json()
    assert body["step"] == stage(journey, "Order").step
    assert body["is_optional"] is False


def test_create_defaults_to_a_new_required_step(journey, editor):
    client = token_client(editor)
    body = client.post("/api/v1/stages/", {"journey": journey.pk, "name": "Use"}, format="json")
    assert body.status_code == 201, body.content
    steps = set(Stage.objects.filter(journey=journey).values_list("step", flat=True))
    assert len(steps) == 5 and body.json()["is_optional"] is False


def test_create_an_alternative_in_an_existing_step(journey, editor):
    client = token_client(editor)
    step = stage(journey, "Receive").step
    body = client.post(
        "/api/v1/stages/",
        {"journey": journey.pk, "name": "Pick-up", "step": step, "is_optional": True},
        format="json",
    ).json()
    assert body["step"] == step and body["position"] == 4
    assert stage(journey, "Receive").is_optional is True


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"step": -1}, "step"),
        ({"step": "two"}, "step"),
        ({"is_optional": "yes"}, "is_optional"),
    ],
)
def test_bad_step_values_are_400(journey, editor, payload, field):
    response = token_client(editor).patch(
        f"/api/v1/stages/{stage(journey, 'Order').pk}/", payload, format="json"
    )
    assert response.status_code == 400
    assert field in str(response.json())


def test_a_step_that_would_not_be_adjacent_is_400_and_nothing_changes(journey, editor):
    search = stage(journey, "Search")
    response = token_client(editor).patch(
        f"/api/v1/stages/{search.pk}/",
        {"step": stage(journey, "Receive").step, "name": "Renamed"},
        format="json",
    )
    assert response.status_code == 400
    assert "adjacent" in str(response.json())
    fresh = stage(journey, "Search")
    assert fresh.step == search.step and fresh.version == search.version


def test_patch_joins_a_neighbouring_step_and_sets_optional_on_all(journey, editor):
    client = token_client(editor)
    compare, order = stage(journey, "Compare"), stage(journey, "Order")
    response = client.patch(
        f"/api/v1/stages/{order.pk}/",
        {"step": compare.step, "is_optional": True},
        format="json",
        HTTP_IF_MATCH=f'"{order.version}"',
    )
    assert response.status_code == 200, response.content
    assert response.json()["step"] == compare.step
    assert stage(journey, "Compare").is_optional is True


def test_patch_with_a_stale_version_is_412(journey, editor):
    order = stage(journey, "Order")
    response = token_client(editor).patch(
        f"/api/v1/stages/{order.pk}/",
        {"is_optional": True},
        format="json",
        HTTP_IF_MATCH='"99"',
    )
    assert response.status_code == 412


def test_viewer_cannot_change_a_step(journey, viewer):
    response = token_client(viewer).patch(
        f"/api/v1/stages/{stage(journey, 'Order').pk}/", {"is_optional": True}, format="json"
    )
    assert response.status_code == 403


def test_outsider_sees_no_stage(journey, outsider):
    response = token_client(outsider).patch(
        f"/api/v1/stages/{stage(journey, 'Order').pk}/", {"is_optional": True}, format="json"
    )
    assert response.status_code == 404


@pytest.mark.parametrize("kind", ["frontstage", "backstage", "support", "evidence"])
def test_lanes_take_blueprint_kinds(journey, editor, kind):
    response = token_client(editor).post(
        "/api/v1/lanes/", {"journey": journey.pk, "name": kind, "kind": kind}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["kind"] == kind


def test_map_json_has_steps_and_lane_kinds_in_constant_queries(
    journey, editor, django_assert_num_queries
):
    services.stage_branch_create(actor=editor, stage=stage(journey, "Receive"), name="Pick-up")
    services.step_optional_set(actor=editor, stage=stage(journey, "Compare"), is_optional=True)
    services.lane_create(actor=editor, journey=journey, name="Staff", kind="frontstage")
    client = token_client(editor)
    url = f"/api/v1/journeys/{journey.pk}/"
    expected = queries_of(client, url)
    services.stage_branch_create(actor=editor, stage=stage(journey, "Receive"), name="Locker")
    services.lane_create(actor=editor, journey=journey, name="Systems", kind="support")
    cache.clear()
    with django_assert_num_queries(expected):
        body = client.get(url).json()
    rows = [(s["name"], s["is_optional"]) for s in body["stages"]]
    assert rows[1] == ("Compare", True)
    steps = [s["step"] for s in body["stages"]]
    assert steps[3] == steps[4] == steps[5]
    assert "frontstage" in [lane["kind"] for lane in body["lanes"]]


def queries_of(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    cache.clear()
    return len(queries)
