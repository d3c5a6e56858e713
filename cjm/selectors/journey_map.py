"""The whole map as plain data, fast: what ``GET /api/v1/journeys/{id}/`` answers; and the
journey row with its revision for the map page (``journey_page_get``).

``journey_map_head`` reads, in one query, whether the user may see the journey, its row and its
revision (``cjm.services.revisions``): enough for the ETag, a 304 and a cache lookup.
``journey_map_data`` builds the map's dicts from ``.values()`` queries (six, whatever the map's
size) in exactly the shape ``JourneyMapSerializer`` gives, without a serializer per object:
tests/api/test_map_representation.py checks the two field by field.
"""

import datetime
from dataclasses import dataclass

from django.db.models import BigIntegerField, Count, Exists, Q, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from cjm.core.scoping import member_workspace_ids
from cjm.models import Journey, Lane, LaneCell, Stage
from touchpoints.choices import OPEN_ACTION_STATUSES
from touchpoints.models import Touchpoint
from touchpoints.selectors import overdue_actions

from .journeys import map_prefetches

_JOURNEY = ("id", "workspace_id", "title", "description", "segment_id", "state", "status",
            "version", "created_by_id", "updated_by_id", "created_at", "updated_at")  # fmt: skip
_STAGE = ("id", "journey_id", "name", "description", "position", "moment_of_truth",
          "purchase_phase", "version", "updated_by_id", "created_at", "updated_at", "step",
          "is_optional")  # fmt: skip
_LANE = ("id", "journey_id", "kind", "name", "position", "is_hidden", "version", "updated_by_id",
         "created_at", "updated_at")  # fmt: skip
_CELL = ("id", "lane_id", "stage_id", "text", "emotion_score", "version", "updated_at")
_TOUCHPOINT = ("id", "stage_id", "name", "description", "channel_id", "channel__name", "category",
               "owner_id", "owner__first_name", "owner__last_name", "owner__username", "team_id",
               "team__name", "rating", "importance", "is_critical", "customer_reaction",
               "position", "version", "updated_by_id", "created_at", "updated_at")  # fmt: skip


@dataclass(frozen=True)
class MapHead:
    """A journey the user may see: its row (``.values()``), its map revision and the day the
    map is drawn for (overdue flags change at midnight without a write)."""

    journey: dict
    revision: int
    day: datetime.date

    @property
    def pk(self) -> int:
        return self.journey["id"]

    @property
    def version(self) -> int:
        return self.journey["version"]


def journey_map_head(*, user, pk: int) -> MapHead:
    """One query: the journey if ``user`` is a member of its workspace (else 404), its segment's
    name and its map revision (0 before its first recorded change)."""
    row = (
        Journey.objects.filter(workspace_id__in=member_workspace_ids(user), pk=pk)
        .values(
            *_JOURNEY,
            "segment__name",
            map_revision_number=_revision(),
        )
        .first()
    )
    if row is None:
        raise Http404("No such journey.")
    revision = row.pop("map_revision_number")
    return MapHead(journey=row, revision=revision, day=timezone.localdate())


def _revision():
    return Coalesce("map_revision__revision", 0, output_field=BigIntegerField())


def journey_page_get(*, user, pk: int) -> Journey:
    """One query: the journey (with its workspace, segment and last editor) if ``user`` is a
    member of its workspace, else 404; its map revision is ``map_revision_number``. Give it to
    ``journey_map_prefetch`` when the whole map must be drawn."""
    journey = (
        Journey.objects.filter(workspace_id__in=member_workspace_ids(user), pk=pk)
        .select_related("workspace", "segment", "updated_by")
        .annotate(map_revision_number=_revision())
        .first()
    )
    if journey is None:
        raise Http404("No such journey.")
    return journey


def journey_map_prefetch(journey: Journey) -> Journey:
    """Read the rest of the map onto ``journey`` as ``journey_map_get`` does (five queries)."""
    prefetch_related_objects([journey], *map_prefetches())
    return journey


def journey_map_data(head: MapHead) -> dict:
    """The whole map of ``head``'s journey as ``JourneyMapSerializer`` represents it."""
    pk, when = head.pk, datetime_writer()
    row = head.journey
    personas = list(
        Journey.personas.through.objects.filter(journey_id=pk)
        .order_by("persona__name", "persona__id")
        .values_list("persona_id", "persona__name", "persona__segment_id", "persona__avatar_url")
    )
    stages = list(Stage.objects.filter(journey_id=pk).order_by("position").values_list(*_STAGE))
    touchpoints = (
        Touchpoint.objects.filter(stage__journey_id=pk)
        .order_by("stage_id", "position")
        .values_list(*_TOUCHPOINT)
        .annotate(
            open_actions=Count("actions", filter=Q(actions__status__in=OPEN_ACTION_STATUSES)),
            overdue=Exists(overdue_actions()),
        )
    )
    lanes = list(Lane.objects.filter(journey_id=pk).order_by("position").values_list(*_LANE))
    cells = LaneCell.objects.filter(lane__journey_id=pk).order_by("lane_id", "stage__position")

    cards: dict[int, list[dict]] = {stage[0]: [] for stage in stages}
    workspace_id = row["workspace_id"]
    for (tp_id, stage_id, name, description, channel_id, channel_name, category, owner_id, first,
         last, username, team_id, team_name, rating, importance, is_critical, reaction, position,
         version, updated_by, created, updated, open_actions, overdue) in touchpoints:  # fmt: skip
        cards[stage_id].append(
            {
                "id": tp_id,
                "stage": stage_id,
                "journey": pk,
                "workspace": workspace_id,
                "name": name,
                "description": description,
                "channel": channel_id,
                "channel_name": channel_name if channel_id else "",
                "category": category,
                "owner": owner_id,
                "owner_name": _person_name(first, last, username) if owner_id else "",
                "team": team_id,
                "team_name": team_name if team_id else "",
                "rating": rating,
                "importance": importance,
                "is_critical": is_critical,
                "customer_reaction": reaction,
                "position": position,
                "open_action_count": open_actions,
                "has_overdue_action": overdue,
                "version": version,
                "updated_by": updated_by,
                "created_at": when(created),
                "updated_at": when(updated),
            }
        )
    lane_cells: dict[int, list[dict]] = {lane[0]: [] for lane in lanes}
    for cell_id, lane_id, stage_id, text, emotion, version, updated in cells.values_list(*_CELL):
        lane_cells[lane_id].append(
            {
                "id": cell_id,
                "lane": lane_id,
                "stage": stage_id,
                "text": text,
                "emotion_score": emotion,
                "version": version,
                "updated_at": when(updated),
            }
        )
    return {
        "id": pk,
        "workspace": workspace_id,
        "title": row["title"],
        "description": row["description"],
        "segment": row["segment_id"],
        "personas": [persona[0] for persona in personas],
        "state": row["state"],
        "status": row["status"],
        "version": row["version"],
        "created_by": row["created_by_id"],
        "updated_by": row["updated_by_id"],
        "created_at": when(row["created_at"]),
        "updated_at": when(row["updated_at"]),
        "segment_detail": (
            {"id": row["segment_id"], "name": row["segment__name"]} if row["segment_id"] else None
        ),
        "persona_details": [
            {"id": persona_id, "name": name, "segment": segment_id, "avatar_url": avatar_url}
            for persona_id, name, segment_id, avatar_url in personas
        ],
        "stages": [_stage(stage, cards[stage[0]], when) for stage in stages],
        "lanes": [_lane(lane, lane_cells[lane[0]], when) for lane in lanes],
    }


def _stage(stage: tuple, touchpoints: list[dict], when) -> dict:
    (stage_id, journey_id, name, description, position, moment_of_truth, purchase_phase, version,
     updated_by, created, updated, step, is_optional) = stage  # fmt: skip
    return {
        "id": stage_id,
        "journey": journey_id,
        "name": name,
        "description": description,
        "position": position,
        "step": step,
        "is_optional": is_optional,
        "moment_of_truth": moment_of_truth,
        "purchase_phase": purchase_phase,
        "version": version,
        "updated_by": updated_by,
        "created_at": when(created),
        "updated_at": when(updated),
        "touchpoints": touchpoints,
    }


def _lane(lane: tuple, cells: list[dict], when) -> dict:
    lane_id, journey_id, kind, name, position, is_hidden, version, updated_by, created, updated = (
        lane
    )
    return {
        "id": lane_id,
        "journey": journey_id,
        "kind": kind,
        "name": name,
        "position": position,
        "is_hidden": is_hidden,
        "version": version,
        "updated_by": updated_by,
        "created_at": when(created),
        "updated_at": when(updated),
        "cells": cells,
    }


def _person_name(first: str, last: str, username: str) -> str:
    """A user's display name (``get_full_name()``, else the username), from their columns."""
    return f"{first} {last}".strip() or username


def datetime_writer():
    """A function writing datetimes as the REST framework does: ISO 8601 in the current time
    zone, "Z" for UTC (the zone is looked up once, not per value)."""
    zone = timezone.get_current_timezone()

    def text(value: datetime.datetime | None) -> str | None:
        if value is None:
            return None
        written = value.astimezone(zone).isoformat()
        return written[:-6] + "Z" if written.endswith("+00:00") else written

    return text
