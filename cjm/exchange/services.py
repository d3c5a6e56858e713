"""Writes of the exchange slice: a journey imported from an exchange document.

All or nothing: the document is checked completely before the first row is written, and the
writes share one transaction. Channels, teams, segments and personas are matched by name in the
target workspace (an existing one is reused as it is) and created when missing; people are
matched by e-mail (or user name) among the workspace's members. A person who is not a member
is not dropped silently: the touchpoint or action comes in unassigned and the result lists it.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from cjm.core.changes import CREATED, new_values, record_object, record_on_map
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.scoping import workspace_member_list
from cjm.core.tenancy import Team, Workspace
from cjm.core.typing import Actor
from cjm.models import Journey, Lane, LaneCell, Stage
from personas.models import Persona, Segment
from touchpoints.choices import ActionStatus
from touchpoints.models import Channel, ImprovementAction, Touchpoint

from .export import PERSONA_TEXTS
from .validation import Problem, validate_document


@dataclass
class ImportResult:
    journey: Journey
    warnings: list[Problem] = field(default_factory=list)


class _People:
    def __init__(self, workspace: Workspace):
        self.by_key: dict[str, User] = {}
        for user in workspace_member_list(workspace_id=workspace.pk):
            self.by_key.setdefault(user.username, user)
            if user.email:
                self.by_key[user.email.lower()] = user
        self.warnings: list[Problem] = []

    def find(self, key: str | None, pointer: str):
        if not key:
            return None
        user = self.by_key.get(key.lower()) or self.by_key.get(key)
        if user is None:
            self.warnings.append(
                Problem(
                    pointer,
                    _("“%s” is not a member of this workspace: imported unassigned.") % key,
                )
            )
        return user


def _by_name(model, workspace: Workspace, items: list[dict], actor, make) -> dict:
    """The workspace's rows of ``model`` by name, creating those of ``items`` it lacks."""
    rows = {row.name: row for row in model.objects.filter(workspace=workspace)}
    for item in items:
        if item["name"] not in rows:
            row = make(item)
            row.save()
            rows[row.name] = row
            record_object(actor, row, CREATED, workspace_id=workspace.pk, journey_ids=[],
                          fields=new_values(row, ["name"]))  # fmt: skip
    return rows


@transaction.atomic
def journey_import(*, actor: Actor, workspace: Workspace, document) -> ImportResult:
    """Create a journey from an exchange document (``cjm.exchange.validation`` explains
    what is checked); raise ``ImportRejected`` and write nothing when it does not fit."""
    require_role(actor, workspace.pk, Role.EDITOR)
    known = {
        "channels": set(Channel.objects.filter(workspace=workspace).values_list("name", flat=True)),
        "teams": set(Team.objects.filter(workspace=workspace).values_list("name", flat=True)),
        "segments": set(Segment.objects.filter(workspace=workspace).values_list("name", flat=True)),
    }
    validate_document(document, known=known)
    data = document["journey"]
    segments = _by_name(Segment, workspace, data.get("segments", []), actor, lambda item: Segment(
        workspace=workspace, name=item["name"], description=item.get("description", "")
    ))  # fmt: skip
    channels = _by_name(Channel, workspace, data.get("channels", []), actor, lambda item: Channel(
        workspace=workspace, name=item["name"], kind=item["kind"],
        medium=item.get("medium", "other")))  # fmt: skip
    teams = _by_name(Team, workspace, data.get("teams", []), actor, lambda item: Team(
        workspace=workspace, name=item["name"], description=item.get("description", "")
    ))  # fmt: skip
    personas = _personas(actor, workspace, data.get("personas", []), segments, channels)
    journey = Journey(
        workspace=workspace,
        title=data["title"],
        description=data.get("description", ""),
        segment=segments.get(data.get("segment")),
        state=data.get("state", "current"),
        status=data.get("status", "draft"),
        created_by=actor,
        updated_by=actor,
    )
    journey.save()
    journey.personas.set([personas[p["name"]] for p in data.get("personas", [])])
    people = _People(workspace)
    # Stages without a step get steps of their own, after every step the document names.
    given = [stage["step"] for stage in data["stages"] if stage.get("step") is not None]
    spare = max(given, default=-1) + 1
    stages = Stage.objects.bulk_create(
        Stage(
            journey=journey,
            position=index,
            step=stage["step"] if stage.get("step") is not None else spare + index,
            is_optional=stage.get("is_optional", False),
            updated_by=actor,
            name=stage["name"],
            description=stage.get("description", ""),
            moment_of_truth=stage.get("moment_of_truth", ""),
            purchase_phase=stage.get("purchase_phase", ""),
        )  # fmt: skip
        for index, stage in enumerate(data["stages"])
    )
    _lanes(actor, journey, data.get("lanes", []), stages)
    _touchpoints(actor, data["stages"], stages, channels, teams, people)
    fields = new_values(journey, ["title", "state", "status"]) | {
        "imported": {"old": None, "new": True}
    }
    record_on_map(actor, journey, CREATED, journey=journey, fields=fields)
    return ImportResult(journey=journey, warnings=people.warnings)


def _personas(actor, workspace, items, segments, channels) -> dict:
    created = []

    def make(item):
        persona = Persona(workspace=workspace, name=item["name"],
                          segment=segments.get(item.get("segment")),
                          **{name: item.get(name, "") for name in PERSONA_TEXTS})  # fmt: skip
        created.append((persona, item))
        return persona

    rows = _by_name(Persona, workspace, items, actor, make)
    for persona, item in created:
        persona.preferred_channels.set(
            [channels[name] for name in item.get("preferred_channels", [])]
        )
    return rows


def _lanes(actor, journey, items, stages) -> None:
    lanes = Lane.objects.bulk_create(
        Lane(
            journey=journey,
            kind=lane["kind"],
            name=lane["name"],
            position=index,
            is_hidden=lane.get("is_hidden", False),
            updated_by=actor,
        )  # fmt: skip
        for index, lane in enumerate(items)
    )
    LaneCell.objects.bulk_create(
        LaneCell(
            lane=lane,
            stage=stages[cell["stage"]],
            text=cell.get("text", ""),
            emotion_score=cell.get("emotion_score"),
            updated_by=actor,
        )  # fmt: skip
        for lane, item in zip(lanes, items, strict=True)
        for cell in item.get("cells", [])
    )


def _touchpoints(actor, stage_items, stages, channels, teams, people) -> None:
    rows, actions = [], []
    for s_index, (stage, item) in enumerate(zip(stages, stage_items, strict=True)):
        for t_index, tp in enumerate(item.get("touchpoints", [])):
            base = f"/journey/stages/{s_index}/touchpoints/{t_index}"
            rows.append(Touchpoint(
                stage=stage, position=t_index, updated_by=actor, name=tp["name"],
                description=tp.get("description", ""), channel=channels.get(tp.get("channel")),
                category=tp.get("category", "service"),
                owner=people.find(tp.get("owner"), f"{base}/owner"),
                team=teams.get(tp.get("team")), rating=tp.get("rating", "unrated"),
                importance=tp.get("importance", 5), is_critical=tp.get("is_critical", False),
                customer_reaction=tp.get("customer_reaction", ""),
            ))  # fmt: skip
            actions.append([(a, f"{base}/actions/{a_index}/assignee")
                            for a_index, a in enumerate(tp.get("actions", []))])  # fmt: skip
    Touchpoint.objects.bulk_create(rows)
    now = timezone.now()
    ImprovementAction.objects.bulk_create(
        _action(actor, touchpoint, action, people.find(action.get("assignee"), pointer), now)
        for touchpoint, items in zip(rows, actions, strict=True)
        for action, pointer in items
    )


def _action(actor, touchpoint, item, assignee, now) -> ImprovementAction:
    status = item.get("status", ActionStatus.OPEN)
    done_at = None
    if status == ActionStatus.DONE:
        done_at = parse_datetime(item["done_at"]) if item.get("done_at") else now
    return ImprovementAction(
        touchpoint=touchpoint,
        title=item["title"],
        description=item.get("description", ""),
        assignee=assignee,
        due_date=parse_date(item["due_date"]) if item.get("due_date") else None,
        status=status,
        done_at=done_at,
        created_by=actor,
        updated_by=actor,
    )
