"""Writes for channels, touchpoints, rating history, improvement actions and comments.

The daily reminder of due actions is a job of the notifications slice
(``cjm.notifications.reminders``), which reads ``actions_due_for_reminder`` and writes the marks
with ``action_mark_reminded``."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cjm.core import positions
from cjm.core.changes import (
    CREATED,
    DELETED,
    UPDATED,
    field_value,
    new_values,
    record_object,
    record_on_map,
)
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.tenancy import Workspace
from cjm.core.typing import Actor
from cjm.core.versioning import apply_changes, field_changes, lock_fresh
from cjm.models import Stage
from cjm.services.revisions import maps_showing
from touchpoints.choices import ActionStatus
from touchpoints.models import Channel, Comment, ImprovementAction, RatingChange, Touchpoint

CHANNEL_FIELDS = {"name", "kind", "medium"}
TOUCHPOINT_FIELDS = {
    "name",
    "description",
    "channel",
    "category",
    "owner",
    "team",
    "rating",
    "importance",
    "is_critical",
    "customer_reaction",
}
ACTION_FIELDS = {"title", "description", "assignee", "due_date", "status"}


def _workspace_id_of_stage(stage: Stage) -> int:
    return stage.journey.workspace_id


# --- Channels ------------------------------------------------------------------------------


@transaction.atomic
def channel_create(
    *, actor: Actor, workspace: Workspace, name: str, kind: str, medium: str = "other"
) -> Channel:
    require_role(actor, workspace.pk, Role.EDITOR)
    channel = Channel(workspace=workspace, name=name, kind=kind, medium=medium)
    channel.full_clean()
    channel.save()
    fields = new_values(channel, CHANNEL_FIELDS)
    record_object(actor, channel, CREATED, workspace_id=workspace.pk, fields=fields)
    return channel


@transaction.atomic
def channel_update(*, actor: Actor, channel: Channel, **changes) -> Channel:
    require_role(actor, channel.workspace_id, Role.EDITOR)
    unknown = set(changes) - CHANNEL_FIELDS
    if unknown:
        raise TypeError(f"cannot change {sorted(unknown)} of Channel")
    before = {field: field_value(channel, field) for field in changes}
    for field, value in changes.items():
        setattr(channel, field, value)
    channel.full_clean()
    channel.save()
    record_object(
        actor,
        channel,
        UPDATED,
        workspace_id=channel.workspace_id,
        journey_ids=maps_showing(channel=channel),
        fields=field_changes(channel, before),
    )
    return channel


@transaction.atomic
def channel_delete(*, actor: Actor, channel: Channel) -> None:
    """Delete a channel; touchpoints on it keep existing without a channel."""
    require_role(actor, channel.workspace_id, Role.EDITOR)
    pk, maps = channel.pk, maps_showing(channel=channel)
    channel.delete()
    record_object(
        actor, channel, DELETED, workspace_id=channel.workspace_id, journey_ids=maps, object_id=pk
    )


# --- Touchpoints ---------------------------------------------------------------------------


def _record_rating_change(touchpoint: Touchpoint, old: str, actor: Actor, note: str = "") -> None:
    if old != touchpoint.rating:
        RatingChange.objects.create(
            touchpoint=touchpoint,
            changed_by=actor,
            from_rating=old,
            to_rating=touchpoint.rating,
            note=note,
        )


@transaction.atomic
def touchpoint_create(
    *, actor: Actor, stage: Stage, name: str, position: int | None = None, **fields
) -> Touchpoint:
    """Add a touchpoint to a stage at ``position`` (default: last). A first rating other than
    ``unrated`` is recorded in the rating history."""
    require_role(actor, _workspace_id_of_stage(stage), Role.EDITOR)
    unknown = set(fields) - TOUCHPOINT_FIELDS
    if unknown:
        raise TypeError(f"unknown touchpoint fields {sorted(unknown)}")
    positions.lock(Stage, stage.pk)
    position = positions.make_room(Touchpoint.objects.filter(stage=stage), position)
    touchpoint = Touchpoint(stage=stage, name=name, position=position, updated_by=actor, **fields)
    touchpoint.full_clean()
    touchpoint.save()
    _record_rating_change(touchpoint, "unrated", actor)
    fields = new_values(touchpoint, ["stage", "name", "position", *fields])
    record_on_map(actor, touchpoint, CREATED, journey=stage.journey, fields=fields)
    return touchpoint


@transaction.atomic
def touchpoint_update(
    *,
    actor: Actor,
    touchpoint: Touchpoint,
    expected_version: int | None = None,
    rating_note: str = "",
    **changes,
) -> Touchpoint:
    """Change a touchpoint's fields; a rating change lands in the rating history."""
    require_role(actor, _workspace_id_of_stage(touchpoint.stage), Role.EDITOR)
    old_rating = Touchpoint.objects.values_list("rating", flat=True).get(pk=touchpoint.pk)
    updated = apply_changes(
        touchpoint,
        changes=changes,
        allowed=TOUCHPOINT_FIELDS,
        actor=actor,
        expected_version=expected_version,
    )
    _record_rating_change(updated, old_rating, actor, rating_note)
    fields = updated.changed_fields
    record_on_map(actor, updated, UPDATED, journey=touchpoint.stage.journey, fields=fields)
    return updated


@transaction.atomic
def touchpoint_move(
    *, actor: Actor, touchpoint: Touchpoint, position: int, stage: Stage | None = None
) -> Touchpoint:
    """Move a touchpoint within its stage, or to ``position`` in another stage of the journey."""
    workspace_id = _workspace_id_of_stage(touchpoint.stage)
    require_role(actor, workspace_id, Role.EDITOR)
    source_id = touchpoint.stage_id
    target = stage or touchpoint.stage
    if target.journey_id != touchpoint.stage.journey_id:
        raise ValidationError({"stage": [_("A touchpoint moves only within its journey.")]})
    # Lock both stages in a fixed order so two opposite moves cannot deadlock.
    for stage_id in sorted({source_id, target.pk}):
        positions.lock(Stage, stage_id)
    if target.pk == source_id:
        siblings = Touchpoint.objects.filter(stage_id=source_id)
        positions.move_within(siblings, touchpoint.pk, position)
    else:
        target_siblings = Touchpoint.objects.filter(stage_id=target.pk)
        order = positions.current_order(target_siblings)
        position = positions.clamp(position, len(order))
        Touchpoint.objects.filter(pk=touchpoint.pk).update(
            stage_id=target.pk,
            position=2 * positions.OFFSET,
            version=touchpoint.version + 1,
            updated_by=actor,
            updated_at=timezone.now(),
        )
        order.insert(position, touchpoint.pk)
        positions.renumber(target_siblings, order)
        positions.close_gaps(Touchpoint.objects.filter(stage_id=source_id))
    moved = Touchpoint.objects.get(pk=touchpoint.pk)
    fields = {
        name: {"old": field_value(touchpoint, name), "new": field_value(moved, name)}
        for name in ("stage", "position")
    }
    record_on_map(actor, moved, UPDATED, journey=touchpoint.stage.journey, fields=fields)
    return moved


@transaction.atomic
def touchpoint_delete(
    *, actor: Actor, touchpoint: Touchpoint, expected_version: int | None = None
) -> None:
    require_role(actor, _workspace_id_of_stage(touchpoint.stage), Role.EDITOR)
    positions.lock(Stage, touchpoint.stage_id)
    lock_fresh(touchpoint, expected_version).delete()
    positions.close_gaps(Touchpoint.objects.filter(stage_id=touchpoint.stage_id))
    record_on_map(actor, touchpoint, DELETED, journey=touchpoint.stage.journey)


# --- Improvement actions -------------------------------------------------------------------


def _sync_done_at(action: ImprovementAction, done_at=None) -> None:
    """``done_at`` is set exactly when the action is done: the moment given (when the work was
    really done: never in the future), or now."""
    if done_at is not None:
        if action.status != ActionStatus.DONE:
            raise ValidationError(
                {"done_at": _("Only a done action has a done time: mark it done as well.")}
            )
        if done_at > timezone.now():
            raise ValidationError({"done_at": _("The done time cannot be in the future.")})
        action.done_at = done_at
    elif action.status == ActionStatus.DONE and action.done_at is None:
        action.done_at = timezone.now()
    elif action.status != ActionStatus.DONE:
        action.done_at = None


@transaction.atomic
def action_create(
    *,
    actor: Actor,
    touchpoint: Touchpoint,
    title: str,
    description: str = "",
    assignee=None,
    due_date=None,
    status: str = ActionStatus.OPEN,
    done_at=None,
) -> ImprovementAction:
    require_role(actor, _workspace_id_of_stage(touchpoint.stage), Role.EDITOR)
    action = ImprovementAction(
        touchpoint=touchpoint,
        title=title,
        description=description,
        assignee=assignee,
        due_date=due_date,
        status=status,
        created_by=actor,
        updated_by=actor,
    )
    _sync_done_at(action, done_at)
    action.full_clean()
    action.save()
    fields = new_values(action, ["touchpoint", "title", "assignee", "due_date", "status"])
    record_on_map(actor, action, CREATED, journey=touchpoint.stage.journey, fields=fields)
    return action


@transaction.atomic
def action_update(
    *, actor: Actor, action: ImprovementAction, expected_version: int | None = None, **changes
) -> ImprovementAction:
    """Change an action. Editors may change anything; the assignee (even a viewer) may move
    their own action through its statuses (and say when they did it: ``done_at``, a moment
    not in the future, with or after ``status="done"``)."""
    workspace_id = _workspace_id_of_stage(action.touchpoint.stage)
    done_at = changes.pop("done_at", None)
    own_status_change = (
        actor is not None and action.assignee_id == actor.pk and set(changes) <= {"status"}
    )
    require_role(actor, workspace_id, Role.VIEWER if own_status_change else Role.EDITOR)
    unknown = set(changes) - ACTION_FIELDS
    if unknown:
        raise TypeError(f"cannot change {sorted(unknown)} of ImprovementAction")
    fresh = lock_fresh(action, expected_version)
    before = {field: field_value(fresh, field) for field in [*changes, "done_at"]}
    for field, value in changes.items():
        setattr(fresh, field, value)
    _sync_done_at(fresh, done_at)
    fresh.full_clean()
    fresh.version += 1
    fresh.updated_by = actor
    fresh.save()
    fields = field_changes(fresh, before)
    record_on_map(actor, fresh, UPDATED, journey=action.touchpoint.stage.journey, fields=fields)
    return fresh


@transaction.atomic
def action_delete(
    *, actor: Actor, action: ImprovementAction, expected_version: int | None = None
) -> None:
    require_role(actor, _workspace_id_of_stage(action.touchpoint.stage), Role.EDITOR)
    lock_fresh(action, expected_version).delete()
    record_on_map(actor, action, DELETED, journey=action.touchpoint.stage.journey)


@transaction.atomic
def action_mark_reminded(*, action_ids: list[int], on_date) -> int:
    """Record that today's reminder for these actions went out (system write, idempotent)."""
    return (
        ImprovementAction.objects.filter(pk__in=action_ids)
        .exclude(last_reminded_on=on_date)
        .update(last_reminded_on=on_date)
    )


# --- Comments ------------------------------------------------------------------------------


@transaction.atomic
def comment_create(
    *, actor: Actor, body: str, touchpoint: Touchpoint | None = None, stage: Stage | None = None
) -> Comment:
    """Comment on a touchpoint or a stage. Viewers may comment: discussion is not editing."""
    if (touchpoint is None) == (stage is None):
        raise ValidationError(_("A comment is on a touchpoint or on a stage."))
    target_stage = touchpoint.stage if touchpoint is not None else stage
    assert target_stage is not None  # exactly one of the two, checked above
    require_role(actor, _workspace_id_of_stage(target_stage), Role.VIEWER)
    comment = Comment(touchpoint=touchpoint, stage=stage, author=actor, body=body)
    comment.full_clean()
    comment.save()
    fields = new_values(comment, ["touchpoint", "stage", "body"])
    record_on_map(actor, comment, CREATED, journey=target_stage.journey, fields=fields)
    return comment


@transaction.atomic
def comment_delete(*, actor: Actor, comment: Comment) -> None:
    """Authors delete their own comments; editors delete any."""
    stage = comment.stage or comment.touchpoint.stage  # type: ignore[union-attr]  # one of them
    own = actor is not None and comment.author_id == actor.pk
    require_role(actor, _workspace_id_of_stage(stage), Role.VIEWER if own else Role.EDITOR)
    pk = comment.pk
    comment.delete()
    record_on_map(actor, comment, DELETED, journey=stage.journey, object_id=pk)
