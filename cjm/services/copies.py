"""Copying a map (typically into its future state): a new draft journey with the original's
stages, lanes, cells and touchpoints; the copy, its stages and its touchpoints each point to their
original by ``copied_from`` (what compare with the original reads, cjm/snapshots)."""

from django.db import transaction

from cjm.core.changes import CREATED, new_values, record_on_map
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.typing import Actor
from cjm.models import Journey, Lane, LaneCell, Stage
from cjm.services.journeys import JOURNEY_FIELDS
from touchpoints.models import Touchpoint


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
