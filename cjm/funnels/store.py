"""Write validated event records: customers created or updated, events stored once.

An ``event_id`` already stored in the workspace, or repeated within the batch, is a duplicate:
counted, not stored again. PostgreSQL: COPY (store_postgresql.py). Elsewhere: the ORM.
Always inside a transaction (the temporary tables of the COPY path delete their rows on
commit): ``store_events`` opens one unless the caller's is already open.
"""

from collections.abc import Sequence

from django.db import connection, transaction
from django.utils import timezone

from cjm.funnels.models import Customer, Event

from . import store_postgresql
from .rows import EventRecord


def prepare(records: Sequence[EventRecord]):
    """What can be done before the database is involved (safe in any thread)."""
    if connection.vendor == "postgresql":
        return store_postgresql.prepare(records)
    return list(records)


def store_events(workspace_id: int, records) -> tuple[int, int]:
    """Store ``records`` (or a batch from ``prepare``) of one workspace; return
    ``(created, duplicates)``."""
    with transaction.atomic(savepoint=False):
        return _store(workspace_id, records)


def _store(workspace_id: int, records) -> tuple[int, int]:
    if connection.vendor == "postgresql":
        batch = records if isinstance(records, store_postgresql.Prepared) else prepare(records)
        return (created := store_postgresql.store(workspace_id, batch)), batch.count - created
    if not records:
        return 0, 0
    created = _store_orm(workspace_id, records)
    return created, len(records) - created


def _store_orm(workspace_id: int, records: Sequence[EventRecord]) -> int:
    seen: dict[str, dict] = {}
    for r in records:
        entry = seen.setdefault(r.customer, {"first": r.occurred_at, "last": r.occurred_at})
        entry["first"] = min(entry["first"], r.occurred_at)
        entry["last"] = max(entry["last"], r.occurred_at)
        if r.segment_id is not None:
            entry["segment"] = r.segment_id
    names = sorted(seen)
    customers = _customers(workspace_id, names)
    missing = [name for name in names if name not in customers]
    Customer.objects.bulk_create(
        [Customer(workspace_id=workspace_id, external_id=name) for name in missing],
        ignore_conflicts=True,
        batch_size=500,
    )
    if missing:
        customers.update(_customers(workspace_id, missing))
    changed = []
    for name, entry in seen.items():
        customer = customers[name]
        first = min(filter(None, [customer.first_seen_at, entry["first"]]))
        last = max(filter(None, [customer.last_seen_at, entry["last"]]))
        segment = entry.get("segment", customer.segment_id)
        if (first, last, segment) != (
            customer.first_seen_at,
            customer.last_seen_at,
            customer.segment_id,
        ):
            customer.first_seen_at, customer.last_seen_at = first, last
            customer.segment_id = segment
            changed.append(customer)
    Customer.objects.bulk_update(
        changed, ["first_seen_at", "last_seen_at", "segment_id"], batch_size=500
    )

    ids = list({r.event_id for r in records})
    stored = set()
    for start in range(0, len(ids), 500):
        stored.update(
            Event.objects.filter(
                workspace_id=workspace_id, event_id__in=ids[start : start + 500]
            ).values_list("event_id", flat=True)
        )
    now = timezone.now()
    new = []
    for r in records:
        if r.event_id in stored:
            continue
        stored.add(r.event_id)
        new.append(
            Event(
                workspace_id=workspace_id,
                customer_id=customers[r.customer].pk,
                stage_id=r.stage_id,
                touchpoint_id=r.touchpoint_id,
                channel_id=r.channel_id,
                occurred_at=r.occurred_at,
                event_id=r.event_id,
                properties=r.properties,
                received_at=now,
            )
        )
    Event.objects.bulk_create(new, batch_size=500)
    return len(new)


def _customers(workspace_id: int, names: list[str]) -> dict:
    found = {}
    for start in range(0, len(names), 500):
        for customer in Customer.objects.filter(
            workspace_id=workspace_id, external_id__in=names[start : start + 500]
        ):
            found[customer.external_id] = customer
    return found
