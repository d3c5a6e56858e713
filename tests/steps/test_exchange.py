"""The exchange JSON carries steps (0, 1, 2... in column order) and optional flags; a branched,
blueprint map round-trips unchanged; a document with a split step is refused with its place."""

import pytest

from cjm import services
from cjm.choices import Role
from cjm.models import Journey, Stage
from tests.exchange.conftest import build_map, export_json, import_json, token_client, without_time
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def twin(other_workspace, editor, viewer, ws_admin):
    for user in (editor, viewer, ws_admin):
        MembershipFactory(workspace=other_workspace, user=user, role=Role.EDITOR)
    return other_workspace


def test_branched_blueprint_map_round_trips(workspace, editor, twin):
    journey = build_map(workspace, editor, stages=4, per_stage=1)
    stages = list(journey.stages.order_by("position"))
    services.stage_branch_create(actor=editor, stage=stages[2], name="Pick-up")
    services.step_optional_set(actor=editor, stage=stages[1], is_optional=True)
    lane = services.lane_create(actor=editor, journey=journey, name="Staff", kind="frontstage")
    services.lane_cell_set(actor=editor, lane=lane, stage=stages[0], text="Greets")
    client = token_client(editor)
    first = export_json(client, journey.pk)
    rows = [(s["name"], s["step"], s["is_optional"]) for s in first["journey"]["stages"]]
    assert [row[1] for row in rows] == [0, 1, 2, 2, 3]
    assert rows[1][2] is True and rows[3][0] == "Pick-up"
    response = import_json(client, twin.pk, first)
    assert response.status_code == 201, response.json()
    second = export_json(client, response.json()["journey"])
    assert without_time(first) == without_time(second)
    copy = Journey.objects.get(pk=response.json()["journey"])
    assert [s.is_optional for s in copy.stages.order_by("position")] == [
        False,
        True,
        False,
        False,
        False,
    ]


def test_a_split_step_is_refused(workspace, editor, twin):
    journey = build_map(workspace, editor, stages=3, per_stage=1)
    client = token_client(editor)
    document = export_json(client, journey.pk)
    document["journey"]["stages"][2]["step"] = 0
    response = import_json(client, twin.pk, document)
    assert response.status_code == 400
    assert "/journey/stages/2/step" in str(response.json())
    assert not Stage.objects.filter(journey__workspace=twin).exists()
