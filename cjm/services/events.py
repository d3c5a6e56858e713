"""Writes of customer events: bulk and track ingestion, mapping rules, file imports.

Which workspace a bulk request writes to: ``workspace_id`` when given (``?workspace=`` in the
API); otherwise the workspace of the first row's stage (a stage id determines its workspace).
Every row must then belong to that workspace, and the caller must be an editor there.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cjm.choices import Role
from cjm.core.permissions import require_role
from cjm.funnels import maintenance
from cjm.funnels.choices import MAX_BULK_EVENTS, ImportFormat, JobStatus
from cjm.funnels.importer import FileFormatError, ImportReport, import_events
from cjm.funnels.json_lane import prepare_rows
from cjm.funnels.mapping import RuleBook, validate_track
from cjm.funnels.rows import EventRecord, RowError, WorkspaceRefs, clean_id
from cjm.funnels.sidechannel import SideChannel
from cjm.funnels.store import store_events
from cjm.models import Customer, Event, EventImport, EventMappingRule, UnmappedEvent, Workspace

RULE_FIELDS = {"event_name", "property_name", "property_value", "stage", "touchpoint", "channel"}


class EventRowsInvalid(Exception):
    """Some rows are invalid; nothing was stored. ``rows``: [{"index", "errors"}]."""

    def __init__(self, rows: list[dict], total: int):
        self.rows, self.total = rows, total
        super().__init__(f"{len(rows)} of {total} rows are invalid")


@dataclass
class IngestResult:
    created: int = 0
    duplicates: int = 0
    unmapped: int = 0


def _check_size(items) -> list:
    if not isinstance(items, list):
        raise ValidationError(_("Send a JSON array of events."))
    if len(items) > MAX_BULK_EVENTS:
        raise ValidationError(_("At most %(n)d events per request.") % {"n": MAX_BULK_EVENTS})
    return items


def _single_workspace(actor) -> int | None:
    from cjm.selectors import member_workspace_ids

    ids = list(member_workspace_ids(actor).values_list("workspace_id", flat=True)[:2])
    return ids[0] if len(ids) == 1 else None


def _bulk_workspace(actor, rows: list, workspace_id: int | None) -> int | None:
    from cjm.models import Stage

    if workspace_id is not None:
        require_role(actor, workspace_id, Role.VIEWER)
        return workspace_id
    stage_ids = {}  # each id once, in the order of the rows (10,000 rows name a few stages)
    for row in rows:
        try:  # noqa: SIM105 (cheaper than a context manager per row)
            stage_ids.setdefault(clean_id(row.get("stage"), required=True), None)
        except (ValueError, AttributeError):
            pass
    stages = Stage.objects.filter(pk__in=list(stage_ids))
    if actor is not None:
        stages = stages.filter(journey__workspace__memberships__user=actor)
    workspace_of = dict(stages.values_list("pk", "journey__workspace_id"))
    for stage_id in stage_ids:
        if stage_id in workspace_of:
            return workspace_of[stage_id]
    return _single_workspace(actor) if actor is not None else None


def events_bulk_ingest(*, actor, rows, workspace_id: int | None = None) -> IngestResult:
    """Store up to 10,000 events, all or nothing; replays of an ``event_id`` are duplicates."""
    rows = _check_size(rows)
    if not rows:
        return IngestResult()
    workspace_id = _bulk_workspace(actor, rows, workspace_id)
    if workspace_id is None:
        raise EventRowsInvalid(
            [{"index": i, "errors": {"stage": [_("No such stage.")]}} for i in range(len(rows))],
            len(rows),
        )
    require_role(actor, workspace_id, Role.EDITOR)
    batch, bad = prepare_rows(rows, WorkspaceRefs.load(workspace_id))
    if bad:
        raise EventRowsInvalid(bad, len(rows))
    with transaction.atomic():
        created, duplicates = store_events(workspace_id, batch)
        transaction.on_commit(maintenance.after_load)
    return IngestResult(created=created, duplicates=duplicates)


def _track_workspace(actor, workspace_id: int | None) -> int:
    if workspace_id is None:
        workspace_id = _single_workspace(actor) if actor is not None else None
        if workspace_id is None:
            raise ValidationError(
                {"workspace": [_("Say which workspace: ?workspace=<id>.")]}, code="required"
            )
    require_role(actor, workspace_id, Role.EDITOR)
    return workspace_id


def _record(call, rule) -> EventRecord:
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


def events_track(*, actor, calls, workspace_id: int | None = None) -> IngestResult:
    """Track calls (one object or a list): mapped by the workspace's rules to events; calls no
    rule matches are kept as unmapped events. All or nothing, like the bulk endpoint."""
    calls = _check_size([calls] if isinstance(calls, dict) else calls)
    workspace_id = _track_workspace(actor, workspace_id)
    clean, bad = [], []
    for index, call in enumerate(calls):
        try:
            clean.append(validate_track(call))
        except RowError as exc:
            bad.append({"index": index, "errors": exc.errors})
    if bad:
        raise EventRowsInvalid(bad, len(calls))
    rules = RuleBook(
        EventMappingRule.objects.filter(workspace_id=workspace_id).select_related("touchpoint")
    )
    mapped, unmapped = [], []
    for call in clean:
        rule = rules.match(call.event, call.properties)
        (mapped.append(_record(call, rule)) if rule else unmapped.append(call))
    with transaction.atomic():
        created, duplicates = store_events(workspace_id, mapped)
        if mapped:
            UnmappedEvent.objects.filter(
                workspace_id=workspace_id, message_id__in=[r.event_id for r in mapped]
            ).delete()
        kept, repeated = _keep_unmapped(workspace_id, unmapped)
        transaction.on_commit(maintenance.after_load)
    return IngestResult(created=created, duplicates=duplicates + repeated, unmapped=kept)


def _keep_unmapped(workspace_id: int, calls: list) -> tuple[int, int]:
    if not calls:
        return 0, 0
    ids = [call.message_id for call in calls]
    known = set(
        Event.objects.filter(workspace_id=workspace_id, event_id__in=ids).values_list(
            "event_id", flat=True
        )
    ) | set(
        UnmappedEvent.objects.filter(workspace_id=workspace_id, message_id__in=ids).values_list(
            "message_id", flat=True
        )
    )
    new = []
    for call in calls:
        if call.message_id in known:
            continue
        known.add(call.message_id)
        new.append(
            UnmappedEvent(
                workspace_id=workspace_id,
                message_id=call.message_id,
                user_id=call.user_id,
                event_name=call.event,
                occurred_at=call.occurred_at,
                properties=call.properties,
            )
        )
    UnmappedEvent.objects.bulk_create(new, batch_size=500)
    return len(new), len(calls) - len(new)


def unmapped_events_map(*, actor, workspace_id: int, batch_size: int = 5000) -> int:
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
                records.append(_record(call, rule))
                done.append(item.pk)
        if records:
            with transaction.atomic():
                store_events(workspace_id, records)
                UnmappedEvent.objects.filter(pk__in=done).delete()
            mapped_total += len(records)


def _queue_mapping(workspace_id: int) -> None:
    from cjm.tasks import unmapped_events_map_task

    transaction.on_commit(lambda: unmapped_events_map_task.delay(workspace_id))


@transaction.atomic
def event_mapping_rule_create(*, actor, workspace: Workspace, **fields) -> EventMappingRule:
    require_role(actor, workspace.pk, Role.EDITOR)
    unknown = set(fields) - RULE_FIELDS
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    rule = EventMappingRule(workspace=workspace, **fields)
    rule.full_clean()
    rule.save()
    _queue_mapping(workspace.pk)
    return rule


@transaction.atomic
def event_mapping_rule_update(*, actor, rule: EventMappingRule, **changes) -> EventMappingRule:
    require_role(actor, rule.workspace_id, Role.EDITOR)
    unknown = set(changes) - RULE_FIELDS
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    rule = EventMappingRule.objects.select_for_update().get(pk=rule.pk)
    for name, value in changes.items():
        setattr(rule, name, value)
    rule.full_clean()
    rule.save()
    _queue_mapping(rule.workspace_id)
    return rule


@transaction.atomic
def event_mapping_rule_delete(*, actor, rule: EventMappingRule) -> None:
    require_role(actor, rule.workspace_id, Role.EDITOR)
    rule.delete()


def events_import_file(
    *, actor, workspace: Workspace, stream, format: str, skip_bad_rows: bool = False, **options
) -> ImportReport:
    """Import a CSV or NDJSON file (binary stream). The reusable import behind the upload page
    and ``manage.py import_events``; see cjm/funnels/importer.py for the file format."""
    require_role(actor, workspace.pk, Role.EDITOR)
    report = import_events(
        workspace_id=workspace.pk,
        stream=stream,
        format=format,
        skip_bad_rows=skip_bad_rows,
        **options,
    )
    transaction.on_commit(maintenance.after_load)
    return report


def guess_format(file_name: str) -> str | None:
    name = file_name.lower()
    if name.endswith(".csv"):
        return ImportFormat.CSV
    if name.endswith((".ndjson", ".jsonl", ".json")):
        return ImportFormat.NDJSON
    return None


@transaction.atomic
def event_import_start(
    *, actor, workspace: Workspace, uploaded_file, format: str = "", skip_bad_rows: bool = False
) -> EventImport:
    """Keep the uploaded file and queue its import; poll the EventImport for progress."""
    from cjm.tasks import event_import_run_task

    require_role(actor, workspace.pk, Role.EDITOR)
    format = format or guess_format(uploaded_file.name or "") or ""
    if format not in ImportFormat.values:
        raise ValidationError({"format": [_("Choose CSV or NDJSON.")]})
    job = EventImport(
        workspace=workspace,
        created_by=actor,
        file_name=(uploaded_file.name or "")[:255],
        format=format,
        skip_bad_rows=skip_bad_rows,
    )
    job.file.save(uploaded_file.name or "events", uploaded_file, save=False)
    job.save()
    transaction.on_commit(lambda: event_import_run_task.delay(job.pk))
    return job


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

    fields = {"finished_at": None}
    try:
        with job.file.open("rb") as stream:
            report = import_events(
                workspace_id=job.workspace_id,
                stream=stream,
                format=job.format,
                skip_bad_rows=job.skip_bad_rows,
                total_bytes=job.file.size,
                on_progress=progress,
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
    transaction.on_commit(maintenance.after_load)
    job.refresh_from_db()
    return job


def events_table_maintain() -> list[str]:
    """The background job after large loads (see cjm/funnels/maintenance.py)."""
    return maintenance.maintain()


@transaction.atomic
def customer_update(*, actor, customer: Customer, **changes) -> Customer:
    """Change a customer's segment or attributes."""
    require_role(actor, customer.workspace_id, Role.EDITOR)
    unknown = set(changes) - {"segment", "attributes"}
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    customer = Customer.objects.select_for_update().get(pk=customer.pk)
    for name, value in changes.items():
        setattr(customer, name, value)
    customer.full_clean()
    customer.save()
    return customer
