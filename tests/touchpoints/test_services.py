"""Touchpoints, rating history, actions and comments through their services."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from cjm import services as journey_services
from cjm.core.exceptions import StaleVersionError
from tests.factories import ChannelFactory, TeamFactory
from touchpoints import services
from touchpoints.models import RatingChange, Touchpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def journey(workspace, editor):
    return journey_services.journey_create(
        actor=editor, workspace=workspace, title="Store", stage_names=["Search", "Pay"]
    )


@pytest.fixture
def search(journey):
    return journey.stages.get(name="Search")


@pytest.fixture
def pay(journey):
    return journey.stages.get(name="Pay")


def order(stage):
    return list(stage.touchpoints.order_by("position").values_list("name", "position"))


def test_create_with_owner_team_channel_and_first_rating_in_history(workspace, editor, search):
    team = TeamFactory(workspace=workspace)
    channel = ChannelFactory(workspace=workspace)
    touchpoint = services.touchpoint_create(
        actor=editor,
        stage=search,
        name="Reviews on the marketplace",
        owner=editor,
        team=team,
        channel=channel,
        rating="so_so",
        importance=8,
        is_critical=True,
    )
    assert touchpoint.position == 0
    change = RatingChange.objects.get(touchpoint=touchpoint)
    assert (change.from_rating, change.to_rating, change.changed_by) == ("unrated", "so_so", editor)


def test_owner_from_another_workspace_is_refused_and_nothing_saved(editor, outsider, search):
    with pytest.raises(ValidationError) as error:
        services.touchpoint_create(actor=editor, stage=search, name="Call", owner=outsider)
    assert "owner" in error.value.message_dict
    assert not Touchpoint.objects.exists()


@pytest.mark.parametrize("importance", [0, 11])
def test_importance_out_of_range_is_refused(editor, search, importance):
    with pytest.raises(ValidationError):
        services.touchpoint_create(actor=editor, stage=search, name="X", importance=importance)


def test_unknown_rating_is_refused(editor, search):
    with pytest.raises(ValidationError):
        services.touchpoint_create(actor=editor, stage=search, name="X", rating="great")


def test_rating_changes_are_recorded_with_who_and_from_to(editor, ws_admin, search):
    touchpoint = services.touchpoint_create(actor=editor, stage=search, name="Site search")
    touchpoint = services.touchpoint_update(actor=editor, touchpoint=touchpoint, rating="awful")
    touchpoint = services.touchpoint_update(
        actor=ws_admin, touchpoint=touchpoint, rating="excellent", rating_note="New search engine"
    )
    services.touchpoint_update(actor=ws_admin, touchpoint=touchpoint, importance=9)
    history = list(
        RatingChange.objects.filter(touchpoint=touchpoint)
        .order_by("id")
        .values_list("from_rating", "to_rating", "changed_by__username", "note")
    )
    assert history == [
        ("unrated", "awful", "eddie_editor", ""),
        ("awful", "excellent", "alice_admin", "New search engine"),
    ]


def test_concurrent_edits_with_the_same_version_one_wins(editor, search):
    touchpoint = services.touchpoint_create(actor=editor, stage=search, name="Checkout")
    seen = touchpoint.version
    services.touchpoint_update(
        actor=editor, touchpoint=touchpoint, expected_version=seen, rating="awful"
    )
    with pytest.raises(StaleVersionError) as error:
        services.touchpoint_update(
            actor=editor, touchpoint=touchpoint, expected_version=seen, rating="excellent"
        )
    assert error.value.current.rating == "awful"
    assert error.value.current.updated_by == editor


def test_insert_move_within_and_delete_keep_positions_dense(editor, search):
    for name in ["A", "B", "C"]:
        services.touchpoint_create(actor=editor, stage=search, name=name)
    services.touchpoint_create(actor=editor, stage=search, name="First", position=0)
    assert order(search) == [("First", 0), ("A", 1), ("B", 2), ("C", 3)]
    services.touchpoint_move(actor=editor, touchpoint=search.touchpoints.get(name="C"), position=1)
    assert order(search) == [("First", 0), ("C", 1), ("A", 2), ("B", 3)]
    services.touchpoint_delete(actor=editor, touchpoint=search.touchpoints.get(name="C"))
    assert order(search) == [("First", 0), ("A", 1), ("B", 2)]


def test_move_to_another_stage_of_the_same_journey(editor, search, pay):
    for name in ["A", "B", "C"]:
        services.touchpoint_create(actor=editor, stage=search, name=name)
    services.touchpoint_create(actor=editor, stage=pay, name="Card form")
    moved = services.touchpoint_move(
        actor=editor, touchpoint=search.touchpoints.get(name="A"), stage=pay, position=0
    )
    assert moved.stage == pay and moved.version == 2
    assert order(search) == [("B", 0), ("C", 1)]
    assert order(pay) == [("A", 0), ("Card form", 1)]


def test_move_to_another_journey_is_refused(workspace, editor, search):
    other = journey_services.journey_create(
        actor=editor, workspace=workspace, title="B2B", stage_names=["Lead"]
    )
    touchpoint = services.touchpoint_create(actor=editor, stage=search, name="A")
    with pytest.raises(ValidationError):
        services.touchpoint_move(
            actor=editor, touchpoint=touchpoint, stage=other.stages.get(), position=0
        )
    assert Touchpoint.objects.get(pk=touchpoint.pk).stage == search


def test_action_done_sets_done_at_and_reopen_clears_it(editor, viewer, search):
    touchpoint = services.touchpoint_create(actor=editor, stage=search, name="Courier call")
    action = services.action_create(
        actor=editor,
        touchpoint=touchpoint,
        title="Script for couriers",
        assignee=viewer,
        due_date=datetime.date(2026, 1, 1),
    )
    assert action.is_overdue
    # The assignee may move their own action along, even as a viewer.
    action = services.action_update(actor=viewer, action=action, status="done")
    assert action.done_at is not None and not action.is_overdue
    with pytest.raises(PermissionDenied):
        services.action_update(actor=viewer, action=action, title="Renamed")
    action = services.action_update(actor=editor, action=action, status="open")
    assert action.done_at is None


def test_assignee_must_be_a_member(editor, outsider, search):
    touchpoint = services.touchpoint_create(actor=editor, stage=search, name="Courier call")
    with pytest.raises(ValidationError):
        services.action_create(actor=editor, touchpoint=touchpoint, title="X", assignee=outsider)


def test_comments_by_viewers_and_deletion_rules(editor, viewer, outsider, search):
    touchpoint = services.touchpoint_create(actor=editor, stage=search, name="Site")
    comment = services.comment_create(actor=viewer, touchpoint=touchpoint, body="Slow on mobile")
    with pytest.raises(Http404):
        services.comment_create(actor=outsider, touchpoint=touchpoint, body="Hi")
    other = services.comment_create(actor=editor, stage=search, body="Stage note")
    with pytest.raises(PermissionDenied):
        services.comment_delete(actor=viewer, comment=other)
    services.comment_delete(actor=viewer, comment=comment)
    with pytest.raises(ValidationError):
        services.comment_create(actor=editor, body="Nowhere")


def test_viewer_cannot_write_touchpoints(viewer, search):
    with pytest.raises(PermissionDenied):
        services.touchpoint_create(actor=viewer, stage=search, name="X")
