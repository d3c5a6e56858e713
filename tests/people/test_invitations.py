"""Invitations: invite (one or many), mail, join as an existing or a new user, expiry, reuse,
revoke; through the services, the pages and the API."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from rest_framework.test import APIClient

from cjm.accounts import services
from cjm.accounts.models import Invitation
from cjm.accounts.signals import invitation_accepted
from cjm.core.roles import Role
from cjm.core.tenancy import Membership
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def invite(actor, workspace, emails="new@example.com", role=Role.EDITOR):
    return services.invitation_create(actor=actor, workspace=workspace, emails=emails, role=role)


def test_invite_many_sends_one_mail_each(workspace, ws_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = invite(ws_admin, workspace, "a@example.com, b@example.com\nA@example.com")
    assert sorted(i.email for i in sent) == ["a@example.com", "b@example.com"]
    assert len(mail.outbox) == 2
    assert f"/invitations/{sent[0].token}/" in mail.outbox[0].body
    assert sent[0].expires_at - timezone.now() > timedelta(days=6, hours=23)


def test_a_workspace_name_with_line_breaks_still_gets_its_invitation_mailed(
    workspace, ws_admin, django_capture_on_commit_callbacks
):
    # A name typed with line breaks (the API allows them) once made the mail's subject a 500.
    workspace.name = "Acme\nStore\r\n" + "x" * 185
    workspace.save()
    with django_capture_on_commit_callbacks(execute=True):
        invite(ws_admin, workspace)
    subject = mail.outbox[-1].subject
    assert "\n" not in subject and "Acme Store" in subject and len(subject) <= 200


@translation.override("en")
def test_invite_validates_every_address_and_refuses_members(workspace, ws_admin, editor):
    with pytest.raises(ValidationError) as bad:
        invite(ws_admin, workspace, "ok@example.com, not-an-address")
    assert "not-an-address" in str(bad.value)
    with pytest.raises(ValidationError) as member:
        invite(ws_admin, workspace, editor.email.upper())
    assert "already a member" in str(member.value)
    assert not Invitation.objects.exists()


def test_mail_is_in_the_invitees_language(workspace, ws_admin, django_capture_on_commit_callbacks):
    known = UserFactory(username="ru_user")
    services.user_language_set(actor=known, language="ru")
    with django_capture_on_commit_callbacks(execute=True):
        invite(ws_admin, workspace, known.email)
    assert "Приглашение" in mail.outbox[0].subject


def test_existing_user_joins_once_and_signal_is_sent(
    workspace, ws_admin, outsider, django_capture_on_commit_callbacks
):
    (invitation,) = invite(ws_admin, workspace, outsider.email, Role.VIEWER)
    received = []
    invitation_accepted.connect(lambda **kw: received.append(kw), weak=False, dispatch_uid="t")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            membership = services.invitation_accept(user=outsider, token=invitation.token)
    finally:
        invitation_accepted.disconnect(dispatch_uid="t")
    assert membership.role == Role.VIEWER and membership.workspace == workspace
    assert received[0]["user"] == outsider and received[0]["inviter"] == ws_admin
    with pytest.raises(services.InvitationGone):
        services.invitation_accept(user=outsider, token=invitation.token)


def test_new_user_signs_up_through_the_page_and_is_signed_in(client, workspace, ws_admin):
    (invitation,) = invite(ws_admin, workspace, "newbie@example.com", Role.EDITOR)
    url = f"/invitations/{invitation.token}/"
    page = client.get(url)
    assert page.status_code == 200 and workspace.name in page.content.decode()
    bad = client.post(url, {"username": "newbie", "password1": "x", "password2": "x"})
    assert bad.status_code == 400
    response = client.post(
        url,
        {
            "username": "newbie",
            "first_name": "New",
            "last_name": "Bie",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    member = Membership.objects.get(workspace=workspace, user__username="newbie")
    assert member.role == Role.EDITOR and member.user.email == "newbie@example.com"
    assert client.get(response["Location"]).status_code == 200  # signed in
    assert client.get(url).status_code == 410  # used


def test_signed_in_user_joins_with_one_click(client, workspace, ws_admin, outsider):
    (invitation,) = invite(ws_admin, workspace, outsider.email)
    client.force_login(outsider)
    response = client.post(f"/invitations/{invitation.token}/")
    assert response.status_code == 302
    assert Membership.objects.filter(workspace=workspace, user=outsider).exists()


@pytest.mark.parametrize("state", ["expired", "revoked"])
def test_expired_and_revoked_links_are_gone(client, workspace, ws_admin, state):
    (invitation,) = invite(ws_admin, workspace)
    if state == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    else:
        services.invitation_revoke(actor=ws_admin, invitation=invitation)
    response = client.get(f"/invitations/{invitation.token}/")
    assert response.status_code == 410
    assert "no longer works" in response.content.decode()
    assert client.get("/invitations/unknown-token/").status_code == 404


def test_resend_gives_a_new_link_and_expiry(
    workspace, ws_admin, django_capture_on_commit_callbacks
):
    (invitation,) = invite(ws_admin, workspace)
    old_token = invitation.token
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() + timedelta(hours=1)
    )
    invitation.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_resend(actor=ws_admin, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.token != old_token
    assert invitation.expires_at > timezone.now() + timedelta(days=6)
    assert invitation.token in mail.outbox[-1].body


def test_people_page_invites_lists_resends_and_revokes(client, workspace, ws_admin):
    client.force_login(ws_admin)
    url = f"/w/{workspace.pk}/invitations/"
    assert client.post(url, {"email": "bad address", "role": "viewer"}).status_code == 400
    assert client.post(url, {"email": "x@example.com", "role": "viewer"}).status_code == 302
    invitation = Invitation.objects.get()
    assert "x@example.com" in client.get(f"/w/{workspace.pk}/people/").content.decode()
    client.post(f"{url}{invitation.pk}/resend/")
    client.post(f"{url}{invitation.pk}/revoke/")
    invitation.refresh_from_db()
    assert invitation.status == "revoked"


def test_viewers_cannot_invite(client, workspace, viewer):
    client.force_login(viewer)
    response = client.post(f"/w/{workspace.pk}/invitations/", {"email": "x@example.com"})
    assert response.status_code == 403
    assert "Send invitations" not in client.get(f"/w/{workspace.pk}/people/").content.decode()


# --- API -------------------------------------------------------------------------------------


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_invite_list_accept_and_gone(workspace, ws_admin, viewer, outsider):
    url = f"/api/v1/workspaces/{workspace.pk}/invitations/"
    assert api(viewer).post(url, {"email": "z@example.com", "role": "viewer"}).status_code == 403
    created = api(ws_admin).post(url, {"email": "z@example.com", "role": "editor"}, format="json")
    assert created.status_code == 201
    body = created.json()
    assert {"id", "email", "role", "url", "token", "expires_at"} <= set(body)
    assert body["url"].endswith(f"/invitations/{body['token']}/")
    listed = api(viewer).get(url).json()
    assert listed[0]["id"] == body["id"] and "token" not in listed[0] and "url" not in listed[0]
    assert api(outsider).get(url).status_code == 404

    accept = "/api/v1/invitations/accept/"
    joined = api(outsider).post(accept, {"token": body["token"]}, format="json")
    assert joined.status_code == 200
    assert joined.json() == {"workspace": workspace.pk, "role": "editor"}
    assert api(outsider).post(accept, {"token": body["token"]}, format="json").status_code == 410


def test_api_member_is_a_clear_400_and_revoke_is_410(workspace, ws_admin, editor, outsider):
    url = f"/api/v1/workspaces/{workspace.pk}/invitations/"
    again = api(ws_admin).post(url, {"email": editor.email, "role": "viewer"}, format="json")
    assert again.status_code == 400 and "already a member" in str(again.json())
    body = api(ws_admin).post(url, {"email": "q@example.com", "role": "viewer"}).json()
    assert api(editor).delete(f"{url}{body['id']}/").status_code == 403
    assert api(ws_admin).delete(f"{url}{body['id']}/").status_code == 204
    gone = api(outsider).post("/api/v1/invitations/accept/", {"token": body["token"]})
    assert gone.status_code == 410


def test_api_list_query_count_is_pinned(workspace, ws_admin, django_assert_num_queries):
    for n in range(4):
        invite(ws_admin, workspace, f"n{n}@example.com")
    client = api(ws_admin)
    url = f"/api/v1/workspaces/{workspace.pk}/invitations/"
    with django_assert_num_queries(2):  # the workspace (scoped), its invitations
        assert len(client.get(url).json()) == 4
