"""The admin: invitations listed per workspace and revoked through the service; a team's lead."""

import pytest

from cjm.accounts import services
from cjm.accounts.models import Invitation
from cjm.core.tenancy import Team
from tests.factories import TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_admin(ws_admin):
    ws_admin.is_staff = True
    ws_admin.save()
    return ws_admin


def test_invitations_are_listed_per_workspace_and_revoked(
    client, workspace, other_workspace, staff_admin, outsider
):
    (mine,) = services.invitation_create(
        actor=staff_admin, workspace=workspace, emails="mine@example.com", role="viewer"
    )
    services.invitation_create(
        actor=outsider, workspace=other_workspace, emails="theirs@example.com", role="viewer"
    )
    client.force_login(staff_admin)
    page = client.get("/admin/cjm/invitation/").content.decode()
    assert "mine@example.com" in page and "theirs@example.com" not in page
    client.post(
        "/admin/cjm/invitation/",
        {"action": "revoke", "_selected_action": [mine.pk], "index": 0},
    )
    assert Invitation.objects.get(pk=mine.pk).status == "revoked"


def test_team_lead_in_the_admin(client, workspace, staff_admin, editor, outsider):
    team = TeamFactory(workspace=workspace, name="Ops")
    client.force_login(staff_admin)
    url = f"/admin/cjm/team/{team.pk}/change/"
    data = {"name": "Ops", "description": "", "lead": outsider.pk, "members": []}
    assert client.post(url, data).status_code == 200  # not a member: the form says so
    data["lead"] = editor.pk
    assert client.post(url, data).status_code == 302
    assert Team.objects.get(pk=team.pk).lead == editor
