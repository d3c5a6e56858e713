"""Backups: ``export_workspace`` writes a workspace (maps in the exchange format plus every row);
``import_workspace`` restores it into an empty database with nothing lost: exporting the restored
workspace gives the same file apart from ``exported_at``."""

import datetime
import json

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from cjm.choices import Role
from cjm.core.tenancy import Membership, Team
from cjm.funnels.models import Customer, Event
from feedback.models import Response, Review, Survey
from personas.models import Persona
from tests.factories import (
    ActionFactory,
    CommentFactory,
    LaneCellFactory,
    LaneFactory,
    MembershipFactory,
    PersonaFactory,
    TeamFactory,
    UserFactory,
    WorkspaceFactory,
)
from tests.feedback.factories import (
    InvitationFactory,
    ResponseFactory,
    ReviewFactory,
    SurveyFactory,
)
from tests.funnels.helpers import build_funnel_world, record, store

UTC = datetime.UTC


@pytest.fixture
def full_workspace(workspace, ws_admin, editor, viewer):
    world = build_funnel_world(workspace)
    team = TeamFactory(workspace=workspace, name="Delivery team", lead=editor)
    team.members.set([editor, viewer])
    persona = PersonaFactory(workspace=workspace, name="Busy parent", segment=world.segments[0])
    persona.preferred_channels.set(world.channels)
    world.journey.personas.set([persona])
    lane = LaneFactory(journey=world.journey)
    LaneCellFactory(lane=lane, stage=world.stages[0])
    touchpoint = world.touchpoints[0][0]
    touchpoint.owner, touchpoint.team = editor, team
    touchpoint.save()
    ActionFactory(touchpoint=touchpoint, assignee=viewer)
    CommentFactory(touchpoint=touchpoint, author=editor)
    survey = SurveyFactory(
        workspace=workspace, touchpoint=touchpoint, stage=touchpoint.stage, journey=world.journey
    )
    invitation = InvitationFactory(survey=survey)
    ResponseFactory(survey=survey, invitation=invitation, comment="Курьер опоздал")
    ResponseFactory(survey=survey, score=3)
    ReviewFactory(workspace=workspace, touchpoint=touchpoint)
    at = datetime.datetime(2026, 3, 2, 10, tzinfo=UTC)
    store(
        world,
        [
            record(world, event_id=f"e{n}", customer=f"c{n % 3}", stage=n % 3, at=at, touchpoint=0)
            for n in range(9)
        ],
    )
    # Another workspace's rows must stay out of the file.
    other = WorkspaceFactory(name="Elsewhere")
    MembershipFactory(workspace=other, user=UserFactory(username="stranger"), role=Role.ADMIN)
    build_funnel_world(other)
    return workspace


def _export(workspace_id, path) -> dict:
    call_command("export_workspace", str(workspace_id), str(path))
    return json.loads(path.read_text())


def _without_export_time(document: dict) -> dict:
    document = dict(document)
    document.pop("exported_at")
    document["journeys"] = [
        {k: v for k, v in journey.items() if k != "exported_at"} for journey in document["journeys"]
    ]
    return document


def test_export_flush_import_export_gives_the_same_workspace(full_workspace, tmp_path):
    first = _export(full_workspace.pk, tmp_path / "first.json")
    records = first["records"]
    assert len(records["cjm.Event"]) == 9
    assert len(records["cjm.Customer"]) == 3
    assert len(records["feedback.Response"]) == 2
    assert len(records["cjm.Membership"]) == 3
    assert first["journeys"][0]["format"] == "cjm.journey"  # the exchange format
    assert "stranger" not in json.dumps(first["users"])
    team = next(row for row in records["cjm.Team"] if row["fields"]["name"] == "Delivery team")
    people = {user["username"]: user["key"] for user in first["users"]}
    assert team["fields"]["members"] == sorted([people["eddie_editor"], people["vera_viewer"]])

    if connection.vendor == "postgresql":  # the test's transaction holds deferred FK checks
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    assert not User.objects.exists() and not Event.objects.exists()

    call_command("import_workspace", str(tmp_path / "first.json"))
    second = _export(full_workspace.pk, tmp_path / "second.json")
    assert _without_export_time(second) == _without_export_time(first)
    # What a person sees is back: members with their roles, answers, events, personas.
    assert set(Membership.objects.values_list("user__username", "role")) == {
        ("alice_admin", Role.ADMIN),
        ("eddie_editor", Role.EDITOR),
        ("vera_viewer", Role.VIEWER),
    }
    assert Response.objects.filter(comment="Курьер опоздал").exists()
    assert Event.objects.count() == 9 and Customer.objects.count() == 3
    assert Survey.objects.count() == 1 and Review.objects.count() == 1
    assert Persona.objects.get().preferred_channels.count() == 2
    assert Team.objects.get(name="Delivery team").members.count() == 2
    # Restored people sign in after choosing a password; new rows get fresh ids.
    assert not User.objects.get(username="eddie_editor").has_usable_password()
    assert WorkspaceFactory().pk > full_workspace.pk


def test_restoring_over_the_same_rows_is_refused_and_writes_nothing(full_workspace, tmp_path):
    _export(full_workspace.pk, tmp_path / "ws.json")
    users = User.objects.count()
    with pytest.raises(CommandError, match="already in the database"):
        call_command("import_workspace", str(tmp_path / "ws.json"))
    assert User.objects.count() == users


def test_a_file_that_is_not_a_workspace_export_is_refused(tmp_path, db):
    path = tmp_path / "map.json"
    path.write_text(json.dumps({"format": "cjm.journey", "version": 1}))
    with pytest.raises(CommandError, match="not a cjm.workspace"):
        call_command("import_workspace", str(path))
    with pytest.raises(CommandError, match="No workspace"):
        call_command("export_workspace", "999999", str(tmp_path / "x.json"))
