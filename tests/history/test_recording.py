"""Every write through any door is recorded once, with its actor and its door (ui, api, admin,
system), and every kind of object the contract lists is recorded."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cjm import services as cjm_services
from cjm.history.models import ChangeRecord, ChangeRecordJourney
from cjm.history.services import history_prune
from personas import services as persona_services
from tests.admin.helpers import post_data
from tests.api.conftest import token_client
from tests.history.conftest import sign_in
from touchpoints import services as touchpoint_services
from touchpoints.models import Touchpoint


def records_of(touchpoint):
    return ChangeRecord.objects.filter(object_type="touchpoint", object_id=touchpoint.pk)


def test_the_same_edit_by_ui_api_and_admin_gives_one_record_each(
    client, touchpoint, editor, ws_admin, viewer
):
    before = records_of(touchpoint).count()

    # The browser: the card's quick rating.
    sign_in(client, editor)
    response = client.post(
        reverse("touchpoints:touchpoint_rating", args=[touchpoint.pk]),
        {"rating": "awful", "version": touchpoint.version},
    )
    assert response.status_code == 302
    client.logout()

    # The API, with a token.
    api = token_client(editor)
    response = api.patch(
        reverse("touchpoints-api:touchpoint-detail", args=[touchpoint.pk]),
        {"rating": "excellent"},
        format="json",
    )
    assert response.status_code == 200, response.content

    # The admin: Alice, the workspace's admin, is staff.
    ws_admin.is_staff = True
    ws_admin.save()
    sign_in(client, ws_admin)
    change_url = reverse("admin:touchpoints_touchpoint_change", args=[touchpoint.pk])
    data = post_data(client.get(change_url)) | {"rating": "so_so"}
    response = client.post(change_url, data)
    assert response.status_code == 302

    new = list(records_of(touchpoint).order_by("id")[before:])
    assert [(r.actor, r.source, r.verb, r.fields["rating"]) for r in new] == [
        (editor, "ui", "updated", {"old": "so_so", "new": "awful"}),
        (editor, "api", "updated", {"old": "awful", "new": "excellent"}),
        (ws_admin, "admin", "updated", {"old": "excellent", "new": "so_so"}),
    ]
    assert all(r.workspace_id == touchpoint.stage.journey.workspace_id for r in new)
    assert all(r.journey_id == touchpoint.stage.journey_id for r in new)


def test_every_object_type_of_the_contract_is_recorded(workspace, editor, journey, touchpoint):
    stage = journey.stages.first()
    lane = journey.lanes.exclude(kind="touchpoints").first()
    segment = persona_services.segment_create(actor=editor, workspace=workspace, name="Families")
    persona = persona_services.persona_create(actor=editor, workspace=workspace, name="Anna")
    persona_services.persona_journeys_set(actor=editor, persona=persona, journeys=[journey])
    cjm_services.journey_update(actor=editor, journey=journey, title="Delivery, as is")
    cjm_services.stage_update(actor=editor, stage=stage, name="Waiting")
    cjm_services.lane_update(actor=editor, lane=lane, name="What they do")
    cjm_services.lane_cell_set(actor=editor, lane=lane, stage=stage, text="Calls the shop")
    action = touchpoint_services.action_create(actor=editor, touchpoint=touchpoint, title="Script")
    touchpoint_services.comment_create(actor=editor, touchpoint=touchpoint, body="Too slow")
    persona_services.segment_update(actor=editor, segment=segment, name="Young families")
    persona_services.persona_update(actor=editor, persona=persona, goals="Get it today")
    touchpoint_services.action_update(actor=editor, action=action, status="done")
    touchpoint_services.touchpoint_update(actor=editor, touchpoint=touchpoint, is_critical=True)

    recorded = set(ChangeRecord.objects.values_list("object_type", "verb"))
    for object_type in ("journey", "stage", "lane", "touchpoint", "persona", "segment"):
        assert (object_type, "created") in recorded
        assert (object_type, "updated") in recorded
    assert {("cell", "created"), ("action", "created"), ("action", "updated")} <= recorded
    assert ("comment", "created") in recorded
    assert ChangeRecord.objects.exclude(actor=editor).count() == 0
    assert set(ChangeRecord.objects.values_list("source", flat=True)) == {"system"}
    # A persona names the maps it is on: such a change is found by map too.
    persona_record = ChangeRecord.objects.filter(object_type="persona", verb="updated").get()
    assert persona_record.journey_id == journey.pk or ChangeRecordJourney.objects.filter(
        record=persona_record, journey_id=journey.pk
    )


def test_a_refused_write_leaves_no_record(touchpoint, viewer):
    before = ChangeRecord.objects.count()
    with pytest.raises(Exception):  # noqa: B017  (PermissionDenied; the record must not stay)
        touchpoint_services.touchpoint_update(actor=viewer, touchpoint=touchpoint, rating="awful")
    assert ChangeRecord.objects.count() == before


def test_a_change_on_several_maps_is_found_by_each(workspace, editor):
    first = cjm_services.journey_create(actor=editor, workspace=workspace, title="One")
    second = cjm_services.journey_create(actor=editor, workspace=workspace, title="Two")
    persona = persona_services.persona_create(actor=editor, workspace=workspace, name="Anna")
    persona_services.persona_journeys_set(actor=editor, persona=persona, journeys=[first, second])
    persona_services.persona_update(actor=editor, persona=persona, goals="Speed")
    record = ChangeRecord.objects.get(object_type="persona", verb="updated")
    assert record.journey_id is None
    assert set(record.journeys.values_list("journey_id", flat=True)) == {first.pk, second.pk}


def test_retention_prunes_old_records_once(settings, touchpoint):
    old = timezone.now() - datetime.timedelta(days=40)
    ChangeRecord.objects.filter(object_type="touchpoint").update(at=old)
    kept = ChangeRecord.objects.exclude(object_type="touchpoint").count()
    settings.CJM_HISTORY_DAYS = 0
    assert history_prune() == 0  # 0 keeps everything
    settings.CJM_HISTORY_DAYS = 30
    assert history_prune() == 1
    assert history_prune() == 0  # idempotent
    assert ChangeRecord.objects.count() == kept
    assert Touchpoint.objects.filter(pk=touchpoint.pk).exists()


def test_the_prune_job_runs_from_beat(settings, touchpoint):
    from cjm.history.tasks import history_prune_task

    assert "cjm.history.tasks.history_prune_task" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    settings.CJM_HISTORY_DAYS = 1
    ChangeRecord.objects.update(at=timezone.now() - datetime.timedelta(days=2))
    assert history_prune_task.delay().get() >= 1
    assert not ChangeRecord.objects.exists()


def test_history_survives_the_deletion_of_what_it_describes(touchpoint, editor):
    pk = touchpoint.pk
    touchpoint_services.touchpoint_delete(actor=editor, touchpoint=touchpoint)
    assert ChangeRecord.objects.filter(object_type="touchpoint", object_id=pk).count() == 2
    assert ChangeRecord.objects.filter(object_type="touchpoint", verb="deleted").exists()


def test_a_journey_deleted_keeps_its_history(journey, editor):
    pk = journey.pk
    cjm_services.journey_delete(actor=editor, journey=journey)
    assert ChangeRecord.objects.filter(journey_id=pk, verb="deleted").exists()


@pytest.mark.django_db
def test_management_commands_record_as_system(workspace, editor):
    call_command("check")  # a command itself writes nothing: the source outside requests
    journey = cjm_services.journey_create(actor=None, workspace=workspace, title="By a job")
    record = ChangeRecord.objects.get(object_type="journey", object_id=journey.pk)
    assert (record.actor, record.source) == (None, "system")
