"""Background jobs of the feedback app. Thin: plain arguments in, one service call."""

from celery import shared_task
from django.core.cache import cache
from django.db import OperationalError

from cjm.core.tenancy import Workspace
from feedback import services
from feedback.models import Response

# Set by the overview page when it queues a refresh (one at a time per workspace); the job
# clears it when it starts, so answers arriving during the run queue the next one.
REFRESH_QUEUED_KEY = "feedback:aggregates-queued:{}"


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
    soft_time_limit=300,
    time_limit=360,
)
def feedback_aggregates_refresh(workspace_id: int | None = None) -> int:
    """Recompute the weekly NPS / CSAT / CES aggregates of one workspace, or of every workspace
    with feedback (Celery beat, hourly). Safe to run twice."""
    if workspace_id is not None:
        cache.delete(REFRESH_QUEUED_KEY.format(workspace_id))
        return services.feedback_aggregates_refresh(workspace_id=workspace_id)
    ids = Workspace.objects.filter(pk__in=Response.objects.values("workspace_id")).values_list(
        "pk", flat=True
    )
    return sum(services.feedback_aggregates_refresh(workspace_id=pk) for pk in ids)
