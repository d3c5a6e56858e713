"""Background work of events and funnels: what the Celery tasks run.

A funnel report's run and its failure, pruning superseded progress, the nightly refresh of
standard reports, a file import's run and its failure, mapping the stored unmapped track calls.
Nothing here queues a task: the tasks (``cjm.funnels.tasks``) call these and queue what follows
(the prune after a run, the runs of the nightly refresh). The writes that queue work
(``funnel_report_request``, ``event_import_start``, mapping-rule changes) import the tasks, so
tasks -> runs and requests -> tasks never close a cycle.
"""

import datetime
import logging
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cjm.choices import JourneyStatus
from cjm.core.changes import UPDATED, record_object
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.typing import Actor
from cjm.funnels import runner
from cjm.funnels.choices import DEFAULT_CONVERSION_WINDOW_DAYS, JobStatus
from cjm.funnels.importer import FileFormatError, ImportReport, import_events
from cjm.funnels.mapping import RuleBook, validate_track
from cjm.funnels.models import (
    EventImport,
    EventMappingRule,
    FunnelDefinition,
    FunnelReport,
    UnmappedEvent,
)
from cjm.funnels.rows import EventRecord
from cjm.funnels.sidechannel import SideChannel
from cjm.funnels.store import store_events
from cjm.models import Journey

logger = logging.getLogger(__name__)


def definition_for(
    journey, *, date_from, date_to, window_days, channel, standard
) -> FunnelDefinition:
    lookup = {
        "journey": journey,
        "date_from": date_from,
        "date_to": date_to,
        "conversion_window_days": window_days,
        "channel": channel,
    }
    definition = FunnelDefinition.objects.filter(**lookup).first()
    if definition is None:
        definition = FunnelDefinition(**lookup, is_standard=standard)
        definition.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                definition.save()
        except IntegrityError:  # created concurrently
            definition = FunnelDefinition.objects.get(**lookup)
    if standard and not definition.is_standard:
        FunnelDefinition.objects.filter(pk=definition.pk).update(is_standard=True)
        definition.is_standard = True
    return definition


def mapped_record(call, rule) -> EventRecord:
    channel = rule.channel_id
    if channel is None and rule.touchpoint_id is not None:
        channel = rule.touchpoint.channel_id
    return EventRecord(
        event_id=call.message_id,
        customer=call.user_id,
        stage_id=rule.stage_id,
        touchpoint_id=rule.touchpoint_id,
        channel_id=channel,
        occurred_at=call.occurred_at,
        properties=call.properties,
        segment_id=None,
    )


def funnel_report_run(*, report_id: int, force_full: bool = False) -> FunnelReport:
    """Compute a report (idempotent: a finished report is returned as it is).

    The caller (the Celery task) decides about retries; on a final error call
    ``funnel_report_fail``. ``report.progress_to_prune`` says whether older progress rows now
    wait for ``funnel_progress_prune`` (the task queues it).
    """
    report = FunnelReport.objects.select_related("definition").get(pk=report_id)
    if report.status in (JobStatus.DONE, JobStatus.FAILED):
        return report
    FunnelReport.objects.filter(pk=report.pk).update(
        status=JobStatus.RUNNING,
        started_at=timezone.now(),
        progress=0,
        attempts=report.attempts + 1,
    )

    def progress(percent: int) -> None:
        FunnelReport.objects.filter(pk=report.pk).update(progress=min(percent, 99))

    outcome = runner.run(report, force_full=force_full, on_progress=progress)
    FunnelReport.objects.filter(pk=report.pk).update(
        status=JobStatus.DONE,
        progress=100,
        mode=outcome.mode,
        result=outcome.result,
        customers_processed=outcome.customers_processed,
        error="",
        finished_at=timezone.now(),
    )
    report.refresh_from_db()
    _record_finished(report)
    # Superseded progress rows wait to be deleted: the task queues the prune (nothing here
    # queues a task).
    report.progress_to_prune = outcome.prune
    return report


def _record_finished(report: FunnelReport) -> None:
    """A finished report is what the map's metrics lane shows (cjm/core/changes.py)."""
    fields = {"status": {"old": JobStatus.RUNNING, "new": report.status}}
    journey = report.journey
    text = f"{journey} {report.definition.date_from}..{report.definition.date_to}"
    record_object(
        None,
        report,
        UPDATED,
        workspace_id=journey.workspace_id,
        journey_ids=[journey.pk],
        fields=fields,
        object_repr=text,
    )


def funnel_report_fail(*, report_id: int, error: str) -> None:
    FunnelReport.objects.filter(pk=report_id).exclude(status=JobStatus.DONE).update(
        status=JobStatus.FAILED, error=error[:2000], finished_at=timezone.now()
    )


def funnel_progress_prune(*, definition_id: int) -> int:
    """Delete the progress rows of a definition's superseded generations."""
    return runner.prune(definition_id)


def funnel_reports_refresh_standard(*, today: datetime.date | None = None) -> list[int]:
    """Nightly: for every active journey, the current month's standard definition (created on
    the first run of the month) and every definition marked standard whose customers can still
    convert (``date_to`` no older than its conversion window) get a fresh report (pending: the
    nightly task queues their runs). Returns their ids. Each run is incremental when the
    previous progress can be reused."""
    today = today or timezone.now().date()
    month_start = today.replace(day=1)
    next_month = (month_start + datetime.timedelta(days=32)).replace(day=1)
    created = []
    with transaction.atomic():
        for journey in Journey.objects.filter(status=JourneyStatus.ACTIVE):
            if not journey.stages.exists():
                continue
            definition_for(
                journey,
                date_from=month_start,
                date_to=next_month - datetime.timedelta(days=1),
                window_days=DEFAULT_CONVERSION_WINDOW_DAYS,
                channel=None,
                standard=True,
            )
        definitions = FunnelDefinition.objects.filter(
            is_standard=True, journey__status=JourneyStatus.ACTIVE
        ).select_related("journey")
        for definition in definitions:
            horizon = definition.date_to + datetime.timedelta(
                days=definition.conversion_window_days
            )
            if horizon < today:
                continue
            report = FunnelReport.objects.create(definition=definition, journey=definition.journey)
            created.append(report.pk)
    logger.info("Created %d standard funnel reports", len(created))
    return created


def event_import_run(*, import_id: int) -> EventImport:
    """Run a queued import (idempotent: a finished import is left as it is)."""
    job = EventImport.objects.get(pk=import_id)
    if job.status in (JobStatus.DONE, JobStatus.FAILED):
        return job
    EventImport.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), progress=0
    )
    side = SideChannel()

    def progress(report: ImportReport, percent: int) -> None:
        side.update(EventImport, job.pk, progress=percent, rows_total=report.rows)

    fields: dict[str, Any] = {"finished_at": None}
    try:
        with job.file.open("rb") as stream:
            report = import_events(
                workspace_id=job.workspace_id,
                stream=stream,
                format=job.format,
                skip_bad_rows=job.skip_bad_rows,
                total_bytes=job.file.size,
                on_progress=progress,
                max_rows=settings.CJM_UPLOAD_MAX_ROWS,
            )
        fields.update(
            status=JobStatus.DONE if report.stored else JobStatus.FAILED,
            rows_total=report.rows,
            created_count=report.created,
            duplicate_count=report.duplicates,
            error_count=report.bad_rows,
            errors=report.errors,
            error_message=""
            if report.stored
            else _("Nothing was stored: %(n)d rows are invalid.") % {"n": report.bad_rows},
        )
    except FileFormatError as exc:
        fields.update(status=JobStatus.FAILED, error_message=str(exc))
    finally:
        side.close()
    fields.update(progress=100, finished_at=timezone.now())
    EventImport.objects.filter(pk=job.pk).update(**fields)
    _import_file_delete(job)  # done or failed: the upload is not kept
    job.refresh_from_db()
    return job


def _import_file_delete(job: EventImport) -> None:
    """Remove a finished import's uploaded file (its rows are stored or refused for good);
    the row keeps the file's name for the import list."""
    if job.file:
        job.file.delete(save=False)
        EventImport.objects.filter(pk=job.pk).update(file="")


def event_import_fail(*, import_id: int, error: str) -> None:
    """Mark an import that could not run as failed (its task's last retry gave up); a
    finished import keeps its outcome."""
    EventImport.objects.filter(pk=import_id).exclude(status=JobStatus.DONE).update(
        status=JobStatus.FAILED,
        error_message=error[:2000],
        progress=100,
        finished_at=timezone.now(),
    )
    job = EventImport.objects.filter(pk=import_id).first()
    if job is not None:
        _import_file_delete(job)


def unmapped_events_map(*, actor: Actor, workspace_id: int, batch_size: int = 5000) -> int:
    """Turn the unmapped events that the current rules now match into events."""
    require_role(actor, workspace_id, Role.EDITOR)
    rules = RuleBook(
        EventMappingRule.objects.filter(workspace_id=workspace_id).select_related("touchpoint")
    )
    mapped_total, last_id = 0, 0
    while True:
        batch = list(
            UnmappedEvent.objects.filter(workspace_id=workspace_id, pk__gt=last_id).order_by("pk")[
                :batch_size
            ]
        )
        if not batch:
            return mapped_total
        last_id = batch[-1].pk
        records, done = [], []
        for item in batch:
            rule = rules.match(item.event_name, item.properties)
            if rule:
                call = validate_track(
                    {
                        "messageId": item.message_id,
                        "userId": item.user_id,
                        "event": item.event_name,
                        "timestamp": item.occurred_at.isoformat(),
                        "properties": item.properties,
                    }
                )
                records.append(mapped_record(call, rule))
                done.append(item.pk)
        if records:
            with transaction.atomic():
                store_events(workspace_id, records)
                UnmappedEvent.objects.filter(pk__in=done).delete()
            mapped_total += len(records)


def funnel_reports_interrupted() -> list[int]:
    """Reports left "running" by a worker that died mid-run (SIGKILL, OOM, a lost machine): the
    broker only hands their message back after its visibility timeout, so a starting worker
    queues them again (``funnel_report_run`` is safe to run twice)."""
    return list(FunnelReport.objects.filter(status=JobStatus.RUNNING).values_list("pk", flat=True))
