"""Reads for journeys, stages and lanes: the map."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from cjm.models import Journey, Lane, LaneCell, Stage, Workspace

from .workspaces import member_workspace_ids


def journey_list(*, user, workspace: Workspace | None = None) -> QuerySet[Journey]:
    from touchpoints.choices import OPEN_ACTION_STATUSES, Rating

    qs = Journey.objects.filter(workspace_id__in=member_workspace_ids(user))
    if workspace is not None:
        qs = qs.filter(workspace=workspace)
    return (
        qs.select_related("segment", "workspace", "updated_by")
        .prefetch_related("personas")
        .annotate(
            stage_count=Count("stages", distinct=True),
            touchpoint_count=Count("stages__touchpoints", distinct=True),
            awful_count=Count(
                "stages__touchpoints",
                filter=Q(stages__touchpoints__rating=Rating.AWFUL),
                distinct=True,
            ),
            open_action_count=Count(
                "stages__touchpoints__actions",
                filter=Q(stages__touchpoints__actions__status__in=OPEN_ACTION_STATUSES),
                distinct=True,
            ),
        )
        .order_by("title", "id")
    )


def journey_get(*, user, pk: int) -> Journey:
    journey = (
        Journey.objects.filter(workspace_id__in=member_workspace_ids(user), pk=pk)
        .select_related("workspace", "segment")
        .first()
    )
    if journey is None:
        raise Http404("No such journey.")
    return journey


def journey_map_get(*, user, pk: int) -> Journey:
    """The whole map in a constant number of queries, whatever its size:
    journey (+workspace, segment), personas, stages, touchpoints (+channel, owner, team, open
    action count, overdue flag), lanes, cells."""
    journey = (
        Journey.objects.filter(workspace_id__in=member_workspace_ids(user), pk=pk)
        .select_related("workspace", "segment", "updated_by")
        .prefetch_related(*map_prefetches())
        .first()
    )
    if journey is None:
        raise Http404("No such journey.")
    return journey


def map_prefetches() -> list:
    """What drawing a map reads besides the journey row: personas, stages with their touchpoints
    (+channel, owner, team, open action count, overdue flag), lanes with their cells."""
    from django.db.models import Exists

    from touchpoints.choices import OPEN_ACTION_STATUSES
    from touchpoints.models import Touchpoint
    from touchpoints.selectors import overdue_actions

    touchpoints = (
        Touchpoint.objects.select_related("channel", "owner", "team")
        .annotate(
            open_action_count=Count("actions", filter=Q(actions__status__in=OPEN_ACTION_STATUSES)),
            has_overdue_action=Exists(overdue_actions()),
        )
        .order_by("position")
    )
    return [
        "personas",
        Prefetch(
            "stages",
            queryset=Stage.objects.order_by("position").prefetch_related(
                Prefetch("touchpoints", queryset=touchpoints)
            ),
        ),
        Prefetch(
            "lanes",
            queryset=Lane.objects.order_by("position").prefetch_related(
                Prefetch("cells", queryset=LaneCell.objects.all())
            ),
        ),
    ]


def stage_get(*, user, pk: int) -> Stage:
    stage = (
        Stage.objects.filter(journey__workspace_id__in=member_workspace_ids(user), pk=pk)
        .select_related("journey", "journey__workspace")
        .first()
    )
    if stage is None:
        raise Http404("No such stage.")
    return stage


def lane_get(*, user, pk: int) -> Lane:
    lane = (
        Lane.objects.filter(journey__workspace_id__in=member_workspace_ids(user), pk=pk)
        .select_related("journey", "journey__workspace")
        .first()
    )
    if lane is None:
        raise Http404("No such lane.")
    return lane


def stage_list(*, user, workspace: Workspace | None = None) -> QuerySet[Stage]:
    qs = Stage.objects.filter(journey__workspace_id__in=member_workspace_ids(user))
    if workspace is not None:
        qs = qs.filter(journey__workspace=workspace)
    return qs.select_related("journey").order_by("journey__title", "journey_id", "position")


def lane_list(*, user, workspace: Workspace | None = None) -> QuerySet[Lane]:
    qs = Lane.objects.filter(journey__workspace_id__in=member_workspace_ids(user))
    if workspace is not None:
        qs = qs.filter(journey__workspace=workspace)
    return qs.select_related("journey").order_by("journey__title", "journey_id", "position")


def lane_cell_list(*, user, workspace: Workspace | None = None) -> QuerySet[LaneCell]:
    qs = LaneCell.objects.filter(lane__journey__workspace_id__in=member_workspace_ids(user))
    if workspace is not None:
        qs = qs.filter(lane__journey__workspace=workspace)
    return qs.select_related("lane__journey").order_by(
        "lane__journey_id", "lane__position", "stage__position"
    )
