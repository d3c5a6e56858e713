"""Drawing a frozen map (a snapshot, or one side of a comparison) with the map's own templates
(``cjm/partials/_map_grid.html``) in read-only mode, like the shared map: the grid is built from
the frozen dicts instead of the database, so it shows the map exactly as it was, even after the
live map's stages, lanes or touchpoints were deleted. No query."""

from dataclasses import dataclass, field
from types import SimpleNamespace

from cjm.choices import LaneKind
from cjm.map.cards import rating_summary
from cjm.map.grid import MapCell, MapGrid, MapRow, emotion_levels, emotion_segments
from cjm.models import Lane, Stage
from touchpoints.choices import RATING_CHOICES, Rating


@dataclass
class FrozenFeedback:
    """What a card's feedback badge reads (``feedback_map.feedback_badge``), as it was."""

    nps: float | None = None
    csat: float | None = None
    ces: float | None = None
    review_score: float | None = None
    index: float | None = None
    answers: int = 0
    reviews: int = 0
    counts: dict = field(default_factory=dict)
    suggested_rating: str | None = None
    min_answers: int = 0

    @property
    def evidence(self) -> int:
        return self.answers + self.reviews

    def answers_of(self, kind: str) -> int:
        return self.counts.get(kind, 0)


def _initials(name: str) -> str:
    letters = "".join(part[0] for part in name.split()[:2] if part)
    return letters.upper()


def _card(tp: dict, feedback: dict | None) -> SimpleNamespace:
    owner_name = tp.get("owner_name") or ""
    found = None
    if feedback:
        found = FrozenFeedback(
            nps=feedback.get("nps"),
            csat=feedback.get("csat"),
            ces=feedback.get("ces"),
            review_score=feedback.get("review_score"),
            index=feedback.get("index"),
            answers=feedback.get("answers", 0),
            reviews=feedback.get("reviews", 0),
            counts={kind: feedback.get(f"{kind}_answers", 0) for kind in ("nps", "csat", "ces")},
        )
    return SimpleNamespace(
        pk=tp["id"],
        id=tp["id"],
        stage_id=tp["stage"],
        name=tp["name"],
        rating=tp["rating"],
        rating_label=Rating(tp["rating"]).label,
        is_critical=tp.get("is_critical", False),
        channel=SimpleNamespace(name=tp["channel_name"]) if tp.get("channel") else None,
        owner=tp.get("owner"),
        owner_name=owner_name,
        owner_initials=_initials(owner_name),
        team=SimpleNamespace(name=tp["team_name"]) if tp.get("team") else None,
        open_action_count=tp.get("open_action_count", 0),
        has_overdue_action=tp.get("has_overdue_action", False),
        feedback=found,
        mark="",
        rating_from="",
        owner_from=None,
    )


def _stage(stage: dict) -> Stage:
    return Stage(
        id=stage["id"],
        journey_id=stage["journey"],
        name=stage["name"],
        description=stage.get("description", ""),
        position=stage["position"],
        moment_of_truth=stage.get("moment_of_truth", ""),
        purchase_phase=stage.get("purchase_phase", ""),
    )


def stage_metrics_of(data: dict) -> dict[int, dict]:
    """The metrics lane's figures (stage id -> entered, converted, drop_off_rate, is_worst)."""
    stages = (data.get("metrics") or {}).get("stages", {})
    return {
        int(pk): figures for pk, figures in stages.items() if figures.get("entered") is not None
    }


@dataclass
class FrozenMap:
    grid: MapGrid
    ratings: dict
    stage_metrics: dict
    cards: dict[int, SimpleNamespace]
    cells: dict[int, list]  # stage id -> the touchpoints cell's list of cards


def frozen_map(data: dict) -> FrozenMap:
    """The grid of a frozen map (stages, visible lanes, cards with their badges as they were)."""
    feedback = (data.get("metrics") or {}).get("touchpoints", {})
    stages = [_stage(stage) for stage in data.get("stages", [])]
    cards_by_stage: dict[int, list] = {}
    cards: dict[int, SimpleNamespace] = {}
    for stage in data.get("stages", []):
        cards_by_stage[stage["id"]] = []
        for tp in stage.get("touchpoints", []):
            card = _card(tp, feedback.get(str(tp["id"])))
            cards[card.pk] = card
            cards_by_stage[stage["id"]].append(card)
    stage_metrics = stage_metrics_of(data)
    rows = []
    lanes = data.get("lanes", [])
    for lane_data in lanes:
        if lane_data.get("is_hidden"):
            continue
        lane = Lane(
            id=lane_data["id"],
            journey_id=lane_data["journey"],
            kind=lane_data["kind"],
            name=lane_data.get("name", ""),
            position=lane_data["position"],
        )
        stored = {cell["stage"]: cell for cell in lane_data.get("cells", [])}
        cells = []
        for stage in stages:
            cell = MapCell(stage=stage, text=(stored.get(stage.pk) or {}).get("text", ""))
            if lane.kind == LaneKind.TOUCHPOINTS:
                cell.touchpoints = cards_by_stage[stage.pk]
            elif lane.kind == LaneKind.CHANNELS and not cell.text:
                names = [c.channel.name for c in cards_by_stage[stage.pk] if c.channel]
                cell.channels = list(dict.fromkeys(names))
            elif lane.kind == LaneKind.METRICS:
                cell.metrics = stage_metrics.get(stage.pk)
            cells.append(cell)
        if lane.kind == LaneKind.EMOTIONS:
            scores = [(stored.get(s.pk) or {}).get("emotion_score") for s in stages]
            for cell, piece in zip(cells, emotion_segments(scores), strict=True):
                cell.emotion = piece
        rows.append(MapRow(kind=lane.kind, name=lane.display_name, lane=lane, cells=cells))
    if not any(lane["kind"] == LaneKind.TOUCHPOINTS for lane in lanes):
        cells = [MapCell(stage=s, touchpoints=cards_by_stage[s.pk]) for s in stages]
        rows.insert(0, MapRow(LaneKind.TOUCHPOINTS, LaneKind.TOUCHPOINTS.label, None, cells))
    counts = {value: 0 for value, _label in RATING_CHOICES}
    for card in cards.values():
        counts[card.rating] += 1
    grid = MapGrid(stages=stages, rows=rows, has_metrics=bool(stage_metrics))
    return FrozenMap(
        grid=grid,
        ratings=rating_summary(counts),
        stage_metrics=stage_metrics,
        cards=cards,
        cells=cards_by_stage,
    )


def frozen_map_context(data: dict) -> dict:
    """The template context of the map's grid partial for a frozen map: read-only, and
    ``shared`` so cards show names without links (the live touchpoint may be gone)."""
    drawn = frozen_map(data)
    return {
        "grid": drawn.grid,
        "ratings": drawn.ratings,
        "stage_metrics": drawn.stage_metrics,
        "can_edit": False,
        "shared": True,
        "emotion_levels": emotion_levels(),
        "rating_choices": RATING_CHOICES,
    }


def mark_changes(before: FrozenMap, after: FrozenMap, result: dict) -> None:
    """Mark the comparison's changes on the "after" map itself: added cards, ratings and owners
    that moved, and the removed cards as ghosts in their stage (when the stage is still
    there); the "before" map marks its removed cards too."""
    labels = dict(RATING_CHOICES)
    for row in result["touchpoints_added"]:
        after.cards[row["touchpoint"]].mark = "added"
    for row in result["rating_changes"]:
        card = after.cards[row["touchpoint"]]
        card.rating_from = labels.get(row["from"], row["from"])
    for row in result["owner_changes"]:
        card = after.cards[row["touchpoint"]]
        card.owner_from = row.get("from_name") or "—"
        card.owner_to = row.get("to_name") or "—"
    stage_of = {row["stage_from"]: row["stage"] for row in result["stages"] if row["stage_from"]}
    for row in result["touchpoints_removed"]:
        card = before.cards[row["touchpoint"]]
        card.mark = "removed"
        where = stage_of.get(row["stage"])
        if where in after.cells:
            ghost = SimpleNamespace(**vars(card))
            after.cells[where].append(ghost)
