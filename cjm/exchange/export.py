"""The whole map as the versioned, id-free exchange document (format ``cjm.journey`` v1).

A constant number of queries whatever the map's size.
"""

from django.db.models import Prefetch
from django.utils import timezone

from cjm.models import Journey, Lane, LaneCell, Stage
from personas.models import Persona
from touchpoints.models import ImprovementAction, Touchpoint

FORMAT, VERSION = "cjm.journey", 1


def person_key(user) -> str | None:
    """People travel by e-mail (by user name when they have none)."""
    if user is None:
        return None
    return user.email.lower() if user.email else user.username


def _date(value) -> str | None:
    return value.isoformat() if value else None


def journey_for_export(journey: Journey) -> Journey:
    """The journey with everything the document needs, prefetched."""
    actions = ImprovementAction.objects.select_related("assignee").order_by("created_at", "id")
    touchpoints = Touchpoint.objects.select_related("channel", "owner", "team").prefetch_related(
        Prefetch("actions", queryset=actions)
    )
    personas = Persona.objects.select_related("segment").prefetch_related("preferred_channels")
    return (
        Journey.objects.select_related("segment")
        .prefetch_related(
            Prefetch("personas", queryset=personas.order_by("name")),
            Prefetch(
                "stages",
                queryset=Stage.objects.order_by("position").prefetch_related(
                    Prefetch("touchpoints", queryset=touchpoints.order_by("position"))
                ),
            ),
            Prefetch(
                "lanes",
                queryset=Lane.objects.order_by("position").prefetch_related(
                    Prefetch("cells", queryset=LaneCell.objects.order_by("stage__position"))
                ),
            ),
        )
        .get(pk=journey.pk)
    )


def _touchpoint(tp: Touchpoint) -> dict:
    return {
        "name": tp.name,
        "description": tp.description,
        "channel": tp.channel.name if tp.channel else None,
        "category": tp.category,
        "owner": person_key(tp.owner),
        "team": tp.team.name if tp.team else None,
        "rating": tp.rating,
        "importance": tp.importance,
        "is_critical": tp.is_critical,
        "customer_reaction": tp.customer_reaction,
        "actions": [
            {
                "title": a.title,
                "description": a.description,
                "assignee": person_key(a.assignee),
                "due_date": _date(a.due_date),
                "status": a.status,
                "done_at": _date(a.done_at),
            }
            for a in tp.actions.all()
        ],
    }


PERSONA_TEXTS = ("role_title", "avatar_url", "demographic", "geographic", "psychographic",
                 "socio_economic", "goals", "needs", "thoughts", "emotions", "fears",
                 "expectations", "quote")  # fmt: skip


def journey_document(journey: Journey) -> dict:
    """``{"format", "version", "exported_at", "journey"}`` with no database id in it."""
    journey = journey_for_export(journey)
    stages = list(journey.stages.all())
    stage_index = {stage.pk: index for index, stage in enumerate(stages)}
    # Steps are written as 0, 1, 2... in column order (the stored numbers only group).
    step_number: dict[int, int] = {}
    for stage in stages:
        step_number.setdefault(stage.step, len(step_number))
    personas = list(journey.personas.all())
    channels, teams = {}, {}
    for stage in stages:
        for tp in stage.touchpoints.all():
            if tp.channel:
                channels[tp.channel.name] = tp.channel
            if tp.team:
                teams[tp.team.name] = tp.team
    for persona in personas:
        for channel in persona.preferred_channels.all():
            channels[channel.name] = channel
    segments = {p.segment.name: p.segment for p in personas if p.segment}
    if journey.segment:
        segments[journey.segment.name] = journey.segment
    body = {
        "title": journey.title,
        "description": journey.description,
        "state": journey.state,
        "status": journey.status,
        "segment": journey.segment.name if journey.segment else None,
        "segments": [
            {"name": s.name, "description": s.description} for _n, s in sorted(segments.items())
        ],
        "channels": [
            {"name": c.name, "kind": c.kind, "medium": c.medium}
            for _n, c in sorted(channels.items())
        ],
        "teams": [
            {"name": t.name, "description": t.description} for _n, t in sorted(teams.items())
        ],
        "personas": [
            {
                "name": p.name,
                "segment": p.segment.name if p.segment else None,
                **{field: getattr(p, field) for field in PERSONA_TEXTS},
                "preferred_channels": sorted(c.name for c in p.preferred_channels.all()),
            }
            for p in personas
        ],
        "stages": [
            {
                "name": stage.name,
                "description": stage.description,
                "moment_of_truth": stage.moment_of_truth,
                "purchase_phase": stage.purchase_phase,
                "step": step_number[stage.step],
                "is_optional": stage.is_optional,
                "touchpoints": [_touchpoint(tp) for tp in stage.touchpoints.all()],
            }
            for stage in stages
        ],
        "lanes": [
            {
                "kind": lane.kind,
                "name": lane.name,
                "is_hidden": lane.is_hidden,
                "cells": [
                    {
                        "stage": stage_index[cell.stage_id],
                        "text": cell.text,
                        "emotion_score": cell.emotion_score,
                    }
                    for cell in lane.cells.all()
                ],
            }
            for lane in journey.lanes.all()
        ],
    }
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "journey": body,
    }
