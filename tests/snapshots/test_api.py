"""The snapshots and compare API per API_CONTRACT.md "History, snapshots and before/after"."""

import pytest

from cjm.choices import JourneyState
from cjm.services import journey_copy, stage_update
from cjm.snapshots.models import Snapshot
from cjm.snapshots.services import snapshot_create
from tests.factories import JourneyFactory
from touchpoints.models import Touchpoint
from touchpoints.services import touchpoint_create, touchpoint_delete, touchpoint_update

from .conftest import api_client, report_done

pytestmark = pytest.mark.django_db

LIST = "/api/v1/journeys/{}/snapshots/"
DETAIL = "/api/v1/snapshots/{}/"
COMPARE = "/api/v1/journeys/{}/compare/"


def test_create_list_detail_delete(journey, editor, viewer):
    api = api_client(editor)
    created = api.post(LIST.format(journey.pk), {"name": "Q1"}, format="json")
    assert created.status_code == 201
    body = created.json()
    assert {"id", "journey", "name", "created_at", "created_by"} <= set(body)
    assert (body["journey"], body["name"], body["created_by"]) == (journey.pk, "Q1", editor.pk)
    listed = api_client(viewer).get(LIST.format(journey.pk)).json()
    assert [item["id"] for item in listed["results"]] == [body["id"]]
    detail = api_client(viewer).get(DETAIL.format(body["id"])).json()
    live = api.get(f"/api/v1/journeys/{journey.pk}/").json()
    assert {key: detail[key] for key in live} == live  # the map's own shape
    assert detail["snapshot"]["id"] == body["id"]
    assert set(detail["metrics"]) >= {"stages", "touchpoints", "report"}
    assert api.put(DETAIL.format(body["id"]), {"name": "x"}, format="json").status_code == 405
    assert api.patch(DETAIL.format(body["id"]), {"name": "x"}, format="json").status_code == 405
    assert api.delete(DETAIL.format(body["id"])).status_code == 204
    assert not Snapshot.objects.exists()


def test_viewer_cannot_create_or_delete(journey, editor, viewer):
    snapshot = snapshot_create(actor=editor, journey=journey, name="Kept")
    api = api_client(viewer)
    assert api.post(LIST.format(journey.pk), {"name": "No"}, format="json").status_code == 403
    assert api.delete(DETAIL.format(snapshot.pk)).status_code == 403
    assert Snapshot.objects.count() == 1


def test_outsider_gets_404_everywhere(journey, editor, outsider):
    snapshot = snapshot_create(actor=editor, journey=journey, name="Private")
    api = api_client(outsider)
    assert api.get(LIST.format(journey.pk)).status_code == 404
    assert api.post(LIST.format(journey.pk), {}, format="json").status_code == 404
    assert api.get(DETAIL.format(snapshot.pk)).status_code == 404
    assert api.delete(DETAIL.format(snapshot.pk)).status_code == 404
    assert api.get(COMPARE.format(journey.pk), {"from": snapshot.pk}).status_code == 404
    assert api_client(None).get(DETAIL.format(snapshot.pk)).status_code == 401


def test_bad_name_is_400(journey, editor):
    response = api_client(editor).post(LIST.format(journey.pk), {"name": "x" * 201}, format="json")
    assert response.status_code == 400 and "name" in response.json()
    assert not Snapshot.objects.exists()


def test_compare_lists_exactly_the_changes_of_a_scripted_scenario(journey, editor, owners):
    then = snapshot_create(actor=editor, journey=journey, name="Then")
    choose, pay, receive = journey.stages.order_by("position")
    checkout = Touchpoint.objects.get(name="Checkout")
    promo = Touchpoint.objects.get(name="Promo code")
    courier = Touchpoint.objects.get(name="Courier call")
    touchpoint_update(actor=editor, touchpoint=checkout, rating="so_so")
    touchpoint_update(actor=editor, touchpoint=courier, owner=owners["oleg"])
    touchpoint_delete(actor=editor, touchpoint=promo)
    tracking = touchpoint_create(actor=editor, stage=receive, name="Tracking page")
    stage_update(actor=editor, stage=choose, name="Browse")  # renames are not changes here
    report_done(journey, [(200, 150), (150, 120), (120, None)], day=7)
    response = api_client(editor).get(
        COMPARE.format(journey.pk), {"from": then.pk, "to": "current"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["touchpoints_added"] == [
        {"touchpoint": tracking.pk, "name": "Tracking page", "stage": receive.pk}
    ]
    assert body["touchpoints_removed"] == [
        {"touchpoint": promo.pk, "name": "Promo code", "stage": pay.pk}
    ]
    assert [(c["touchpoint"], c["name"], c["from"], c["to"]) for c in body["rating_changes"]] == [
        (checkout.pk, "Checkout", "awful", "so_so")
    ]
    assert [(c["touchpoint"], c["from"], c["to"]) for c in body["owner_changes"]] == [
        (courier.pk, None, owners["oleg"].pk)
    ]
    stages = {row["stage"]: row for row in body["stages"]}
    assert [row["stage"] for row in body["stages"]] == [choose.pk, pay.pk, receive.pk]
    assert (stages[pay.pk]["entered_from"], stages[pay.pk]["entered_to"]) == (60, 150)
    assert stages[pay.pk]["drop_off_rate_from"] == 0.5
    assert stages[pay.pk]["drop_off_rate_to"] == 0.2
    assert (stages[pay.pk]["nps_from"], stages[pay.pk]["nps_to"]) == (0.0, 0.0)
    assert stages[choose.pk]["name"] == "Browse"
    # The same two snapshots compared the other way round: the mirror image.
    now = snapshot_create(actor=editor, journey=journey, name="Now")
    back = (
        api_client(editor).get(COMPARE.format(journey.pk), {"from": now.pk, "to": then.pk}).json()
    )
    assert [c["touchpoint"] for c in back["touchpoints_added"]] == [promo.pk]
    assert [c["touchpoint"] for c in back["touchpoints_removed"]] == [tracking.pk]
    assert [(c["from"], c["to"]) for c in back["rating_changes"]] == [("so_so", "awful")]


def test_compare_a_future_state_copy_both_ways(journey, editor):
    future = journey_copy(actor=editor, journey=journey, title="To-be", state=JourneyState.FUTURE)
    copied = {tp.copied_from_id: tp for tp in Touchpoint.objects.filter(stage__journey=future)}
    original_checkout = Touchpoint.objects.get(stage__journey=journey, name="Checkout")
    original_promo = Touchpoint.objects.get(stage__journey=journey, name="Promo code")
    touchpoint_update(actor=editor, touchpoint=copied[original_checkout.pk], rating="excellent")
    touchpoint_delete(actor=editor, touchpoint=copied[original_promo.pk])
    pay_copy = future.stages.get(name="Pay")
    one_click = touchpoint_create(actor=editor, stage=pay_copy, name="One-click pay")
    api = api_client(editor)
    body = api.get(COMPARE.format(journey.pk), {"with_journey": future.pk}).json()
    assert body["touchpoints_added"] == [
        {"touchpoint": one_click.pk, "name": "One-click pay", "stage": pay_copy.pk}
    ]
    assert [c["touchpoint"] for c in body["touchpoints_removed"]] == [original_promo.pk]
    assert [
        (c["touchpoint"], c["touchpoint_from"], c["from"], c["to"]) for c in body["rating_changes"]
    ] == [(copied[original_checkout.pk].pk, original_checkout.pk, "awful", "excellent")]
    assert body["owner_changes"] == []
    assert [row["change"] for row in body["stages"]] == ["kept", "kept", "kept"]
    assert body["stages"][1]["entered_from"] == 60 and body["stages"][1]["entered_to"] is None
    reverse = api.get(COMPARE.format(future.pk), {"with_journey": journey.pk}).json()
    assert [c["touchpoint"] for c in reverse["touchpoints_added"]] == [original_promo.pk]
    assert [c["touchpoint"] for c in reverse["touchpoints_removed"]] == [one_click.pk]
    assert [(c["from"], c["to"]) for c in reverse["rating_changes"]] == [("excellent", "awful")]


def test_compare_bad_input_is_400_or_404_never_500(journey, editor, workspace, outsider):
    api = api_client(editor)
    other_map = JourneyFactory(workspace=workspace, title="Unrelated")
    elsewhere = snapshot_create(actor=editor, journey=other_map, name="Other map's")
    url = COMPARE.format(journey.pk)
    assert api.get(url).status_code == 400  # nothing to compare
    assert api.get(url, {"from": "abc"}).status_code == 400
    assert api.get(url, {"from": "current", "to": "1x"}).status_code == 400
    assert api.get(url, {"from": elsewhere.pk}).status_code == 400
    assert api.get(url, {"from": 999999}).status_code == 404
    assert api.get(url, {"with_journey": "x"}).status_code == 400
    assert api.get(url, {"with_journey": other_map.pk}).status_code == 400  # not a copy
    assert api.get(url, {"with_journey": 999999}).status_code == 404
    theirs = JourneyFactory(workspace=outsider.memberships.first().workspace)
    assert api.get(url, {"with_journey": theirs.pk}).status_code == 404
    assert api.get(url, {"from": "current"}).json()["touchpoints_added"] == []


def _grow(journey, editor, n: int) -> None:
    stage = journey.stages.order_by("position").last()
    for index in range(n):
        touchpoint_create(actor=editor, stage=stage, name=f"Extra {index}", rating="awful")


@pytest.mark.parametrize("extra", [0, 6])
def test_query_counts_are_pinned(journey, editor, extra, django_assert_num_queries):
    _grow(journey, editor, extra)
    api = api_client(editor)
    first = snapshot_create(actor=editor, journey=journey, name="One")
    for _index in range(extra):
        snapshot_create(actor=editor, journey=journey, name="More")
    _grow(journey, editor, extra)
    second = snapshot_create(actor=editor, journey=journey, name="Two")
    api.get(DETAIL.format(first.pk))  # warm the per-process caches (content types, settings)
    with django_assert_num_queries(1):
        assert api.get(DETAIL.format(first.pk)).status_code == 200
    with django_assert_num_queries(3):  # journey, count, page
        assert api.get(LIST.format(journey.pk)).status_code == 200
    with django_assert_num_queries(3):  # journey, two snapshots
        response = api.get(COMPARE.format(journey.pk), {"from": first.pk, "to": second.pk})
    assert len(response.json()["touchpoints_added"]) == extra
    with django_assert_num_queries(14):  # journey, snapshot, the map frozen now (12)
        api.get(COMPARE.format(journey.pk), {"from": first.pk})
