"""The PostgreSQL engine: writes each customer's progress, full runs and incremental runs.

Each customer's progress comes from one statement of index probes (progress_sql.py). A full run
splits the customers into id ranges and runs them on ``parallelism`` connections; an incremental
run finds the customers that new events affect and replaces their progress rows, computing them
on as many connections when many are affected.
"""

import threading
from collections import Counter
from collections.abc import Callable

from django.conf import settings
from django.db import connection, connections, transaction

from . import summary
from .progress_sql import PROGRESS_COLUMNS, event_filter, progress_select, query_params
from .spec import FunnelSpec


def _prepare(cursor, scope: str = "LOCAL") -> None:
    """Sorting-heavy aggregates get memory; JIT compilation costs more than it saves here."""
    cursor.execute(f"SET {scope} work_mem = '256MB'")
    cursor.execute(f"SET {scope} jit = off")


def customer_ranges(spec: FunnelSpec, chunks: int) -> list[tuple[int, int]]:
    first_ids = ", ".join(str(int(spec.stage_ids[index])) for index in spec.step_groups[0])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT min(customer_id), max(customer_id) FROM cjm_event e "
            f"WHERE e.stage_id IN ({first_ids}) AND {event_filter(spec)}",
            query_params(spec),
        )
        low, high = cursor.fetchone()
    if low is None:
        return []
    step = max(1, -(-(high + 1 - low) // chunks))
    return [(start, min(start + step, high + 1)) for start in range(low, high + 1, step)]


def _insert_range(spec, definition_id, generation, low, high, conn) -> int:
    select = progress_select(spec, source="range")
    sql = (
        f"INSERT INTO cjm_funnelprogress ({PROGRESS_COLUMNS}) "
        f"SELECT %(definition)s, %(generation)s, q.* FROM ({select}) q"
    )
    params = query_params(
        spec,
        definition=definition_id,
        generation=generation,
        window=spec.window,
        low=low,
        high=high,
    )
    with conn.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def write_full(
    spec: FunnelSpec,
    definition_id: int,
    generation: int,
    on_chunk: Callable[[int, int], None] | None = None,
) -> int:
    """Write the progress of all customers as ``generation``; return the number of rows.

    Runs on ``CJM_FUNNEL_PARALLELISM`` connections (default 2) unless the current connection is
    inside a transaction (then everything runs on it, so the rows stay in that transaction).
    """
    parallelism = int(getattr(settings, "CJM_FUNNEL_PARALLELISM", 2))
    if connection.in_atomic_block:
        parallelism = 1
    ranges = customer_ranges(spec, chunks=max(16, parallelism * 16))
    done = [0, 0]  # chunks, rows
    lock = threading.Lock()

    def record(rows: int) -> None:
        with lock:
            done[0] += 1
            done[1] += rows
            if on_chunk:
                on_chunk(done[0], len(ranges))

    if parallelism <= 1:
        for low, high in ranges:
            with transaction.atomic(), connection.cursor() as cursor:
                _prepare(cursor)
                rows = _insert_range(spec, definition_id, generation, low, high, connection)
            record(rows)
    else:
        _run_parallel(spec, definition_id, generation, ranges, parallelism, record)
    if not connection.in_atomic_block:
        with connection.cursor() as cursor:  # statistics for the incremental runs' plans
            cursor.execute("ANALYZE cjm_funnelprogress")
    return done[1]


def _on_connections(count: int, job: Callable) -> list:
    """``job(index, connection)`` on ``count`` threads, each with a database connection of its
    own (prepared like this one); their results in order. The first error is raised here, and
    ``job`` may stop early by checking ``failed()``, the other argument it gets."""
    results: list = [None] * count
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        conn = connections.create_connection("default")
        try:
            with conn.cursor() as cursor:
                _prepare(cursor, scope="SESSION")
            results[index] = job(index, conn, lambda: bool(errors))
        except BaseException as exc:  # re-raised in the calling thread
            errors.append(exc)
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results


def _run_parallel(spec, definition_id, generation, ranges, parallelism, record) -> None:
    """Ranges handed out one at a time to ``parallelism`` connections of their own."""
    queue = list(ranges)
    lock = threading.Lock()

    def job(_index, conn, failed) -> None:
        while not failed():
            with lock:
                if not queue:
                    return
                low, high = queue.pop(0)
            # autocommit: each range is one INSERT ... SELECT, its own transaction
            record(_insert_range(spec, definition_id, generation, low, high, conn))

    _on_connections(parallelism, job)


MAX_EVENT_ID = 2**63 - 1
# From this many new events on, an incremental run looks for the affected customers on
# parallel connections.
PARALLEL_MIN_EVENTS = 20_000


def _affected_sql(spec: FunnelSpec) -> str:
    """The customers whose progress an event with ``after < id <= upto`` can change.

    Only a new event that can change a customer's progress makes them "affected": a
    first-stage event at or before their t1 (a new entry, or a tie that may change the entry
    channel), or any event inside [t1, t1 + window]. Events before t1 of other stages, or after
    the window, cannot count (t1 only moves with a first-stage event, which makes the customer
    affected anyway); a customer not in the funnel yet can only enter it with a first-stage
    event. Sorted, so the probes walk the index in order.
    """
    stages = ", ".join(str(int(stage_id)) for stage_id in spec.stage_ids)
    first_ids = ", ".join(str(int(spec.stage_ids[index])) for index in spec.step_groups[0])
    return f"""SELECT DISTINCT e.customer_id
        FROM (SELECT e.customer_id, e.stage_id, e.occurred_at FROM cjm_event e
              WHERE e.id > %(after)s AND e.id <= %(upto)s AND e.stage_id IN ({stages})
                AND {event_filter(spec)}
              ORDER BY e.customer_id OFFSET 0) e
        LEFT JOIN LATERAL (SELECT q.customer_id, q.entered_at FROM cjm_funnelprogress q
            WHERE q.definition_id = %(definition)s AND q.generation = %(generation)s
              AND q.customer_id = e.customer_id) p ON true
        WHERE (e.stage_id IN ({first_ids})
               AND (p.customer_id IS NULL OR e.occurred_at <= p.entered_at))
           OR (e.occurred_at >= p.entered_at AND e.occurred_at <= p.entered_at + %(window)s)
        ORDER BY 1"""


def _in_parallel(queries: list[tuple[str, dict]]) -> list[list[tuple]]:
    """Run each (sql, params) on a connection of its own, at the same time; their rows."""

    def job(index, conn, _failed) -> list[tuple]:
        with conn.cursor() as cursor:
            cursor.execute(*queries[index])
            return cursor.fetchall()

    return _on_connections(len(queries), job)


PROGRESS_ROWS = """CREATE TEMP TABLE funnel_rows (customer_id bigint, reached smallint,
    entered_at timestamptz, offsets bigint[], exit_touchpoint_id bigint,
    entry_channel_id bigint, path bigint[]) ON COMMIT DROP"""


def replace_customers(
    spec: FunnelSpec,
    definition_id: int,
    generation: int,
    after_event_id: int,
    *,
    parallel: bool = False,
) -> tuple[int, Counter, Counter]:
    """Recompute the customers with counted events that arrived after ``after_event_id``.

    Must run inside the transaction that moves the watermark. Returns the number of customers
    recomputed and the summaries of the rows added and removed (see summary.py).

    ``parallel``: the events are all committed (the caller's transaction wrote none), so when
    many arrived, other connections (``CJM_FUNNEL_PARALLELISM``) each take a slice of them by
    id, find the customers they affect and compute those customers' progress; only the swap of
    the rows happens in this transaction. The definition's row lock, held by the caller, keeps
    other runs from changing these progress rows meanwhile.
    """
    with connection.cursor() as cursor:
        _prepare(cursor)
        cursor.execute("DROP TABLE IF EXISTS funnel_affected, funnel_rows, funnel_old, funnel_new")
        parallelism = int(getattr(settings, "CJM_FUNNEL_PARALLELISM", 2))
        params = query_params(
            spec,
            after=after_event_id,
            upto=MAX_EVENT_ID,
            definition=definition_id,
            generation=generation,
            window=spec.window,
        )
        cursor.execute("SELECT coalesce(max(id), 0) FROM cjm_event")
        newest = cursor.fetchone()[0]
        if parallel and parallelism > 1 and newest - after_event_id >= PARALLEL_MIN_EVENTS:
            affected = _progress_rows_in_parallel(cursor, spec, params, newest, parallelism)
        else:
            cursor.execute(
                f"CREATE TEMP TABLE funnel_affected ON COMMIT DROP AS {_affected_sql(spec)}",
                params,
            )
            affected = cursor.rowcount
        if not affected:
            return 0, Counter(), Counter()
        cursor.execute("ANALYZE funnel_affected")
        for table in ("funnel_old", "funnel_new"):
            cursor.execute(
                f"CREATE TEMP TABLE {table} (reached smallint, entered_at timestamptz, "
                f"exit_touchpoint_id bigint, offsets bigint[]) ON COMMIT DROP"
            )
        # A few probes by primary key, not a hash of the definition's million rows.
        cursor.execute("SET LOCAL enable_hashjoin = off")
        cursor.execute("SET LOCAL enable_mergejoin = off")
        cursor.execute(
            """WITH gone AS (
                DELETE FROM cjm_funnelprogress p USING funnel_affected a
                WHERE p.definition_id = %s AND p.generation = %s
                  AND p.customer_id = a.customer_id
                RETURNING p.reached, p.entered_at, p.exit_touchpoint_id, p.offsets)
            INSERT INTO funnel_old SELECT * FROM gone""",
            [definition_id, generation],
        )
        cursor.execute("SET LOCAL enable_hashjoin = on")
        cursor.execute("SET LOCAL enable_mergejoin = on")
        if _exists(cursor, "funnel_rows"):
            select = "SELECT * FROM funnel_rows"
        else:
            select = progress_select(spec, source="funnel_affected")
        cursor.execute(
            f"""WITH added AS (
                INSERT INTO cjm_funnelprogress ({PROGRESS_COLUMNS})
                SELECT %(definition)s, %(generation)s, q.*
                FROM ({select}) q
                RETURNING reached, entered_at, exit_touchpoint_id, offsets)
            INSERT INTO funnel_new SELECT * FROM added""",
            query_params(spec, definition=definition_id, generation=generation, window=spec.window),
        )
        added = summary.of_table(cursor, "funnel_new")
        removed = summary.of_table(cursor, "funnel_old")
    return affected, added, removed


def _exists(cursor, temp_table: str) -> bool:
    cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [f"pg_temp.{temp_table}"])
    return cursor.fetchone()[0]


def _progress_rows_in_parallel(cursor, spec: FunnelSpec, params: dict, newest: int, n: int):
    """Fill ``funnel_rows`` with the new progress of the customers that the events after
    ``params["after"]`` affect, and ``funnel_affected`` with those customers; their number.

    A customer whose events fall in two slices is computed twice, identically: kept once. Every
    affected customer has a progress row (events are only ever added: a customer in the funnel
    stays in it, and one can only become affected with a counted first-stage event).
    """
    sql = (
        f"WITH affected AS MATERIALIZED ({_affected_sql(spec)}) "
        f"{progress_select(spec, source='affected')}"
    )
    after = params["after"]
    step = -(-(newest - after) // n)
    parts = _in_parallel(
        [(sql, {**params, "after": low, "upto": low + step}) for low in range(after, newest, step)]
    )
    rows = {row[0]: row for part in parts for row in part}
    cursor.execute(PROGRESS_ROWS)
    with cursor.cursor.copy("COPY funnel_rows FROM STDIN") as copy:
        for customer_id in sorted(rows):
            copy.write_row(rows[customer_id])
    cursor.execute(
        "CREATE TEMP TABLE funnel_affected ON COMMIT DROP AS "
        "SELECT customer_id FROM funnel_rows ORDER BY 1"
    )
    return len(rows)
