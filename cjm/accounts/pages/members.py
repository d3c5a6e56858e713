"""The workspace's people page: members (role, teams, e-mail), invitations, teams.

Admins change roles, remove members (handing over what they hold), invite and manage teams;
everyone else sees the page read-only.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cjm.accounts import services
from cjm.accounts.forms import HandOverForm, InviteForm, RoleForm, TeamForm, add_service_errors
from cjm.accounts.models import Invitation
from cjm.accounts.selectors.people import (
    invitation_list,
    member_holdings,
    member_list,
    team_summaries,
)
from cjm.core.permissions import has_role, require_role
from cjm.core.roles import Role
from cjm.core.scoping import workspace_get, workspace_team_list


def _workspace(request: HttpRequest, workspace_id: int):
    workspace = workspace_get(user=request.user, pk=workspace_id)
    request.workspace = workspace
    return workspace


def _page(request, workspace, *, invite_form=None, team_form=None, status=200) -> HttpResponse:
    is_admin = has_role(request.user, workspace.pk, Role.ADMIN)
    members = list(member_list(workspace=workspace))
    context = {
        "workspace": workspace,
        "is_admin": is_admin,
        "members": members,
        "roles": Role.choices,
        "teams": list(team_summaries(workspace=workspace)),
        "invitations": list(invitation_list(workspace=workspace)) if is_admin else [],
        "invite_form": invite_form or InviteForm(),
        "team_form": team_form or TeamForm(),
    }
    return render(request, "accounts/people.html", context, status=status)


@login_required
def people(request: HttpRequest, workspace_id: int) -> HttpResponse:
    return _page(request, _workspace(request, workspace_id))


@login_required
@require_POST
def member_role(request: HttpRequest, workspace_id: int, user_id: int) -> HttpResponse:
    workspace = _workspace(request, workspace_id)
    require_role(request.user, workspace.pk, Role.ADMIN)
    membership = workspace.memberships.select_related("user").filter(user_id=user_id).first()
    if membership is None:
        raise Http404("No such member.")
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            services.membership_set(
                actor=request.user,
                workspace=workspace,
                user=membership.user,
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Role changed."))
    else:
        messages.error(request, _("Choose one of the offered roles."))
    return redirect("cjm:people", workspace_id=workspace.pk)


@login_required
def member_remove(request: HttpRequest, workspace_id: int, user_id: int) -> HttpResponse:
    """Confirm removing a member: what they hold, and to whom it goes (one transaction)."""
    workspace = _workspace(request, workspace_id)
    require_role(request.user, workspace.pk, Role.ADMIN)
    membership = workspace.memberships.select_related("user").filter(user_id=user_id).first()
    if membership is None:
        raise Http404("No such member.")
    others = [m for m in member_list(workspace=workspace) if m.user_id != user_id]
    teams = list(workspace_team_list(workspace_id=workspace.pk))
    form = HandOverForm(request.POST or None, members=others, teams=teams)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.membership_remove(
                    actor=request.user, workspace=workspace, user=membership.user, **form.heirs()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s is no longer a member.") % {"name": membership.user.get_username()},
                )
                return redirect("cjm:people", workspace_id=workspace.pk)
        status = 400
    context = {
        "workspace": workspace,
        "member": membership,
        "form": form,
        **member_holdings(workspace=workspace, user=membership.user),
    }
    return render(request, "accounts/member_remove.html", context, status=status)


@login_required
@require_POST
def invitation_create(request: HttpRequest, workspace_id: int) -> HttpResponse:
    workspace = _workspace(request, workspace_id)
    require_role(request.user, workspace.pk, Role.ADMIN)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            sent = services.invitation_create(
                actor=request.user,
                workspace=workspace,
                emails=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Invitations sent: %(count)d.") % {"count": len(sent)})
            return redirect("cjm:people", workspace_id=workspace.pk)
    return _page(request, workspace, invite_form=form, status=400)


def _invitation(request, workspace_id: int, invitation_id: int) -> Invitation:
    workspace = _workspace(request, workspace_id)
    require_role(request.user, workspace.pk, Role.ADMIN)
    invitation = workspace.invitations.filter(pk=invitation_id).first()
    if invitation is None:
        raise Http404("No such invitation.")
    return invitation


@login_required
@require_POST
def invitation_resend(request: HttpRequest, workspace_id: int, invitation_id: int):
    invitation = _invitation(request, workspace_id, invitation_id)
    try:
        services.invitation_resend(
            actor=request.user, invitation=invitation, base_url=request.build_absolute_uri("/")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Invitation sent again to %(email)s.") % {"email": invitation.email}
        )
    return redirect("cjm:people", workspace_id=workspace_id)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, workspace_id: int, invitation_id: int):
    invitation = _invitation(request, workspace_id, invitation_id)
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Invitation revoked: the link no longer works."))
    return redirect("cjm:people", workspace_id=workspace_id)
