"""Writes of share links and map templates (actor, role check, validation, one transaction)."""

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cjm.choices import LaneKind
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.tenancy import Workspace
from cjm.core.typing import Actor
from cjm.models import Journey, Lane
from cjm.services import journey_create, lane_cell_set
from touchpoints.models import Channel
from touchpoints.services import channel_create, touchpoint_create

from . import builtin
from .models import JourneyTemplate, ShareLink

# --- Share links ---------------------------------------------------------------------------


@transaction.atomic
def share_link_create(
    *, actor: Actor, journey: Journey, expires_at=None, password: str = ""
) -> ShareLink:
    """A new read-only link to ``journey`` (editors and admins)."""
    require_role(actor, journey.workspace_id, Role.EDITOR)
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": [_("The expiry must be in the future.")]})
    link = ShareLink(
        journey=journey,
        expires_at=expires_at,
        password=make_password(password) if password else "",
        created_by=actor,
    )
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def share_link_revoke(*, actor: Actor, link: ShareLink) -> ShareLink:
    """Revoke a link for good: it answers 404 from now on (revoking twice changes nothing)."""
    require_role(actor, link.journey.workspace_id, Role.EDITOR)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.revoked_by = actor
        link.save(update_fields=["revoked_at", "revoked_by"])
    return link


def share_link_password_ok(link: ShareLink, password: str) -> bool:
    return bool(link.password) and check_password(password, link.password)


# --- Templates -----------------------------------------------------------------------------


def journey_structure(journey: Journey) -> dict:
    """The structure of a map for a template: stages, lanes, text cells, touchpoints with their
    channels' names. No owners, teams, ratings, emotion scores, personas or customer data."""
    lanes = list(journey.lanes.order_by("position"))
    lane_index = {lane.pk: index for index, lane in enumerate(lanes)}
    stages = list(
        journey.stages.order_by("position").prefetch_related("cells", "touchpoints__channel")
    )
    used: dict[str, Channel] = {}
    stage_data = []
    for stage in stages:
        touchpoints = sorted(stage.touchpoints.all(), key=lambda tp: tp.position)
        for tp in touchpoints:
            if tp.channel is not None:
                used.setdefault(tp.channel.name, tp.channel)
        cells = [
            [lane_index[cell.lane_id], cell.text]
            for cell in sorted(stage.cells.all(), key=lambda cell: lane_index[cell.lane_id])
            if cell.text
        ]
        stage_data.append(
            {
                "name": stage.name,
                "description": stage.description,
                "cells": cells,
                "touchpoints": [
                    {
                        "name": tp.name,
                        "description": tp.description,
                        "channel": tp.channel.name if tp.channel is not None else None,
                        "category": tp.category,
                    }
                    for tp in touchpoints
                ],
            }
        )
    return {
        "lanes": [
            {"kind": lane.kind, "name": lane.name, "is_hidden": lane.is_hidden} for lane in lanes
        ],
        "stages": stage_data,
        "channels": [{"name": c.name, "kind": c.kind, "medium": c.medium} for c in used.values()],
    }


@transaction.atomic
def journey_template_save(*, actor: Actor, journey: Journey, name: str) -> JourneyTemplate:
    """Save the structure of ``journey`` as a template of its workspace (editors)."""
    require_role(actor, journey.workspace_id, Role.EDITOR)
    template = JourneyTemplate(
        workspace_id=journey.workspace_id,
        name=(name or "").strip(),
        language=_language_of(actor),
        structure=journey_structure(journey),
        source_journey=journey,
        created_by=actor,
    )
    template.full_clean()
    template.save()
    return template


def _language_of(actor: Actor) -> str:
    """The language of the request being served (the user's saved one after sign-in)."""
    language = (translation.get_language() or "en")[:2]
    return language if language in builtin.LANGUAGES else "en"


def template_structure(*, workspace: Workspace, template: str, language: str) -> tuple[str, dict]:
    """The name and structure of template ``template`` (a built-in id ``"key:lang"`` or
    ``"key"``, or a workspace template's id) for a map of ``workspace``. A built-in without a
    language follows ``language``. Unknown or another workspace's template: ValidationError."""
    template = str(template).strip()
    key, _sep, lang = template.partition(":")
    if key in builtin.TEMPLATES:
        lang = lang or language
        if lang not in builtin.LANGUAGES:
            lang = "en"
        return builtin.builtin_name(key, lang), builtin.builtin_structure(key, lang)
    if template.isdigit():
        found = JourneyTemplate.objects.filter(workspace=workspace, pk=int(template)).first()
        if found is not None:
            return found.name, found.structure
    raise ValidationError({"template": [_("No such template in this workspace.")]})


@transaction.atomic
def journey_create_from_template(
    *, actor: Actor, workspace: Workspace, template: str, language: str = "en", **fields
) -> Journey:
    """A new map from a template: its lanes, stages, text cells and touchpoints; channels are
    matched by name in the workspace and created when missing. One transaction."""
    require_role(actor, workspace.pk, Role.EDITOR)
    name, structure = template_structure(workspace=workspace, template=template, language=language)
    fields.setdefault("title", name)
    stages = structure.get("stages", [])
    journey = journey_create(
        actor=actor,
        workspace=workspace,
        stage_names=[stage["name"] for stage in stages],
        with_standard_lanes=False,
        **fields,
    )
    lanes = Lane.objects.bulk_create(
        Lane(
            journey=journey,
            kind=lane["kind"] if lane["kind"] in LaneKind.values else LaneKind.CUSTOM,
            name=lane["name"][:200],
            is_hidden=bool(lane.get("is_hidden")),
            position=index,
            updated_by=actor,
        )
        for index, lane in enumerate(structure.get("lanes", []))
    )
    channels = _channels(actor, workspace, structure.get("channels", []))
    for stage, data in zip(journey.stages.order_by("position"), stages, strict=True):
        if data.get("description"):
            stage.description = data["description"]
            stage.save(update_fields=["description"])
        for lane_index, text in data.get("cells", []):
            if 0 <= lane_index < len(lanes):
                lane_cell_set(actor=actor, lane=lanes[lane_index], stage=stage, text=text)
        for tp in data.get("touchpoints", []):
            extra: dict[str, str] = {"description": tp.get("description") or ""}
            if tp.get("category"):
                extra["category"] = tp["category"]
            channel = channels.get((tp.get("channel") or "").casefold())
            touchpoint_create(
                actor=actor, stage=stage, name=tp["name"], position=None, channel=channel, **extra
            )
    return journey


def _channels(actor: Actor, workspace: Workspace, wanted: list[dict]) -> dict:
    """The workspace's channels by case-folded name, the template's missing ones created."""
    existing = {c.name.casefold(): c for c in Channel.objects.filter(workspace=workspace)}
    for spec in wanted:
        if spec["name"].casefold() not in existing:
            channel = channel_create(
                actor=actor,
                workspace=workspace,
                name=spec["name"],
                kind=spec.get("kind") or "online",
                medium=spec.get("medium") or "other",
            )
            existing[channel.name.casefold()] = channel
    return existing
