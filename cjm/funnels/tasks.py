"""Background jobs of events and funnels. Thin: ids and plain values in, one service call.

Funnel reports are safe to run twice (a finished report is left alone; a crashed run is redone
from its definition's last committed state), acknowledged late (a worker lost mid-run hands the
report to another), retried with exponential backoff on transient database errors, and bounded
by soft and hard time limits; the final failure is written on the report.

The writes that queue work (a report request, a file import, a mapping-rule change) import this
module; the tasks call ``cjm.funnels.services.runs``, which queues nothing: what follows a run
(the prune after a full run, the runs of the nightly refresh) is queued here.
"""

import datetime
import logging
import threading

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_ready
from django.conf import settings
from django.db import InterfaceError, OperationalError, connection

from cjm.funnels import maintenance
from cjm.funnels.services import runs

logger = logging.getLogger(__name__)

TRANSIENT = (OperationalError, InterfaceError)

# Task names are what the broker stores: they keep the module path they were first published
# under (cjm/tasks.py), so jobs queued before a deploy still find their task.
NAME = "cjm.tasks.{}".format


@shared_task(
    name=NAME("funnel_report_run_task"),
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
        report = runs.funnel_report_run(report_id=report_id, force_full=force_full)
    except TRANSIENT as exc:
        if self.request.retries >= self.max_retries:
            runs.funnel_report_fail(report_id=report_id, error=f"Database error: {exc}")
        raise
    except SoftTimeLimitExceeded:
        runs.funnel_report_fail(report_id=report_id, error="The run took too long.")
        raise
    except Exception as exc:
        logger.exception("Funnel report %s failed", report_id)
        runs.funnel_report_fail(report_id=report_id, error=str(exc) or repr(exc))
        raise
    if getattr(report, "progress_to_prune", False):
        funnel_progress_prune_task.delay(report.definition_id)
    return report.status


@shared_task(
    name=NAME("funnel_progress_prune_task"),
    acks_late=True,
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    max_retries=3,
)
def funnel_progress_prune_task(definition_id: int) -> int:
    """After a full run: delete the progress rows of the definition's older generations."""
    return runs.funnel_progress_prune(definition_id=definition_id)


@shared_task(
    name=NAME("funnel_reports_refresh_standard_task"),
    acks_late=True,
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    max_retries=3,
)
def funnel_reports_refresh_standard_task(today: str | None = None) -> int:
    """Nightly (Celery beat): fresh reports for the standard definitions of active journeys."""
    day = datetime.date.fromisoformat(today) if today else None
    report_ids = runs.funnel_reports_refresh_standard(today=day)
    for report_id in report_ids:
        funnel_report_run_task.delay(report_id)
    return len(report_ids)


@shared_task(
    name=NAME("event_import_run_task"),
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
        status = runs.event_import_run(import_id=import_id).status
    except Exception as exc:
        final = not isinstance(exc, TRANSIENT) or self.request.retries >= self.max_retries
        if final:
            runs.event_import_fail(import_id=import_id, error=str(exc) or repr(exc))
        raise
    maintenance.after_load(events_table_maintain_task.delay)
    return status


def event_import_queue(import_id: int) -> None:
    """Queue an import. With a broker, for a worker. Without one (the embedded default of
    ``make run``, where tasks run eagerly), in a thread beside the request: the upload answers at
    once and the import page polls, instead of the request hanging while the file is stored."""
    if settings.CELERY_BROKER_URL:
        event_import_run_task.delay(import_id)
        return

    def run() -> None:
        try:
            event_import_run_task.apply(args=(import_id,))
        finally:
            connection.close()

    threading.Thread(target=run, name=f"event-import-{import_id}", daemon=True).start()


@shared_task(
    name=NAME("events_table_maintain_task"),
    acks_late=True,
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    max_retries=3,
)
def events_table_maintain_task() -> list[str]:
    """After large loads: vacuum and analyze the events table (cjm/funnels/maintenance.py)."""
    return maintenance.maintain()


@shared_task(
    name=NAME("unmapped_events_map_task"),
    acks_late=True,
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    max_retries=3,
)
def unmapped_events_map_task(workspace_id: int) -> int:
    """After the mapping rules changed: map the stored unmapped events that now match."""
    return runs.unmapped_events_map(actor=None, workspace_id=workspace_id)


@worker_ready.connect
def funnel_reports_resume(**kwargs) -> None:
    """A worker that starts queues again the reports a killed worker left running (their
    message comes back from Redis only after the visibility timeout; docs/drills.md)."""
    for report_id in runs.funnel_reports_interrupted():
        logger.warning("Funnel report %s was interrupted: queued again", report_id)
        funnel_report_run_task.delay(report_id)
