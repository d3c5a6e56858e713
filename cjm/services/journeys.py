"""Writes for journeys, stages, lanes and lane cells."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from cjm.choices import CELL_TEXT_MAX, STANDARD_LANES, LaneKind
from cjm.core import positions
from cjm.core.changes import CREATED, DELETED, UPDATED, new_values, record_on_map
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.tenancy import Workspace
from cjm.core.typing import Actor
from cjm.core.versioning import apply_changes, lock_fresh
from cjm.models import Journey, Lane, LaneCell, Stage
from cjm.services import steps
from personas.models import Persona
from touchpoints.models import Touchpoint

JOURNEY_FIELDS = {"title", "description", "segment", "personas", "state", "status"}
STAGE_FIELDS = {"name", "description", "moment_of_truth", "purchase_phase"}
LANE_FIELDS = {"name", "is_hidden"}


def _record_created(actor, instance, names, *, journey) -> None:
    """Change records of this module (cjm/core/changes.py): creations, updates, deletions."""
    fields = new_values(instance, names)
    record_on_map(actor, instance, CREATED, journey=journey, fields=fields)


def _record_updated(actor, updated, *, journey, fields=None) -> None:
    fields = updated.changed_fields if fields is None else fields
    record_on_map(actor, updated, UPDATED, journey=journey, fields=fields)


def _record_deleted(actor, instance, *, journey) -> None:
    record_on_map(actor, instance, DELETED, journey=journey)


# --- Journeys ------------------------------------------------------------------------------


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
    _record_created(actor, journey, JOURNEY_FIELDS, journey=journey)
    for part in [*lanes, *stages]:
        _record_created(actor, part, ["name", "position"], journey=journey)
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
    _record_updated(actor, updated, journey=updated)
    return updated


@transaction.atomic
def journey_delete(*, actor: Actor, journey: Journey, expected_version: int | None = None) -> None:
    require_role(actor, journey.workspace_id, Role.EDITOR)
    lock_fresh(journey, expected_version).delete()
    _record_deleted(actor, journey, journey=journey)


@transaction.atomic
def journey_copy(
    *, actor: Actor, journey: Journey, title: str, state: str | None = None
) -> Journey:
    """Copy a map: stages, lanes, cells and touchpoints (with owners and ratings).

    Improvement actions, comments and rating history stay with the original: the copy is a new
    map (typically the future state of the original) whose work has not started.
    """
    require_role(actor, journey.workspace_id, Role.EDITOR)
    copy = Journey(
        workspace_id=journey.workspace_id,
        title=title,
        description=journey.description,
        segment_id=journey.segment_id,
        state=state or journey.state,
        status="draft",
        created_by=actor,
        updated_by=actor,
        copied_from=journey,
    )
    copy.full_clean()
    copy.save()
    copy.personas.set(journey.personas.all())
    stage_map = {}
    for stage in journey.stages.order_by("position"):
        stage_map[stage.pk] = Stage.objects.create(
            journey=copy,
            name=stage.name,
            description=stage.description,
            position=stage.position,
            step=stage.step,
            is_optional=stage.is_optional,
            moment_of_truth=stage.moment_of_truth,
            purchase_phase=stage.purchase_phase,
            copied_from=stage,
            updated_by=actor,
        )
    lane_map = {}
    for lane in journey.lanes.order_by("position"):
        lane_map[lane.pk] = Lane.objects.create(
            journey=copy,
            kind=lane.kind,
            name=lane.name,
            position=lane.position,
            is_hidden=lane.is_hidden,
            updated_by=actor,
        )
    LaneCell.objects.bulk_create(
        LaneCell(
            lane=lane_map[cell.lane_id],
            stage=stage_map[cell.stage_id],
            text=cell.text,
            emotion_score=cell.emotion_score,
            updated_by=actor,
        )
        for cell in LaneCell.objects.filter(lane__journey=journey)
    )
    Touchpoint.objects.bulk_create(
        Touchpoint(
            stage=stage_map[tp.stage_id],
            name=tp.name,
            description=tp.description,
            channel_id=tp.channel_id,
            category=tp.category,
            owner_id=tp.owner_id,
            team_id=tp.team_id,
            rating=tp.rating,
            importance=tp.importance,
            is_critical=tp.is_critical,
            customer_reaction=tp.customer_reaction,
            position=tp.position,
            copied_from=tp,
            updated_by=actor,
        )
        for tp in Touchpoint.objects.filter(stage__journey=journey)
    )
    fields = new_values(copy, JOURNEY_FIELDS) | {"copy_of": {"old": None, "new": journey.pk}}
    record_on_map(actor, copy, CREATED, journey=copy, fields=fields)
    return copy


# --- Stages --------------------------------------------------------------------------------


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
    _record_created(
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
        _record_updated(actor, updated, journey=stage.journey)
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
    _record_deleted(actor, stage, journey=stage.journey)


# --- Lanes and cells -----------------------------------------------------------------------


@transaction.atomic
def lane_create(
    *,
    actor: Actor,
    journey: Journey,
    name: str,
    kind: str = LaneKind.CUSTOM,
    position: int | None = None,
    is_hidden: bool = False,
) -> Lane:
    require_role(actor, journey.workspace_id, Role.EDITOR)
    positions.lock(Journey, journey.pk)
    position = positions.make_room(Lane.objects.filter(journey=journey), position)
    lane = Lane(
        journey=journey,
        name=name,
        kind=kind,
        position=position,
        is_hidden=is_hidden,
        updated_by=actor,
    )
    lane.full_clean()
    lane.save()
    _record_created(actor, lane, ["name", "kind", "position", "is_hidden"], journey=journey)
    return lane


@transaction.atomic
def lane_update(
    *, actor: Actor, lane: Lane, expected_version: int | None = None, **changes
) -> Lane:
    require_role(actor, lane.journey.workspace_id, Role.EDITOR)
    updated = apply_changes(
        lane, changes=changes, allowed=LANE_FIELDS, actor=actor, expected_version=expected_version
    )
    _record_updated(actor, updated, journey=lane.journey)
    return updated


@transaction.atomic
def lane_move(*, actor: Actor, lane: Lane, position: int) -> Lane:
    require_role(actor, lane.journey.workspace_id, Role.EDITOR)
    positions.lock(Journey, lane.journey_id)
    positions.move_within(Lane.objects.filter(journey_id=lane.journey_id), lane.pk, position)
    moved = Lane.objects.get(pk=lane.pk)
    fields = {"position": {"old": lane.position, "new": moved.position}}
    _record_updated(actor, moved, journey=lane.journey, fields=fields)
    return moved


@transaction.atomic
def lane_delete(*, actor: Actor, lane: Lane, expected_version: int | None = None) -> None:
    """Delete a lane and its cells. The touchpoints lane cannot be deleted (hide it instead):
    touchpoints belong to stages, and the map always has a place to show them."""
    require_role(actor, lane.journey.workspace_id, Role.EDITOR)
    if lane.kind == LaneKind.TOUCHPOINTS:
        raise ValidationError(
            {"kind": [_("The touchpoints lane cannot be deleted; hide it instead.")]}
        )
    positions.lock(Journey, lane.journey_id)
    lock_fresh(lane, expected_version).delete()
    positions.close_gaps(Lane.objects.filter(journey_id=lane.journey_id))
    _record_deleted(actor, lane, journey=lane.journey)


_UNSET = object()


def _check_cell_text(text: str) -> None:
    """A text over the limit is refused whole (never cut), with the limit in the message."""
    if len(text) > CELL_TEXT_MAX:
        message = _(
            "A cell holds at most %(limit)s characters; this text has %(length)s. "
            "Nothing was saved: shorten it and save again."
        ) % {
            "limit": formats.number_format(CELL_TEXT_MAX, force_grouping=True),
            "length": formats.number_format(len(text), force_grouping=True),
        }
        raise ValidationError({"text": [message]})


@transaction.atomic
def lane_cell_set(
    *,
    actor: Actor,
    lane: Lane,
    stage: Stage,
    text=_UNSET,
    emotion_score=_UNSET,
    expected_version: int | None = None,
) -> LaneCell:
    """Write the cell of ``lane`` at ``stage`` (created on first write)."""
    require_role(actor, lane.journey.workspace_id, Role.EDITOR)
    if stage.journey_id != lane.journey_id:
        raise ValidationError({"stage": [_("The stage belongs to another journey.")]})
    positions.lock(Lane, lane.pk)
    cell = LaneCell.objects.filter(lane=lane, stage=stage).first()
    changes = {}
    if text is not _UNSET:
        _check_cell_text(text)
        changes["text"] = text
    if emotion_score is not _UNSET:
        changes["emotion_score"] = emotion_score
    if cell is None:
        if expected_version not in (None, 0):
            # The client saw a cell that has since been deleted with its stage or lane.
            raise ValidationError({"stage": [_("This cell no longer exists.")]})
        cell = LaneCell(lane=lane, stage=stage, updated_by=actor, **changes)
        cell.full_clean()
        cell.save()
        _record_created(actor, cell, ["lane", "stage", *changes], journey=lane.journey)
        return cell
    updated = apply_changes(
        cell,
        changes=changes,
        allowed={"text", "emotion_score"},
        actor=actor,
        expected_version=expected_version,
    )
    updated.lane, updated.stage = lane, stage  # for its text in the change record
    _record_updated(actor, updated, journey=lane.journey)
    return updated
