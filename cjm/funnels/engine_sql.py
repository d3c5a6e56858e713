"""The PostgreSQL engine: each customer's progress in one statement, index probes only.

For every customer the statement reads the first first-stage event (a ``DISTINCT ON`` over the
funnel index, in customer order), then for each following stage one index probe: "the earliest
event of stage k of this customer at or after t(k-1) and within the window" (``ORDER BY
occurred_at LIMIT 1``), skipped as soon as a stage was not reached. One more backward probe finds
the exit touchpoint (latest event with a touchpoint of the last stage reached; ties by event_id,
compared as bytes: ``COLLATE "C"``). Every event is touched at most about once, and no sort or
hash of the events table is needed: the funnel index (see the migration) is
``(stage_id, customer_id, occurred_at, event_id COLLATE "C") INCLUDE (touchpoint_id, channel_id)``.

A full run splits the customers into id ranges and runs them on ``parallelism`` connections; an
incremental run with many affected customers computes their progress on as many connections.
"""

import threading
from collections import Counter
from collections.abc import Callable

from django.conf import settings
from django.db import connection, connections, transaction

from . import summary
from .spec import FunnelSpec

PROGRESS_COLUMNS = (
    "definition_id, generation, customer_id, reached, entered_at, offsets, "
    "exit_touchpoint_id, entry_channel_id, path"
)


def _event_filter(spec: FunnelSpec, alias: str = "e") -> str:
    sql = f"{alias}.occurred_at >= %(start)s AND {alias}.occurred_at < %(end)s"
    if spec.channel_id is not None:
        sql += f" AND {alias}.channel_id = %(channel)s"
    return sql


def _params(spec: FunnelSpec, **extra) -> dict:
    return {"start": spec.start, "end": spec.end, "channel": spec.channel_id, **extra}


def progress_select(spec: FunnelSpec, *, source: str) -> str:
    """SELECT customer_id, reached, entered_at, offsets, exit_touchpoint_id, entry_channel_id.

    ``source`` is ``"range"`` (customers with ``%(low)s <= id < %(high)s``) or the name of a
    table with a ``customer_id`` column (the customers to recompute).
    """
    if not spec.linear:
        return progress_select_steps(spec, source=source)
    stages = [int(stage_id) for stage_id in spec.stage_ids]
    size = len(stages)
    counted = _event_filter(spec)
    if source == "range":
        first = f"""(SELECT DISTINCT ON (e.customer_id)
                e.customer_id, e.occurred_at AS t1, e.channel_id AS ch
            FROM cjm_event e
            WHERE e.stage_id = {stages[0]} AND {counted}
              AND e.customer_id >= %(low)s AND e.customer_id < %(high)s
            ORDER BY e.customer_id, e.occurred_at, e.event_id COLLATE "C") s"""
    else:
        first = f"""(SELECT a.customer_id, f.t1, f.ch FROM {source} a
            CROSS JOIN LATERAL (SELECT e.occurred_at AS t1, e.channel_id AS ch FROM cjm_event e
                WHERE e.stage_id = {stages[0]} AND e.customer_id = a.customer_id AND {counted}
                ORDER BY e.occurred_at, e.event_id COLLATE "C" LIMIT 1) f) s"""
    joins = [first]
    previous = "s.t1"
    for k in range(1, size):
        joins.append(
            f"""LEFT JOIN LATERAL (SELECT e.occurred_at AS t FROM cjm_event e
                WHERE {previous} IS NOT NULL AND e.stage_id = {stages[k]}
                  AND e.customer_id = s.customer_id AND e.occurred_at >= {previous}
                  AND e.occurred_at <= s.t1 + %(window)s AND {counted}
                ORDER BY e.occurred_at LIMIT 1) x{k} ON true"""
        )
        previous = f"x{k}.t"
    times = [f"x{k}.t" for k in range(1, size)]
    reached = " + ".join(["1", *(f"({t} IS NOT NULL)::int" for t in times)])
    last = f"coalesce({', '.join(reversed(['s.t1', *times]))})"
    offsets = ", ".join(f"(extract(epoch FROM {t} - s.t1) * 1000000)::bigint" for t in times)
    offsets = f"array_remove(ARRAY[{offsets}]::bigint[], NULL)" if times else "'{}'::bigint[]"
    progress = (
        f"SELECT s.customer_id, {reached} AS reached, s.t1, {last} AS tl, {offsets} AS offsets,"
        f" s.ch FROM " + "\n".join(joins)
    )
    stage_array = f"ARRAY[{', '.join(map(str, stages))}]::bigint[]"
    return f"""SELECT p.customer_id, p.reached, p.t1, p.offsets, x.tp, p.ch, NULL::bigint[]
        FROM ({progress}) p
        LEFT JOIN LATERAL (SELECT e.touchpoint_id AS tp FROM cjm_event e
            WHERE p.reached < {size} AND e.stage_id = ({stage_array})[p.reached]
              AND e.customer_id = p.customer_id AND e.touchpoint_id IS NOT NULL
              AND e.occurred_at >= p.tl AND e.occurred_at <= p.t1 + %(window)s AND {counted}
            ORDER BY e.occurred_at DESC, e.event_id COLLATE "C" DESC LIMIT 1) x ON true"""


def progress_select_steps(spec: FunnelSpec, *, source: str) -> str:
    """``progress_select`` of a funnel with steps (docs/funnels.md, "Steps"), plus the path.

    Step 1: the first event of any of its stages (ties: the stage first in order, then the
    smaller event_id). Each required step: one index probe per stage of the step ("earliest
    event at or after the previous required step, within the window"), the earliest wins (ties:
    the stage first in order). Then each optional step: the same probes between the latest step
    reached before it and the time of the next required step (or the window's end).
    """
    stages = [int(stage_id) for stage_id in spec.stage_ids]
    groups, optional = spec.step_groups, spec.step_optional
    counted = _event_filter(spec)
    first_ids = ", ".join(str(stages[index]) for index in groups[0])
    if len(groups[0]) == 1:  # one first stage: the index order, as in the straight funnel
        rank, ranked = str(groups[0][0]), ""
    else:
        rank = " ".join(f"WHEN {stages[index]} THEN {index}" for index in groups[0])
        rank = f"CASE e.stage_id {rank} END"
        ranked = f"{rank}, "
    if source == "range":
        first = f"""(SELECT DISTINCT ON (e.customer_id)
                e.customer_id, e.occurred_at AS t1, e.channel_id AS ch, {rank} AS v0
            FROM cjm_event e
            WHERE e.stage_id IN ({first_ids}) AND {counted}
              AND e.customer_id >= %(low)s AND e.customer_id < %(high)s
            ORDER BY e.customer_id, e.occurred_at, {ranked}e.event_id COLLATE "C") s"""
    else:
        first = f"""(SELECT a.customer_id, f.t1, f.ch, f.v0 FROM {source} a
            CROSS JOIN LATERAL (SELECT e.occurred_at AS t1, e.channel_id AS ch, {rank} AS v0
                FROM cjm_event e
                WHERE e.stage_id IN ({first_ids}) AND e.customer_id = a.customer_id AND {counted}
                ORDER BY e.occurred_at, {ranked}e.event_id COLLATE "C" LIMIT 1) f) s"""
    time = {0: "s.t1"}
    via = {0: "s.v0"}
    deadline = "s.t1 + %(window)s"

    def probe(step: int, low: str, high: str, guard: str) -> str:
        if len(groups[step]) == 1:  # one stage: one index probe, as in the straight funnel
            index = groups[step][0]
            return f"""LEFT JOIN LATERAL (SELECT e.occurred_at AS t, {index} AS v FROM cjm_event e
                WHERE {guard} AND e.stage_id = {stages[index]}
                  AND e.customer_id = s.customer_id AND e.occurred_at >= {low}
                  AND e.occurred_at <= {high} AND {counted}
                ORDER BY e.occurred_at LIMIT 1) x{step} ON true"""
        rows = ", ".join(
            f"""((SELECT e.occurred_at FROM cjm_event e
                WHERE e.stage_id = {stages[index]} AND e.customer_id = s.customer_id
                  AND e.occurred_at >= {low} AND e.occurred_at <= {high} AND {counted}
                ORDER BY e.occurred_at LIMIT 1), {index})"""
            for index in groups[step]
        )
        return f"""LEFT JOIN LATERAL (SELECT y.t, y.v FROM (VALUES {rows}) y(t, v)
                WHERE {guard} AND y.t IS NOT NULL ORDER BY y.t, y.v LIMIT 1) x{step} ON true"""

    joins = [first]
    required = [k for k in range(len(groups)) if not optional[k]]
    for before, k in zip(required, required[1:], strict=False):
        joins.append(probe(k, time[before], deadline, f"{time[before]} IS NOT NULL"))
        time[k], via[k] = f"x{k}.t", f"x{k}.v"
    for k in range(1, len(groups)):
        if not optional[k]:
            continue
        before = max(r for r in required if r < k)
        following = next((r for r in required if r > k), None)
        high = deadline if following is None else f"coalesce({time[following]}, {deadline})"
        low = f"coalesce({', '.join(time[j] for j in range(k - 1, before - 1, -1))})"
        joins.append(probe(k, low, high, f"{time[before]} IS NOT NULL"))
        time[k], via[k] = f"x{k}.t", f"x{k}.v"
    order = range(len(groups))
    reached = " + ".join(["1", *(f"({time[k]} IS NOT NULL)::int" for k in order if k)])
    last = f"coalesce({', '.join(time[k] for k in reversed(order))})"
    last_via = f"coalesce({', '.join(via[k] for k in reversed(order))})"
    offsets = ", ".join(
        f"(extract(epoch FROM {time[k]} - s.t1) * 1000000)::bigint" for k in order if k
    )
    offsets = f"array_remove(ARRAY[{offsets}]::bigint[], NULL)" if offsets else "'{}'::bigint[]"
    path = f"array_remove(ARRAY[{', '.join(via[k] for k in order)}]::bigint[], NULL)"
    final = time[len(groups) - 1]
    progress = (
        f"SELECT s.customer_id, {reached} AS reached, s.t1, {last} AS tl, {last_via} AS vl,"
        f" ({final} IS NULL) AS left_early, {offsets} AS offsets, s.ch, {path} AS path FROM "
        + "\n".join(joins)
    )
    stage_array = f"ARRAY[{', '.join(map(str, stages))}]::bigint[]"
    return f"""SELECT p.customer_id, p.reached, p.t1, p.offsets, x.tp, p.ch, p.path
        FROM ({progress}) p
        LEFT JOIN LATERAL (SELECT e.touchpoint_id AS tp FROM cjm_event e
            WHERE p.left_early AND e.stage_id = ({stage_array})[p.vl + 1]
              AND e.customer_id = p.customer_id AND e.touchpoint_id IS NOT NULL
              AND e.occurred_at >= p.tl AND e.occurred_at <= p.t1 + %(window)s AND {counted}
            ORDER BY e.occurred_at DESC, e.event_id COLLATE "C" DESC LIMIT 1) x ON true"""


def _prepare(cursor, scope: str = "LOCAL") -> None:
    """Sorting-heavy aggregates get memory; JIT compilation costs more than it saves here."""
    cursor.execute(f"SET {scope} work_mem = '256MB'")
    cursor.execute(f"SET {scope} jit = off")


def customer_ranges(spec: FunnelSpec, chunks: int) -> list[tuple[int, int]]:
    first_ids = ", ".join(str(int(spec.stage_ids[index])) for index in spec.step_groups[0])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT min(customer_id), max(customer_id) FROM cjm_event e "
            f"WHERE e.stage_id IN ({first_ids}) AND {_event_filter(spec)}",
            _params(spec),
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
    params = _params(
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
                AND {_event_filter(spec)}
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
        params = _params(
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
            _params(spec, definition=definition_id, generation=generation, window=spec.window),
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
