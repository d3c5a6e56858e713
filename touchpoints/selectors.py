"""Reads for channels, touchpoints, actions and comments, scoped to the user's workspaces."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from cjm.core.scoping import member_workspace_ids
from cjm.core.tenancy import Workspace
from cjm.core.typing import Reader
from touchpoints.choices import OPEN_ACTION_STATUSES, Rating
from touchpoints.models import Channel, Comment, ImprovementAction, RatingChange, Touchpoint


def channel_list(*, user: Reader, workspace: Workspace | None = None) -> QuerySet[Channel]:
    qs = Channel.objects.filter(workspace_id__in=member_workspace_ids(user))
    if workspace is not None:
        qs = qs.filter(workspace=workspace)
    return qs.order_by("name", "id")


def workspace_channel_list(*, workspace_id: int) -> QuerySet[Channel]:
    """The channels of one workspace, by name (choices of forms whose view checked the
    member)."""
    return Channel.objects.filter(workspace_id=workspace_id).order_by("name", "id")


def overdue_actions(outer: str = "pk") -> QuerySet:
    return ImprovementAction.objects.filter(
        touchpoint_id=OuterRef(outer),
        status__in=OPEN_ACTION_STATUSES,
        due_date__lt=timezone.localdate(),
    )


def touchpoint_list(*, user: Reader, workspace: Workspace | None = None) -> QuerySet[Touchpoint]:
    """Every touchpoint the user may see, with what the register shows next to it."""
    qs = Touchpoint.objects.filter(stage__journey__workspace_id__in=member_workspace_ids(user))
    if workspace is not None:
        qs = qs.filter(stage__journey__workspace=workspace)
    return (
        qs.select_related("stage", "stage__journey", "channel", "owner", "team")
        .annotate(
            open_action_count=Count("actions", filter=Q(actions__status__in=OPEN_ACTION_STATUSES)),
            has_overdue_action=Exists(overdue_actions()),
        )
        .order_by("stage__journey__title", "stage__position", "position")
    )


def touchpoint_get(*, user: Reader, pk: int) -> Touchpoint:
    touchpoint = (
        Touchpoint.objects.filter(
            stage__journey__workspace_id__in=member_workspace_ids(user), pk=pk
        )
        .select_related(
            "stage", "stage__journey", "stage__journey__workspace", "channel", "owner", "team"
        )
        .first()
    )
    if touchpoint is None:
        raise Http404("No such touchpoint.")
    return touchpoint


def rating_counts(touchpoints: QuerySet[Touchpoint]) -> dict[str, int]:
    """How many touchpoints have each rating (every rating present, zero when none)."""
    counts = dict.fromkeys(Rating.values, 0)
    # Count the rows of a plain queryset: an annotated one (touchpoint_list joins the actions)
    # would count each touchpoint once per action.
    plain = Touchpoint.objects.filter(pk__in=touchpoints.order_by().values("pk"))
    for row in plain.values("rating").annotate(n=Count("id")).order_by():
        counts[row["rating"]] = row["n"]
    return counts


def action_list(*, user: Reader, workspace: Workspace | None = None) -> QuerySet[ImprovementAction]:
    qs = ImprovementAction.objects.filter(
        touchpoint__stage__journey__workspace_id__in=member_workspace_ids(user)
    )
    if workspace is not None:
        qs = qs.filter(touchpoint__stage__journey__workspace=workspace)
    return qs.select_related(
        "touchpoint", "touchpoint__stage", "touchpoint__stage__journey", "assignee"
    ).order_by("due_date", "id")


def action_overdue_list(*, user: Reader, workspace: Workspace | None = None) -> QuerySet:
    return action_list(user=user, workspace=workspace).filter(
        status__in=OPEN_ACTION_STATUSES, due_date__lt=timezone.localdate()
    )


def action_get(*, user: Reader, pk: int) -> ImprovementAction:
    action = action_list(user=user).filter(pk=pk).first()
    if action is None:
        raise Http404("No such action.")
    return action


def actions_due_for_reminder(*, today, days_ahead: int = 2) -> QuerySet[ImprovementAction]:
    """Open actions with an assignee, due within ``days_ahead`` days or overdue, not yet
    reminded today (system read for the reminder job)."""
    horizon = today + datetime.timedelta(days=days_ahead)
    return (
        ImprovementAction.objects.filter(
            status__in=OPEN_ACTION_STATUSES, assignee__isnull=False, due_date__lte=horizon
        )
        .exclude(last_reminded_on=today)
        .select_related("assignee", "touchpoint", "touchpoint__stage__journey")
        .order_by("assignee_id", "due_date", "id")
    )


def actions_overdue(*, today) -> QuerySet[ImprovementAction]:
    """Open actions whose due date has passed on ``today`` (system read: the reminder job's
    condition, assignee or not; the overdue webhook event)."""
    return (
        ImprovementAction.objects.filter(status__in=OPEN_ACTION_STATUSES, due_date__lt=today)
        .select_related("touchpoint", "touchpoint__stage__journey")
        .order_by("due_date", "id")
    )


def comment_list(*, user: Reader, workspace: Workspace | None = None) -> QuerySet[Comment]:
    """Comments on touchpoints and stages of the user's workspaces."""
    in_workspaces = member_workspace_ids(user)
    qs = Comment.objects.filter(
        Q(touchpoint__stage__journey__workspace_id__in=in_workspaces)
        | Q(stage__journey__workspace_id__in=in_workspaces)
    )
    if workspace is not None:
        qs = qs.filter(
            Q(touchpoint__stage__journey__workspace=workspace)
            | Q(stage__journey__workspace=workspace)
        )
    return qs.select_related("author", "stage__journey", "touchpoint__stage__journey").order_by(
        "created_at", "id"
    )


def rating_change_list(
    *, user: Reader, workspace: Workspace | None = None
) -> QuerySet[RatingChange]:
    qs = RatingChange.objects.filter(
        touchpoint__stage__journey__workspace_id__in=member_workspace_ids(user)
    )
    if workspace is not None:
        qs = qs.filter(touchpoint__stage__journey__workspace=workspace)
    return qs.select_related("changed_by", "touchpoint__stage__journey").order_by(
        "-changed_at", "-id"
    )
