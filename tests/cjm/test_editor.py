"""Map editor endpoints for stages, lanes and cells: permissions, writes through the services,
validation errors in place, stale edits (409) and the read-only map for viewers."""

import pytest
from django.urls import reverse

from cjm.choices import LaneKind
from cjm.models import Lane, LaneCell, Stage
from cjm.services import stage_update
from tests.cjm.editor_helpers import HX, editor_map, lane_of

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

    from cjm.map.render import map_context
    from cjm.selectors import journey_map_get

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


def test_stage_form_sets_moment_of_truth_and_purchase_phase(client, journey, editor):
    client.force_login(editor)
    stage = stage_at(journey, 0)
    form = client.get(reverse("cjm:stage_edit", args=[stage.pk]), headers=HX).content.decode()
    assert 'name="moment_of_truth"' in form and 'name="purchase_phase"' in form
    url = reverse("cjm:stage_detail", args=[stage.pk])
    fields = {"name": stage.name, "moment_of_truth": "zmot", "purchase_phase": "before"}
    response = client.post(url, {**fields, "version": stage.version}, headers=HX)
    assert response.status_code == 200
    assert "ZMOT" in response.content.decode() and "Before purchase" in response.content.decode()
    stage.refresh_from_db()
    assert (stage.moment_of_truth, stage.purchase_phase) == ("zmot", "before")
    bad = client.post(url, {**fields, "moment_of_truth": "xmot", "version": stage.version})
    assert bad.status_code == 422 and "xmot is not one of the available choices" in (
        bad.content.decode()
    )
    stage.refresh_from_db()
    assert stage.moment_of_truth == "zmot"


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


def test_grid_drawn_after_an_edit_keeps_the_funnel_metrics(client, journey, editor, monkeypatch):
    stage = stage_at(journey, 0)
    metrics = {stage.pk: {"entered": 321, "converted": 123, "drop_off_rate": 0.5, "is_worst": True}}
    monkeypatch.setattr("cjm.map.render.stage_metrics_latest", lambda journey: metrics)
    client.force_login(editor)
    url = reverse("cjm:stage_move", args=[stage.pk])
    response = client.post(url, {"direction": "right"}, headers=HX)
    html = response.content.decode()
    assert "321" in html and "No funnel report yet" not in html
