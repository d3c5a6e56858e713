"""Journeys, stages, lanes and cells are written through services: validated, atomic, dense."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from cjm import services
from cjm.accounts import services as account_services
from cjm.choices import STANDARD_LANES, LaneKind
from cjm.core.exceptions import StaleVersionError
from cjm.models import Journey, Lane, LaneCell, Stage
from tests.factories import PersonaFactory, TouchpointFactory
from touchpoints.models import Comment, ImprovementAction, RatingChange, Touchpoint

pytestmark = pytest.mark.django_db


def names(journey):
    return list(journey.stages.order_by("position").values_list("name", flat=True))


def stage_positions(journey):
    return list(journey.stages.order_by("position").values_list("position", flat=True))


@pytest.fixture
def journey(workspace, editor):
    return services.journey_create(
        actor=editor,
        workspace=workspace,
        title="Online store",
        stage_names=["Search", "Choose", "Pay", "Delivery"],
    )


def test_workspace_creator_becomes_admin(editor):
    workspace = account_services.workspace_create(name="New Brand", creator=editor)
    assert workspace.memberships.get(user=editor).role == "admin"
    assert workspace.slug == "new-brand"


def test_journey_starts_with_standard_lanes_and_given_stages(journey):
    assert names(journey) == ["Search", "Choose", "Pay", "Delivery"]
    kinds = list(journey.lanes.order_by("position").values_list("kind", flat=True))
    assert kinds == [str(kind) for kind in STANDARD_LANES]


def test_insert_stage_in_the_middle_shifts_the_rest(journey, editor):
    services.stage_create(actor=editor, journey=journey, name="Cart", position=2)
    assert names(journey) == ["Search", "Choose", "Cart", "Pay", "Delivery"]
    assert stage_positions(journey) == [0, 1, 2, 3, 4]


def test_insert_beyond_the_end_appends(journey, editor):
    stage = services.stage_create(actor=editor, journey=journey, name="Loyalty", position=99)
    assert stage.position == 4


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        (3, 0, ["Delivery", "Search", "Choose", "Pay"]),
        (0, 3, ["Choose", "Pay", "Delivery", "Search"]),
        (1, 2, ["Search", "Pay", "Choose", "Delivery"]),
        (2, 2, ["Search", "Choose", "Pay", "Delivery"]),
        (0, 50, ["Choose", "Pay", "Delivery", "Search"]),
    ],
)
def test_moving_a_stage_keeps_positions_dense(journey, editor, source, target, expected):
    stage = journey.stages.get(position=source)
    moved = services.stage_move(actor=editor, stage=stage, position=target)
    assert names(journey) == expected
    assert stage_positions(journey) == [0, 1, 2, 3]
    assert moved.position == expected.index(stage.name)


def test_deleting_a_stage_removes_its_touchpoints_cells_and_closes_ranks(journey, editor):
    pay = journey.stages.get(name="Pay")
    touchpoint = TouchpointFactory(stage=pay)
    ImprovementAction.objects.create(touchpoint=touchpoint, title="Fix 3-D Secure")
    Comment.objects.create(touchpoint=touchpoint, body="Card declined twice")
    lane = journey.lanes.get(kind=LaneKind.PAINS)
    services.lane_cell_set(actor=editor, lane=lane, stage=pay, text="Payment fails")
    kept = TouchpointFactory(stage=journey.stages.get(name="Search"))

    services.stage_delete(actor=editor, stage=pay)

    assert names(journey) == ["Search", "Choose", "Delivery"]
    assert stage_positions(journey) == [0, 1, 2]
    assert not Touchpoint.objects.filter(pk=touchpoint.pk).exists()
    assert not ImprovementAction.objects.filter(touchpoint_id=touchpoint.pk).exists()
    assert not LaneCell.objects.filter(stage_id=pay.pk).exists()
    assert Touchpoint.objects.filter(pk=kept.pk).exists()


def test_viewer_cannot_write_and_outsider_gets_404(journey, viewer, outsider):
    with pytest.raises(PermissionDenied):
        services.stage_create(actor=viewer, journey=journey, name="Nope")
    with pytest.raises(Http404):
        services.stage_create(actor=outsider, journey=journey, name="Nope")
    assert journey.stages.count() == 4


def test_stale_version_is_refused_and_nothing_changes(journey, editor):
    stage = journey.stages.get(name="Search")
    services.stage_update(actor=editor, stage=stage, expected_version=1, name="Discover")
    with pytest.raises(StaleVersionError) as error:
        services.stage_update(actor=editor, stage=stage, expected_version=1, name="Lost update")
    assert error.value.current.name == "Discover"
    assert error.value.current.version == 2
    assert Stage.objects.get(pk=stage.pk).name == "Discover"


def test_invalid_update_saves_nothing(journey, editor):
    stage = journey.stages.get(name="Search")
    with pytest.raises(ValidationError):
        services.stage_update(actor=editor, stage=stage, moment_of_truth="xmot")
    fresh = Stage.objects.get(pk=stage.pk)
    assert (fresh.moment_of_truth, fresh.version) == ("", 1)


def test_lanes_insert_move_hide_and_delete(journey, editor):
    lane = services.lane_create(actor=editor, journey=journey, name="Promises", position=0)
    assert journey.lanes.get(position=0) == lane
    services.lane_move(actor=editor, lane=lane, position=5)
    positions = list(journey.lanes.order_by("position").values_list("position", flat=True))
    assert positions == list(range(len(STANDARD_LANES) + 1))
    assert Lane.objects.get(pk=lane.pk).position == 5
    services.lane_update(actor=editor, lane=lane, is_hidden=True)
    services.lane_delete(actor=editor, lane=lane)
    positions = list(journey.lanes.order_by("position").values_list("position", flat=True))
    assert positions == list(range(len(STANDARD_LANES)))


def test_touchpoints_lane_cannot_be_deleted(journey, editor):
    lane = journey.lanes.get(kind=LaneKind.TOUCHPOINTS)
    with pytest.raises(ValidationError):
        services.lane_delete(actor=editor, lane=lane)
    assert Lane.objects.filter(pk=lane.pk).exists()


def test_lane_cell_set_creates_then_updates(journey, editor):
    lane = journey.lanes.get(kind=LaneKind.EMOTIONS)
    stage = journey.stages.get(name="Pay")
    cell = services.lane_cell_set(actor=editor, lane=lane, stage=stage, emotion_score=-2)
    cell = services.lane_cell_set(
        actor=editor, lane=lane, stage=stage, text="Anxious", expected_version=cell.version
    )
    assert (cell.text, cell.emotion_score, cell.version) == ("Anxious", -2, 2)
    with pytest.raises(ValidationError):
        services.lane_cell_set(actor=editor, lane=lane, stage=stage, emotion_score=5)


def test_emotion_score_only_on_the_emotions_lane(journey, editor):
    lane = journey.lanes.get(kind=LaneKind.GOALS)
    with pytest.raises(ValidationError):
        services.lane_cell_set(
            actor=editor, lane=lane, stage=journey.stages.first(), emotion_score=1
        )


def test_personas_of_another_workspace_are_refused(journey, editor, other_workspace):
    foreign = PersonaFactory(workspace=other_workspace)
    with pytest.raises(ValidationError) as error:
        services.journey_update(actor=editor, journey=journey, personas=[foreign])
    assert "personas" in error.value.message_dict
    assert journey.personas.count() == 0


def test_copy_a_journey_keeps_the_map_but_not_the_work(journey, editor):
    touchpoint = TouchpointFactory(stage=journey.stages.get(name="Pay"), rating="awful")
    RatingChange.objects.create(touchpoint=touchpoint, from_rating="unrated", to_rating="awful")
    ImprovementAction.objects.create(touchpoint=touchpoint, title="Add Apple Pay")
    services.lane_cell_set(
        actor=editor,
        lane=journey.lanes.get(kind=LaneKind.GOALS),
        stage=journey.stages.first(),
        text="Find a gift",
    )
    copy = services.journey_copy(
        actor=editor, journey=journey, title="Online store (future)", state="future"
    )
    assert names(copy) == names(journey)
    assert copy.lanes.count() == journey.lanes.count()
    copied = Touchpoint.objects.get(stage__journey=copy)
    assert (copied.name, copied.rating) == (touchpoint.name, "awful")
    assert not copied.actions.exists() and not copied.rating_changes.exists()
    assert LaneCell.objects.get(lane__journey=copy).text == "Find a gift"
    assert Journey.objects.get(pk=copy.pk).state == "future"


def test_last_admin_cannot_be_demoted_or_removed(workspace, ws_admin, editor):
    with pytest.raises(ValidationError):
        account_services.membership_set(
            actor=ws_admin, workspace=workspace, user=ws_admin, role="viewer"
        )
    with pytest.raises(ValidationError):
        account_services.membership_remove(actor=ws_admin, workspace=workspace, user=ws_admin)
    account_services.membership_set(actor=ws_admin, workspace=workspace, user=editor, role="admin")
    account_services.membership_set(
        actor=ws_admin, workspace=workspace, user=ws_admin, role="viewer"
    )


def test_removing_a_member_frees_their_touchpoints(workspace, ws_admin, editor, journey):
    touchpoint = TouchpointFactory(stage=journey.stages.first(), owner=editor)
    account_services.membership_remove(actor=ws_admin, workspace=workspace, user=editor)
    assert Touchpoint.objects.get(pk=touchpoint.pk).owner is None


def test_team_members_must_be_workspace_members(workspace, ws_admin, editor, outsider):
    with pytest.raises(ValidationError):
        account_services.team_create(
            actor=ws_admin, workspace=workspace, name="Ops", members=[outsider]
        )
    team = account_services.team_create(
        actor=ws_admin, workspace=workspace, name="Ops", members=[editor]
    )
    assert list(team.members.all()) == [editor]


def test_only_admins_manage_teams(workspace, editor):
    with pytest.raises(PermissionDenied):
        account_services.team_create(actor=editor, workspace=workspace, name="Ops")
