"""Writes of map exports: asking for one (any member may: exporting is reading)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.typing import Actor
from cjm.models import Journey

from . import tasks
from .models import MapRender, RenderFormat, RenderStatus

# A second click while an export of the same map and format is still queued or running gets that
# export back instead of a new job; after this long a stuck one no longer counts.
RUNNING_FOR_AT_MOST = datetime.timedelta(minutes=10)


def _queue(render_id: int) -> None:
    try:
        tasks.map_render_task.delay(render_id)
    except BrokerError:
        # Redis is down: the export fails with the reason rather than wait for ever, and the
        # error reaches the caller (the API answers 503: ask again later).
        MapRender.objects.filter(pk=render_id).update(
            status=RenderStatus.FAILED, error="The job queue is unavailable; ask again later."
        )
        raise


def map_render_request(*, actor: Actor, journey_id: int, format: str) -> MapRender:
    """Queue an export of the journey's map as ``format`` (pdf or png), after commit; the
    actor's own export of that map and format still under way is returned instead."""
    if format not in RenderFormat.values:
        raise ValidationError({"format": _("Choose pdf or png.")})
    journey = Journey.objects.filter(pk=journey_id).values("workspace_id").first()
    if journey is None:
        raise Http404("No such journey.")
    require_role(actor, journey["workspace_id"], Role.VIEWER)
    running = (
        MapRender.objects.filter(
            journey_id=journey_id,
            format=format,
            created_by=actor,
            status__in=[RenderStatus.PENDING, RenderStatus.RUNNING],
            created_at__gte=timezone.now() - RUNNING_FOR_AT_MOST,
        )
        .order_by("-created_at")
        .first()
    )
    if running is not None:
        return running
    with transaction.atomic():
        render = MapRender.objects.create(journey_id=journey_id, format=format, created_by=actor)
        transaction.on_commit(lambda: _queue(render.pk))
    return render
