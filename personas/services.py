"""Writes for segments and personas."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cjm.choices import Role
from cjm.core.changes import CREATED, DELETED, UPDATED, field_value, new_values, record_object
from cjm.core.permissions import require_role
from cjm.core.versioning import apply_changes, field_changes, lock_fresh
from cjm.models import Workspace
from personas.models import Persona, Segment

SEGMENT_FIELDS = {"name", "description"}
PERSONA_FIELDS = {
    "segment",
    "name",
    "role_title",
    "avatar_url",
    "demographic",
    "geographic",
    "psychographic",
    "socio_economic",
    "goals",
    "needs",
    "thoughts",
    "emotions",
    "fears",
    "expectations",
    "quote",
    "preferred_channels",
}


@transaction.atomic
def segment_create(*, actor, workspace: Workspace, name: str, description: str = "") -> Segment:
    require_role(actor, workspace.pk, Role.EDITOR)
    segment = Segment(workspace=workspace, name=name, description=description)
    segment.full_clean()
    segment.save()
    fields = new_values(segment, SEGMENT_FIELDS)
    record_object(actor, segment, CREATED, workspace_id=workspace.pk, fields=fields)
    return segment


@transaction.atomic
def segment_update(*, actor, segment: Segment, **changes) -> Segment:
    require_role(actor, segment.workspace_id, Role.EDITOR)
    unknown = set(changes) - SEGMENT_FIELDS
    if unknown:
        raise TypeError(f"cannot change {sorted(unknown)} of Segment")
    before = {field: field_value(segment, field) for field in changes}
    for field, value in changes.items():
        setattr(segment, field, value)
    segment.full_clean()
    segment.save()
    _record(actor, segment, UPDATED, fields=field_changes(segment, before))
    return segment


def _record(actor, item, verb: str, *, fields=None, object_id=None, maps=None) -> None:
    """A change of a segment or persona: it shows on the maps that name it (cjm/core/changes)."""
    if maps is None:
        maps = list(item.journeys.values_list("pk", flat=True))
    record_object(
        actor,
        item,
        verb,
        workspace_id=item.workspace_id,
        journey_ids=maps,
        fields=fields,
        object_id=object_id,
    )


@transaction.atomic
def segment_delete(*, actor, segment: Segment) -> None:
    """Delete a segment; its personas and journeys stay, without a segment."""
    require_role(actor, segment.workspace_id, Role.EDITOR)
    pk, maps = segment.pk, list(segment.journeys.values_list("pk", flat=True))
    segment.delete()
    _record(actor, segment, DELETED, object_id=pk, maps=maps)


def _check_channels(workspace_id: int, channels: Iterable) -> list:
    from touchpoints.models import Channel

    ids = {getattr(c, "pk", c) for c in channels}
    found = set(
        Channel.objects.filter(workspace_id=workspace_id, pk__in=ids).values_list("pk", flat=True)
    )
    if ids - found:
        raise ValidationError(
            {"preferred_channels": [_("Every channel must belong to this workspace.")]}
        )
    return list(ids)


@transaction.atomic
def persona_create(*, actor, workspace: Workspace, name: str, **fields) -> Persona:
    require_role(actor, workspace.pk, Role.EDITOR)
    unknown = set(fields) - PERSONA_FIELDS
    if unknown:
        raise TypeError(f"unknown persona fields {sorted(unknown)}")
    channels = fields.pop("preferred_channels", ())
    persona = Persona(workspace=workspace, name=name, updated_by=actor, **fields)
    persona.full_clean()
    persona.save()
    persona.preferred_channels.set(_check_channels(workspace.pk, channels))
    fields = new_values(persona, ["name", "segment", *fields])
    record_object(actor, persona, CREATED, workspace_id=workspace.pk, fields=fields)
    return persona


@transaction.atomic
def persona_update(
    *, actor, persona: Persona, expected_version: int | None = None, **changes
) -> Persona:
    require_role(actor, persona.workspace_id, Role.EDITOR)
    if "preferred_channels" in changes:
        changes["preferred_channels"] = _check_channels(
            persona.workspace_id, changes["preferred_channels"]
        )
    updated = apply_changes(
        persona,
        changes=changes,
        allowed=PERSONA_FIELDS,
        actor=actor,
        expected_version=expected_version,
    )
    _record(actor, updated, UPDATED, fields=updated.changed_fields)
    return updated


@transaction.atomic
def persona_delete(*, actor, persona: Persona, expected_version: int | None = None) -> None:
    require_role(actor, persona.workspace_id, Role.EDITOR)
    maps = list(persona.journeys.values_list("pk", flat=True))
    lock_fresh(persona, expected_version).delete()
    _record(actor, persona, DELETED, maps=maps)


@transaction.atomic
def persona_journeys_set(*, actor, persona: Persona, journeys: Iterable) -> list[int]:
    """Make ``persona`` appear on exactly these journeys of its workspace (each changed journey
    goes through ``journey_update``: its version grows). Returns the ids of changed journeys."""
    from cjm.models import Journey
    from cjm.services import journey_update

    require_role(actor, persona.workspace_id, Role.EDITOR)
    wanted = {getattr(j, "pk", j) for j in journeys}
    found = set(
        Journey.objects.filter(workspace_id=persona.workspace_id, pk__in=wanted).values_list(
            "pk", flat=True
        )
    )
    if wanted - found:
        raise ValidationError({"journeys": [_("Every journey must belong to this workspace.")]})
    current = set(persona.journeys.values_list("pk", flat=True))
    changed = sorted(wanted ^ current)
    for journey in Journey.objects.filter(pk__in=changed).prefetch_related("personas"):
        ids = {p.pk for p in journey.personas.all()}
        ids = ids | {persona.pk} if journey.pk in wanted else ids - {persona.pk}
        journey_update(actor=actor, journey=journey, personas=ids)
    return changed
