"""Write validated event records: customers created or updated, events stored once.

PostgreSQL: the batch is streamed with COPY into a temporary staging table, then two set-based
statements upsert the customers and insert the events (``ON CONFLICT DO NOTHING`` on the
workspace's ``event_id``: replays and repeats within the batch count as duplicates). Elsewhere the
same through the ORM. Callers run inside ``transaction.atomic``.
"""

import csv
import io
import json
from collections.abc import Sequence

from django.db import connection
from django.utils import timezone

from .rows import EventRecord

STAGING = """CREATE TEMP TABLE IF NOT EXISTS event_staging (
    n integer, event_id text, customer text, stage_id bigint, touchpoint_id bigint,
    channel_id bigint, occurred_at timestamptz, properties jsonb, segment_id bigint
) ON COMMIT DELETE ROWS"""

UPSERT_CUSTOMERS = """
INSERT INTO cjm_customer AS c
    (workspace_id, external_id, segment_id, attributes, first_seen_at, last_seen_at, created_at)
SELECT %(workspace)s, s.customer,
       (array_agg(s.segment_id ORDER BY s.n DESC) FILTER (WHERE s.segment_id IS NOT NULL))[1],
       '{}'::jsonb, min(s.occurred_at), max(s.occurred_at), now()
FROM event_staging s GROUP BY s.customer ORDER BY s.customer
ON CONFLICT (workspace_id, external_id) DO UPDATE SET
    first_seen_at = LEAST(c.first_seen_at, EXCLUDED.first_seen_at),
    last_seen_at = GREATEST(c.last_seen_at, EXCLUDED.last_seen_at),
    segment_id = COALESCE(EXCLUDED.segment_id, c.segment_id)
WHERE c.first_seen_at IS DISTINCT FROM LEAST(c.first_seen_at, EXCLUDED.first_seen_at)
   OR c.last_seen_at IS DISTINCT FROM GREATEST(c.last_seen_at, EXCLUDED.last_seen_at)
   OR (EXCLUDED.segment_id IS NOT NULL AND EXCLUDED.segment_id IS DISTINCT FROM c.segment_id)
"""

INSERT_EVENTS = """
INSERT INTO cjm_event (workspace_id, customer_id, stage_id, touchpoint_id, channel_id,
                       occurred_at, event_id, properties, received_at)
SELECT %(workspace)s, c.id, s.stage_id, s.touchpoint_id, s.channel_id, s.occurred_at,
       s.event_id, s.properties, now()
FROM event_staging s
JOIN cjm_customer c ON c.workspace_id = %(workspace)s AND c.external_id = s.customer
ON CONFLICT (workspace_id, event_id) DO NOTHING
"""

COPY_COLUMNS = (
    "n, event_id, customer, stage_id, touchpoint_id, channel_id, occurred_at, properties, "
    "segment_id"
)


def store_events(workspace_id: int, records: Sequence[EventRecord]) -> tuple[int, int]:
    """Store ``records`` of one workspace; return ``(created, duplicates)``."""
    if not records:
        return 0, 0
    if connection.vendor == "postgresql":
        created = _store_postgresql(workspace_id, records)
    else:
        created = _store_orm(workspace_id, records)
    return created, len(records) - created


def _store_postgresql(workspace_id: int, records: Sequence[EventRecord]) -> int:
    """COPY in CSV format, written by the csv module (C speed). A repeat of an ``event_id``
    within the batch is dropped here, so the first occurrence wins without sorting."""
    seen: set[str] = set()
    rows = []
    for index, r in enumerate(records):
        if r.event_id in seen:
            continue
        seen.add(r.event_id)
        rows.append(
            (
                index,
                r.event_id,
                r.customer,
                r.stage_id,
                r.touchpoint_id,
                r.channel_id,
                r.occurred_at.isoformat(),
                json.dumps(r.properties) if r.properties else "{}",
                r.segment_id,
            )
        )
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)  # None -> an empty unquoted field -> NULL
    with connection.cursor() as cursor:
        cursor.execute(STAGING)
        cursor.execute("TRUNCATE event_staging")
        with cursor.cursor.copy(
            f"COPY event_staging ({COPY_COLUMNS}) FROM STDIN WITH (FORMAT csv)"
        ) as copy:
            copy.write(buffer.getvalue())
        cursor.execute("ANALYZE event_staging")
        cursor.execute(UPSERT_CUSTOMERS, {"workspace": workspace_id})
        cursor.execute(INSERT_EVENTS, {"workspace": workspace_id})
        created = cursor.rowcount
        cursor.execute("TRUNCATE event_staging")
    return created


def _store_orm(workspace_id: int, records: Sequence[EventRecord]) -> int:
    from cjm.models import Customer, Event

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
    from cjm.models import Customer

    found = {}
    for start in range(0, len(names), 500):
        for customer in Customer.objects.filter(
            workspace_id=workspace_id, external_id__in=names[start : start + 500]
        ):
            found[customer.external_id] = customer
    return found
