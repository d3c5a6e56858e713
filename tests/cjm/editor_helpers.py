"""Shared builders for the map editor's server tests (tests/cjm/test_editor*.py and
tests/touchpoints/test_drawer*.py)."""

import datetime

from django.utils import timezone

from cjm.choices import LaneKind
from tests.factories import (
    ActionFactory,
    ChannelFactory,
    CommentFactory,
    JourneyFactory,
    LaneCellFactory,
    LaneFactory,
    StageFactory,
    TeamFactory,
    TouchpointFactory,
)
from touchpoints.choices import Rating

HX = {"HX-Request": "true"}
RATINGS = [Rating.EXCELLENT, Rating.SO_SO, Rating.AWFUL, Rating.UNRATED]


def editor_map(workspace, owner, *, stages=2, touchpoints_per_stage=1, custom_lanes=1, title="Map"):
    """A map with every lane kind the editor draws, cells written, touchpoints with an action and
    a comment each. Returns the journey."""
    journey = JourneyFactory(workspace=workspace, title=title)
    channel = ChannelFactory(workspace=workspace)
    team = TeamFactory(workspace=workspace)
    kinds = [
        LaneKind.GOALS,
        LaneKind.TOUCHPOINTS,
        LaneKind.CHANNELS,
        LaneKind.EMOTIONS,
        LaneKind.METRICS,
    ]
    lanes = [LaneFactory(journey=journey, kind=kind, name=str(kind.label)) for kind in kinds]
    lanes += [LaneFactory(journey=journey, name=f"Custom {n}") for n in range(custom_lanes)]
    LaneFactory(journey=journey, kind=LaneKind.PAINS, name="Hidden pains", is_hidden=True)
    past = timezone.localdate() - datetime.timedelta(days=2)
    for s in range(stages):
        stage = StageFactory(journey=journey, name=f"{title} stage {s}", position=s)
        for lane in lanes:
            if lane.kind in (LaneKind.TOUCHPOINTS, LaneKind.METRICS):
                continue
            score = (s % 7) - 3 if lane.kind == LaneKind.EMOTIONS else None
            LaneCellFactory(lane=lane, stage=stage, text=f"cell {s}", emotion_score=score)
        for t in range(touchpoints_per_stage):
            touchpoint = TouchpointFactory(
                stage=stage,
                name=f"{title} touchpoint {s}.{t}",
                rating=RATINGS[(s + t) % 4],
                owner=owner if t % 2 == 0 else None,
                team=team,
                channel=channel,
                is_critical=t == 0,
            )
            ActionFactory(touchpoint=touchpoint, assignee=owner, due_date=past)
            CommentFactory(touchpoint=touchpoint, author=owner)
    return journey


def lane_of(journey, kind):
    return journey.lanes.get(kind=kind)
