"""The people page: roles, the last-admin rule (service, API, page), removing a member with a
hand-over of what they hold (to a person, to a team, or cleared), pinned query counts."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from cjm.accounts import services
from cjm.core.roles import Role
from cjm.core.tenancy import Membership
from tests.factories import (
    ActionFactory,
    JourneyFactory,
    MembershipFactory,
    StageFactory,
    TeamFactory,
    TouchpointFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def people_url(workspace) -> str:
    return f"/w/{workspace.pk}/people/"


@pytest.fixture
def holdings(workspace, editor):
    stage = StageFactory(journey=JourneyFactory(workspace=workspace))
    owned = TouchpointFactory(stage=stage, owner=editor)
    other = TouchpointFactory(stage=stage)
    open_action = ActionFactory(touchpoint=other, assignee=editor)
    done = ActionFactory(touchpoint=other, assignee=editor, status="done", done_at=timezone.now())
    return owned, open_action, done


def test_last_admin_cannot_be_demoted_or_removed(client, workspace, ws_admin):
    with pytest.raises(ValidationError):
        services.membership_set(actor=ws_admin, workspace=workspace, user=ws_admin, role="editor")
    with pytest.raises(ValidationError):
        services.membership_remove(actor=ws_admin, workspace=workspace, user=ws_admin)
    api = APIClient()
    api.force_authenticate(ws_admin)
    member = f"/api/v1/workspaces/{workspace.pk}/members/{ws_admin.pk}/"
    assert api.patch(member, {"role": "viewer"}, format="json").status_code == 400
    assert api.delete(member).status_code == 400
    client.force_login(ws_admin)
    client.post(f"{people_url(workspace)}{ws_admin.pk}/role/", {"role": "viewer"})
    response = client.post(f"{people_url(workspace)}{ws_admin.pk}/remove/", {"to": ""})
    assert response.status_code == 400
    assert "at least one admin" in response.content.decode()
    assert Membership.objects.get(user=ws_admin).role == Role.ADMIN


def test_admin_changes_a_role_on_the_page(client, workspace, ws_admin, editor):
    client.force_login(ws_admin)
    response = client.post(f"{people_url(workspace)}{editor.pk}/role/", {"role": "viewer"})
    assert response.status_code == 302
    assert Membership.objects.get(user=editor).role == Role.VIEWER


def test_viewers_see_the_page_read_only(client, workspace, viewer, editor, outsider):
    client.force_login(viewer)
    html = client.get(people_url(workspace)).content.decode()
    assert editor.email in html and "Remove…" not in html and "<select" not in html
    assert (
        client.post(f"{people_url(workspace)}{editor.pk}/role/", {"role": "admin"}).status_code
        == 403
    )
    assert client.get(f"{people_url(workspace)}{editor.pk}/remove/").status_code == 403
    client.force_login(outsider)
    assert client.get(people_url(workspace)).status_code == 404


def test_remove_page_shows_holdings_and_hands_them_to_a_person(
    client, workspace, ws_admin, editor, viewer, holdings
):
    owned, open_action, done = holdings
    client.force_login(ws_admin)
    url = f"{people_url(workspace)}{editor.pk}/remove/"
    page = client.get(url).content.decode()
    assert owned.name in page and open_action.title in page and done.title not in page
    response = client.post(url, {"to": f"u{viewer.pk}"})
    assert response.status_code == 302
    owned.refresh_from_db(), open_action.refresh_from_db(), done.refresh_from_db()
    assert owned.owner == viewer and open_action.assignee == viewer and done.assignee is None
    assert not Membership.objects.filter(user=editor, workspace=workspace).exists()


def test_hand_over_to_a_team_gives_actions_to_its_lead(
    workspace, ws_admin, editor, viewer, holdings
):
    owned, open_action, _done = holdings
    team = TeamFactory(workspace=workspace, lead=viewer)
    services.membership_remove(actor=ws_admin, workspace=workspace, user=editor, to_team=team)
    owned.refresh_from_db(), open_action.refresh_from_db()
    assert owned.owner is None and owned.team == team and open_action.assignee == viewer


def test_clearing_and_bad_heirs(workspace, other_workspace, ws_admin, editor, holdings):
    owned, open_action, _done = holdings
    stranger = UserFactory()
    MembershipFactory(workspace=other_workspace, user=stranger)
    with pytest.raises(ValidationError):
        services.membership_remove(
            actor=ws_admin, workspace=workspace, user=editor, to_user=stranger
        )
    foreign_team = TeamFactory(workspace=other_workspace)
    with pytest.raises(ValidationError):
        services.membership_remove(
            actor=ws_admin, workspace=workspace, user=editor, to_team=foreign_team
        )
    services.membership_remove(actor=ws_admin, workspace=workspace, user=editor)
    owned.refresh_from_db(), open_action.refresh_from_db()
    assert owned.owner is None and open_action.assignee is None


def test_people_page_query_count_is_pinned(client, workspace, ws_admin, django_assert_num_queries):
    for n in range(5):
        user = UserFactory()
        MembershipFactory(workspace=workspace, user=user)
        team = TeamFactory(workspace=workspace, lead=user)
        team.members.add(user)
        services.invitation_create(
            actor=ws_admin, workspace=workspace, emails=f"p{n}@example.com", role="viewer"
        )
    client.force_login(ws_admin)
    client.get(people_url(workspace))  # warm the session
    with django_assert_num_queries(9):
        assert client.get(people_url(workspace)).status_code == 200
