"""Writes of journeys (maps) themselves: create (with the standard lanes and first stages),
update, delete. Copying a map is in ``copies.py``; its stages and lanes have their own modules."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cjm.choices import STANDARD_LANES
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.tenancy import Workspace
from cjm.core.typing import Actor
from cjm.core.versioning import apply_changes, lock_fresh
from cjm.models import Journey, Lane, Stage
from cjm.services.records import record_created, record_deleted, record_updated
from personas.models import Persona

JOURNEY_FIELDS = {"title", "description", "segment", "personas", "state", "status"}


def _check_personas(workspace_id: int, personas: Iterable) -> list:
    ids = {getattr(p, "pk", p) for p in personas}
    found = set(
        Persona.objects.filter(workspace_id=workspace_id, pk__in=ids).values_list("pk", flat=True)
    )
    if ids - found:
        raise ValidationError({"personas": [_("Every persona must belong to this workspace.")]})
    return list(ids)


@transaction.atomic
def journey_create(
    *,
    actor: Actor,
    workspace: Workspace,
    title: str,
    description: str = "",
    segment=None,
    personas: Iterable = (),
    state: str = "current",
    status: str = "draft",
    stage_names: Iterable[str] = (),
    with_standard_lanes: bool = True,
) -> Journey:
    """Create a map; by default it starts with the standard lanes, and optionally with stages."""
    require_role(actor, workspace.pk, Role.EDITOR)
    journey = Journey(
        workspace=workspace,
        title=title,
        description=description,
        segment=segment,
        state=state,
        status=status,
        created_by=actor,
        updated_by=actor,
    )
    journey.full_clean()
    journey.save()
    journey.personas.set(_check_personas(workspace.pk, personas))
    lanes, stages = [], []
    if with_standard_lanes:
        lanes = Lane.objects.bulk_create(
            Lane(journey=journey, kind=kind, name=str(kind.label), position=index)
            for index, kind in enumerate(STANDARD_LANES)
        )
    for index, name in enumerate(stage_names):
        stage = Stage(journey=journey, name=name, position=index, updated_by=actor)
        stage.full_clean()
        stage.save()
        stages.append(stage)
    record_created(actor, journey, JOURNEY_FIELDS, journey=journey)
    for part in [*lanes, *stages]:
        record_created(actor, part, ["name", "position"], journey=journey)
    return journey


@transaction.atomic
def journey_update(
    *, actor: Actor, journey: Journey, expected_version: int | None = None, **changes
) -> Journey:
    require_role(actor, journey.workspace_id, Role.EDITOR)
    if "personas" in changes:
        changes["personas"] = _check_personas(journey.workspace_id, changes["personas"])
    updated = apply_changes(
        journey,
        changes=changes,
        allowed=JOURNEY_FIELDS,
        actor=actor,
        expected_version=expected_version,
    )
    record_updated(actor, updated, journey=updated)
    return updated


@transaction.atomic
def journey_delete(*, actor: Actor, journey: Journey, expected_version: int | None = None) -> None:
    require_role(actor, journey.workspace_id, Role.EDITOR)
    lock_fresh(journey, expected_version).delete()
    record_deleted(actor, journey, journey=journey)
