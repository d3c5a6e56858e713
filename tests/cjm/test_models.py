"""The database itself refuses bad rows, not only the forms."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cjm.choices import LaneKind
from tests.factories import (
    ActionFactory,
    ChannelFactory,
    JourneyFactory,
    LaneCellFactory,
    LaneFactory,
    SegmentFactory,
    StageFactory,
    TeamFactory,
    TouchpointFactory,
    UserFactory,
)
from touchpoints.models import Touchpoint

pytestmark = pytest.mark.django_db


def assert_db_refuses(fn):
    with pytest.raises(IntegrityError), transaction.atomic():
        fn()


def test_rating_outside_choices_is_refused_by_the_database():
    touchpoint = TouchpointFactory()
    assert_db_refuses(lambda: Touchpoint.objects.filter(pk=touchpoint.pk).update(rating="great"))
    touchpoint.rating = "great"
    with pytest.raises(ValidationError) as error:
        touchpoint.full_clean()
    assert "rating" in error.value.message_dict


@pytest.mark.parametrize("importance", [0, 11])
def test_importance_outside_1_to_10_is_refused(importance):
    touchpoint = TouchpointFactory()
    assert_db_refuses(
        lambda: Touchpoint.objects.filter(pk=touchpoint.pk).update(importance=importance)
    )
    touchpoint.importance = importance
    with pytest.raises(ValidationError) as error:
        touchpoint.full_clean()
    assert "importance" in error.value.message_dict


@pytest.mark.parametrize("importance", [1, 10])
def test_importance_bounds_are_accepted(importance):
    touchpoint = TouchpointFactory(importance=importance)
    touchpoint.full_clean()


def test_duplicate_positions_are_refused_for_stages_lanes_and_touchpoints():
    stage = StageFactory(position=0)
    assert_db_refuses(lambda: StageFactory(journey=stage.journey, position=0))
    lane = LaneFactory(position=0)
    assert_db_refuses(lambda: LaneFactory(journey=lane.journey, position=0))
    touchpoint = TouchpointFactory(position=0)
    assert_db_refuses(lambda: TouchpointFactory(stage=touchpoint.stage, position=0))


def test_negative_position_is_refused():
    assert_db_refuses(lambda: StageFactory(position=-1))


def test_owner_from_another_workspace_is_refused(workspace, other_workspace, outsider):
    touchpoint = TouchpointFactory(stage__journey__workspace=workspace)
    touchpoint.owner = outsider
    with pytest.raises(ValidationError) as error:
        touchpoint.full_clean()
    assert "owner" in error.value.message_dict


def test_team_and_channel_from_another_workspace_are_refused(workspace, other_workspace):
    touchpoint = TouchpointFactory(stage__journey__workspace=workspace)
    touchpoint.team = TeamFactory(workspace=other_workspace)
    touchpoint.channel = ChannelFactory(workspace=other_workspace)
    with pytest.raises(ValidationError) as error:
        touchpoint.full_clean()
    assert {"team", "channel"} <= set(error.value.message_dict)


def test_journey_segment_from_another_workspace_is_refused(workspace, other_workspace):
    journey = JourneyFactory(workspace=workspace)
    journey.segment = SegmentFactory(workspace=other_workspace)
    with pytest.raises(ValidationError) as error:
        journey.full_clean()
    assert "segment" in error.value.message_dict


def test_emotion_score_is_limited_to_minus_3_plus_3():
    lane = LaneFactory(kind=LaneKind.EMOTIONS)
    assert_db_refuses(lambda: LaneCellFactory(lane=lane, emotion_score=4))
    LaneCellFactory(lane=lane, emotion_score=-3)


def test_only_one_standard_lane_of_a_kind_per_journey_but_many_custom_lanes():
    journey = JourneyFactory()
    LaneFactory(journey=journey, kind=LaneKind.THOUGHTS)
    assert_db_refuses(lambda: LaneFactory(journey=journey, kind=LaneKind.THOUGHTS))
    LaneFactory(journey=journey, kind=LaneKind.CUSTOM)
    LaneFactory(journey=journey, kind=LaneKind.CUSTOM)


def test_done_at_must_match_done_status():
    user = UserFactory()
    assert_db_refuses(lambda: ActionFactory(status="done", done_at=None, assignee=user))


def test_a_comment_is_on_a_touchpoint_or_a_stage_not_both():
    from touchpoints.models import Comment

    touchpoint = TouchpointFactory()
    assert_db_refuses(
        lambda: Comment.objects.create(touchpoint=touchpoint, stage=touchpoint.stage, body="x")
    )
    assert_db_refuses(lambda: Comment.objects.create(body="x"))
