"""Reads of the people pages: members with their teams, pending invitations, what a member or
a team holds (touchpoints they own, open actions)."""

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from cjm.accounts.models import Invitation
from cjm.core.tenancy import Membership, Team, Workspace
from touchpoints.choices import OPEN_ACTION_STATUSES
from touchpoints.models import ImprovementAction, Touchpoint


def member_list(*, workspace: Workspace) -> QuerySet[Membership]:
    """Members with their user and the teams of this workspace they sit in (3 queries)."""
    teams = Team.objects.filter(workspace=workspace).order_by("name")
    return (
        workspace.memberships.select_related("user")
        .prefetch_related(Prefetch("user__teams", queryset=teams, to_attr="workspace_teams"))
        .order_by("user__username")
    )


def invitation_list(*, workspace: Workspace, pending_only: bool = True) -> QuerySet[Invitation]:
    invitations = Invitation.objects.filter(workspace=workspace).select_related("invited_by")
    if pending_only:
        invitations = invitations.filter(
            accepted_at=None, revoked_at=None, expires_at__gt=timezone.now()
        )
    return invitations.order_by("-created_at", "-id")


def invitation_get_by_token(*, token: str) -> Invitation | None:
    return Invitation.objects.select_related("workspace", "invited_by").filter(token=token).first()


def owned_touchpoints(*, workspace: Workspace, **lookup) -> QuerySet[Touchpoint]:
    return (
        Touchpoint.objects.filter(stage__journey__workspace=workspace, **lookup)
        .select_related("stage__journey", "owner")
        .order_by("stage__journey__title", "stage__position", "position")
    )


def open_actions(*, workspace: Workspace, **lookup) -> QuerySet[ImprovementAction]:
    return (
        ImprovementAction.objects.filter(
            touchpoint__stage__journey__workspace=workspace,
            status__in=OPEN_ACTION_STATUSES,
            **lookup,
        )
        .select_related("touchpoint", "assignee")
        .order_by("due_date", "id")
    )


def member_holdings(*, workspace: Workspace, user) -> dict:
    """What removing ``user`` hands over: the touchpoints they own, their open actions."""
    return {
        "touchpoints": list(owned_touchpoints(workspace=workspace, owner=user)),
        "actions": list(open_actions(workspace=workspace, assignee=user)),
    }


def team_holdings(*, team: Team) -> dict:
    """What a team owns: its touchpoints, and the open actions on them."""
    return {
        "touchpoints": list(owned_touchpoints(workspace=team.workspace, team=team)),
        "actions": list(open_actions(workspace=team.workspace, touchpoint__team=team)),
    }


def team_detail_get(*, workspace_ids, pk: int) -> Team:
    return (
        Team.objects.filter(workspace_id__in=workspace_ids)
        .select_related("workspace", "lead")
        .prefetch_related("members")
        .get(pk=pk)
    )


def team_summaries(*, workspace: Workspace) -> QuerySet[Team]:
    """The teams of a workspace with their lead and member count (one query)."""
    return (
        Team.objects.filter(workspace=workspace)
        .select_related("lead")
        .annotate(member_count=Count("members", distinct=True))
        .order_by("name", "id")
    )
