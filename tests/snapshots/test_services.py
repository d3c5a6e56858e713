"""Snapshots freeze the map: later edits, deletions and reports do not reach them."""

import copy

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from cjm.core import changes
from cjm.services import stage_update
from cjm.snapshots.models import Snapshot
from cjm.snapshots.selectors import journey_freeze
from cjm.snapshots.services import snapshot_create, snapshot_delete
from touchpoints.models import Touchpoint
from touchpoints.services import touchpoint_delete, touchpoint_update

from .conftest import nps_answers, report_done

pytestmark = pytest.mark.django_db


def test_snapshot_keeps_the_map_and_its_figures(journey, editor):
    snapshot = snapshot_create(actor=editor, journey=journey, name="Before redesign")
    data = Snapshot.objects.get(pk=snapshot.pk).data
    assert [stage["name"] for stage in data["stages"]] == ["Choose", "Pay", "Receive"]
    pay = data["stages"][1]
    assert [tp["name"] for tp in pay["touchpoints"]] == ["Checkout", "Promo code"]
    assert pay["touchpoints"][0]["rating"] == "awful"
    assert pay["touchpoints"][0]["owner_name"] == "Nina K"
    figures = data["metrics"]["stages"][str(pay["id"])]
    assert (figures["entered"], figures["converted"], figures["drop_off_rate"]) == (60, 30, 0.5)
    assert figures["is_worst"] is True  # 50% beats 40%
    assert figures["nps"] == 0.0 and figures["nps_answers"] == 4  # 2 promoters, 2 detractors
    checkout = str(pay["touchpoints"][0]["id"])
    assert data["metrics"]["touchpoints"][checkout]["nps"] == 0.0
    assert data["metrics"]["report"]["id"]
    emotions = next(lane for lane in data["lanes"] if lane["kind"] == "emotions")
    assert [cell["emotion_score"] for cell in emotions["cells"]] == [2, -2, 1]


def test_snapshot_is_unchanged_after_the_live_map_changes(journey, editor):
    snapshot = snapshot_create(actor=editor, journey=journey, name="Then")
    before = copy.deepcopy(Snapshot.objects.get(pk=snapshot.pk).data)
    checkout = Touchpoint.objects.get(name="Checkout")
    touchpoint_update(actor=editor, touchpoint=checkout, rating="excellent")
    stage_update(actor=editor, stage=journey.stages.get(name="Choose"), name="Browse")
    touchpoint_delete(actor=editor, touchpoint=Touchpoint.objects.get(name="Promo code"))
    report_done(journey, [(500, 400), (400, 390), (390, None)], day=5)
    nps_answers(checkout, [10, 10, 10])
    assert Snapshot.objects.get(pk=snapshot.pk).data == before
    now = journey_freeze(user=editor, journey_id=journey.pk)
    assert now["stages"][0]["name"] == "Browse"
    assert now["metrics"]["stages"][str(now["stages"][0]["id"])]["entered"] == 500


def test_blank_name_is_the_date_and_create_is_recorded_without_the_map(journey, editor):
    with changes.capture() as seen:
        snapshot = snapshot_create(actor=editor, journey=journey, name="  ")
    assert snapshot.name  # the date and time
    assert [(c.object_type, c.verb, c.journey_ids) for c in seen] == [("snapshot", "created", ())]
    with changes.capture() as seen:
        snapshot_delete(actor=editor, snapshot=snapshot)
    assert [(c.object_type, c.verb) for c in seen] == [("snapshot", "deleted")]
    assert not Snapshot.objects.exists()


def test_viewer_cannot_create_or_delete_and_outsider_sees_nothing(
    journey, editor, viewer, outsider
):
    with pytest.raises(PermissionDenied):
        snapshot_create(actor=viewer, journey=journey, name="No")
    with pytest.raises(Http404):
        snapshot_create(actor=outsider, journey=journey, name="No")
    snapshot = snapshot_create(actor=editor, journey=journey, name="Yes")
    with pytest.raises(PermissionDenied):
        snapshot_delete(actor=viewer, snapshot=snapshot)
    assert Snapshot.objects.count() == 1
