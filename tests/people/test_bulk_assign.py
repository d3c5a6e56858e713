"""Bulk-assign in the register: selected rows or every row matching the filters; editors only;
through ``touchpoints.bulk.touchpoint_bulk_assign`` (one change recorded per touchpoint)."""

import pytest
from django.core.exceptions import ValidationError

from cjm.core import changes
from tests.factories import (
    ActionFactory,
    JourneyFactory,
    StageFactory,
    TeamFactory,
    TouchpointFactory,
)
from touchpoints.bulk import touchpoint_bulk_assign
from touchpoints.models import Touchpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(workspace):
    stage = StageFactory(journey=JourneyFactory(workspace=workspace))
    awful = [TouchpointFactory(stage=stage, rating="awful") for _ in range(3)]
    fine = [TouchpointFactory(stage=stage, rating="excellent") for _ in range(2)]
    return awful, fine


def url(workspace) -> str:
    return f"/w/{workspace.pk}/touchpoints/assign/"


def test_selected_rows_get_an_owner(client, workspace, editor, viewer, rows):
    awful, fine = rows
    client.force_login(editor)
    picked = [awful[0].pk, fine[0].pk]
    response = client.post(url(workspace), {"touchpoint": picked, "owner": viewer.pk})
    assert response.status_code == 302
    assert set(Touchpoint.objects.filter(owner=viewer).values_list("pk", flat=True)) == set(picked)


def test_all_matching_the_filters_get_a_team(client, workspace, editor, rows):
    awful, fine = rows
    team = TeamFactory(workspace=workspace)
    client.force_login(editor)
    data = {"all_matching": "1", "query": "rating=awful", "team": team.pk, "owner": ""}
    response = client.post(url(workspace), data)
    assert response["Location"].endswith("?rating=awful")
    assert set(Touchpoint.objects.filter(team=team)) == set(awful)
    page = client.get(f"/w/{workspace.pk}/touchpoints/").content.decode()
    assert 'name="all_matching"' in page


def test_viewer_cannot_and_sees_no_checkboxes(client, workspace, viewer, rows):
    awful, _fine = rows
    client.force_login(viewer)
    assert (
        client.post(url(workspace), {"touchpoint": [awful[0].pk], "owner": "none"}).status_code
        == 403
    )
    assert 'form="bulk-form"' not in client.get(f"/w/{workspace.pk}/touchpoints/").content.decode()


def test_service_scopes_validates_and_records(workspace, other_workspace, editor, outsider, rows):
    awful, _fine = rows
    foreign = TouchpointFactory(
        stage=StageFactory(journey=JourneyFactory(workspace=other_workspace))
    )
    with pytest.raises(ValidationError):
        touchpoint_bulk_assign(
            actor=editor, workspace=workspace, touchpoint_ids=[awful[0].pk], owner=outsider
        )
    with pytest.raises(ValidationError):
        touchpoint_bulk_assign(
            actor=editor,
            workspace=workspace,
            touchpoint_ids=[awful[0].pk],
            team=TeamFactory(workspace=other_workspace),
        )
    with changes.capture() as recorded:
        count = touchpoint_bulk_assign(
            actor=editor,
            workspace=workspace,
            touchpoint_ids=[t.pk for t in awful] + [foreign.pk],
            owner=editor,
        )
    assert count == 3 and len(recorded) == 3
    assert recorded[0].fields == {"owner": {"old": None, "new": editor.pk}}
    foreign.refresh_from_db()
    assert foreign.owner is None
    awful[0].refresh_from_db()
    assert awful[0].version == 2


def test_my_work_lists_my_teams_open_actions(client, workspace, editor, viewer):
    team = TeamFactory(workspace=workspace)
    team.members.add(viewer)
    touchpoint = TouchpointFactory(
        stage=StageFactory(journey=JourneyFactory(workspace=workspace)), team=team
    )
    ActionFactory(touchpoint=touchpoint, assignee=editor, title="Team fix")
    ActionFactory(touchpoint=TouchpointFactory(stage=touchpoint.stage), title="Not ours")
    client.force_login(viewer)
    html = client.get(f"/w/{workspace.pk}/my-work/").content.decode()
    assert "Team fix" in html and "Not ours" not in html
