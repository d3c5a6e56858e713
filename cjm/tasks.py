"""Background jobs of the journeys app. Thin: ids and plain values in, one service call.

Funnel reports are safe to run twice (a finished report is left alone; a crashed run is redone
from its definition's last committed state), acknowledged late (a worker lost mid-run hands the
report to another), retried with exponential backoff on transient database errors, and bounded
by soft and hard time limits; the final failure is written on the report.
"""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError

from cjm.services import events as event_services
from cjm.services import funnels as funnel_services

logger = logging.getLogger(__name__)

TRANSIENT = (OperationalError, InterfaceError)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT,
    retry_backoff=2,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=4,
    soft_time_limit=15 * 60,
    time_limit=16 * 60,
)
def funnel_report_run_task(self, report_id: int, force_full: bool = False) -> str:
    try:
        report = funnel_services.funnel_report_run(report_id=report_id, force_full=force_full)
    except TRANSIENT as exc:
        if self.request.retries >= self.max_retries:
            funnel_services.funnel_report_fail(report_id=report_id, error=f"Database error: {exc}")
        raise
    except SoftTimeLimitExceeded:
        funnel_services.funnel_report_fail(report_id=report_id, error="The run took too long.")
        raise
    except Exception as exc:
        logger.exception("Funnel report %s failed", report_id)
        funnel_services.funnel_report_fail(report_id=report_id, error=str(exc) or repr(exc))
        raise
    return report.status


@shared_task(acks_late=True, autoretry_for=TRANSIENT, retry_backoff=True, max_retries=3)
def funnel_progress_prune_task(definition_id: int) -> int:
    """After a full run: delete the progress rows of the definition's older generations."""
    return funnel_services.funnel_progress_prune(definition_id=definition_id)


@shared_task(acks_late=True, autoretry_for=TRANSIENT, retry_backoff=True, max_retries=3)
def funnel_reports_refresh_standard_task(today: str | None = None) -> int:
    """Nightly (Celery beat): fresh reports for the standard definitions of active journeys."""
    import datetime

    day = datetime.date.fromisoformat(today) if today else None
    return len(funnel_services.funnel_reports_refresh_standard(today=day))


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT,
    retry_backoff=2,
    max_retries=3,
    soft_time_limit=60 * 60,
    time_limit=61 * 60,
)
def event_import_run_task(self, import_id: int) -> str:
    try:
        return event_services.event_import_run(import_id=import_id).status
    except Exception as exc:
        final = not isinstance(exc, TRANSIENT) or self.request.retries >= self.max_retries
        if final:
            from cjm.models import EventImport

            EventImport.objects.filter(pk=import_id).update(
                status="failed", error_message=(str(exc) or repr(exc))[:2000], progress=100
            )
        raise


@shared_task(acks_late=True, autoretry_for=TRANSIENT, retry_backoff=True, max_retries=3)
def events_table_maintain_task() -> list[str]:
    """After large loads: vacuum and analyze the events table (cjm/funnels/maintenance.py)."""
    return event_services.events_table_maintain()


@shared_task(acks_late=True, autoretry_for=TRANSIENT, retry_backoff=True, max_retries=3)
def unmapped_events_map_task(workspace_id: int) -> int:
    """After the mapping rules changed: map the stored unmapped events that now match."""
    return event_services.unmapped_events_map(actor=None, workspace_id=workspace_id)
