"""Writes of stages (the columns of a map): create, update, move, delete. Which step a stage
belongs to and the step invariants they keep are in ``steps.py``."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cjm.core import positions
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.typing import Actor
from cjm.core.versioning import apply_changes, lock_fresh
from cjm.models import Journey, Stage
from cjm.services import steps
from cjm.services.records import record_created, record_deleted, record_updated

STAGE_FIELDS = {"name", "description", "moment_of_truth", "purchase_phase"}


@transaction.atomic
def stage_create(
    *,
    actor: Actor,
    journey: Journey,
    name: str,
    position: int | None = None,
    step: int | None = None,
    is_optional: bool | None = None,
    **fields,
) -> Stage:
    """Insert a stage at ``position`` (0-based; default: at the end); later stages shift right.

    ``step`` (default: the next free step) names an existing step to add an alternative to it
    (placed right after the step's last stage unless ``position`` says where; a position away
    from the step is refused) or a new one. A position alone never splits another step: the
    stage lands right after it (cjm/services/steps.py). ``is_optional`` set on a stage joining a
    step applies to the whole step; left out, it follows the step (new steps: required).
    """
    require_role(actor, journey.workspace_id, Role.EDITOR)
    unknown = set(fields) - STAGE_FIELDS
    if unknown:
        raise TypeError(f"unknown stage fields {sorted(unknown)}")
    if step is not None and not 0 <= step <= steps.MAX_STEP:
        raise ValidationError({"step": [_("A step is a whole number from 0.")]})
    positions.lock(Journey, journey.pk)
    existing = list(Stage.objects.filter(journey=journey).order_by("position"))
    mates = [s for s in existing if step is not None and s.step == step]
    if mates and position is None:
        position = mates[-1].position + 1
    elif position is not None and not mates:
        position = steps.landing_index(existing, position, step)
    if is_optional is None:
        is_optional = mates[0].is_optional if mates else False
    position = positions.make_room(Stage.objects.filter(journey=journey), position)
    stage = Stage(
        journey=journey,
        name=name,
        position=position,
        step=step,  # type: ignore[misc]  # None: Stage.save gives the next free step
        is_optional=is_optional,
        updated_by=actor,
        **fields,
    )
    stage.full_clean(exclude=["step"])
    stage.save()
    record_created(
        actor, stage, ["name", "position", "step", "is_optional", *fields], journey=journey
    )
    if mates and mates[0].is_optional != is_optional:
        before = list(Stage.objects.filter(journey=journey).order_by("position"))
        after = steps._copies(before)
        for s in after:
            if s.step == stage.step:
                s.is_optional = is_optional
        steps.save_layout(actor=actor, journey=journey, before=before, after=after)
    else:
        steps.check_steps(list(Stage.objects.filter(journey=journey).order_by("position")))
    return stage


STEP_FIELDS = {"step", "is_optional"}


@transaction.atomic
def stage_update(
    *, actor: Actor, stage: Stage, expected_version: int | None = None, **changes
) -> Stage:
    """Change a stage's fields. ``step`` and ``is_optional`` keep the step invariants
    (cjm/services/steps.py): a step that would not be adjacent is refused, an optional flag
    applies to the whole step."""
    require_role(actor, stage.journey.workspace_id, Role.EDITOR)
    step_changes = {name: changes.pop(name) for name in STEP_FIELDS & set(changes)}
    if changes or not step_changes:
        updated = apply_changes(
            stage,
            changes=changes,
            allowed=STAGE_FIELDS,
            actor=actor,
            expected_version=expected_version,
        )
        record_updated(actor, updated, journey=stage.journey)
    else:
        positions.lock(Journey, stage.journey_id)
        updated = lock_fresh(stage, expected_version)
    if step_changes:
        positions.lock(Journey, stage.journey_id)
        steps.stage_step_set(
            actor=actor,
            journey=stage.journey,
            stage=updated,
            step=step_changes.get("step"),
            is_optional=step_changes.get("is_optional"),
            before=list(Stage.objects.filter(journey_id=stage.journey_id).order_by("position")),
        )
        updated = Stage.objects.get(pk=stage.pk)
    return updated


@transaction.atomic
def stage_move(*, actor: Actor, stage: Stage, position: int) -> Stage:
    """Move a stage by position. It never lands inside another step (then right after it) and
    leaves its own step when no longer next to its step-mates (cjm/services/steps.py)."""
    require_role(actor, stage.journey.workspace_id, Role.EDITOR)
    journey = positions.lock(Journey, stage.journey_id)
    before = list(Stage.objects.filter(journey_id=stage.journey_id).order_by("position"))
    after = steps.place_by_position(before, stage.pk, position)
    steps.save_layout(actor=actor, journey=journey, before=before, after=after, main=stage)
    return Stage.objects.get(pk=stage.pk)


@transaction.atomic
def stage_delete(*, actor: Actor, stage: Stage, expected_version: int | None = None) -> None:
    """Delete a stage with everything on it: its touchpoints (and their actions, comments and
    rating history) and its lane cells. The remaining stages close ranks."""
    require_role(actor, stage.journey.workspace_id, Role.EDITOR)
    positions.lock(Journey, stage.journey_id)
    lock_fresh(stage, expected_version).delete()
    positions.close_gaps(Stage.objects.filter(journey_id=stage.journey_id))
    record_deleted(actor, stage, journey=stage.journey)
