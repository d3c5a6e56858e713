"""Touchpoint endpoints of the map editor: cards (add, quick rating, move), the drawer (form,
actions, comments, rating history). Permissions, validation in place, stale edits."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cjm.choices import LaneKind
from tests.cjm.editor_helpers import HX, editor_map
from tests.factories import ActionFactory, CommentFactory
from touchpoints.choices import ActionStatus, Rating
from touchpoints.models import Comment, ImprovementAction, RatingChange, Touchpoint
from touchpoints.services import touchpoint_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def journey(workspace, editor):
    return editor_map(workspace, editor, stages=2, touchpoints_per_stage=2, title="Store")


@pytest.fixture
def touchpoint(journey):
    return Touchpoint.objects.get(stage__journey=journey, stage__position=0, position=0)


def detail_url(touchpoint):
    return reverse("touchpoints:touchpoint_detail", args=[touchpoint.pk])


def drawer_data(touchpoint, **changes):
    data = {
        "name": touchpoint.name,
        "rating": touchpoint.rating,
        "channel": touchpoint.channel_id or "",
        "category": touchpoint.category,
        "owner": touchpoint.owner_id or "",
        "team": touchpoint.team_id or "",
        "importance": touchpoint.importance,
        "customer_reaction": touchpoint.customer_reaction,
        "description": touchpoint.description,
        "version": touchpoint.version,
    }
    if touchpoint.is_critical:
        data["is_critical"] = "on"
    data.update(changes)
    return data


def endpoints(touchpoint, editor):
    stage = touchpoint.stage
    action = touchpoint.actions.first()
    comment = touchpoint.comments.first()
    return [
        # (method, url, data, writes for a viewer?)
        ("get", reverse("touchpoints:stage_touchpoints", args=[stage.pk]), {}, False),
        ("post", reverse("touchpoints:stage_touchpoints", args=[stage.pk]), {"name": "N"}, True),
        ("get", reverse("touchpoints:touchpoint_new", args=[stage.pk]), {}, True),
        ("get", detail_url(touchpoint), {}, False),
        ("post", detail_url(touchpoint), drawer_data(touchpoint, name="Renamed"), True),
        ("delete", detail_url(touchpoint) + "?version=1", {}, True),
        (
            "post",
            reverse("touchpoints:touchpoint_rating", args=[touchpoint.pk]),
            {"rating": "awful", "version": 1},
            True,
        ),
        (
            "post",
            reverse("touchpoints:touchpoint_move", args=[touchpoint.pk]),
            {"direction": "down"},
            True,
        ),
        (
            "post",
            reverse("touchpoints:action_list", args=[touchpoint.pk]),
            {"title": "Fix it"},
            True,
        ),
        ("delete", reverse("touchpoints:action_detail", args=[action.pk]) + "?version=1", {}, True),
        ("delete", reverse("touchpoints:comment_detail", args=[comment.pk]), {}, True),
    ]


def call(client, method, url, data):
    if data:
        return getattr(client, method)(url, data, headers=HX)
    return getattr(client, method)(url, headers=HX)


# --- permissions ------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, touchpoint, editor):
    for method, url, data, _write in endpoints(touchpoint, editor):
        response = call(client, method, url, data)
        assert response.status_code == 302, (method, url)
        assert response["Location"].startswith(reverse("login"))


def test_outsider_gets_404(client, touchpoint, editor, outsider):
    client.force_login(outsider)
    for method, url, data, _write in endpoints(touchpoint, editor):
        assert call(client, method, url, data).status_code == 404, (method, url)


def test_viewer_reads_but_may_not_write(client, touchpoint, editor, viewer):
    client.force_login(viewer)
    for method, url, data, write in endpoints(touchpoint, editor):
        assert call(client, method, url, data).status_code == (403 if write else 200), (method, url)
    touchpoint.refresh_from_db()
    assert touchpoint.name.startswith("Store touchpoint") and touchpoint.version == 1
    assert touchpoint.actions.count() == 1 and touchpoint.comments.count() == 1


def test_editor_may_use_every_endpoint(client, touchpoint, editor):
    client.force_login(editor)
    for method, url, data, _write in endpoints(touchpoint, editor):
        assert call(client, method, url, data).status_code in (200, 409), (method, url)


# --- the drawer -------------------------------------------------------------------------------


def test_drawer_partial_for_htmx_and_a_page_without(client, touchpoint, editor):
    client.force_login(editor)
    partial = client.get(detail_url(touchpoint), headers=HX).content.decode()
    assert "<html" not in partial
    for text in ("Improvement actions", "Comments", "Rating history", 'name="importance"'):
        assert text in partial
    page = client.get(detail_url(touchpoint))
    assert page.status_code == 200
    assert "<html" in page.content.decode()
    assert touchpoint.name in page.content.decode()


def test_viewer_drawer_is_read_only_but_may_comment(client, touchpoint, viewer):
    client.force_login(viewer)
    html = client.get(detail_url(touchpoint), headers=HX).content.decode()
    assert 'name="importance"' not in html
    assert "Delete touchpoint" not in html
    assert 'name="body"' in html
    response = client.post(
        reverse("touchpoints:comment_list", args=[touchpoint.pk]), {"body": "Seen it"}, headers=HX
    )
    assert response.status_code == 200
    assert "Seen it" in response.content.decode()


def test_save_drawer_updates_touchpoint_and_its_card(client, touchpoint, editor, ws_admin):
    client.force_login(editor)
    data = drawer_data(
        touchpoint, rating=Rating.AWFUL, owner=ws_admin.pk, importance=9, is_critical="on"
    )
    response = client.post(detail_url(touchpoint), data, headers=HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Saved." in html
    assert f'id="tp-{touchpoint.pk}"' in html and 'hx-swap-oob="true"' in html
    touchpoint.refresh_from_db()
    assert (touchpoint.rating, touchpoint.owner, touchpoint.importance) == ("awful", ws_admin, 9)
    assert touchpoint.version == 2
    assert RatingChange.objects.filter(touchpoint=touchpoint, to_rating="awful").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"importance": 11}, "less than or equal to 10"),
        ({"importance": 0}, "greater than or equal to 1"),
        ({"name": ""}, "This field is required."),
        ({"rating": "superb"}, "Select a valid choice"),
    ],
)
def test_drawer_validation_errors_in_place(client, touchpoint, editor, changes, message):
    client.force_login(editor)
    response = client.post(detail_url(touchpoint), drawer_data(touchpoint, **changes), headers=HX)
    assert response.status_code == 422
    assert message in response.content.decode()
    touchpoint.refresh_from_db()
    assert touchpoint.version == 1


def test_owner_from_another_workspace_is_refused(client, touchpoint, editor, outsider):
    client.force_login(editor)
    response = client.post(
        detail_url(touchpoint), drawer_data(touchpoint, owner=outsider.pk), headers=HX
    )
    assert response.status_code == 422
    touchpoint.refresh_from_db()
    assert touchpoint.owner_id != outsider.pk


def test_stale_drawer_save_is_a_conflict(client, touchpoint, editor, ws_admin):
    stale = drawer_data(touchpoint, name="Mine")
    touchpoint_update(actor=ws_admin, touchpoint=touchpoint, expected_version=1, name="Theirs")
    client.force_login(editor)
    response = client.post(detail_url(touchpoint), stale, headers=HX)
    assert response.status_code == 409
    assert response["HX-Retarget"] == "#editor-alert"
    assert ws_admin.get_full_name() in response.content.decode()
    touchpoint.refresh_from_db()
    assert touchpoint.name == "Theirs"


def test_delete_touchpoint_closes_the_drawer(client, touchpoint, editor):
    client.force_login(editor)
    response = client.delete(detail_url(touchpoint) + "?version=1", headers=HX)
    assert response.status_code == 200
    assert response["HX-Trigger"] == "cjm:drawer-close"
    assert response["HX-Retarget"] == "#map-grid"
    assert not Touchpoint.objects.filter(pk=touchpoint.pk).exists()


# --- cards ------------------------------------------------------------------------------------


def test_add_touchpoint_to_a_stage(client, touchpoint, editor):
    client.force_login(editor)
    url = reverse("touchpoints:stage_touchpoints", args=[touchpoint.stage_id])
    form = client.get(reverse("touchpoints:touchpoint_new", args=[touchpoint.stage_id]), headers=HX)
    assert 'name="name"' in form.content.decode()
    response = client.post(url, {"name": "Gift wrapping"}, headers=HX)
    assert response.status_code == 200
    assert "Gift wrapping" in response.content.decode()
    assert 'id="new-tp-' in response.content.decode()  # the add box stays open for the next
    assert touchpoint.stage.touchpoints.order_by("position").last().name == "Gift wrapping"
    response = client.post(url, {"name": "  "}, headers=HX)
    assert response.status_code == 422
    assert "This field is required." in response.content.decode()


def test_quick_rating_from_the_card(client, touchpoint, editor):
    client.force_login(editor)
    url = reverse("touchpoints:touchpoint_rating", args=[touchpoint.pk])
    response = client.post(url, {"rating": "awful", "version": 1}, headers=HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "tp tp--awful" in html
    assert 'id="rating-stats"' in html
    assert RatingChange.objects.filter(touchpoint=touchpoint, to_rating="awful").count() == 1
    stale = client.post(url, {"rating": "so_so", "version": 1}, headers=HX)
    assert stale.status_code == 409
    bad = client.post(url, {"rating": "meh", "version": 2}, headers=HX)
    assert bad.status_code == 400


@pytest.mark.parametrize(
    ("data", "stage_position", "position"),
    [
        ({"direction": "down"}, 0, 1),
        ({"direction": "up"}, 0, 0),
        ({"direction": "right"}, 1, 0),
        ({"direction": "left"}, 0, 0),
        ({"position": 1}, 0, 1),
    ],
)
def test_move_card(client, touchpoint, journey, editor, data, stage_position, position):
    client.force_login(editor)
    url = reverse("touchpoints:touchpoint_move", args=[touchpoint.pk])
    response = client.post(url, data, headers=HX)
    assert response.status_code == 200
    touchpoint.refresh_from_db()
    assert (touchpoint.stage.position, touchpoint.position) == (stage_position, position)


def test_drag_card_to_another_stage(client, touchpoint, journey, editor):
    client.force_login(editor)
    target = journey.stages.get(position=1)
    url = reverse("touchpoints:touchpoint_move", args=[touchpoint.pk])
    client.post(url, {"position": 1, "stage": target.pk}, headers=HX)
    touchpoint.refresh_from_db()
    assert (touchpoint.stage, touchpoint.position) == (target, 1)
    assert list(target.touchpoints.values_list("position", flat=True)) == [0, 1, 2]


def test_card_cannot_move_to_another_journeys_stage(client, touchpoint, editor, workspace):
    other = editor_map(workspace, editor, title="Other")
    client.force_login(editor)
    url = reverse("touchpoints:touchpoint_move", args=[touchpoint.pk])
    response = client.post(url, {"position": 0, "stage": other.stages.first().pk}, headers=HX)
    assert response.status_code == 400
    touchpoint.refresh_from_db()
    assert touchpoint.stage.journey.title == "Store"


# --- actions and comments ---------------------------------------------------------------------


def test_add_action_with_assignee_and_due_date(client, touchpoint, editor, ws_admin):
    client.force_login(editor)
    due = timezone.localdate() + datetime.timedelta(days=7)
    response = client.post(
        reverse("touchpoints:action_list", args=[touchpoint.pk]),
        {"title": "Shorter form", "assignee": ws_admin.pk, "due_date": due.isoformat()},
        headers=HX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Shorter form" in html
    assert 'hx-swap-oob="true"' in html  # the card's open-action count follows
    action = touchpoint.actions.get(title="Shorter form")
    assert (action.assignee, action.due_date, action.created_by) == (ws_admin, due, editor)


def test_action_errors_in_place(client, touchpoint, editor, outsider):
    client.force_login(editor)
    url = reverse("touchpoints:action_list", args=[touchpoint.pk])
    response = client.post(url, {"title": "", "due_date": "not a date"}, headers=HX)
    assert response.status_code == 422
    html = response.content.decode()
    assert "This field is required." in html and "Enter a valid date." in html
    response = client.post(url, {"title": "X", "assignee": outsider.pk}, headers=HX)
    assert response.status_code == 422
    assert touchpoint.actions.count() == 1


def test_complete_and_reopen_action(client, touchpoint, editor):
    client.force_login(editor)
    action = touchpoint.actions.get()
    url = reverse("touchpoints:action_detail", args=[action.pk])
    assert client.post(url, {"status": "done", "version": 1}, headers=HX).status_code == 200
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.done_at is not None
    assert client.post(url, {"status": "done", "version": 1}, headers=HX).status_code == 409
    client.post(url, {"status": "open", "version": 2}, headers=HX)
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN and action.done_at is None


def test_viewer_completes_own_action_only(client, touchpoint, viewer, editor):
    mine = ActionFactory(touchpoint=touchpoint, assignee=viewer, title="Mine")
    client.force_login(viewer)
    html = client.get(detail_url(touchpoint), headers=HX).content.decode()
    assert "Mark done: Mine" in html
    others = touchpoint.actions.exclude(pk=mine.pk).get()
    assert f"Mark done: {others.title}" not in html
    url = reverse("touchpoints:action_detail", args=[mine.pk])
    assert client.post(url, {"status": "done", "version": 1}, headers=HX).status_code == 200
    url = reverse("touchpoints:action_detail", args=[others.pk])
    assert client.post(url, {"status": "done", "version": 1}, headers=HX).status_code == 403


def test_delete_action(client, touchpoint, editor):
    client.force_login(editor)
    action = touchpoint.actions.get()
    url = reverse("touchpoints:action_detail", args=[action.pk]) + "?version=1"
    assert client.delete(url, headers=HX).status_code == 200
    assert not ImprovementAction.objects.filter(pk=action.pk).exists()


def test_comments(client, touchpoint, editor, viewer):
    client.force_login(viewer)
    url = reverse("touchpoints:comment_list", args=[touchpoint.pk])
    assert client.post(url, {"body": ""}, headers=HX).status_code == 422
    client.post(url, {"body": "Queue too long"}, headers=HX)
    own = Comment.objects.get(body="Queue too long")
    others = CommentFactory(touchpoint=touchpoint, author=editor, body="Editor's")
    delete = reverse("touchpoints:comment_detail", args=[others.pk])
    assert client.delete(delete, headers=HX).status_code == 403
    delete = reverse("touchpoints:comment_detail", args=[own.pk])
    assert client.delete(delete, headers=HX).status_code == 200
    assert not Comment.objects.filter(pk=own.pk).exists()


def test_rating_history_is_shown(client, touchpoint, editor):
    touchpoint_update(actor=editor, touchpoint=touchpoint, rating=Rating.AWFUL)
    client.force_login(editor)
    html = client.get(detail_url(touchpoint), headers=HX).content.decode()
    assert "badge--awful" in html
    assert editor.get_full_name() in html


def test_map_without_touchpoints_lane_still_offers_add(client, journey, editor):
    journey.lanes.filter(kind=LaneKind.TOUCHPOINTS).delete()
    client.force_login(editor)
    html = client.get(reverse("cjm:journey_detail", args=[journey.pk])).content.decode()
    assert "Add touchpoint" in html
