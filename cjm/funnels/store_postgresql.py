"""The PostgreSQL writer of event records (see store.py).

0. ``prepare`` (no database: the import runs it in its parsing thread) drops repeats of an
   ``event_id`` within the batch (the first one wins) and renders the text of each row.
1. The batch's customers go through a small temporary table: one upsert creates the new ones
   and moves first/last seen (and the segment, when an event sets it), one join returns all ids.
2. The events are streamed with COPY straight into the events table (COPY inserts in batches,
   about twice as fast as INSERT ... SELECT), inside a savepoint. If an ``event_id`` is stored
   already (a replay), the unique index stops the COPY; the savepoint is rolled back and the
   batch goes through a temporary table and ``INSERT ... ON CONFLICT DO NOTHING`` instead.
"""

import csv
import io
import json
import re
from dataclasses import dataclass

import psycopg
from django.db import connection, transaction
from django.utils import timezone

CUSTOMER_STAGING = """CREATE TEMP TABLE IF NOT EXISTS customer_staging (
    external_id text, first_seen timestamptz, last_seen timestamptz, segment_id bigint
) ON COMMIT DELETE ROWS"""

UPSERT_CUSTOMERS = """
INSERT INTO cjm_customer AS c
    (workspace_id, external_id, segment_id, attributes, first_seen_at, last_seen_at, created_at)
SELECT %(workspace)s, s.external_id, s.segment_id, '{}'::jsonb, s.first_seen, s.last_seen, now()
FROM customer_staging s ORDER BY s.external_id
ON CONFLICT (workspace_id, external_id) DO UPDATE SET
    first_seen_at = LEAST(c.first_seen_at, EXCLUDED.first_seen_at),
    last_seen_at = GREATEST(c.last_seen_at, EXCLUDED.last_seen_at),
    segment_id = COALESCE(EXCLUDED.segment_id, c.segment_id)
WHERE c.first_seen_at IS DISTINCT FROM LEAST(c.first_seen_at, EXCLUDED.first_seen_at)
   OR c.last_seen_at IS DISTINCT FROM GREATEST(c.last_seen_at, EXCLUDED.last_seen_at)
   OR (EXCLUDED.segment_id IS NOT NULL AND EXCLUDED.segment_id IS DISTINCT FROM c.segment_id)
"""

# A correlated subquery: one index probe per customer of the batch (a join may be planned as a
# hash of every customer of the workspace).
CUSTOMER_IDS = """SELECT s.external_id, (SELECT c.id FROM cjm_customer c
    WHERE c.workspace_id = %s AND c.external_id = s.external_id) FROM customer_staging s"""

EVENT_COLUMNS = (
    "workspace_id, customer_id, stage_id, touchpoint_id, channel_id, occurred_at, event_id, "
    "properties, received_at"
)

EVENT_STAGING = """CREATE TEMP TABLE IF NOT EXISTS event_staging (
    workspace_id bigint, customer_id bigint, stage_id bigint, touchpoint_id bigint,
    channel_id bigint, occurred_at timestamptz, event_id text, properties jsonb,
    received_at timestamptz
) ON COMMIT DELETE ROWS"""


def _csv(rows) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)  # None -> an empty unquoted field -> NULL
    return buffer.getvalue()


def _copy(cursor, sql: str, data: str) -> None:
    with cursor.cursor.copy(sql) as copy:  # the psycopg cursor under Django's
        copy.write(data)


@dataclass
class Prepared:
    """A batch made ready for COPY without the database (the import's parsing process does it):
    repeats of an ``event_id`` dropped, each row rendered as CSV but for the customer id,
    customers summed up."""

    rows: list  # (customer external id, "stage,touchpoint,channel,occurred_at,event_id,props")
    customers: dict  # external id -> [first seen, last seen, segment id or None]
    count: int  # records before repeats were dropped


_SPECIAL = re.compile(r'[,"\r\n]')


def _text(value: str) -> str:
    """A CSV field (quoted when it must be)."""
    if _SPECIAL.search(value) is None:
        return value
    return '"' + value.replace('"', '""') + '"'


def _id(value) -> str:
    return "" if value is None else str(value)


def prepare(records) -> Prepared:
    rows, customers, seen = [], {}, set()
    for r in records:
        if r.event_id in seen:
            continue
        seen.add(r.event_id)
        properties = (
            '"' + json.dumps(r.properties).replace('"', '""') + '"' if r.properties else '"{}"'
        )
        rows.append(
            (
                r.customer,
                f"{r.stage_id},{_id(r.touchpoint_id)},{_id(r.channel_id)},"
                f"{r.occurred_text or r.occurred_at.isoformat()},{_text(r.event_id)},"
                f"{properties}",
            )
        )
        entry = customers.get(r.customer)
        if entry is None:
            customers[r.customer] = [r.occurred_at, r.occurred_at, r.segment_id]
            continue
        if r.occurred_at < entry[0]:
            entry[0] = r.occurred_at
        elif r.occurred_at > entry[1]:
            entry[1] = r.occurred_at
        if r.segment_id is not None:
            entry[2] = r.segment_id  # the last one given wins
    return Prepared(rows=rows, customers=customers, count=len(records))


def _customer_ids(cursor, workspace_id: int, customers: dict) -> dict[str, int]:
    cursor.execute(CUSTOMER_STAGING)
    cursor.execute("TRUNCATE customer_staging")
    data = _csv(
        (name, first.isoformat(), last.isoformat(), segment)
        for name, (first, last, segment) in customers.items()
    )
    _copy(cursor, "COPY customer_staging FROM STDIN WITH (FORMAT csv)", data)
    cursor.execute(UPSERT_CUSTOMERS, {"workspace": workspace_id})
    cursor.execute(CUSTOMER_IDS, [workspace_id])
    ids = dict(cursor.fetchall())
    cursor.execute("TRUNCATE customer_staging")
    return ids


def store(workspace_id: int, batch: Prepared) -> int:
    """Store a prepared batch; return how many events were created."""
    if not batch.rows:
        return 0
    now = timezone.now().isoformat()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '64MB'")
        ids = _customer_ids(cursor, workspace_id, batch.customers)
        data = "".join(
            [f"{workspace_id},{ids[customer]},{tail},{now}\n" for customer, tail in batch.rows]
        )
        try:
            with transaction.atomic():  # a savepoint
                _copy(
                    cursor, f"COPY cjm_event ({EVENT_COLUMNS}) FROM STDIN WITH (FORMAT csv)", data
                )
            return len(batch.rows)
        except psycopg.errors.UniqueViolation:
            pass  # some were stored before: skip them one by one
        cursor.execute(EVENT_STAGING)
        cursor.execute("TRUNCATE event_staging")
        _copy(cursor, "COPY event_staging FROM STDIN WITH (FORMAT csv)", data)
        cursor.execute(
            f"INSERT INTO cjm_event ({EVENT_COLUMNS}) SELECT * FROM event_staging "
            f"ON CONFLICT (workspace_id, event_id) DO NOTHING"
        )
        created = cursor.rowcount
        cursor.execute("TRUNCATE event_staging")
    return created
