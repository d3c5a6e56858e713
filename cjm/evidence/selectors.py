"""Reads of the evidence slice (docs/impact.md): an action's measured impact and a journey's
moments-of-truth ledger. Both scope by workspace through the touchpoints' and journeys'
selectors (another workspace's action or journey is a 404)."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, Q
from django.http import Http404
from django.utils import timezone

from cjm.core.typing import Reader
from cjm.funnels.facade import exit_touchpoints_latest, latest_report_times, steps_of
from cjm.models import Journey, Stage
from cjm.selectors.journeys import journey_get
from feedback.facade import touchpoint_feedback, touchpoint_last_feedback, touchpoint_nps_between
from touchpoints.choices import OPEN_ACTION_STATUSES, ActionStatus, Rating
from touchpoints.models import ImprovementAction, RatingChange, Touchpoint
from touchpoints.selectors import action_list

from .counting import event_watermark, window_counts_cached
from .impact import DEFAULT_WINDOW_DAYS, Impact, WindowFigures, judge, windows

# --- Measured impact -----------------------------------------------------------------------


def impact_action_get(*, user: Reader, pk: int) -> ImprovementAction:
    """An action of the caller's workspaces (404 otherwise), with its touchpoint and stage."""
    action = action_list(user=user).filter(pk=pk).first()
    if action is None:
        raise Http404("No such action.")
    return action


def _figures(touchpoint: Touchpoint, layout: tuple, start, end, watermark: int) -> WindowFigures:
    figures = WindowFigures(start=start, end=end)
    stage_ids, steps, optional, _numbers = layout
    stage_index = stage_ids.index(touchpoint.stage_id)
    measured = window_counts_cached(
        stage_ids=list(stage_ids),
        stage_index=stage_index,
        touchpoint_id=touchpoint.pk,
        start=start,
        end=end,
        watermark=watermark,
        steps=steps,
        optional=optional,
    )
    figures.entered = measured.entered
    figures.converted = measured.converted
    figures.exit_customers = measured.exit_customers
    figures.nps, figures.responses = touchpoint_nps_between(
        touchpoint_id=touchpoint.pk, start=start, end=end
    )
    return figures


def action_impact(
    *, action: ImprovementAction, window_days: int = DEFAULT_WINDOW_DAYS, now=None
) -> Impact:
    """The impact of a done action (``action.status == done``): the touchpoint's exit rate,
    its stage's drop-off and its NPS in the ``window_days`` before vs after ``done_at``, judged.
    Six queries when the counts are cached and no event arrived since (the stages, the
    watermark, per window the NPS and a check or the count; counting.py)."""
    assert action.status == ActionStatus.DONE and action.done_at is not None
    now = now or timezone.now()
    touchpoint = action.touchpoint
    # The stages in the funnel report's order with their steps (docs/funnels.md, "Steps").
    layout = steps_of(
        list(
            Stage.objects.filter(journey_id=touchpoint.stage.journey_id)
            .order_by("position")
            .values_list("pk", "step", "is_optional")
        )
    )
    (b_start, b_end), (a_start, a_end) = windows(action.done_at, window_days)
    watermark = event_watermark()
    before = _figures(touchpoint, layout, b_start, b_end, watermark)
    after = _figures(touchpoint, layout, a_start, a_end, watermark)  # so far, when too early
    impact = Impact(
        status="", done_at=action.done_at, window_days=window_days, before=before, after=after
    )
    return judge(impact, now)


# --- Moments-of-truth ledger ---------------------------------------------------------------

RATING_WEIGHT: dict[str, float] = {
    Rating.AWFUL: 1.0,
    Rating.SO_SO: 0.5,
    Rating.UNRATED: 0.25,
    Rating.EXCELLENT: 0.0,
}
# The score's parts and their weights (docs/impact.md, shown in the ledger's explainer).
WEIGHTS = {"exits": 35, "rating": 25, "feedback": 15, "importance": 15, "critical": 10}


@dataclass
class LedgerRow:
    touchpoint: Touchpoint
    rank: int
    score: float
    parts: dict  # part -> points (sums to score)
    exit_customers: int
    exit_share: float | None
    feedback_index: float | None
    open_actions: int
    last_rated_at: datetime.datetime | None
    last_feedback_at: datetime.datetime | None
    last_report_at: datetime.datetime | None
    stale: bool

    @property
    def last_evidence(self) -> tuple[str, datetime.datetime] | None:
        """The newest evidence: ("rating" | "feedback" | "report", when), or None."""
        found = [
            (when, kind)
            for kind, when in (
                ("rating", self.last_rated_at),
                ("feedback", self.last_feedback_at),
                ("report", self.last_report_at),
            )
            if when is not None
        ]
        if not found:
            return None
        when, kind = max(found)
        return kind, when


def stale_days() -> int:
    return int(getattr(settings, "CJM_EVIDENCE_STALE_DAYS", 90))


def ledger_score(
    *,
    exit_share: float | None,
    top_exit_share: float | None,
    rating: str,
    feedback_index: float | None,
    importance: int,
    is_critical: bool,
) -> dict:
    """Points per part (0..weight each; the score is their sum, 0-100): docs/impact.md."""
    exits = (exit_share or 0.0) / top_exit_share if top_exit_share else 0.0
    feedback = 0.5 if feedback_index is None else (100.0 - feedback_index) / 100.0
    return {
        "exits": round(WEIGHTS["exits"] * exits, 1),
        "rating": round(WEIGHTS["rating"] * RATING_WEIGHT.get(rating, 0.25), 1),
        "feedback": round(WEIGHTS["feedback"] * feedback, 1),
        "importance": round(WEIGHTS["importance"] * (importance - 1) / 9.0, 1),
        "critical": float(WEIGHTS["critical"]) if is_critical else 0.0,
    }


def moments_of_truth(*, user: Reader, journey_id: int, now=None) -> tuple[Journey, list[LedgerRow]]:
    """The journey (404 outside the caller's workspaces) and its touchpoints ranked, most
    urgent first, in seven queries whatever the journey's size."""
    journey = journey_get(user=user, pk=journey_id)
    now = now or timezone.now()
    touchpoints = list(
        Touchpoint.objects.filter(stage__journey=journey)
        .select_related("stage", "owner", "team")
        .annotate(
            open_actions=Count("actions", filter=Q(actions__status__in=OPEN_ACTION_STATUSES)),
        )
        .order_by("stage__position", "position")
    )
    ids = [t.pk for t in touchpoints]
    exits, report_at = exit_touchpoints_latest(journey=journey)
    exit_count: dict[int, int] = {}
    for exit_row in exits:
        pk = exit_row["touchpoint"]
        exit_count[pk] = exit_count.get(pk, 0) + exit_row["customers"]
    total_exits = sum(exit_count.values())
    rated = dict(
        RatingChange.objects.filter(touchpoint_id__in=ids)
        .order_by()
        .values("touchpoint_id")
        .annotate(last=Max("changed_at"))
        .values_list("touchpoint_id", "last")
    )
    feedback = touchpoint_feedback(workspace_id=journey.workspace_id, touchpoint_ids=ids)
    last_feedback = touchpoint_last_feedback(touchpoint_ids=ids)
    shares = {pk: n / total_exits for pk, n in exit_count.items()} if total_exits else {}
    top_share = max(shares.values(), default=None)
    fresh_after = now - datetime.timedelta(days=stale_days())
    rows: list[LedgerRow] = []
    for touchpoint in touchpoints:
        pk = touchpoint.pk
        item = feedback.get(pk)
        index = item.index if item is not None else None
        share = shares.get(pk, 0.0) if total_exits else None
        parts = ledger_score(
            exit_share=share,
            top_exit_share=top_share,
            rating=touchpoint.rating,
            feedback_index=index,
            importance=touchpoint.importance,
            is_critical=touchpoint.is_critical,
        )
        evidence: list[datetime.datetime] = [
            when for when in (rated.get(pk), last_feedback.get(pk), report_at) if when is not None
        ]
        rows.append(
            LedgerRow(
                touchpoint=touchpoint,
                rank=0,
                score=round(sum(parts.values()), 1),
                parts=parts,
                exit_customers=exit_count.get(pk, 0),
                exit_share=share,
                feedback_index=index,
                open_actions=touchpoint.open_actions,
                last_rated_at=rated.get(pk),
                last_feedback_at=last_feedback.get(pk),
                last_report_at=report_at,
                stale=not evidence or max(evidence) < fresh_after,
            )
        )
    rows.sort(
        key=lambda r: (
            -r.score,
            -r.exit_customers,
            r.touchpoint.stage.position,
            r.touchpoint.position,
        )
    )
    for rank, row in enumerate(rows, start=1):
        row.rank = rank
    return journey, rows


# --- Stale maps (the workspace home) -------------------------------------------------------

MOSTLY = 0.5  # a map is "mostly stale" when more than half of its touchpoints are


@dataclass
class StaleMap:
    journey: Journey
    stale: int
    total: int


def stale_maps(*, journeys: list[Journey], now=None) -> list[StaleMap]:
    """The maps among ``journeys`` (already scoped to the reader) whose touchpoints are mostly
    stale, by the ledger's rule: five queries, whatever the number of maps and touchpoints."""
    if not journeys:
        return []
    now = now or timezone.now()
    fresh_after = now - datetime.timedelta(days=stale_days())
    by_id = {journey.pk: journey for journey in journeys}
    touchpoints = list(
        Touchpoint.objects.filter(stage__journey_id__in=by_id).values_list(
            "pk", "stage__journey_id"
        )
    )
    ids = [pk for pk, _journey_id in touchpoints]
    rated = dict(
        RatingChange.objects.filter(touchpoint_id__in=ids)
        .order_by()
        .values("touchpoint_id")
        .annotate(last=Max("changed_at"))
        .values_list("touchpoint_id", "last")
    )
    last_feedback = touchpoint_last_feedback(touchpoint_ids=ids)
    reports = latest_report_times(journey_ids=list(by_id))
    counts: dict[int, list[int]] = {pk: [0, 0] for pk in by_id}
    for pk, journey_id in touchpoints:
        evidence = [
            when
            for when in (rated.get(pk), last_feedback.get(pk), reports.get(journey_id))
            if when is not None
        ]
        counts[journey_id][1] += 1
        if not evidence or max(evidence) < fresh_after:
            counts[journey_id][0] += 1
    return [
        StaleMap(journey=by_id[pk], stale=stale, total=total)
        for pk, (stale, total) in counts.items()
        if total and stale / total > MOSTLY
    ]
