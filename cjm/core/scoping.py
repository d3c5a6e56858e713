"""Workspace scoping: which workspaces, and which people, a user may see.

Every selector of every slice starts from here: a row is visible when its workspace is one of
the user's (``member_workspace_ids``); anything else is a 404, never a 403.
"""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import Http404

from cjm.core.tenancy import Membership, Team, Workspace
from cjm.core.typing import Reader


def member_workspace_ids(user: Reader) -> QuerySet:
    """A subquery of the ids of the workspaces ``user`` is a member of."""
    if user.pk is None:  # anonymous: a member of nothing
        return Membership.objects.none().values("workspace_id")
    return Membership.objects.filter(user_id=user.pk).values("workspace_id")


def workspace_list(*, user: Reader) -> QuerySet[Workspace]:
    if not user.is_authenticated:
        return Workspace.objects.none()
    return Workspace.objects.filter(pk__in=member_workspace_ids(user)).order_by("name", "id")


def workspace_get(*, user: Reader, pk: int) -> Workspace:
    """The workspace if ``user`` is a member, else 404 (never reveal that it exists)."""
    workspace = workspace_list(user=user).filter(pk=pk).first()
    if workspace is None:
        raise Http404("No such workspace.")
    return workspace


def colleague_list(*, user: Reader) -> QuerySet:
    """People who share a workspace with ``user`` (owners and assignees they may pick)."""
    if not user.is_authenticated:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(memberships__workspace_id__in=member_workspace_ids(user))
        .distinct()
    )


def workspace_member_list(*, workspace_id: int) -> QuerySet:
    """The people of one workspace, by name (choices of owners and assignees)."""
    return (
        get_user_model()
        .objects.filter(memberships__workspace_id=workspace_id)
        .order_by("first_name", "last_name", "username")
    )


def team_list(*, user: Reader, workspace: Workspace | None = None) -> QuerySet[Team]:
    qs = Team.objects.filter(workspace_id__in=member_workspace_ids(user))
    if workspace is not None:
        qs = qs.filter(workspace=workspace)
    return qs.prefetch_related("members").order_by("name", "id")


def workspace_team_list(*, workspace_id: int) -> QuerySet[Team]:
    """The teams of one workspace, by name (choices of owner teams)."""
    return Team.objects.filter(workspace_id=workspace_id).order_by("name", "id")
