"""Helpers of the page tests (journey list, register, my work, personas, settings)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cjm.choices import LaneKind
from tests.factories import (
    ActionFactory,
    ChannelFactory,
    JourneyFactory,
    LaneFactory,
    PersonaFactory,
    SegmentFactory,
    StageFactory,
    TeamFactory,
    TouchpointFactory,
)
from touchpoints.choices import Rating

RATINGS = [Rating.EXCELLENT, Rating.SO_SO, Rating.AWFUL, Rating.UNRATED]


def build_journey(workspace, owner, *, stages=2, per_stage=2, title="Map", assignee=None):
    """A journey with personas, a segment, a channel, a team, touchpoints of every rating and
    an overdue action on every other touchpoint."""
    segment = SegmentFactory(workspace=workspace)
    journey = JourneyFactory(workspace=workspace, segment=segment, title=title)
    journey.personas.add(*PersonaFactory.create_batch(2, workspace=workspace, segment=segment))
    LaneFactory(journey=journey, kind=LaneKind.TOUCHPOINTS, name="Touchpoints")
    channel = ChannelFactory(workspace=workspace)
    team = TeamFactory(workspace=workspace)
    late = timezone.localdate() - datetime.timedelta(days=3)
    for s in range(stages):
        stage = StageFactory(journey=journey, name=f"{title} stage {s}", position=s)
        for t in range(per_stage):
            touchpoint = TouchpointFactory(
                stage=stage,
                name=f"{title} touchpoint {s}.{t}",
                rating=RATINGS[(s + t) % 4],
                owner=owner if t % 2 == 0 else None,
                team=team if t % 3 != 2 else None,
                channel=channel,
                importance=1 + (s + t) % 10,
                is_critical=t == 0,
            )
            if t % 2 == 0:
                ActionFactory(touchpoint=touchpoint, assignee=assignee or owner, due_date=late)
    return journey


def count_queries(client, url, **kwargs) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **kwargs)
    assert response.status_code == 200, response.status_code
    return len(captured.captured_queries)
