"""Reads for workspaces, memberships and teams."""

from django.db.models import QuerySet
from django.http import Http404

from cjm.models import Membership, Team, Workspace


def member_workspace_ids(user) -> QuerySet:
    """A subquery of the ids of the workspaces ``user`` is a member of."""
    return Membership.objects.filter(user_id=user.pk).values("workspace_id")


def workspace_list(*, user) -> QuerySet[Workspace]:
    if not user.is_authenticated:
        return Workspace.objects.none()
    return Workspace.objects.filter(pk__in=member_workspace_ids(user)).order_by("name", "id")


def workspace_get(*, user, pk: int) -> Workspace:
    """The workspace if ``user`` is a member, else 404 (never reveal that it exists)."""
    workspace = workspace_list(user=user).filter(pk=pk).first()
    if workspace is None:
        raise Http404("No such workspace.")
    return workspace


def membership_list(*, workspace: Workspace) -> QuerySet[Membership]:
    return workspace.memberships.select_related("user").order_by("user__username")


def team_list(*, user, workspace: Workspace | None = None) -> QuerySet[Team]:
    qs = Team.objects.filter(workspace_id__in=member_workspace_ids(user))
    if workspace is not None:
        qs = qs.filter(workspace=workspace)
    return qs.prefetch_related("members").order_by("name", "id")
