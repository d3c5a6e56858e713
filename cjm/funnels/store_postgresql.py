"""The PostgreSQL writer of event records (see store.py).

0. ``prepare`` (no database: the import runs it in its parsing thread) drops repeats of an
   ``event_id`` within the batch (the first one wins) and renders the text of each row.
1. The batch's customers go through a small temporary table: one upsert creates the new ones
   and moves first/last seen (and the segment, when an event sets it) and returns their ids;
   one lookup finds the ids of those it left as they were.
2. The events are streamed with COPY straight into the events table (COPY inserts in batches,
   about twice as fast as INSERT ... SELECT), inside a savepoint. If an ``event_id`` is stored
   already (a replay), the unique index stops the COPY; the savepoint is rolled back and the
   batch goes through a temporary table and ``INSERT ... ON CONFLICT DO NOTHING`` instead.
"""

import json
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
RETURNING c.external_id, c.id
"""

# The customers the upsert neither created nor changed (it returns only those it wrote).
CUSTOMER_IDS = """SELECT c.external_id, c.id FROM cjm_customer c
    WHERE c.workspace_id = %s AND c.external_id = ANY(%s)"""

EVENT_COLUMNS = (
    "workspace_id, customer_id, stage_id, touchpoint_id, channel_id, occurred_at, event_id, "
    "properties, received_at"
)

EVENT_STAGING = """CREATE TEMP TABLE IF NOT EXISTS event_staging (
    workspace_id bigint, customer_id bigint, stage_id bigint, touchpoint_id bigint,
    channel_id bigint, occurred_at timestamptz, event_id text, properties jsonb,
    received_at timestamptz
) ON COMMIT DELETE ROWS"""


def _copy(cursor, sql: str, data: str) -> None:
    with cursor.cursor.copy(sql) as copy:  # the psycopg cursor under Django's
        copy.write(data)


@dataclass
class Prepared:
    """A batch made ready for COPY without the database (the import's parsing process does it):
    repeats of an ``event_id`` dropped, each row rendered as CSV but for the customer id,
    customers summed up and rendered for the staging table. Plain strings and ints: cheap to
    hand from the parsing process to the storing one."""

    names: list  # the customers' external ids
    customers: str  # CSV rows of customer_staging, in the order of ``names``
    rows: list  # (index in ``names``, "stage,touchpoint,channel,occurred_at,event_id,props")
    count: int  # records before repeats were dropped


EMPTY_PROPERTIES = '"{}"'


def text_field(value: str) -> str:
    """A CSV field (quoted when it must be)."""
    if "," in value or '"' in value or "\n" in value or "\r" in value:
        return '"' + value.replace('"', '""') + '"'
    return value


def row_text(stage, touchpoint, channel, occurred: str, event_id: str, properties: str) -> str:
    """A row's COPY text but for the customer id (``EVENT_COLUMNS`` from the stage on)."""
    return (
        f"{stage},{'' if touchpoint is None else touchpoint},"
        f"{'' if channel is None else channel},{occurred},{text_field(event_id)},{properties}"
    )


def properties_text(properties: dict) -> str:
    """A row's properties as a CSV field of JSON."""
    if not properties:
        return EMPTY_PROPERTIES
    return '"' + json.dumps(properties).replace('"', '""') + '"'


def render_tail(r) -> str:
    occurred = r.occurred_text or r.occurred_at.isoformat()
    return row_text(
        r.stage_id,
        r.touchpoint_id,
        r.channel_id,
        occurred,
        r.event_id,
        properties_text(r.properties),
    )


class Batch:
    """Builds a Prepared batch: repeats of an ``event_id`` dropped (the first one wins),
    customers summed up (first and last seen, the last segment given)."""

    def __init__(self):
        self.rows, self.names, self.seen = [], [], set()
        self.index: dict[str, int] = {}
        self.seen_at: list[list] = []  # per customer: [first seen, last seen, segment id]

    def add(self, event_id: str, customer: str, tail: str, moment, segment_id) -> None:
        if event_id in self.seen:
            return
        self.seen.add(event_id)
        index = self.index.get(customer)
        if index is None:
            index = self.index[customer] = len(self.names)
            self.names.append(customer)
            self.seen_at.append([moment, moment, segment_id])
        else:
            entry = self.seen_at[index]
            if moment < entry[0]:
                entry[0] = moment
            elif moment > entry[1]:
                entry[1] = moment
            if segment_id is not None:
                entry[2] = segment_id  # the last one given wins
        self.rows.append((index, tail))

    def prepared(self, count: int) -> Prepared:
        customers = "".join(
            [
                f"{text_field(name)},{first.isoformat()},{last.isoformat()},"
                f"{'' if segment is None else segment}\n"
                for name, (first, last, segment) in zip(self.names, self.seen_at, strict=True)
            ]
        )
        return Prepared(names=self.names, customers=customers, rows=self.rows, count=count)


def prepare(records) -> Prepared:
    batch = Batch()
    for r in records:
        batch.add(r.event_id, r.customer, render_tail(r), r.occurred_at, r.segment_id)
    return batch.prepared(len(records))


def _customer_ids(cursor, workspace_id: int, batch: Prepared) -> list[int]:
    """The ids of the batch's customers (in the order of ``batch.names``), created or updated."""
    cursor.execute(CUSTOMER_STAGING)
    cursor.execute("TRUNCATE customer_staging")
    _copy(cursor, "COPY customer_staging FROM STDIN WITH (FORMAT csv)", batch.customers)
    cursor.execute(UPSERT_CUSTOMERS, {"workspace": workspace_id})
    ids = dict(cursor.fetchall())
    if len(ids) < len(batch.names):
        unchanged = [name for name in batch.names if name not in ids]
        cursor.execute(CUSTOMER_IDS, [workspace_id, unchanged])
        ids.update(cursor.fetchall())
    cursor.execute("TRUNCATE customer_staging")
    return [ids[name] for name in batch.names]


def store(workspace_id: int, batch: Prepared) -> int:
    """Store a prepared batch; return how many events were created."""
    if not batch.rows:
        return 0
    now = timezone.now().isoformat()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '64MB'")
        prefix = [f"{workspace_id},{id_}," for id_ in _customer_ids(cursor, workspace_id, batch)]
        suffix = f",{now}\n"
        data = "".join([prefix[index] + tail + suffix for index, tail in batch.rows])
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
