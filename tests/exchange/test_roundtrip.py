"""Export -> import into another workspace -> export gives the same document (bar
``exported_at``): on both demo journeys, a small complete map and a large generated one."""

import pytest

from cjm.choices import Role
from cjm.core.tenancy import Membership
from cjm.demo.loader import demo_seed
from cjm.exchange.schema import SCHEMA_FILE, schema_text
from cjm.models import Journey
from tests.exchange.conftest import (
    build_map,
    export_json,
    import_json,
    token_client,
    without_time,
)
from tests.factories import MembershipFactory, UserFactory, WorkspaceFactory


def keys_like_ids(data) -> set[str]:
    if isinstance(data, dict):
        found = {key for key in data if key == "id" or key.endswith("_id")}
        return found.union(*(keys_like_ids(value) for value in data.values()))
    if isinstance(data, list):
        return set().union(*(keys_like_ids(value) for value in data))
    return set()


def round_trip(source_client, target_client, journey_id, target_workspace) -> tuple[dict, dict]:
    first = export_json(source_client, journey_id)
    response = import_json(target_client, target_workspace.pk, first)
    assert response.status_code == 201, response.json()
    assert response.json()["warnings"] == []
    second = export_json(target_client, response.json()["journey"])
    return first, second


def test_schema_file_matches_the_models_choices():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text()


def test_schema_is_served(client, editor):
    response = token_client(editor).get("/api/v1/schemas/journey.v1.json")
    assert response.status_code == 200
    assert response.json()["properties"]["format"] == {"const": "cjm.journey"}


def test_small_map_round_trip(map_journey, editor, twin):
    client = token_client(editor)
    first, second = round_trip(client, client, map_journey.pk, twin)
    assert without_time(first) == without_time(second)
    body = first["journey"]
    assert not keys_like_ids(first)
    assert body["personas"][0]["preferred_channels"] == ["Website"]
    assert body["stages"][0]["touchpoints"][0]["owner"] == editor.email
    emotions = next(lane for lane in body["lanes"] if lane["kind"] == "emotions")
    assert [cell["emotion_score"] for cell in emotions["cells"]] == [-3, -2, -1]
    statuses = [a["status"] for s in body["stages"] for t in s["touchpoints"] for a in t["actions"]]
    assert statuses == ["open", "done", "open"]


def test_large_map_round_trip(workspace, editor, twin):
    journey = build_map(workspace, editor, stages=40, per_stage=15)
    client = token_client(editor)
    first, second = round_trip(client, client, journey.pk, twin)
    assert without_time(first) == without_time(second)
    assert sum(len(stage["touchpoints"]) for stage in first["journey"]["stages"]) == 600


@pytest.mark.django_db
def test_demo_journeys_round_trip():
    demo = demo_seed(with_history=False).workspace
    target = WorkspaceFactory(name="Copy of the demo")
    for membership in Membership.objects.filter(workspace=demo):
        MembershipFactory(workspace=target, user=membership.user, role=membership.role)
    admin = Membership.objects.filter(workspace=demo, role=Role.ADMIN).first().user
    client = token_client(admin)
    journeys = list(Journey.objects.filter(workspace=demo))
    assert len(journeys) == 2
    for journey in journeys:
        first, second = round_trip(client, client, journey.pk, target)
        assert without_time(first) == without_time(second)
        assert first["journey"]["stages"] and first["journey"]["personas"]


def test_owner_not_in_target_is_reported_and_imported_unassigned(map_journey, editor, outsider):
    document = export_json(token_client(editor), map_journey.pk)
    response = import_json(
        token_client(outsider), outsider.memberships.get().workspace_id, document
    )
    assert response.status_code == 201
    warnings = response.json()["warnings"]
    assert {
        "pointer": "/journey/stages/0/touchpoints/0/owner",
        "message": warnings[0]["message"],
    } in warnings
    assert editor.email in warnings[0]["message"]
    journey = Journey.objects.get(pk=response.json()["journey"])
    assert not journey.stages.filter(touchpoints__owner__isnull=False).exists()


def test_existing_names_are_reused(map_journey, editor, twin):
    client = token_client(editor)
    document = export_json(client, map_journey.pk)
    for _ in range(2):
        assert import_json(client, twin.pk, document).status_code == 201
    assert twin.channels.count() == 2 and twin.personas.count() == 1 and twin.teams.count() == 1
    assert Journey.objects.filter(workspace=twin, title="Buying a sofa").count() == 2


def test_member_by_username_when_no_email(workspace, editor, twin):
    nomail = UserFactory(username="no_mail", email="")
    MembershipFactory(workspace=workspace, user=nomail)
    MembershipFactory(workspace=twin, user=nomail)
    journey = build_map(workspace, nomail, stages=1, per_stage=1)
    client = token_client(editor)
    first, second = round_trip(client, client, journey.pk, twin)
    assert first["journey"]["stages"][0]["touchpoints"][0]["owner"] == "no_mail"
    assert without_time(first) == without_time(second)
