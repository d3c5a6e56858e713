"""Writes for workspaces, memberships and teams."""

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cjm.core import positions
from cjm.core.changes import CREATED, DELETED, UPDATED, field_value, new_values, record_object
from cjm.core.permissions import forget_roles, require_role
from cjm.core.roles import Role
from cjm.core.tenancy import Membership, Team, Workspace
from cjm.core.typing import Actor
from cjm.core.versioning import field_changes
from cjm.services.revisions import maps_showing
from touchpoints.choices import OPEN_ACTION_STATUSES
from touchpoints.models import ImprovementAction, Touchpoint

TEAM_FIELDS = {"name", "description", "lead"}


# --- Workspaces, members, teams ------------------------------------------------------------


def _unique_slug(name: str) -> str:
    base = slugify(name, allow_unicode=False)[:60] or "workspace"
    slug, n = base, 2
    while Workspace.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def workspace_create(*, name: str, creator: User, slug: str = "") -> Workspace:
    """Create a workspace; its creator becomes its admin."""
    workspace = Workspace(name=name, slug=slug or _unique_slug(name))
    workspace.full_clean()
    workspace.save()
    Membership.objects.create(workspace=workspace, user=creator, role=Role.ADMIN)
    forget_roles(creator)
    fields = new_values(workspace, ["name", "slug"])
    record_object(creator, workspace, CREATED, workspace_id=workspace.pk, fields=fields)
    return workspace


@transaction.atomic
def workspace_update(*, actor: Actor, workspace: Workspace, name: str) -> Workspace:
    require_role(actor, workspace.pk, Role.ADMIN)
    fields = {"name": {"old": workspace.name, "new": name}}
    workspace.name = name
    workspace.full_clean()
    workspace.save(update_fields=["name", "updated_at"])
    # Its name heads every map page of the workspace.
    record_object(
        actor, workspace, UPDATED, workspace_id=workspace.pk, journey_ids=None, fields=fields
    )
    return workspace


def _admin_count(workspace: Workspace) -> int:
    return workspace.memberships.filter(role=Role.ADMIN).count()


def _check_colleague(actor: Actor, user: User) -> None:
    """Only people who already share a workspace with the actor may be added directly; anyone
    else joins by invitation (so nobody is made a member of a stranger's workspace)."""
    if actor is None or actor.is_superuser:
        return
    shared = Membership.objects.filter(
        user=user, workspace_id__in=Membership.objects.filter(user=actor).values("workspace_id")
    )
    if not shared.exists():
        raise ValidationError(
            {"user": [_("Only people who share a workspace with you can be added; invite others.")]}
        )


@transaction.atomic
def membership_set(*, actor: Actor, workspace: Workspace, user: User, role: str) -> Membership:
    """Add ``user`` to the workspace with ``role``, or change the role of an existing member."""
    require_role(actor, workspace.pk, Role.ADMIN)
    positions.lock(Workspace, workspace.pk)
    membership = Membership.objects.filter(workspace=workspace, user=user).first()
    old_role = membership.role if membership is not None else None
    if membership is None:
        _check_colleague(actor, user)
        membership = Membership(workspace=workspace, user=user, role=role)
    else:
        if membership.role == Role.ADMIN and role != Role.ADMIN and _admin_count(workspace) == 1:
            raise ValidationError({"role": [_("A workspace keeps at least one admin.")]})
        membership.role = role
    fields = {"role": {"old": old_role, "new": role}}
    membership.full_clean()
    membership.save()
    forget_roles(user)
    verb = UPDATED if old_role else CREATED
    _record_member(actor, membership, user, verb, fields=fields)
    return membership


def _record_member(actor, membership: Membership, user, verb: str, **kwargs) -> None:
    """A member added, re-roled or removed (what the map shows depends on roles only through
    who may edit, which the map's caches key on)."""
    text = f"{user.get_username()} ({membership.role})"
    record_object(
        actor,
        membership,
        verb,
        workspace_id=membership.workspace_id,
        object_repr=text,
        **kwargs,
    )


def _check_heir(workspace: Workspace, user: User, to_user, to_team) -> None:
    if to_user is not None and to_team is not None:
        raise ValidationError(_("Hand the work over to a person or to a team, not both."))
    if to_user is not None and (
        to_user.pk == user.pk or not workspace.memberships.filter(user_id=to_user.pk).exists()
    ):
        raise ValidationError({"to_user": [_("Choose another member of this workspace.")]})
    if to_team is not None and to_team.workspace_id != workspace.pk:
        raise ValidationError({"to_team": [_("Choose a team of this workspace.")]})


@transaction.atomic
def membership_remove(
    *,
    actor: Actor,
    workspace: Workspace,
    user: User,
    to_user: User | None = None,
    to_team: Team | None = None,
) -> None:
    """Remove a member in one step. Their touchpoints in this workspace go to ``to_user``, or to
    ``to_team`` (owner cleared, team set), or lose their owner; their open actions go to
    ``to_user``, or to the lead of ``to_team`` (unassigned when it has none), or are unassigned.
    Done actions lose their assignee; their team seats and leads are freed."""
    require_role(actor, workspace.pk, Role.ADMIN)
    positions.lock(Workspace, workspace.pk)
    membership = Membership.objects.filter(workspace=workspace, user=user).first()
    if membership is None:
        return
    if membership.role == Role.ADMIN and _admin_count(workspace) == 1:
        raise ValidationError({"user": [_("A workspace keeps at least one admin.")]})
    _check_heir(workspace, user, to_user, to_team)

    maps = maps_showing(workspace_id=workspace.pk, owner=user)
    touchpoints = Touchpoint.objects.filter(stage__journey__workspace=workspace, owner=user)
    bump = {"version": F("version") + 1, "updated_at": timezone.now()}
    if to_team is not None:
        touchpoints.update(owner=None, team=to_team, **bump)
        heir = to_team.lead if to_team.lead_id != user.pk else None
    else:
        touchpoints.update(owner=to_user, **bump)
        heir = to_user
    actions = ImprovementAction.objects.filter(
        touchpoint__stage__journey__workspace=workspace, assignee=user
    )
    actions.filter(status__in=OPEN_ACTION_STATUSES).update(assignee=heir, **bump)
    actions.update(assignee=None, **bump)
    workspace.teams.filter(lead=user).update(lead=None)
    for team in workspace.teams.filter(members=user):
        team.members.remove(user)
    pk = membership.pk
    membership.delete()
    forget_roles(user)
    # Their touchpoints change owner: the maps showing them change.
    fields = {
        "to_user": {"old": None, "new": getattr(to_user, "pk", None)},
        "to_team": {"old": None, "new": getattr(to_team, "pk", None)},
    }
    _record_member(actor, membership, user, DELETED, journey_ids=maps, object_id=pk, fields=fields)


def _check_members(workspace: Workspace, users: Iterable) -> list:
    users = list(users)
    ids = {getattr(u, "pk", u) for u in users}
    members = set(workspace.memberships.filter(user_id__in=ids).values_list("user_id", flat=True))
    if ids - members:
        raise ValidationError(
            {"members": [_("Every team member must be a member of the workspace.")]}
        )
    return list(ids)


@transaction.atomic
def team_create(
    *,
    actor: Actor,
    workspace: Workspace,
    name: str,
    description: str = "",
    members: Iterable = (),
    lead: User | None = None,
) -> Team:
    require_role(actor, workspace.pk, Role.ADMIN)
    team = Team(workspace=workspace, name=name, description=description, lead=lead)
    team.full_clean()
    if lead is not None:
        _check_members(workspace, [lead])
    team.save()
    team.members.set(_check_members(workspace, [*members, *([lead] if lead else [])]))
    fields = new_values(team, ["name", "description", "lead"])
    record_object(actor, team, CREATED, workspace_id=workspace.pk, fields=fields)
    return team


@transaction.atomic
def team_update(*, actor: Actor, team: Team, members: Iterable | None = None, **changes) -> Team:
    require_role(actor, team.workspace_id, Role.ADMIN)
    unknown = set(changes) - TEAM_FIELDS
    if unknown:
        raise TypeError(f"cannot change {sorted(unknown)} of Team")
    before = {field: field_value(team, field) for field in changes}
    for field, value in changes.items():
        setattr(team, field, value)
    team.full_clean()
    if team.lead_id is not None:
        _check_members(team.workspace, [team.lead_id])
    team.save()
    if members is not None:
        team.members.set(_check_members(team.workspace, members))
    if team.lead_id is not None:
        team.members.add(team.lead_id)  # the lead is one of the team
    fields = field_changes(team, before)
    maps = maps_showing(team=team)  # its name is on the cards of its touchpoints
    record_object(
        actor, team, UPDATED, workspace_id=team.workspace_id, journey_ids=maps, fields=fields
    )
    return team


@transaction.atomic
def team_delete(*, actor: Actor, team: Team) -> None:
    require_role(actor, team.workspace_id, Role.ADMIN)
    pk, maps = team.pk, maps_showing(team=team)
    team.delete()
    record_object(
        actor, team, DELETED, workspace_id=team.workspace_id, journey_ids=maps, object_id=pk
    )


def team_member_add(*, actor: Actor, team: Team, user: User) -> Team:
    require_role(actor, team.workspace_id, Role.ADMIN)
    _check_members(team.workspace, [user])
    team.members.add(user)
    return team


@transaction.atomic
def team_member_remove(*, actor: Actor, team: Team, user: User) -> Team:
    require_role(actor, team.workspace_id, Role.ADMIN)
    team.members.remove(user)
    if team.lead_id == user.pk:
        team.lead = None
        team.save(update_fields=["lead", "updated_at"])
    return team
