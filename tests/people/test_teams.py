"""Team pages: create, rename, lead, members, delete; roles (viewers read only) and scoping
(another workspace's team is a 404); what a team owns; pinned queries."""

import pytest

from cjm.core.tenancy import Team
from tests.factories import (
    ActionFactory,
    JourneyFactory,
    StageFactory,
    TeamFactory,
    TouchpointFactory,
)

pytestmark = pytest.mark.django_db


def test_admin_creates_renames_staffs_and_deletes_a_team(client, workspace, ws_admin, editor):
    client.force_login(ws_admin)
    response = client.post(f"/w/{workspace.pk}/teams/new/", {"name": "Delivery"})
    team = Team.objects.get(workspace=workspace, name="Delivery")
    assert response["Location"] == f"/teams/{team.pk}/"
    assert client.post(f"/w/{workspace.pk}/teams/new/", {"name": "Delivery"}).status_code == 400
    assert client.post(f"/teams/{team.pk}/members/", {"user": editor.pk}).status_code == 302
    response = client.post(
        f"/teams/{team.pk}/", {"name": "Last mile", "description": "", "lead": editor.pk}
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.name == "Last mile" and team.lead == editor
    client.post(f"/teams/{team.pk}/members/{editor.pk}/remove/")
    team.refresh_from_db()
    assert team.lead is None and not team.members.exists()
    client.post(f"/teams/{team.pk}/delete/")
    assert not Team.objects.filter(pk=team.pk).exists()


def test_lead_must_be_a_member_of_the_workspace(client, workspace, ws_admin, outsider):
    team = TeamFactory(workspace=workspace)
    client.force_login(ws_admin)
    assert client.post(f"/teams/{team.pk}/members/", {"user": outsider.pk}).status_code == 302
    assert not team.members.exists()
    response = client.post(f"/teams/{team.pk}/", {"name": "X", "lead": outsider.pk})
    assert response.status_code == 400


def test_viewer_reads_and_cannot_write(client, workspace, viewer, editor):
    team = TeamFactory(workspace=workspace)
    client.force_login(viewer)
    page = client.get(f"/teams/{team.pk}/")
    assert page.status_code == 200 and "Delete team" not in page.content.decode()
    assert client.post(f"/w/{workspace.pk}/teams/new/", {"name": "N"}).status_code == 403
    assert client.post(f"/teams/{team.pk}/", {"name": "N"}).status_code == 403
    assert client.post(f"/teams/{team.pk}/members/", {"user": editor.pk}).status_code == 403
    assert client.post(f"/teams/{team.pk}/delete/").status_code == 403
    assert Team.objects.filter(pk=team.pk, name=team.name).exists()


def test_another_workspaces_team_is_404(client, workspace, other_workspace, ws_admin):
    foreign = TeamFactory(workspace=other_workspace)
    client.force_login(ws_admin)
    assert client.get(f"/teams/{foreign.pk}/").status_code == 404
    assert client.post(f"/teams/{foreign.pk}/delete/").status_code == 404
    assert client.post(f"/w/{other_workspace.pk}/teams/new/", {"name": "N"}).status_code == 404


def test_team_page_shows_what_it_owns_in_pinned_queries(
    client, workspace, viewer, editor, django_assert_num_queries
):
    team = TeamFactory(workspace=workspace, lead=editor)
    team.members.add(editor, viewer)
    stage = StageFactory(journey=JourneyFactory(workspace=workspace))
    for n in range(4):
        touchpoint = TouchpointFactory(stage=stage, team=team, owner=editor, name=f"Owned {n}")
        ActionFactory(touchpoint=touchpoint, assignee=editor, title=f"Fix {n}")
    TouchpointFactory(stage=stage, name="Someone else's")
    client.force_login(viewer)
    client.get(f"/teams/{team.pk}/")
    with django_assert_num_queries(10):
        html = client.get(f"/teams/{team.pk}/").content.decode()
    assert "Owned 3" in html and "Fix 3" in html and "Someone else" not in html


def test_api_team_lead(workspace, ws_admin, editor, outsider):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(ws_admin)
    body = {"workspace": workspace.pk, "name": "Ops", "lead": editor.pk}
    created = api.post("/api/v1/teams/", body, format="json")
    assert created.status_code == 201 and created.json()["lead"] == editor.pk
    assert created.json()["members"] == [editor.pk]
    bad = api.patch(f"/api/v1/teams/{created.json()['id']}/", {"lead": outsider.pk}, format="json")
    assert bad.status_code == 400
    cleared = api.patch(f"/api/v1/teams/{created.json()['id']}/", {"lead": None}, format="json")
    assert cleared.status_code == 200 and cleared.json()["lead"] is None
