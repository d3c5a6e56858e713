"""Writes of customer events: bulk and track ingestion, mapping rules, starting file imports
(the import itself runs in the background: ``cjm.funnels.services.runs``).

Which workspace a bulk request writes to: ``workspace_id`` when given (``?workspace=`` in the
API); otherwise the workspace of the first row's stage (a stage id determines its workspace).
Every row must then belong to that workspace, and the caller must be an editor there.
"""

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cjm.core.exceptions import RowsInvalid
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.scoping import member_workspace_ids
from cjm.core.tenancy import Workspace
from cjm.core.typing import Actor
from cjm.core.uploads import check_upload as check_file
from cjm.funnels import maintenance
from cjm.funnels.choices import MAX_BULK_EVENTS, ImportFormat
from cjm.funnels.filetext import SAMPLE_BYTES
from cjm.funnels.importer import FileFormatError, ImportReport, check_upload, import_events
from cjm.funnels.json_lane import prepare_rows
from cjm.funnels.mapping import RuleBook, validate_track
from cjm.funnels.models import Customer, Event, EventImport, EventMappingRule, UnmappedEvent
from cjm.funnels.rows import RowError, WorkspaceRefs, clean_id
from cjm.funnels.services.runs import mapped_record
from cjm.funnels.store import store_events
from cjm.funnels.tasks import (
    event_import_queue,
    events_table_maintain_task,
    unmapped_events_map_task,
)
from cjm.models import Stage


def _after_load() -> None:
    """On commit of a load: the background vacuum when the events table needs it."""
    maintenance.after_load(events_table_maintain_task.delay)


RULE_FIELDS = {"event_name", "property_name", "property_value", "stage", "touchpoint", "channel"}


class EventRowsInvalid(RowsInvalid):
    """Some events are invalid; nothing was stored. ``rows``: [{"index", "errors"}]."""

    def __init__(self, rows: list[dict], total: int):
        message = _("%(bad)d of %(total)d events are invalid; nothing was stored.") % {
            "bad": len(rows),
            "total": total,
        }
        super().__init__(rows, total, message)


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


def _single_workspace(actor: User) -> int | None:
    ids = list(member_workspace_ids(actor).values_list("workspace_id", flat=True)[:2])
    return ids[0] if len(ids) == 1 else None


def _bulk_workspace(actor: Actor, rows: list, workspace_id: int | None) -> int | None:
    if workspace_id is not None:
        require_role(actor, workspace_id, Role.VIEWER)
        return workspace_id
    # Each id once, in the order of the rows (10,000 rows name a few stages).
    stage_ids: dict[int | None, None] = {}
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


def events_bulk_ingest(*, actor: Actor, rows, workspace_id: int | None = None) -> IngestResult:
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
        transaction.on_commit(_after_load)
    return IngestResult(created=created, duplicates=duplicates)


def _track_workspace(actor: Actor, workspace_id: int | None) -> int:
    if workspace_id is None:
        workspace_id = _single_workspace(actor) if actor is not None else None
        if workspace_id is None:
            raise ValidationError(
                {"workspace": [_("Say which workspace: ?workspace=<id>.")]}, code="required"
            )
    require_role(actor, workspace_id, Role.EDITOR)
    return workspace_id


def events_track(*, actor: Actor, calls, workspace_id: int | None = None) -> IngestResult:
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
        (mapped.append(mapped_record(call, rule)) if rule else unmapped.append(call))
    with transaction.atomic():
        created, duplicates = store_events(workspace_id, mapped)
        if mapped:
            UnmappedEvent.objects.filter(
                workspace_id=workspace_id, message_id__in=[r.event_id for r in mapped]
            ).delete()
        kept, repeated = _keep_unmapped(workspace_id, unmapped)
        transaction.on_commit(_after_load)
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


def _queue_mapping(workspace_id: int) -> None:
    transaction.on_commit(lambda: unmapped_events_map_task.delay(workspace_id))


def unmapped_events_map_request(*, actor: Actor, workspace_id: int) -> None:
    """Map the stored unmapped track calls that the current rules match, in the background
    (editors; it also happens whenever a rule is created or changed)."""
    require_role(actor, workspace_id, Role.EDITOR)
    _queue_mapping(workspace_id)


@transaction.atomic
def event_mapping_rule_create(*, actor: Actor, workspace: Workspace, **fields) -> EventMappingRule:
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
def event_mapping_rule_update(
    *, actor: Actor, rule: EventMappingRule, **changes
) -> EventMappingRule:
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
def event_mapping_rule_delete(*, actor: Actor, rule: EventMappingRule) -> None:
    require_role(actor, rule.workspace_id, Role.EDITOR)
    rule.delete()


def events_import_file(
    *,
    actor: Actor,
    workspace: Workspace,
    stream,
    format: str,
    skip_bad_rows: bool = False,
    **options,
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
    transaction.on_commit(_after_load)
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
    *,
    actor: Actor,
    workspace: Workspace,
    uploaded_file,
    format: str = "",
    skip_bad_rows: bool = False,
) -> EventImport:
    """Keep the uploaded file and queue its import; poll the EventImport for progress."""
    require_role(actor, workspace.pk, Role.EDITOR)
    format = format or guess_format(uploaded_file.name or "") or ""
    if format not in ImportFormat.values:
        raise ValidationError({"format": [_("Choose CSV or NDJSON.")]})
    # Size (CJM_UPLOAD_MAX_MB) and type by content: CSV is text, NDJSON starts like JSON.
    check_file(uploaded_file, kinds={"json"} if format == ImportFormat.NDJSON else {"text"})
    uploaded_file.seek(0)
    sample = uploaded_file.read(SAMPLE_BYTES)
    uploaded_file.seek(0)
    try:
        check_upload(sample, format, complete=len(sample) < SAMPLE_BYTES)
    except FileFormatError as exc:
        raise ValidationError({"file": [str(exc)]}) from None
    job = EventImport(
        workspace=workspace,
        created_by=actor,
        file_name=(uploaded_file.name or "")[:255],
        format=format,
        skip_bad_rows=skip_bad_rows,
    )
    job.file.save(uploaded_file.name or "events", uploaded_file, save=False)
    job.save()
    transaction.on_commit(lambda: event_import_queue(job.pk))
    return job


@transaction.atomic
def customer_update(*, actor: Actor, customer: Customer, **changes) -> Customer:
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
