"""The map grid: stages as columns, visible lanes as rows, shaped for the map templates.

Built from what ``journey_map_get`` prefetched, so drawing a map of any size runs no further
queries. The same grid feeds the read-only map (viewers) and the editor; its touchpoints become
cards in ``cjm.map.render.map_context`` (``cjm.map.cards``).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from cjm.choices import BLUEPRINT_LANES, EMOTION_MAX, EMOTION_MIN, STANDARD_LANES, LaneKind
from cjm.models import Journey, Lane, Stage


@dataclass
class MapCell:
    stage: Stage
    text: str = ""
    version: int = 0
    touchpoints: list = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    emotion: dict | None = None
    metrics: dict | None = None


@dataclass
class MapRow:
    kind: str
    name: str
    lane: Lane | None
    cells: list[MapCell]
    # Where "move up" / "move down" send the lane among all lanes (hidden ones included).
    up_position: int | None = None
    down_position: int | None = None

    @property
    def is_text(self) -> bool:
        """Rows whose cells are free text typed by the user."""
        return self.kind not in (LaneKind.TOUCHPOINTS, LaneKind.EMOTIONS, LaneKind.METRICS)


@dataclass
class MapStep:
    """One step of the journey: its alternative stages (branches), side by side."""

    number: int  # 1-based, in column order
    stages: list[Stage]
    is_optional: bool

    @property
    def first(self) -> Stage:
        return self.stages[0]

    @property
    def has_branches(self) -> bool:
        return len(self.stages) > 1


@dataclass
class BlueprintLine:
    """A labelled line drawn between two levels of a service blueprint."""

    kind: str  # interaction | visibility | internal
    label: str
    is_line: bool = True


# The lines of a service blueprint, each drawn above the first lane of its level or deeper
# (levels: 0 the customer's lanes, 1 frontstage, 2 backstage, 3 support; evidence is drawn
# last, under its own thin separator, and crosses no line).
BLUEPRINT_LINES = [
    (1, "interaction", _("Line of interaction")),
    (2, "visibility", _("Line of visibility")),
    (3, "internal", _("Line of internal interaction")),
]
BLUEPRINT_LEVEL = {LaneKind.FRONTSTAGE: 1, LaneKind.BACKSTAGE: 2, LaneKind.SUPPORT: 3}


@dataclass
class MapGrid:
    stages: list[Stage]
    rows: list[MapRow]
    hidden_lanes: list[Lane] = field(default_factory=list)
    # Standard lanes the map does not have (yet); "add lane" offers them next to a custom lane.
    missing_kinds: list = field(default_factory=list)
    has_metrics: bool = False
    steps: list[MapStep] = field(default_factory=list)
    # Service-blueprint lanes, drawn below the others with the lines between them: a list of
    # MapRow and BlueprintLine items in drawing order.
    blueprint: list = field(default_factory=list)
    blueprint_kinds: list = field(default_factory=lambda: list(BLUEPRINT_LANES))

    @property
    def show_steps(self) -> bool:
        """The step header row is drawn when some step has alternatives or is optional; a
        straight map looks as it always did."""
        return any(step.has_branches or step.is_optional for step in self.steps)

    @property
    def blueprint_rows(self) -> list[MapRow]:
        return [item for item in self.blueprint if isinstance(item, MapRow)]

    @property
    def lane_count(self) -> int:
        return sum(1 for row in self.rows if row.lane is not None)


# The levels of the emotion scale, top (+3) to bottom (-3), for the chart's click targets.
EMOTION_LEVELS = list(range(EMOTION_MAX, EMOTION_MIN - 1, -1))


def emotion_y(score: int) -> float:
    """Where a score sits in a 0..100 box: +3 near the top, -3 near the bottom."""
    span = EMOTION_MAX - EMOTION_MIN
    return round(90 - 80 * (score - EMOTION_MIN) / span, 2)


def emotion_levels() -> list[dict]:
    """One click target per score, each a band of the cell's height centred on its level."""
    band = 80 / (EMOTION_MAX - EMOTION_MIN)
    return [
        {
            "score": score,
            "label": f"{score:+d}" if score else "0",
            "top": round(emotion_y(score) - band / 2, 2),
            "height": round(band, 2),
        }
        for score in EMOTION_LEVELS
    ]


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


def build_row(lane: Lane, stages: list[Stage], stage_metrics: dict | None = None) -> MapRow:
    """One lane across all stages (uses the prefetched ``lane.cells`` and
    ``stage.touchpoints``)."""
    by_stage = {cell.stage_id: cell for cell in lane.cells.all()}
    cells = []
    for stage in stages:
        stored = by_stage.get(stage.pk)
        cell = MapCell(
            stage=stage,
            text=stored.text if stored else "",
            version=stored.version if stored else 0,
        )
        if lane.kind == LaneKind.TOUCHPOINTS:
            cell.touchpoints = list(stage.touchpoints.all())
        elif lane.kind == LaneKind.CHANNELS and not cell.text:
            names = [tp.channel.name for tp in stage.touchpoints.all() if tp.channel_id]
            cell.channels = list(dict.fromkeys(names))
        elif lane.kind == LaneKind.METRICS:
            cell.metrics = (stage_metrics or {}).get(stage.pk)
        cells.append(cell)
    if lane.kind == LaneKind.EMOTIONS:
        scores = [by_stage[s.pk].emotion_score if s.pk in by_stage else None for s in stages]
        for cell, piece in zip(cells, emotion_segments(scores), strict=True):
            cell.emotion = piece
    return MapRow(kind=lane.kind, name=lane.display_name, lane=lane, cells=cells)


def build_map_grid(journey: Journey, stage_metrics: dict | None = None) -> MapGrid:
    """Stages as columns, visible lanes as rows, from what journey_map_get prefetched
    (no further queries). ``stage_metrics`` (stage id -> entered, converted, drop_off_rate)
    fills the metrics lane; empty until a funnel report exists."""
    stages = list(journey.stages.all())
    all_lanes = list(journey.lanes.all())

    visible = [lane for lane in all_lanes if not lane.is_hidden]
    rows = [build_row(lane, stages, stage_metrics) for lane in visible if lane.kind not in BP]
    blueprint_rows = [build_row(lane, stages) for lane in visible if lane.kind in BP]
    if not any(lane.kind == LaneKind.TOUCHPOINTS for lane in all_lanes):
        # A map without a touchpoints lane still shows its touchpoints.
        cells = [MapCell(stage=s, touchpoints=list(s.touchpoints.all())) for s in stages]
        rows.insert(0, MapRow(LaneKind.TOUCHPOINTS, LaneKind.TOUCHPOINTS.label, None, cells))
    blueprint = build_blueprint(blueprint_rows, has_customer=bool(rows))
    movable = [row for row in [*rows, *blueprint] if isinstance(row, MapRow) and row.lane]
    for above, below in zip(movable, movable[1:], strict=False):
        above.down_position = below.lane.position
        below.up_position = above.lane.position
    present = {lane.kind for lane in all_lanes}
    return MapGrid(
        stages=stages,
        rows=rows,
        hidden_lanes=[lane for lane in all_lanes if lane.is_hidden],
        missing_kinds=[kind for kind in STANDARD_LANES if kind not in present],
        has_metrics=bool(stage_metrics),
        steps=build_steps(stages),
        blueprint=blueprint,
    )


BP = frozenset(BLUEPRINT_LANES)


def build_steps(stages: list[Stage]) -> list[MapStep]:
    """Stages (in column order) grouped into steps: runs of one step number."""
    steps: list[MapStep] = []
    for stage in stages:
        if steps and steps[-1].first.step == stage.step:
            steps[-1].stages.append(stage)
        else:
            steps.append(MapStep(len(steps) + 1, [stage], stage.is_optional))
    for step in steps:
        for stage in step.stages:
            stage.map_step = step  # for the stage header: its step's number and size
    return steps


def build_blueprint(rows: list[MapRow], *, has_customer: bool) -> list:
    """Blueprint rows by level (frontstage, backstage, support; evidence last), each level in
    lane order, with each line drawn where it separates a lane above from one below."""
    return blueprint_layout(rows, kind_of=lambda row: row.kind, has_customer=has_customer)


def blueprint_layout(items: list, *, kind_of, has_customer: bool) -> list:
    """``items`` (blueprint lanes in lane order, any shape; ``kind_of(item)`` their kind) sorted
    by level, with a ``BlueprintLine`` wherever a line separates a lane above from one below.
    Shared by the map and the print render."""
    order = {kind: index for index, kind in enumerate(BLUEPRINT_LANES)}
    items = sorted(items, key=lambda item: order[kind_of(item)])
    laid: list = []
    level_above = 0 if has_customer else None
    for item in items:
        level = BLUEPRINT_LEVEL.get(kind_of(item))
        if level is not None:
            for boundary, kind, label in BLUEPRINT_LINES:
                if level_above is not None and level_above < boundary <= level:
                    laid.append(BlueprintLine(kind, str(label)))
            level_above = level
        laid.append(item)
    return laid
