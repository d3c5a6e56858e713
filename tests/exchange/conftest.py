"""Fixtures of the exchange tests: token clients, a small but complete map, a large generated
map, and helpers to export, import and compare."""

import datetime
import json

import pytest
from django.utils import timezone
from jsonschema import Draft202012Validator, FormatChecker
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cjm.choices import STANDARD_LANES, LaneKind, Role
from cjm.exchange.schema import SCHEMA_FILE
from cjm.models import Journey, Lane, LaneCell, Stage
from tests.factories import (
    ChannelFactory,
    JourneyFactory,
    MembershipFactory,
    PersonaFactory,
    SegmentFactory,
    TeamFactory,
)
from touchpoints.models import ImprovementAction, Touchpoint


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def token_client(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def validate(document: dict) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator(schema, format_checker=FormatChecker()).validate(document)


def export(client, journey_id: int, fmt: str = "json"):
    response = client.get(f"/api/v1/journeys/{journey_id}/export/?format={fmt}")
    assert response.status_code == 200, response.content[:500]
    return response


def export_json(client, journey_id: int) -> dict:
    document = json.loads(export(client, journey_id).content)
    validate(document)
    return document


def import_json(client, workspace_id: int, document):
    return client.post(
        f"/api/v1/workspaces/{workspace_id}/journey-imports/", document, format="json"
    )


def import_file(client, workspace_id: int, name: str, content: bytes, **extra):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name, content)
    return client.post(
        f"/api/v1/workspaces/{workspace_id}/journey-imports/",
        {"file": upload, **extra},
        format="multipart",
    )


def without_time(document: dict) -> dict:
    return {key: value for key, value in document.items() if key != "exported_at"}


def world_counts(workspace) -> tuple:
    """Everything an import could create in a workspace."""
    return (
        Journey.objects.filter(workspace=workspace).count(),
        Stage.objects.filter(journey__workspace=workspace).count(),
        Touchpoint.objects.filter(stage__journey__workspace=workspace).count(),
        workspace.channels.count(),
        workspace.teams.count(),
        workspace.personas.count(),
        workspace.segments.count(),
    )


def build_map(workspace, owner, *, stages: int = 3, per_stage: int = 2) -> Journey:
    """A map with every kind of content the format carries."""
    segment = SegmentFactory(workspace=workspace, name="Young families")
    web = ChannelFactory(workspace=workspace, name="Website", kind="online", medium="website")
    shop = ChannelFactory(workspace=workspace, name="Shop", kind="offline", medium="store")
    team = TeamFactory(workspace=workspace, name="Delivery team")
    persona = PersonaFactory(workspace=workspace, segment=segment, name="Anna", quote="=SUM(1)")
    persona.preferred_channels.set([web])
    journey = JourneyFactory(
        workspace=workspace, title="Buying a sofa", segment=segment, description="-- draft"
    )
    journey.personas.set([persona])
    stage_rows = Stage.objects.bulk_create(
        Stage(
            journey=journey,
            name=f"Stage {i}",
            position=i,
            step=i,
            moment_of_truth="fmot" if i else "",
        )
        for i in range(stages)
    )
    lanes = Lane.objects.bulk_create(
        Lane(journey=journey, kind=kind, name=str(kind.label), position=i)
        for i, kind in enumerate([*STANDARD_LANES, LaneKind.CUSTOM])
    )
    LaneCell.objects.bulk_create(
        LaneCell(
            lane=lane,
            stage=stage,
            text=f"@{lane.kind} {stage.name}" if lane.kind == "pains" else f"{lane.kind} text",
            emotion_score=(s % 7) - 3 if lane.kind == LaneKind.EMOTIONS else None,
        )
        for lane in lanes
        for s, stage in enumerate(stage_rows)
        if lane.kind != LaneKind.METRICS
    )
    ratings = ["excellent", "so_so", "awful", "unrated"]
    touchpoints = Touchpoint.objects.bulk_create(
        Touchpoint(
            stage=stage,
            name=f"Touchpoint {s}.{t}",
            description="+7 call us" if t == 0 else "",
            channel=web if t % 2 else shop,
            owner=owner if t % 3 == 0 else None,
            team=team if t % 2 == 0 else None,
            rating=ratings[(s + t) % 4],
            importance=(s + t) % 10 + 1,
            is_critical=t == 1,
            position=t,
        )
        for s, stage in enumerate(stage_rows)
        for t in range(per_stage)
    )
    ImprovementAction.objects.bulk_create(
        ImprovementAction(
            touchpoint=tp,
            title=f"Fix {tp.name}",
            assignee=owner,
            due_date=datetime.date(2026, 12, 24),
            status="done" if i % 2 else "open",
            done_at=timezone.now().replace(microsecond=0) if i % 2 else None,
        )
        for i, tp in enumerate(touchpoints[::2])
    )
    return journey


@pytest.fixture
def map_journey(workspace, editor):
    return build_map(workspace, editor)


@pytest.fixture
def twin(other_workspace, editor, viewer, ws_admin):
    """The other workspace with the same people (as editors), so that owners are found."""
    for user in (editor, viewer, ws_admin):
        MembershipFactory(workspace=other_workspace, user=user, role=Role.EDITOR)
    return other_workspace
