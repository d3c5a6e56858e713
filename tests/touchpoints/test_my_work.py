"""My work: my touchpoints and my actions, overdue first; quick status change of my actions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ActionFactory, StageFactory, TeamFactory, TouchpointFactory
from tests.page_helpers import build_journey, count_queries
from touchpoints.choices import ActionStatus, Rating
from touchpoints.models import ImprovementAction

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def my_work_url(workspace):
    return reverse("touchpoints:my_work", kwargs={"workspace_id": workspace.pk})


def status_url(workspace, action):
    return reverse(
        "touchpoints:my_work_action", kwargs={"workspace_id": workspace.pk, "pk": action.pk}
    )


@pytest.fixture
def work(workspace, viewer, editor):
    stage = StageFactory(journey__workspace=workspace, journey__title="Online order")
    team = TeamFactory(workspace=workspace, name="Support")
    team.members.add(viewer)
    mine = TouchpointFactory(stage=stage, name="Chat", owner=viewer, rating=Rating.SO_SO)
    via_team = TouchpointFactory(stage=stage, name="Hotline", team=team, rating=Rating.AWFUL)
    TouchpointFactory(stage=stage, name="Not mine", owner=editor)
    actions = {
        "later": ActionFactory(
            touchpoint=mine, title="Later", assignee=viewer, due_date=TODAY + datetime.timedelta(9)
        ),
        "undated": ActionFactory(touchpoint=mine, title="Undated", assignee=viewer),
        "late": ActionFactory(
            touchpoint=via_team,
            title="Late",
            assignee=viewer,
            due_date=TODAY - datetime.timedelta(3),
        ),
        "done": ActionFactory(
            touchpoint=via_team,
            title="Done already",
            assignee=viewer,
            status=ActionStatus.DONE,
            done_at=timezone.now(),
        ),
        "others": ActionFactory(touchpoint=mine, title="Someone else's", assignee=editor),
    }
    return {"mine": mine, "via_team": via_team, **actions}


def test_anonymous_goes_to_login(client, workspace):
    response = client.get(my_work_url(workspace))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_outsider_gets_404(client, workspace, outsider):
    client.force_login(outsider)
    assert client.get(my_work_url(workspace)).status_code == 404


def test_my_actions_overdue_first_and_my_touchpoints(client, workspace, viewer, work):
    client.force_login(viewer)
    response = client.get(my_work_url(workspace))
    assert response.status_code == 200
    assert [a.title for a in response.context["open_actions"]] == ["Late", "Later", "Undated"]
    assert [a.title for a in response.context["closed_actions"]] == ["Done already"]
    assert response.context["late_count"] == 1
    # The team's awful touchpoint with an overdue action comes first.
    touchpoints = response.context["touchpoints"]
    assert [t.name for t in touchpoints] == ["Hotline", "Chat"]
    assert [t.via_team for t in touchpoints] == [True, False]
    html = response.content.decode()
    assert "Someone else&#x27;s" not in html and "Not mine" not in html
    assert "3 days late" in html


def test_viewer_changes_the_status_of_their_action_with_htmx(client, workspace, viewer, work):
    action = work["late"]
    client.force_login(viewer)
    response = client.post(
        status_url(workspace, action),
        {"status": ActionStatus.DONE, "version": action.version},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert f'id="my-action-{action.pk}"' in html
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert action.done_at is not None
    assert action.updated_by == viewer


def test_status_change_without_javascript_redirects(client, workspace, viewer, work):
    action = work["later"]
    client.force_login(viewer)
    response = client.post(
        status_url(workspace, action), {"status": "in_progress", "version": action.version}
    )
    assert response.status_code == 302
    assert response["Location"] == my_work_url(workspace)
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS


def test_anybody_elses_action_is_404(client, workspace, viewer, editor, outsider, work):
    client.force_login(viewer)
    others = work["others"]
    data = {"status": ActionStatus.DONE, "version": others.version}
    assert client.post(status_url(workspace, others), data).status_code == 404
    client.force_login(outsider)
    late = work["late"]
    data = {"status": ActionStatus.DONE, "version": late.version}
    assert client.post(status_url(workspace, late), data).status_code == 404
    assert ImprovementAction.objects.filter(status=ActionStatus.DONE).count() == 1


def test_stale_status_change_is_refused(client, workspace, viewer, editor, work):
    from touchpoints.services import action_update

    action = work["late"]
    seen = action.version
    action_update(actor=editor, action=action, title="Late, renamed")
    client.force_login(viewer)
    response = client.post(
        status_url(workspace, action),
        {"status": ActionStatus.DONE, "version": seen},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 409
    assert "changed" in response.content.decode()
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN


def test_invalid_status_is_refused_in_place(client, workspace, viewer, work):
    action = work["late"]
    client.force_login(viewer)
    response = client.post(
        status_url(workspace, action),
        {"status": "finished", "version": action.version},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400
    assert "field__error" in response.content.decode()
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN
    assert client.get(status_url(workspace, action)).status_code == 405


def test_query_count_is_constant(client, workspace, editor):
    build_journey(workspace, editor, title="Small")
    client.force_login(editor)
    small = count_queries(client, my_work_url(workspace))
    for n in range(3):
        build_journey(workspace, editor, stages=4, per_stage=4, title=f"Big {n}")
    assert count_queries(client, my_work_url(workspace)) == small
