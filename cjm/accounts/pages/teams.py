"""Team pages: create (from the people page), the team's page (members, lead, what it owns),
rename, add and remove members, delete. Admins write; members of the workspace read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cjm.accounts import services
from cjm.accounts.forms import TeamForm, TeamMemberForm, add_service_errors
from cjm.accounts.pages.members import _page as people_page
from cjm.accounts.pages.members import _workspace
from cjm.accounts.selectors.people import member_list, team_detail_get, team_holdings
from cjm.core.permissions import has_role, require_role
from cjm.core.roles import Role
from cjm.core.scoping import member_workspace_ids
from cjm.core.tenancy import Team


def _team(request: HttpRequest, team_id: int) -> Team:
    try:
        team = team_detail_get(workspace_ids=member_workspace_ids(request.user), pk=team_id)
    except Team.DoesNotExist:
        raise Http404("No such team.") from None
    request.workspace = team.workspace
    return team


def _lead(form: TeamForm, team_members) -> object:
    lead = form.cleaned_data.get("lead")
    return next((u for u in team_members if str(u.pk) == lead), None) if lead else None


@login_required
@require_POST
def team_create(request: HttpRequest, workspace_id: int) -> HttpResponse:
    workspace = _workspace(request, workspace_id)
    require_role(request.user, workspace.pk, Role.ADMIN)
    form = TeamForm(request.POST)
    if form.is_valid():
        try:
            team = services.team_create(
                actor=request.user,
                workspace=workspace,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Team created."))
            return redirect("cjm:team_detail", team_id=team.pk)
    return people_page(request, workspace, team_form=form, status=400)


def _render(request, team, *, form=None, member_form=None, status=200) -> HttpResponse:
    team_members = sorted(team.members.all(), key=lambda u: u.get_username())
    is_admin = has_role(request.user, team.workspace_id, Role.ADMIN)
    ids = {u.pk for u in team_members}
    candidates = [m.user for m in member_list(workspace=team.workspace) if m.user_id not in ids]
    initial = {"name": team.name, "description": team.description, "lead": team.lead_id or ""}
    context = {
        "team": team,
        "workspace": team.workspace,
        "is_admin": is_admin,
        "team_members": team_members,
        "form": form or TeamForm(initial=initial, members=team_members),
        "member_form": member_form or TeamMemberForm(candidates=candidates),
        "candidates": candidates,
        **team_holdings(team=team),
    }
    return render(request, "accounts/team_detail.html", context, status=status)


@login_required
def team_detail(request: HttpRequest, team_id: int) -> HttpResponse:
    team = _team(request, team_id)
    if request.method != "POST":
        return _render(request, team)
    require_role(request.user, team.workspace_id, Role.ADMIN)
    team_members = list(team.members.all())
    form = TeamForm(request.POST, members=team_members)
    if form.is_valid():
        try:
            services.team_update(
                actor=request.user,
                team=team,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                lead=_lead(form, team_members),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Team saved."))
            return redirect("cjm:team_detail", team_id=team.pk)
    return _render(request, team, form=form, status=400)


@login_required
@require_POST
def team_member_add(request: HttpRequest, team_id: int) -> HttpResponse:
    team = _team(request, team_id)
    require_role(request.user, team.workspace_id, Role.ADMIN)
    members = {str(m.user_id): m.user for m in member_list(workspace=team.workspace)}
    user = members.get(request.POST.get("user", ""))
    if user is None:
        messages.error(request, _("Choose a member of this workspace."))
    else:
        services.team_member_add(actor=request.user, team=team, user=user)
        messages.success(request, _("Added to the team."))
    return redirect("cjm:team_detail", team_id=team.pk)


@login_required
@require_POST
def team_member_remove(request: HttpRequest, team_id: int, user_id: int) -> HttpResponse:
    team = _team(request, team_id)
    require_role(request.user, team.workspace_id, Role.ADMIN)
    user = next((u for u in team.members.all() if u.pk == user_id), None)
    if user is None:
        raise Http404("Not in this team.")
    services.team_member_remove(actor=request.user, team=team, user=user)
    messages.success(request, _("Removed from the team."))
    return redirect("cjm:team_detail", team_id=team.pk)


@login_required
@require_POST
def team_delete(request: HttpRequest, team_id: int) -> HttpResponse:
    team = _team(request, team_id)
    require_role(request.user, team.workspace_id, Role.ADMIN)
    workspace_id = team.workspace_id
    services.team_delete(actor=request.user, team=team)
    messages.success(request, _("Team deleted. Its touchpoints have no owner team now."))
    return redirect("cjm:people", workspace_id=workspace_id)
