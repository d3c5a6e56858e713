"""Map editor endpoints for stages, lanes and cells: permissions, writes through the services,
validation errors in place, stale edits (409) and the read-only map for viewers."""

import pytest
from django.urls import reverse

from cjm.choices import LaneKind
from cjm.models import Lane, LaneCell, Stage
from cjm.services import lane_cell_set, stage_update
from tests.cjm.editor_helpers import HX, editor_map, lane_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def journey(workspace, editor):
    return editor_map(workspace, editor, title="Checkout")


def stage_at(journey, position):
    return journey.stages.get(position=position)


def endpoints(journey):
    """(method, url, data, is_write) for every htmx endpoint of this module."""
    stage = stage_at(journey, 0)
    goals = lane_of(journey, LaneKind.GOALS)
    emotions = lane_of(journey, LaneKind.EMOTIONS)
    return [
        ("post", reverse("cjm:stage_list", args=[journey.pk]), {"name": "New"}, True),
        ("get", reverse("cjm:stage_detail", args=[stage.pk]), {}, False),
        ("post", reverse("cjm:stage_detail", args=[stage.pk]), {"name": "X", "version": 1}, True),
        ("delete", reverse("cjm:stage_detail", args=[stage.pk]) + "?version=1", {}, True),
        ("get", reverse("cjm:stage_edit", args=[stage.pk]), {}, True),
        ("post", reverse("cjm:stage_move", args=[stage.pk]), {"position": 1}, True),
        ("post", reverse("cjm:lane_list", args=[journey.pk]), {"name": "Feelings"}, True),
        ("get", reverse("cjm:lane_detail", args=[goals.pk]), {}, False),
        ("post", reverse("cjm:lane_detail", args=[goals.pk]), {"name": "G", "version": 1}, True),
        ("delete", reverse("cjm:lane_detail", args=[goals.pk]) + "?version=1", {}, True),
        ("get", reverse("cjm:lane_edit", args=[goals.pk]), {}, True),
        ("post", reverse("cjm:lane_move", args=[goals.pk]), {"direction": "down"}, True),
        ("get", reverse("cjm:cell_detail", args=[goals.pk, stage.pk]), {}, False),
        (
            "post",
            reverse("cjm:cell_detail", args=[goals.pk, stage.pk]),
            {"text": "Hi", "version": 1},
            True,
        ),
        (
            "post",
            reverse("cjm:cell_detail", args=[emotions.pk, stage.pk]),
            {"emotion_score": 2, "version": 1},
            True,
        ),
        ("get", reverse("cjm:cell_edit", args=[goals.pk, stage.pk]), {}, True),
    ]


def call(client, method, url, data):
    return (
        getattr(client, method)(url, data, headers=HX)
        if data
        else getattr(client, method)(url, headers=HX)
    )


# --- permissions ------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, journey):
    for method, url, data, _write in endpoints(journey):
        response = call(client, method, url, data)
        assert response.status_code == 302, (method, url)
        assert response["Location"].startswith(reverse("login"))


def test_outsider_gets_404_everywhere(client, journey, outsider):
    client.force_login(outsider)
    for method, url, data, _write in endpoints(journey):
        assert call(client, method, url, data).status_code == 404, (method, url)


def test_viewer_may_read_but_every_write_and_edit_form_is_refused(client, journey, viewer):
    client.force_login(viewer)
    before = (Stage.objects.count(), Lane.objects.count(), LaneCell.objects.count())
    for method, url, data, write in endpoints(journey):
        expected = 403 if write else 200
        assert call(client, method, url, data).status_code == expected, (method, url)
    assert (Stage.objects.count(), Lane.objects.count(), LaneCell.objects.count()) == before
    assert stage_at(journey, 0).name == "Checkout stage 0"


def test_editor_may_use_every_endpoint(client, journey, editor):
    client.force_login(editor)
    for method, url, data, _write in endpoints(journey):
        assert call(client, method, url, data).status_code in (200, 409), (method, url)


# --- the page: editor or read-only ------------------------------------------------------------


def test_editor_page_has_edit_controls(client, journey, editor):
    client.force_login(editor)
    html = client.get(reverse("cjm:journey_detail", args=[journey.pk])).content.decode()
    for marker in ("drag-handle", "hx-post", "cell-trigger", "Add a stage", "Add a lane"):
        assert marker in html
    assert "Hidden pains" in html  # under "Hidden lanes", to show it again
    assert "No funnel report yet" in html


def test_viewer_page_is_the_same_map_without_edit_controls(client, journey, viewer):
    client.force_login(viewer)
    html = client.get(reverse("cjm:journey_detail", args=[journey.pk])).content.decode()
    assert "Checkout touchpoint 1.0" in html
    assert "Read only" in html
    for marker in ("drag-handle", "hx-post", "hx-delete", "cell-trigger", "Add a stage"):
        assert marker not in html
    # The drawer opens for viewers too (read only, with comments).
    assert "hx-get" in html


def test_metrics_lane_shows_stage_metrics_when_given(rf, journey, editor):
    from django.template.loader import render_to_string

    from cjm.selectors import journey_map_get
    from cjm.views.pages import map_context

    request = rf.get("/")
    request.user = editor
    request.htmx = True
    full = journey_map_get(user=editor, pk=journey.pk)
    first, second = list(full.stages.all())
    metrics = {
        first.pk: {"entered": 1200, "converted": 300, "drop_off_rate": 0.75},
        second.pk: {"entered": 300, "converted": 270, "drop_off_rate": 0.1},
    }
    html = render_to_string(
        "cjm/partials/_map_grid.html", map_context(request, full, stage_metrics=metrics), request
    )
    assert "No funnel report yet" not in html
    assert "1200" in html and "75%" in html and "10%" in html


# --- stages -----------------------------------------------------------------------------------


def test_add_stage_appends_and_answers_with_the_grid(client, journey, editor):
    client.force_login(editor)
    response = client.post(
        reverse("cjm:stage_list", args=[journey.pk]), {"name": "Use"}, headers=HX
    )
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert [s.name for s in journey.stages.order_by("position")][-1] == "Use"
    # The header's counters follow out of band, once.
    assert response.content.decode().count('id="rating-stats"') == 1


def test_add_stage_at_position(client, journey, editor):
    client.force_login(editor)
    url = reverse("cjm:stage_list", args=[journey.pk])
    client.post(url, {"name": "Between", "position": 1}, headers=HX)
    assert [s.name for s in journey.stages.order_by("position")][1] == "Between"


def test_add_stage_without_name_shows_the_error_in_place(client, journey, editor):
    client.force_login(editor)
    response = client.post(reverse("cjm:stage_list", args=[journey.pk]), {"name": " "}, headers=HX)
    assert response.status_code == 422
    assert response["HX-Retarget"] == "#stage-add"
    assert "This field is required." in response.content.decode()
    assert journey.stages.count() == 2


def test_rename_stage(client, journey, editor):
    client.force_login(editor)
    stage = stage_at(journey, 0)
    response = client.post(
        reverse("cjm:stage_detail", args=[stage.pk]),
        {"name": "Search", "version": stage.version},
        headers=HX,
    )
    assert response.status_code == 200
    assert "Search" in response.content.decode()
    stage.refresh_from_db()
    assert (stage.name, stage.version, stage.updated_by) == ("Search", 2, editor)


def test_rename_stage_too_long_is_shown_in_the_form(client, journey, editor):
    client.force_login(editor)
    stage = stage_at(journey, 0)
    response = client.post(
        reverse("cjm:stage_detail", args=[stage.pk]),
        {"name": "x" * 201, "version": stage.version},
        headers=HX,
    )
    assert response.status_code == 422
    assert "at most 200 characters" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()


def test_stale_stage_rename_is_a_conflict_naming_who_changed_it(client, journey, editor, ws_admin):
    ws_admin.first_name, ws_admin.last_name = "Alice", "Admin"
    ws_admin.save()
    stage = stage_at(journey, 0)
    stage_update(actor=ws_admin, stage=stage, expected_version=1, name="Theirs")
    client.force_login(editor)
    response = client.post(
        reverse("cjm:stage_detail", args=[stage.pk]), {"name": "Mine", "version": 1}, headers=HX
    )
    assert response.status_code == 409
    assert response["HX-Retarget"] == "#editor-alert"
    html = response.content.decode()
    assert "Alice Admin changed this" in html
    assert "Reload" in html
    stage.refresh_from_db()
    assert stage.name == "Theirs"


@pytest.mark.parametrize(
    ("data", "order"),
    [
        ({"position": 0}, [1, 0, 2]),
        ({"direction": "left"}, [1, 0, 2]),
        ({"direction": "right"}, [0, 2, 1]),
        ({"position": 99}, [0, 2, 1]),
    ],
)
def test_move_stage(client, journey, editor, data, order):
    stages = [stage_at(journey, 0), stage_at(journey, 1)]
    stages.append(Stage.objects.create(journey=journey, name="Third", position=2))
    client.force_login(editor)
    response = client.post(reverse("cjm:stage_move", args=[stages[1].pk]), data, headers=HX)
    assert response.status_code == 200
    assert list(journey.stages.order_by("position")) == [stages[i] for i in order]


def test_move_stage_without_a_target_is_a_bad_request(client, journey, editor):
    client.force_login(editor)
    stage = stage_at(journey, 0)
    response = client.post(reverse("cjm:stage_move", args=[stage.pk]), {}, headers=HX)
    assert response.status_code == 400


def test_delete_stage_with_version(client, journey, editor):
    client.force_login(editor)
    stage = stage_at(journey, 0)
    url = reverse("cjm:stage_detail", args=[stage.pk])
    response = client.delete(f"{url}?version={stage.version}", headers=HX)
    assert response.status_code == 200
    assert list(journey.stages.values_list("position", flat=True)) == [0]


def test_delete_stale_stage_is_a_conflict(client, journey, editor):
    client.force_login(editor)
    stage = stage_at(journey, 0)
    stage_update(actor=editor, stage=stage, name="Changed")
    response = client.delete(
        reverse("cjm:stage_detail", args=[stage.pk]) + "?version=1", headers=HX
    )
    assert response.status_code == 409
    assert Stage.objects.filter(pk=stage.pk).exists()


def test_post_without_htmx_redirects_to_the_map(client, journey, editor):
    client.force_login(editor)
    response = client.post(reverse("cjm:stage_list", args=[journey.pk]), {"name": "Plain"})
    assert response.status_code == 302
    assert response["Location"] == reverse("cjm:journey_detail", args=[journey.pk])


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
    response = client.post(url, {"text": "x" * 5001, "version": 1}, headers=HX)
    assert response.status_code == 422
    assert "at most 5000 characters" in response.content.decode()
    assert "<textarea" in response.content.decode()


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
