"""Map editor endpoints for lanes and lane cells (text and emotion score): writes through the
services, validation errors in place, stale edits (409). Permissions: tests/cjm/test_editor.py."""

import pytest
from django.urls import reverse

from cjm.choices import LaneKind
from cjm.models import Lane, LaneCell
from cjm.services import lane_cell_set
from tests.cjm.editor_helpers import HX, editor_map, lane_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def journey(workspace, editor):
    return editor_map(workspace, editor, title="Checkout")


def stage_at(journey, position):
    return journey.stages.get(position=position)


# --- lanes ------------------------------------------------------------------------------------


def test_add_custom_lane(client, journey, editor):
    client.force_login(editor)
    response = client.post(
        reverse("cjm:lane_list", args=[journey.pk]), {"name": "Feelings"}, headers=HX
    )
    assert response.status_code == 200
    lane = journey.lanes.order_by("position").last()
    assert (lane.name, lane.kind) == ("Feelings", LaneKind.CUSTOM)
    assert "Feelings" in response.content.decode()


def test_add_missing_standard_lane_takes_its_name(client, journey, editor):
    client.force_login(editor)
    client.post(reverse("cjm:lane_list", args=[journey.pk]), {"kind": "thoughts"}, headers=HX)
    assert journey.lanes.get(kind=LaneKind.THOUGHTS).name == "Thoughts"


def test_add_lane_errors_in_place(client, journey, editor):
    client.force_login(editor)
    url = reverse("cjm:lane_list", args=[journey.pk])
    response = client.post(url, {"name": ""}, headers=HX)
    assert response.status_code == 422
    assert response["HX-Retarget"] == "#lane-add"
    assert "Give the new lane a name." in response.content.decode()
    # A standard lane the map already has is not offered.
    response = client.post(url, {"kind": "goals"}, headers=HX)
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()


def test_rename_hide_and_show_lane(client, journey, editor):
    client.force_login(editor)
    lane = lane_of(journey, LaneKind.GOALS)
    url = reverse("cjm:lane_detail", args=[lane.pk])
    response = client.post(url, {"name": "Jobs to be done", "version": 1}, headers=HX)
    assert response.status_code == 200
    assert "Jobs to be done" in response.content.decode()
    response = client.post(url, {"is_hidden": "on", "version": 2}, headers=HX)
    assert response.status_code == 200
    lane.refresh_from_db()
    assert lane.is_hidden
    assert f'id="lane-{lane.pk}"' not in response.content.decode()
    client.post(url, {"is_hidden": "", "version": 3}, headers=HX)
    lane.refresh_from_db()
    assert not lane.is_hidden


def test_move_lane_down_skips_hidden_lanes(client, journey, editor):
    client.force_login(editor)
    lanes = list(journey.lanes.order_by("position"))
    custom, hidden = lanes[-2], lanes[-1]
    assert hidden.is_hidden
    # Put the hidden lane between the metrics lane and the custom lane, then move metrics down.
    Lane.objects.filter(pk=custom.pk).update(position=99)
    Lane.objects.filter(pk=hidden.pk).update(position=5)
    Lane.objects.filter(pk=custom.pk).update(position=6)
    metrics = lane_of(journey, LaneKind.METRICS)
    client.post(reverse("cjm:lane_move", args=[metrics.pk]), {"direction": "down"}, headers=HX)
    visible = journey.lanes.filter(is_hidden=False).order_by("position")
    assert list(visible)[-1] == metrics


def test_touchpoints_lane_cannot_be_deleted(client, journey, editor):
    client.force_login(editor)
    lane = lane_of(journey, LaneKind.TOUCHPOINTS)
    response = client.delete(reverse("cjm:lane_detail", args=[lane.pk]) + "?version=1", headers=HX)
    assert response.status_code == 400
    assert Lane.objects.filter(pk=lane.pk).exists()


def test_delete_lane(client, journey, editor):
    client.force_login(editor)
    lane = lane_of(journey, LaneKind.GOALS)
    response = client.delete(reverse("cjm:lane_detail", args=[lane.pk]) + "?version=1", headers=HX)
    assert response.status_code == 200
    assert not Lane.objects.filter(pk=lane.pk).exists()


# --- cells ------------------------------------------------------------------------------------


def test_edit_form_then_save_a_cell(client, journey, editor):
    client.force_login(editor)
    lane, stage = lane_of(journey, LaneKind.GOALS), stage_at(journey, 0)
    form = client.get(reverse("cjm:cell_edit", args=[lane.pk, stage.pk]), headers=HX)
    assert 'name="text"' in form.content.decode()
    assert 'name="version" value="1"' in form.content.decode()
    response = client.post(
        reverse("cjm:cell_detail", args=[lane.pk, stage.pk]),
        {"text": "  Find a sofa  ", "version": 1},
        headers=HX,
    )
    assert response.status_code == 200
    assert "Find a sofa" in response.content.decode()
    cell = LaneCell.objects.get(lane=lane, stage=stage)
    assert (cell.text, cell.version) == ("Find a sofa", 2)


def test_first_write_of_a_cell_uses_version_zero(client, journey, editor):
    client.force_login(editor)
    lane = Lane.objects.create(journey=journey, name="Fresh", kind=LaneKind.CUSTOM, position=20)
    stage = stage_at(journey, 1)
    url = reverse("cjm:cell_detail", args=[lane.pk, stage.pk])
    assert client.post(url, {"text": "First", "version": 0}, headers=HX).status_code == 200
    # Someone else wrote it meanwhile: a second "first write" is a conflict, not an overwrite.
    response = client.post(url, {"text": "Also first", "version": 0}, headers=HX)
    assert response.status_code == 409
    assert LaneCell.objects.get(lane=lane, stage=stage).text == "First"


def test_stale_cell_save_is_a_conflict(client, journey, editor, ws_admin):
    lane, stage = lane_of(journey, LaneKind.GOALS), stage_at(journey, 0)
    lane_cell_set(actor=ws_admin, lane=lane, stage=stage, text="Theirs", expected_version=1)
    client.force_login(editor)
    url = reverse("cjm:cell_detail", args=[lane.pk, stage.pk])
    response = client.post(url, {"text": "Mine", "version": 1}, headers=HX)
    assert response.status_code == 409
    assert ws_admin.get_full_name() in response.content.decode()
    assert LaneCell.objects.get(lane=lane, stage=stage).text == "Theirs"


def test_cell_text_too_long_is_shown_in_place(client, journey, editor):
    client.force_login(editor)
    lane, stage = lane_of(journey, LaneKind.GOALS), stage_at(journey, 0)
    url = reverse("cjm:cell_detail", args=[lane.pk, stage.pk])
    version = lane_cell_set(actor=editor, lane=lane, stage=stage, text="Before").version
    # The most a cell holds is saved whole (the textarea has no maxlength to cut it).
    response = client.post(url, {"text": "x" * 10_000, "version": version}, headers=HX)
    assert response.status_code == 200
    assert len(LaneCell.objects.get(lane=lane, stage=stage).text) == 10_000
    edit = client.get(reverse("cjm:cell_edit", args=[lane.pk, stage.pk]), headers=HX)
    assert "maxlength" not in edit.content.decode()
    # One more character: refused whole, with the limit named; nothing half-saved.
    response = client.post(url, {"text": "y" * 10_001, "version": version + 1}, headers=HX)
    html = response.content.decode()
    assert response.status_code == 422
    assert "at most 10,000 characters; this text has 10,001" in html
    assert "<textarea" in html
    assert LaneCell.objects.get(lane=lane, stage=stage).text == "x" * 10_000


def test_cell_of_another_journeys_stage_is_404(client, journey, editor, workspace):
    other = editor_map(workspace, editor, title="Other")
    client.force_login(editor)
    lane = lane_of(journey, LaneKind.GOALS)
    url = reverse("cjm:cell_detail", args=[lane.pk, stage_at(other, 0).pk])
    assert client.post(url, {"text": "x", "version": 0}, headers=HX).status_code == 404


def test_touchpoints_lane_has_no_text_cells(client, journey, editor):
    client.force_login(editor)
    lane = lane_of(journey, LaneKind.TOUCHPOINTS)
    url = reverse("cjm:cell_edit", args=[lane.pk, stage_at(journey, 0).pk])
    assert client.get(url, headers=HX).status_code == 404


def test_set_emotion_answers_with_the_whole_row(client, journey, editor):
    client.force_login(editor)
    lane, stage = lane_of(journey, LaneKind.EMOTIONS), stage_at(journey, 1)
    url = reverse("cjm:cell_detail", args=[lane.pk, stage.pk])
    response = client.post(url, {"emotion_score": "3", "version": 1}, headers=HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith("<tr")
    assert html.count('class="emotion__point ') == 2  # both stages of the row
    assert LaneCell.objects.get(lane=lane, stage=stage).emotion_score == 3
    # Clearing the score
    client.post(url, {"emotion_score": "", "version": 2}, headers=HX)
    assert LaneCell.objects.get(lane=lane, stage=stage).emotion_score is None


def test_emotion_out_of_range_is_refused(client, journey, editor):
    client.force_login(editor)
    lane, stage = lane_of(journey, LaneKind.EMOTIONS), stage_at(journey, 1)
    url = reverse("cjm:cell_detail", args=[lane.pk, stage.pk])
    response = client.post(url, {"emotion_score": "5", "version": 1}, headers=HX)
    assert response.status_code == 400
    assert LaneCell.objects.get(lane=lane, stage=stage).emotion_score == -2


def test_user_without_any_workspace_gets_404(client, journey):
    client.force_login(UserFactory())
    stage = stage_at(journey, 0)
    assert client.get(reverse("cjm:stage_edit", args=[stage.pk]), headers=HX).status_code == 404
