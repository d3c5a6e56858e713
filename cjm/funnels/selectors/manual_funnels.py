"""Reads of manual funnels: the counts typed in per stage, and their result in the shape of a
computed report."""

from django.db.models import QuerySet
from django.http import Http404

from cjm.core.scoping import member_workspace_ids
from cjm.core.typing import Reader
from cjm.funnels.models import ManualFunnel
from cjm.models import Stage


def manual_funnel_list(*, user: Reader, journey=None) -> QuerySet[ManualFunnel]:
    qs = ManualFunnel.objects.filter(journey__workspace_id__in=member_workspace_ids(user))
    if journey is not None:
        qs = qs.filter(journey=journey)
    return (
        qs.select_related("journey")
        .prefetch_related("counts")
        .order_by("journey_id", "-date_to", "id")
    )


def manual_funnel_get(*, user: Reader, pk: int) -> ManualFunnel:
    funnel = manual_funnel_list(user=user).filter(pk=pk).first()
    if funnel is None:
        raise Http404("No such funnel.")
    return funnel


def manual_funnel_result(funnel: ManualFunnel) -> dict:
    """The typed-in counts in the shape of a computed report (no times, no exits)."""
    stage_ids = list(
        Stage.objects.filter(journey_id=funnel.journey_id)
        .order_by("position")
        .values_list("pk", flat=True)
    )
    counts = {count.stage_id: count.customers for count in funnel.counts.all()}
    stages = []
    for index, stage_id in enumerate(stage_ids):
        entered = counts.get(stage_id)
        is_last = index == len(stage_ids) - 1
        converted = None if is_last else counts.get(stage_ids[index + 1])
        drop_off = None if converted is None or not entered else 1 - converted / entered
        stages.append(
            {
                "stage": stage_id,
                "entered": entered,
                "converted": converted,
                "drop_off_rate": drop_off,
                "median_seconds_to_convert": None,
            }
        )
    return {"stages": stages, "exit_touchpoints": [], "trend": []}
