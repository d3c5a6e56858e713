"""The activity feed, an object's history (the drawer's History tab) and "restore this value"."""

import pytest
from django.urls import reverse
from django.utils import translation

from cjm import services as cjm_services
from cjm.history.models import ChangeRecord
from tests.history.conftest import sign_in
from touchpoints import services as touchpoint_services
from touchpoints.models import Touchpoint

# session, user, the workspace, the nav's role and workspaces, the page count and rows (with
# their actors), the owners named in the values, the maps and the people of the filter bar...
QUERIES_FEED = 12
# session, user, the object's workspace, the role, the records, the people named in the values,
# the touchpoints' and the actions' versions (for "restore this value"), and the subqueries
QUERIES_HISTORY = 10


def feed(workspace):
    return reverse("cjm:activity", args=[workspace.pk])


def history(object_type, object_id):
    return reverse("cjm:object_history", args=[object_type, object_id])


def restore(record):
    return reverse("cjm:change_restore", args=[record.pk])


def last_record(touchpoint):
    return ChangeRecord.objects.filter(object_type="touchpoint", object_id=touchpoint.pk).latest(
        "id"
    )


def test_the_feed_says_it_in_plain_words(client, touchpoint, editor, viewer, workspace):
    touchpoint_services.touchpoint_update(actor=editor, touchpoint=touchpoint, rating="awful")
    sign_in(client, viewer)
    response = client.get(feed(workspace))
    assert response.status_code == 200
    text = response.content.decode()
    assert (
        "changed the rating of “Courier call” from So-so to Awful"
        in text.replace("&ldquo;", "“").replace("&rdquo;", "”")
        or "from So-so to Awful" in text
    )
    assert "by the system" in text
    assert reverse("touchpoints:touchpoint_detail", args=[touchpoint.pk]) in text
    assert reverse("cjm:activity", args=[workspace.pk]) in text  # the nav links to it
    assert history("touchpoint", touchpoint.pk) in text  # each line to its object's history


def test_the_feed_in_russian(client, touchpoint, editor, viewer, workspace):
    touchpoint_services.touchpoint_update(actor=editor, touchpoint=touchpoint, rating="awful")
    sign_in(client, viewer)
    with translation.override("ru"):
        response = client.get(feed(workspace), HTTP_ACCEPT_LANGUAGE="ru")
    text = response.content.decode()
    assert "Журнал изменений" in text
    assert "Ужасно" in text or "ужасно" in text


def test_feed_filters(client, touchpoint, editor, viewer, workspace, journey):
    other = cjm_services.journey_create(actor=editor, workspace=workspace, title="Returns")
    sign_in(client, viewer)
    text = client.get(feed(workspace), {"journey": other.pk}).content.decode()
    assert "Returns" in text and "Courier call" not in text.split("history-list")[-1]
    text = client.get(feed(workspace), {"object_type": "touchpoint"}).content.decode()
    assert "Courier call" in text
    assert client.get(feed(workspace), {"source": "api"}).context["lines"] == []
    assert client.get(feed(workspace), {"from": "2999-01-01"}).context["lines"] == []
    assert client.get(feed(workspace), {"to": "2000-01-01"}).context["lines"] == []
    assert client.get(feed(workspace), {"actor": editor.pk}).context["lines"]
    # A bad value is shown, never a 500.
    assert client.get(feed(workspace), {"object_type": "planet", "from": "x"}).status_code == 200


def test_outsiders_get_404(client, touchpoint, outsider, workspace):
    sign_in(client, outsider)
    assert client.get(feed(workspace)).status_code == 404
    assert client.get(history("touchpoint", touchpoint.pk)).status_code == 404
    record = last_record(touchpoint)
    assert client.post(restore(record), {"field": "rating"}).status_code == 404


@pytest.mark.parametrize("cards", [1, 5])
def test_feed_query_count_is_constant(
    cards, client, editor, viewer, workspace, journey, django_assert_num_queries
):
    stage = journey.stages.first()
    team_channel = None
    for number in range(cards):
        touchpoint = touchpoint_services.touchpoint_create(
            actor=editor, stage=stage, name=f"Card {number}", channel=team_channel
        )
        touchpoint_services.touchpoint_update(
            actor=editor, touchpoint=touchpoint, rating="awful", owner=editor
        )
    sign_in(client, viewer)
    client.get(feed(workspace))
    with django_assert_num_queries(QUERIES_FEED):
        response = client.get(feed(workspace))
    assert len(response.context["lines"]) >= cards * 2


def test_the_history_tab_lists_the_touchpoint_its_actions_and_comments(
    client, touchpoint, editor, viewer
):
    action = touchpoint_services.action_create(actor=editor, touchpoint=touchpoint, title="Script")
    touchpoint_services.action_update(actor=editor, action=action, status="in_progress")
    comment = touchpoint_services.comment_create(actor=editor, touchpoint=touchpoint, body="Hmm")
    touchpoint_services.comment_delete(actor=editor, comment=comment)
    touchpoint_services.touchpoint_update(actor=editor, touchpoint=touchpoint, importance=9)
    sign_in(client, viewer)
    response = client.get(history("touchpoint", touchpoint.pk), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    kinds = [(line.record.object_type, line.record.verb) for line in response.context["lines"]]
    assert kinds[0] == ("touchpoint", "updated")
    assert ("action", "updated") in kinds and ("action", "created") in kinds
    assert ("comment", "created") in kinds and ("comment", "deleted") in kinds
    assert "Restore this value" not in response.content.decode()  # a viewer


def test_the_drawer_and_the_stage_menu_lead_to_history(client, touchpoint, editor, stage):
    sign_in(client, editor)
    drawer = client.get(reverse("touchpoints:touchpoint_detail", args=[touchpoint.pk]))
    assert history("touchpoint", touchpoint.pk) in drawer.content.decode()
    page = client.get(reverse("cjm:journey_detail", args=[stage.journey_id]))
    assert history("stage", stage.pk) in page.content.decode()
    assert client.get(history("stage", stage.pk)).status_code == 200


def test_restore_a_value_through_the_services(client, touchpoint, editor):
    touchpoint_services.touchpoint_update(actor=editor, touchpoint=touchpoint, rating="awful")
    record = last_record(touchpoint)
    touchpoint.refresh_from_db()
    sign_in(client, editor)
    page = client.get(history("touchpoint", touchpoint.pk))
    assert "Restore this value" in page.content.decode()
    response = client.post(
        restore(record), {"field": "rating", "version": touchpoint.version}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "The earlier value is back." in response.content.decode()
    touchpoint.refresh_from_db()
    assert touchpoint.rating == "so_so"
    revert = last_record(touchpoint)
    assert (revert.actor, revert.source, revert.fields["rating"]) == (
        editor,
        "ui",
        {"old": "awful", "new": "so_so"},
    )
    assert touchpoint.rating_changes.first().to_rating == "so_so"  # the rating history too


def test_restore_with_a_stale_version_changes_nothing(client, touchpoint, editor):
    touchpoint_services.touchpoint_update(actor=editor, touchpoint=touchpoint, rating="awful")
    record = last_record(touchpoint)
    seen = Touchpoint.objects.get(pk=touchpoint.pk).version
    touchpoint_services.touchpoint_update(actor=editor, touchpoint=touchpoint, importance=2)
    sign_in(client, editor)
    response = client.post(restore(record), {"field": "rating", "version": seen}, follow=True)
    assert response.status_code == 200
    assert "Someone changed it meanwhile" in response.content.decode()
    assert Touchpoint.objects.get(pk=touchpoint.pk).rating == "awful"


def test_viewer_cannot_restore(client, touchpoint, editor, viewer):
    touchpoint_services.touchpoint_update(actor=editor, touchpoint=touchpoint, rating="awful")
    sign_in(client, viewer)
    response = client.post(restore(last_record(touchpoint)), {"field": "rating"})
    assert response.status_code == 403
    assert Touchpoint.objects.get(pk=touchpoint.pk).rating == "awful"


def test_what_cannot_be_restored_says_so(client, touchpoint, editor, stage, journey):
    second = touchpoint_services.touchpoint_create(actor=editor, stage=stage, name="Second")
    touchpoint_services.touchpoint_move(actor=editor, touchpoint=second, position=0)
    move = last_record(second)
    touchpoint_services.touchpoint_update(actor=editor, touchpoint=touchpoint, rating="awful")
    rating = last_record(touchpoint)
    touchpoint_services.touchpoint_delete(actor=editor, touchpoint=touchpoint)
    sign_in(client, editor)
    response = client.post(restore(move), {"field": "position"}, follow=True)
    assert response.status_code == 200
    assert "cannot be restored" in response.content.decode()
    response = client.post(restore(rating), {"field": "rating"}, follow=True)
    assert response.status_code == 200
    assert "has been deleted" in response.content.decode()
    response = client.post(restore(rating), {"field": "nonsense", "version": "x"}, follow=True)
    assert response.status_code == 200


def test_restore_a_stage_name_and_a_cell(client, editor, stage, journey):
    cjm_services.stage_update(actor=editor, stage=stage, name="Waiting")
    lane = journey.lanes.exclude(kind="touchpoints").first()
    cjm_services.lane_cell_set(actor=editor, lane=lane, stage=stage, text="First")
    cell = cjm_services.lane_cell_set(actor=editor, lane=lane, stage=stage, text="Second")
    sign_in(client, editor)
    rename = ChangeRecord.objects.filter(object_type="stage", verb="updated").latest("id")
    stage.refresh_from_db()
    client.post(restore(rename), {"field": "name", "version": stage.version})
    stage.refresh_from_db()
    assert stage.name == "Order"
    cell_change = ChangeRecord.objects.filter(object_type="cell", verb="updated").latest("id")
    client.post(restore(cell_change), {"field": "text", "version": cell.version})
    cell.refresh_from_db()
    assert cell.text == "First"
    # The stage's history shows its cells' changes.
    page = client.get(history("stage", stage.pk))
    kinds = {line.record.object_type for line in page.context["lines"]}
    assert kinds == {"stage", "cell"}


@pytest.mark.parametrize("actions", [1, 4])
def test_history_query_count_is_constant(
    actions, client, touchpoint, editor, django_assert_num_queries
):
    for number in range(actions):
        action = touchpoint_services.action_create(
            actor=editor, touchpoint=touchpoint, title=f"Step {number}"
        )
        touchpoint_services.action_update(actor=editor, action=action, assignee=editor)
        touchpoint_services.touchpoint_update(
            actor=editor, touchpoint=touchpoint, importance=number + 2
        )
    sign_in(client, editor)
    url = history("touchpoint", touchpoint.pk)
    client.get(url, HTTP_HX_REQUEST="true")
    # session, user, the workspace of the object, the role, the records (actions' included),
    # the people named in the values, the versions of touchpoints and of actions
    with django_assert_num_queries(QUERIES_HISTORY):
        response = client.get(url, HTTP_HX_REQUEST="true")
    assert len(response.context["lines"]) == 1 + 3 * actions


def test_api_detail_is_one_record(touchpoint, viewer, django_assert_num_queries):
    from tests.api.conftest import token_client

    record = last_record(touchpoint)
    client = token_client(viewer)
    url = reverse("history-api:change-detail", args=[record.pk])
    with django_assert_num_queries(2):  # the token, the record with its actor
        response = client.get(url)
    assert response.json()["id"] == record.pk
