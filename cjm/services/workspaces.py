"""Writes for workspaces, memberships and teams."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cjm.choices import Role
from cjm.core import positions
from cjm.core.changes import CREATED, DELETED, UPDATED, field_value, new_values, record_object
from cjm.core.permissions import forget_roles, require_role
from cjm.core.versioning import field_changes
from cjm.models import Membership, Team, Workspace

from .revisions import maps_showing

TEAM_FIELDS = {"name", "description"}


# --- Workspaces, members, teams ------------------------------------------------------------


def _unique_slug(name: str) -> str:
    base = slugify(name, allow_unicode=False)[:60] or "workspace"
    slug, n = base, 2
    while Workspace.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def workspace_create(*, name: str, creator, slug: str = "") -> Workspace:
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
def workspace_update(*, actor, workspace: Workspace, name: str) -> Workspace:
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


def _check_colleague(actor, user) -> None:
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
def membership_set(*, actor, workspace: Workspace, user, role: str) -> Membership:
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


@transaction.atomic
def membership_remove(*, actor, workspace: Workspace, user) -> None:
    """Remove a member; their touchpoints, actions and team seats in this workspace are freed."""
    require_role(actor, workspace.pk, Role.ADMIN)
    positions.lock(Workspace, workspace.pk)
    membership = Membership.objects.filter(workspace=workspace, user=user).first()
    if membership is None:
        return
    if membership.role == Role.ADMIN and _admin_count(workspace) == 1:
        raise ValidationError({"user": [_("A workspace keeps at least one admin.")]})
    from touchpoints.models import ImprovementAction, Touchpoint

    maps = maps_showing(workspace_id=workspace.pk, owner=user)
    Touchpoint.objects.filter(stage__journey__workspace=workspace, owner=user).update(owner=None)
    ImprovementAction.objects.filter(
        touchpoint__stage__journey__workspace=workspace, assignee=user
    ).update(assignee=None)
    for team in workspace.teams.filter(members=user):
        team.members.remove(user)
    pk = membership.pk
    membership.delete()
    forget_roles(user)
    # Their touchpoints lose their owner: the maps showing them change.
    _record_member(actor, membership, user, DELETED, journey_ids=maps, object_id=pk)


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
    *, actor, workspace: Workspace, name: str, description: str = "", members: Iterable = ()
) -> Team:
    require_role(actor, workspace.pk, Role.ADMIN)
    team = Team(workspace=workspace, name=name, description=description)
    team.full_clean()
    team.save()
    team.members.set(_check_members(workspace, members))
    fields = new_values(team, ["name", "description"])
    record_object(actor, team, CREATED, workspace_id=workspace.pk, fields=fields)
    return team


@transaction.atomic
def team_update(*, actor, team: Team, members: Iterable | None = None, **changes) -> Team:
    require_role(actor, team.workspace_id, Role.ADMIN)
    unknown = set(changes) - TEAM_FIELDS
    if unknown:
        raise TypeError(f"cannot change {sorted(unknown)} of Team")
    before = {field: field_value(team, field) for field in changes}
    for field, value in changes.items():
        setattr(team, field, value)
    team.full_clean()
    team.save()
    if members is not None:
        team.members.set(_check_members(team.workspace, members))
    fields = field_changes(team, before)
    maps = maps_showing(team=team)  # its name is on the cards of its touchpoints
    record_object(
        actor, team, UPDATED, workspace_id=team.workspace_id, journey_ids=maps, fields=fields
    )
    return team


@transaction.atomic
def team_delete(*, actor, team: Team) -> None:
    require_role(actor, team.workspace_id, Role.ADMIN)
    pk, maps = team.pk, maps_showing(team=team)
    team.delete()
    record_object(
        actor, team, DELETED, workspace_id=team.workspace_id, journey_ids=maps, object_id=pk
    )
