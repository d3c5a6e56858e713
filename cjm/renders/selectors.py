"""Reads of map exports, scoped by workspace: another workspace's export is a 404."""

from django.http import Http404

from cjm.core.scoping import member_workspace_ids
from cjm.core.typing import Reader

from .models import MapRender


def map_render_get(*, user: Reader, pk: int) -> MapRender:
    """One query: the export if ``user`` is a member of its journey's workspace, else 404."""
    render = (
        MapRender.objects.filter(pk=pk, journey__workspace_id__in=member_workspace_ids(user))
        .select_related("journey")
        .first()
    )
    if render is None:
        raise Http404("No such export.")
    return render


def map_render_latest(*, user: Reader, journey_id: int, format: str) -> MapRender | None:
    """The user's newest unexpired export of a journey in ``format`` (the map page's panel)."""
    return (
        MapRender.objects.filter(
            journey_id=journey_id,
            journey__workspace_id__in=member_workspace_ids(user),
            created_by=user,
            format=format,
        )
        .order_by("-created_at", "-id")
        .first()
    )
