"""Reads of snapshots, and the map frozen as a snapshot keeps it (``journey_freeze``).

Both sides of a comparison come from here: a stored snapshot's ``data``, or the live map frozen
on the fly by the same ``journey_freeze`` that ``snapshot_create`` stores, so "snapshot vs now"
and "copy vs original" are one code path (``cjm.snapshots.compare``).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from cjm.choices import JourneyState
from cjm.core.scoping import member_workspace_ids
from cjm.core.typing import Reader
from cjm.funnels.facade import funnel_figures_latest
from cjm.models import Journey, Stage
from cjm.selectors import journey_get
from cjm.selectors.journey_map import journey_map_data, journey_map_head
from feedback.facade import stage_feedback, touchpoint_feedback
from touchpoints.models import Touchpoint

from .compare import compare_maps
from .models import Snapshot

FORMAT = 1  # the shape of ``Snapshot.data``; bump it when it changes (docs/snapshots.md)


def journey_freeze(*, user: Reader, journey_id: int) -> dict:
    """The map of ``journey_id`` as ``GET journeys/{id}/`` answers it, plus ``metrics``:

    - ``report``: the latest finished funnel report of the whole audience (id, finished at);
    - ``stages``: per stage id (as text) the report's figures (``entered``, ``converted``,
      ``drop_off_rate``, ``median_seconds_to_convert``, ``is_worst``) and the stage's recent
      feedback (``nps``, ``csat``, ``ces`` and answer counts);
    - ``touchpoints``: per touchpoint id (as text) its recent feedback (``nps``, ``csat``,
      ``ces``, ``answers``, ``reviews``, ``index``, ``review_score``);
    - ``exit_touchpoints``: the report's exits, most customers first.

    404 when ``user`` is not a member of the journey's workspace. A constant number of queries
    (twelve), whatever the size of the map.
    """
    head = journey_map_head(user=user, pk=journey_id)
    data = journey_map_data(head)
    workspace_id = data["workspace"]
    stage_ids = [stage["id"] for stage in data["stages"]]
    touchpoint_ids = [tp["id"] for stage in data["stages"] for tp in stage["touchpoints"]]
    funnel = funnel_figures_latest(journey=head.pk)
    per_stage = stage_feedback(workspace_id=workspace_id, stage_ids=stage_ids) if stage_ids else {}
    per_touchpoint = (
        touchpoint_feedback(workspace_id=workspace_id, touchpoint_ids=touchpoint_ids)
        if touchpoint_ids
        else {}
    )
    stages = {}
    for pk in stage_ids:
        figures = dict(funnel["stages"].get(str(pk), {}))
        figures.pop("stage", None)
        feedback = per_stage.get(pk, {})
        stages[str(pk)] = {
            "entered": figures.get("entered"),
            "converted": figures.get("converted"),
            "drop_off_rate": figures.get("drop_off_rate"),
            "median_seconds_to_convert": figures.get("median_seconds_to_convert"),
            "is_worst": figures.get("is_worst", False),
            "nps": feedback.get("nps"),
            "csat": feedback.get("csat"),
            "ces": feedback.get("ces"),
            "answers": feedback.get("answers", 0),
            "nps_answers": feedback.get("nps_answers", 0),
        }
    touchpoints = {}
    for pk, found in per_touchpoint.items():
        touchpoints[str(pk)] = {
            "nps": found.nps,
            "csat": found.csat,
            "ces": found.ces,
            "answers": found.answers,
            "nps_answers": found.answers_of("nps"),
            "csat_answers": found.answers_of("csat"),
            "ces_answers": found.answers_of("ces"),
            "reviews": found.reviews,
            "index": found.index,
            "review_score": found.review_score,
        }
    data["metrics"] = {
        "format": FORMAT,
        "report": funnel["report"],
        "stages": stages,
        "touchpoints": touchpoints,
        "exit_touchpoints": funnel["exit_touchpoints"],
    }
    return data


def snapshot_list(*, user: Reader, journey: Journey) -> QuerySet[Snapshot]:
    """The snapshots of one map, newest first, with who made them (without their data)."""
    return (
        Snapshot.objects.filter(
            journey=journey, journey__workspace_id__in=member_workspace_ids(user)
        )
        .select_related("created_by")
        .defer("data")
    )


def snapshot_get(*, user: Reader, pk: int) -> Snapshot:
    """One snapshot with its map and author (one query); 404 outside the user's workspaces."""
    snapshot = (
        Snapshot.objects.filter(journey__workspace_id__in=member_workspace_ids(user), pk=pk)
        .select_related("journey__workspace", "created_by")
        .first()
    )
    if snapshot is None:
        raise Http404("No such snapshot.")
    return snapshot


def copy_links(*, original_id: int, copy_id: int) -> tuple[dict[int, int], dict[int, int]]:
    """How a copy's stages and touchpoints match the journey they were copied from: copy id ->
    original id (only those whose ``copied_from`` lies in the original). Two queries."""
    stages = dict(
        Stage.objects.filter(journey_id=copy_id, copied_from__journey_id=original_id).values_list(
            "pk", "copied_from_id"
        )
    )
    touchpoints = dict(
        Touchpoint.objects.filter(
            stage__journey_id=copy_id, copied_from__stage__journey_id=original_id
        ).values_list("pk", "copied_from_id")
    )
    return stages, touchpoints


def future_copy_list(*, user: Reader, journey_id: int) -> QuerySet[Journey]:
    """The future-state maps copied from ``journey_id`` that ``user`` may see."""
    return (
        Journey.objects.filter(
            workspace_id__in=member_workspace_ids(user),
            copied_from_id=journey_id,
            state=JourneyState.FUTURE,
        )
        .order_by("title", "id")
        .only("id", "title", "state")
    )


# --- Comparisons ---------------------------------------------------------------------------

CURRENT = "current"


@dataclass
class Side:
    """One side of a comparison: a stored snapshot, or a map frozen now."""

    data: dict
    snapshot: Snapshot | None = None
    journey: Journey | None = None

    @property
    def key(self) -> str:
        """What the compare page's choosers send for this side."""
        if self.snapshot is not None:
            return str(self.snapshot.pk)
        if self.journey is not None and self.journey.pk != self.data.get("id"):
            return f"journey:{self.journey.pk}"
        return CURRENT


@dataclass
class Comparison:
    before: Side
    after: Side
    result: dict


def _snapshot_side(*, user: Reader, journey: Journey, value: str, field: str) -> Side:
    if value == CURRENT:
        return Side(data=journey_freeze(user=user, journey_id=journey.pk))
    if not value.isdigit():
        raise ValidationError({field: [_('A snapshot id, or "current".')]})
    snapshot = snapshot_get(user=user, pk=int(value))
    if snapshot.journey_id != journey.pk:
        raise ValidationError({field: [_("This snapshot is of another map.")]})
    return Side(data=snapshot.data, snapshot=snapshot)


def comparison_get(
    *,
    user: Reader,
    journey: Journey,
    source_from: str | None = None,
    source_to: str | None = None,
    with_journey: str | None = None,
) -> Comparison:
    """What changed between two versions of ``journey`` (``source_from`` / ``source_to``: a
    snapshot id of this map or ``"current"``, the map now; "to" defaults to now), or between
    the map now and ``with_journey`` now, a copy of it or the map it was copied from (matched
    through ``copied_from``, both ways). Bad values: ``ValidationError``; a snapshot or map the
    user may not see: 404."""
    if with_journey:
        if not with_journey.isdigit():
            raise ValidationError({"with_journey": [_("A journey id.")]})
        other = journey_get(user=user, pk=int(with_journey))
        if other.copied_from_id == journey.pk:
            stages, touchpoints = copy_links(original_id=journey.pk, copy_id=other.pk)
        elif journey.copied_from_id == other.pk:
            copy_stages, copy_touchpoints = copy_links(original_id=other.pk, copy_id=journey.pk)
            stages = {original: copy for copy, original in copy_stages.items()}
            touchpoints = {original: copy for copy, original in copy_touchpoints.items()}
        else:
            raise ValidationError({"with_journey": [_("Neither map was copied from the other.")]})
        before = Side(data=journey_freeze(user=user, journey_id=journey.pk), journey=journey)
        after = Side(data=journey_freeze(user=user, journey_id=other.pk), journey=other)
        result = compare_maps(
            before.data, after.data, stage_links=stages, touchpoint_links=touchpoints
        )
        return Comparison(before=before, after=after, result=result)
    if not source_from:
        raise ValidationError({"from": [_('Choose a snapshot to compare from, or "current".')]})
    before = _snapshot_side(user=user, journey=journey, value=source_from, field="from")
    after = _snapshot_side(user=user, journey=journey, value=source_to or CURRENT, field="to")
    return Comparison(before=before, after=after, result=compare_maps(before.data, after.data))
