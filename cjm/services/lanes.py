"""Writes of lanes (the rows of a map) and their cells: create, update, move and delete a lane;
write a cell's text and emotion score (a text over the limit is refused whole)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from cjm.choices import CELL_TEXT_MAX, LaneKind
from cjm.core import positions
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.typing import Actor
from cjm.core.versioning import apply_changes, lock_fresh
from cjm.models import Journey, Lane, LaneCell, Stage
from cjm.services.records import record_created, record_deleted, record_updated

LANE_FIELDS = {"name", "is_hidden"}


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
    record_created(actor, lane, ["name", "kind", "position", "is_hidden"], journey=journey)
    return lane


@transaction.atomic
def lane_update(
    *, actor: Actor, lane: Lane, expected_version: int | None = None, **changes
) -> Lane:
    require_role(actor, lane.journey.workspace_id, Role.EDITOR)
    updated = apply_changes(
        lane, changes=changes, allowed=LANE_FIELDS, actor=actor, expected_version=expected_version
    )
    record_updated(actor, updated, journey=lane.journey)
    return updated


@transaction.atomic
def lane_move(*, actor: Actor, lane: Lane, position: int) -> Lane:
    require_role(actor, lane.journey.workspace_id, Role.EDITOR)
    positions.lock(Journey, lane.journey_id)
    positions.move_within(Lane.objects.filter(journey_id=lane.journey_id), lane.pk, position)
    moved = Lane.objects.get(pk=lane.pk)
    fields = {"position": {"old": lane.position, "new": moved.position}}
    record_updated(actor, moved, journey=lane.journey, fields=fields)
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
    record_deleted(actor, lane, journey=lane.journey)


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
        record_created(actor, cell, ["lane", "stage", *changes], journey=lane.journey)
        return cell
    updated = apply_changes(
        cell,
        changes=changes,
        allowed={"text", "emotion_score"},
        actor=actor,
        expected_version=expected_version,
    )
    updated.lane, updated.stage = lane, stage  # for its text in the change record
    record_updated(actor, updated, journey=lane.journey)
    return updated
