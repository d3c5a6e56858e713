"""Browser pages of the journeys app: home, workspace home and the read-only map.

Views only read here (through selectors) and shape what the templates show; writes will go
through services. With htmx a view renders only its partial (``request.htmx``).
"""

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cjm.choices import EMOTION_MAX, EMOTION_MIN, LaneKind
from cjm.models import Journey, Lane, Stage
from cjm.selectors import journey_list, journey_map_get, workspace_get, workspace_list
from touchpoints.choices import Rating
from touchpoints.selectors import action_overdue_list, rating_counts, touchpoint_list

# How many overdue actions the workspace home lists (the register shows them all).
OVERDUE_SHOWN = 8

# The order ratings are shown in everywhere (best first, "not rated" last).
RATING_ORDER = [Rating.EXCELLENT, Rating.SO_SO, Rating.AWFUL, Rating.UNRATED]


def _render(request: HttpRequest, template: str, partial: str, context: dict) -> HttpResponse:
    """The full page, or only ``partial`` when htmx asks for it."""
    return render(request, partial if request.htmx else template, context)


def initials(user) -> str:
    """Two letters that stand for a person on a small card: "AS" for Anna Smirnova."""
    if user is None:
        return ""
    letters = "".join(part[0] for part in (user.first_name, user.last_name) if part)
    return (letters or user.get_username()[:2]).upper()


def display_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def rating_summary(counts: dict[str, int]) -> dict:
    """Counts per rating in display order, with the share of the total for the bar."""
    total = sum(counts.values())
    items = [
        {
            "value": rating.value,
            "label": rating.label,
            "count": counts.get(rating.value, 0),
            "percent": round(100 * counts.get(rating.value, 0) / total, 1) if total else 0,
        }
        for rating in RATING_ORDER
    ]
    return {"items": items, "total": total}


# --- pages ------------------------------------------------------------------------------------


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The user's first workspace, or a friendly page when they are in none yet."""
    workspace = workspace_list(user=request.user).first()
    if workspace is not None:
        return redirect("cjm:workspace_detail", workspace_id=workspace.pk)
    return render(request, "cjm/home_empty.html")


@login_required
def workspace_detail(request: HttpRequest, workspace_id: int) -> HttpResponse:
    workspace = workspace_get(user=request.user, pk=workspace_id)
    request.workspace = workspace
    journeys = list(journey_list(user=request.user, workspace=workspace))
    counts = rating_counts(touchpoint_list(user=request.user, workspace=workspace))
    overdue_qs = action_overdue_list(user=request.user, workspace=workspace)
    overdue = list(overdue_qs[: OVERDUE_SHOWN + 1])
    today = timezone.localdate()
    for action in overdue:
        action.days_overdue = (today - action.due_date).days
        action.assignee_name = display_name(action.assignee)
        action.assignee_initials = initials(action.assignee)
    context = {
        "workspace": workspace,
        "journeys": journeys,
        "ratings": rating_summary(counts),
        "overdue_actions": overdue[:OVERDUE_SHOWN],
        "overdue_more": len(overdue) > OVERDUE_SHOWN,
        "open_action_total": sum(j.open_action_count for j in journeys),
    }
    return _render(
        request, "cjm/workspace_detail.html", "cjm/partials/_journey_table.html", context
    )


@login_required
def journey_detail(request: HttpRequest, journey_id: int) -> HttpResponse:
    journey = journey_map_get(user=request.user, pk=journey_id)
    request.workspace = journey.workspace
    grid = build_map_grid(journey)
    counts = dict.fromkeys(Rating.values, 0)
    for stage in grid.stages:
        for touchpoint in stage.touchpoints.all():
            counts[touchpoint.rating] += 1
    context = {
        "journey": journey,
        "workspace": journey.workspace,
        "personas": list(journey.personas.all()),
        "grid": grid,
        "ratings": rating_summary(counts),
    }
    return _render(request, "cjm/journey_detail.html", "cjm/partials/_map_grid.html", context)


# --- the map grid -----------------------------------------------------------------------------


@dataclass
class MapCell:
    stage: Stage
    text: str = ""
    touchpoints: list = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    emotion: dict | None = None


@dataclass
class MapRow:
    kind: str
    name: str
    lane: Lane | None
    cells: list[MapCell]


@dataclass
class MapGrid:
    stages: list[Stage]
    rows: list[MapRow]


def emotion_y(score: int) -> float:
    """Where a score sits in a 0..100 box: +3 near the top, -3 near the bottom."""
    span = EMOTION_MAX - EMOTION_MIN
    return round(90 - 80 * (score - EMOTION_MIN) / span, 2)


def emotion_segments(scores: list[int | None]) -> list[dict | None]:
    """One piece of the emotion curve per stage, each drawn in its own cell.

    A cell's polyline runs from the midpoint with the previous stage, through its own score at
    the centre, to the midpoint with the next stage, so the pieces join into one curve.
    A stage without a score breaks the curve.
    """
    ys = [None if score is None else emotion_y(score) for score in scores]
    pieces: list[dict | None] = []
    for index, (score, y) in enumerate(zip(scores, ys, strict=True)):
        if y is None:
            pieces.append(None)
            continue
        before = ys[index - 1] if index > 0 else None
        after = ys[index + 1] if index + 1 < len(ys) else None
        points = []
        if before is not None:
            points.append((0, (before + y) / 2))
        points.append((50, y))
        if after is not None:
            points.append((100, (after + y) / 2))
        tone = "positive" if score > 0 else "negative" if score < 0 else "neutral"
        pieces.append(
            {
                "score": score,
                "y": y,
                "tone": tone,
                "points": " ".join(f"{x:g},{py:g}" for x, py in points),
                "is_line": len(points) > 1,
                "label_below": y < 35,
            }
        )
    return pieces


def _decorate_touchpoint(touchpoint) -> None:
    touchpoint.owner_initials = initials(touchpoint.owner)
    touchpoint.owner_name = display_name(touchpoint.owner)


def build_map_grid(journey: Journey) -> MapGrid:
    """Stages as columns, visible lanes as rows, from what journey_map_get prefetched
    (no further queries)."""
    stages = list(journey.stages.all())
    lanes = [lane for lane in journey.lanes.all() if not lane.is_hidden]
    has_touchpoint_lane = any(lane.kind == LaneKind.TOUCHPOINTS for lane in journey.lanes.all())
    for stage in stages:
        for touchpoint in stage.touchpoints.all():
            _decorate_touchpoint(touchpoint)

    rows = []
    for lane in lanes:
        by_stage = {cell.stage_id: cell for cell in lane.cells.all()}
        cells = []
        for stage in stages:
            stored = by_stage.get(stage.pk)
            cell = MapCell(stage=stage, text=stored.text if stored else "")
            if lane.kind == LaneKind.TOUCHPOINTS:
                cell.touchpoints = list(stage.touchpoints.all())
            elif lane.kind == LaneKind.CHANNELS and not cell.text:
                names = [tp.channel.name for tp in stage.touchpoints.all() if tp.channel_id]
                cell.channels = list(dict.fromkeys(names))
            cells.append(cell)
        if lane.kind == LaneKind.EMOTIONS:
            scores = [by_stage[s.pk].emotion_score if s.pk in by_stage else None for s in stages]
            for cell, piece in zip(cells, emotion_segments(scores), strict=True):
                cell.emotion = piece
        rows.append(MapRow(kind=lane.kind, name=lane.name, lane=lane, cells=cells))

    if not has_touchpoint_lane:
        # A map without a touchpoints lane still shows its touchpoints.
        cells = [MapCell(stage=s, touchpoints=list(s.touchpoints.all())) for s in stages]
        rows.insert(0, MapRow(LaneKind.TOUCHPOINTS, LaneKind.TOUCHPOINTS.label, None, cells))
    return MapGrid(stages=stages, rows=rows)
