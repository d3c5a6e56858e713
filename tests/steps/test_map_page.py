"""The map page draws steps (one header over alternative stages, optional steps dashed) and the
service-blueprint lanes below the customer's, with the lines between them; a straight map looks
as before; query counts do not grow with branches or blueprint lanes."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cjm import services
from cjm.choices import LaneKind
from cjm.models import Stage
from tests.cjm.editor_helpers import HX, editor_map

pytestmark = pytest.mark.django_db


def grid_html(client, journey) -> str:
    response = client.get(reverse("cjm:journey_detail", args=[journey.pk]), headers=HX)
    assert response.status_code == 200
    return response.content.decode()


def stage_named(journey, name) -> Stage:
    return journey.stages.get(name=name)


def make_optional(editor, journey, name) -> None:
    services.step_optional_set(actor=editor, stage=stage_named(journey, name), is_optional=True)


def test_straight_map_draws_no_step_headers(client, workspace, editor, viewer):
    journey = editor_map(workspace, editor, stages=3)
    client.force_login(viewer)
    html = grid_html(client, journey)
    assert "map__step" not in html and "data-step-row" not in html
    assert "map__line" not in html
    client.force_login(editor)
    html = grid_html(client, journey)
    # Editors have the (hidden) step row: the drop targets for a dragged stage.
    assert "map__steps map__steps--idle" in html
    assert "Add alternative (branch)" in html


def test_branched_and_optional_steps_have_one_header(client, workspace, editor):
    journey = editor_map(workspace, editor, stages=3, title="B")
    first = stage_named(journey, "B stage 1")
    services.stage_branch_create(actor=editor, stage=first, name="Pick-up")
    services.step_optional_set(
        actor=editor, stage=stage_named(journey, "B stage 0"), is_optional=True
    )
    client.force_login(editor)
    html = grid_html(client, journey)
    headers = re.findall(r'<th scope="colgroup" colspan="(\d)" class="map__step([^"]*)"', html)
    assert headers == [("1", " map__step--optional"), ("2", " map__step--branched"), ("1", "")]
    assert "Step 2" in html and "optional" in html and "2 alternatives" in html
    assert "Move out of step" in html and "Make step required" in html
    # Each branch keeps its own cells: one touchpoints cell per stage column.
    assert html.count('data-stage-id="') >= 4


def test_blueprint_lanes_are_drawn_below_with_lines(client, workspace, editor):
    journey = editor_map(workspace, editor, stages=2, title="P")
    for kind in [LaneKind.EVIDENCE, LaneKind.SUPPORT, LaneKind.FRONTSTAGE, LaneKind.BACKSTAGE]:
        services.lane_create(actor=editor, journey=journey, name=str(kind.label), kind=kind)
    client.force_login(editor)
    html = grid_html(client, journey)
    blueprint = html[html.index("data-blueprint") :]
    order = [
        blueprint.index(text)
        for text in [
            "Line of interaction",
            "map__row--frontstage",
            "Line of visibility",
            "map__row--backstage",
            "Line of internal interaction",
            "map__row--support",
            "map__row--evidence",
        ]
    ]
    assert order == sorted(order)
    page = client.get(reverse("cjm:journey_detail", args=[journey.pk])).content.decode()
    assert "data-blueprint-toggle" in page


def test_russian_labels(client, workspace, editor):
    journey = editor_map(workspace, editor, stages=2, title="R")
    services.lane_create(actor=editor, journey=journey, name="x", kind=LaneKind.FRONTSTAGE)
    services.step_optional_set(
        actor=editor, stage=stage_named(journey, "R stage 0"), is_optional=True
    )
    client.force_login(editor)
    html = client.get(
        reverse("cjm:journey_detail", args=[journey.pk]), headers={**HX, "Accept-Language": "ru"}
    ).content.decode()
    assert "Линия взаимодействия" in html
    assert "Шаг 1" in html


@pytest.mark.parametrize(
    "action, extra, check",
    [
        ("branch", {}, lambda j: j.stages.count() == 3),
        ("optional", {}, lambda j: j.stages.get(position=0).is_optional),
        ("move", {"index": 1}, lambda j: j.stages.get(position=1).name == "S stage 0"),
    ],
)
def test_menu_actions(client, workspace, editor, action, extra, check):
    journey = editor_map(workspace, editor, stages=2, title="S")
    client.force_login(editor)
    url = reverse("cjm:stage_step", args=[stage_named(journey, "S stage 0").pk])
    response = client.post(url, {"action": action, **extra}, headers=HX)
    assert response.status_code == 200
    assert check(journey)


def test_join_by_drag_and_leave(client, workspace, editor):
    journey = editor_map(workspace, editor, stages=3, title="J")
    client.force_login(editor)
    mover, target = stage_named(journey, "J stage 2"), stage_named(journey, "J stage 0")
    url = reverse("cjm:stage_step", args=[mover.pk])
    assert client.post(url, {"action": "join", "target": target.pk}, headers=HX).status_code == 200
    assert stage_named(journey, "J stage 2").step == target.step
    assert stage_named(journey, "J stage 2").position == 1
    assert client.post(url, {"action": "leave"}, headers=HX).status_code == 200
    assert stage_named(journey, "J stage 2").step != target.step


def test_bad_requests_and_rights(client, workspace, editor, viewer, outsider):
    journey = editor_map(workspace, editor, stages=2, title="X")
    url = reverse("cjm:stage_step", args=[stage_named(journey, "X stage 0").pk])
    client.force_login(editor)
    assert client.post(url, {"action": "fly"}, headers=HX).status_code == 400
    assert client.post(url, {"action": "join"}, headers=HX).status_code == 400
    client.force_login(viewer)
    assert client.post(url, {"action": "branch"}, headers=HX).status_code == 403
    client.force_login(outsider)
    assert client.post(url, {"action": "branch"}, headers=HX).status_code == 404
    assert journey.stages.count() == 2


def page_queries(client, journey) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("cjm:journey_detail", args=[journey.pk]))
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_query_count_does_not_grow_with_branches_or_blueprint(client, workspace, editor):
    plain = editor_map(workspace, editor, stages=2, title="Plain")
    rich = editor_map(workspace, editor, stages=5, touchpoints_per_stage=3, title="Rich")
    services.stage_branch_create(actor=editor, stage=stage_named(rich, "Rich stage 2"), name="Alt")
    services.step_optional_set(
        actor=editor, stage=stage_named(rich, "Rich stage 1"), is_optional=True
    )
    for kind in [LaneKind.FRONTSTAGE, LaneKind.BACKSTAGE, LaneKind.SUPPORT, LaneKind.EVIDENCE]:
        services.lane_create(actor=editor, journey=rich, name=str(kind.label), kind=kind)
    client.force_login(editor)
    page_queries(client, plain)  # warm the session and menus
    assert page_queries(client, plain) == page_queries(client, rich)
    for journey in (plain, rich):
        url = reverse("cjm:stage_step", args=[journey.stages.first().pk])
        with CaptureQueriesContext(connection) as plain_count:
            client.post(url, {"action": "optional"}, headers=HX)
        counts = len(plain_count.captured_queries)
        assert counts <= 40, counts
