"""One window's funnel counts at one stage, straight from the events table (docs/impact.md).

The numbers are those of a funnel report (docs/funnels.md) over exactly the window
``[start, end)`` with a conversion window as long as it: t1 is a customer's first first-stage
event in the window, tk their earliest stage-k event at or after t(k-1) in the window (the
conversion deadline t1 + length never comes before the window's end, so it drops out), and the
exit touchpoint of a customer who reached stage k but not k+1 is their latest stage-k event with a
touchpoint at or after tk (ties: the greater ``event_id``, by code point).

One statement, portable (PostgreSQL and SQLite: CTEs, ``GROUP BY``, ``ROW_NUMBER()``). It reads
every event of the journey's stages up to the touchpoint's stage in the window, so its cost grows
with the window's events (seconds for a 28-day window of a 10-million-event year: BENCHMARKS.md);
an index on (stage, time) was tried and gave little (the time goes to grouping the first stage's
events by customer, not to finding them), so there is none. Counts are therefore cached (below).
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection


@dataclass(frozen=True)
class WindowCounts:
    entered: int  # customers who reached the stage in the window
    converted: int | None  # of them, who reached the next stage (None: the last stage)
    exit_customers: int  # of them, who left with this touchpoint as their exit touchpoint


def _reach_cte(index: int, stage_id: int) -> str:
    if index == 0:
        return f"""r0 AS (SELECT e.customer_id, MIN(e.occurred_at) AS t FROM cjm_event e
            WHERE e.stage_id = {int(stage_id)}
              AND e.occurred_at >= %(start)s AND e.occurred_at < %(end)s
            GROUP BY e.customer_id)"""
    return f"""r{index} AS (SELECT e.customer_id, MIN(e.occurred_at) AS t FROM cjm_event e
            JOIN r{index - 1} p ON p.customer_id = e.customer_id
            WHERE e.stage_id = {int(stage_id)}
              AND e.occurred_at >= %(start)s AND e.occurred_at < %(end)s
              AND e.occurred_at >= p.t
            GROUP BY e.customer_id)"""


def window_counts(
    *,
    stage_ids: list[int],
    stage_index: int,
    touchpoint_id: int,
    start: datetime.datetime,
    end: datetime.datetime,
) -> WindowCounts:
    """Counts at ``stage_ids[stage_index]`` (stages in journey order) for ``[start, end)``."""
    k = stage_index
    ctes = [_reach_cte(i, stage_ids[i]) for i in range(k + 1)]
    if k == len(stage_ids) - 1:
        select = f"SELECT (SELECT COUNT(*) FROM r{k}), NULL, 0"
    else:
        # Each customer of stage k with their next-stage time (NULL: they left at stage k).
        # A LEFT JOIN, not an anti-join: the planner cannot estimate these CTEs, and an
        # anti-join it thinks is against one row turns quadratic.
        ctes.append(
            f"""nxt AS (SELECT p.customer_id, p.t, MIN(e.occurred_at) AS next_t FROM r{k} p
                LEFT JOIN cjm_event e ON e.customer_id = p.customer_id
                  AND e.stage_id = {int(stage_ids[k + 1])}
                  AND e.occurred_at >= %(start)s AND e.occurred_at < %(end)s
                  AND e.occurred_at >= p.t
                GROUP BY p.customer_id, p.t)"""
        )
        collate = ' COLLATE "C"' if connection.vendor == "postgresql" else ""
        ctes.append(
            f"""leavers AS (SELECT e.touchpoint_id, ROW_NUMBER() OVER (
                    PARTITION BY e.customer_id
                    ORDER BY e.occurred_at DESC, e.event_id{collate} DESC) AS n
                FROM cjm_event e
                JOIN nxt p ON p.customer_id = e.customer_id
                WHERE p.next_t IS NULL AND e.stage_id = {int(stage_ids[k])}
                  AND e.touchpoint_id IS NOT NULL
                  AND e.occurred_at >= %(start)s AND e.occurred_at < %(end)s
                  AND e.occurred_at >= p.t)"""
        )
        select = """SELECT (SELECT COUNT(*) FROM nxt), (SELECT COUNT(next_t) FROM nxt),
            (SELECT COUNT(*) FROM leavers WHERE n = 1 AND touchpoint_id = %(touchpoint)s)"""
    sql = "WITH " + ",\n".join(ctes) + "\n" + select
    adapt = connection.ops.adapt_datetimefield_value
    params = {"start": adapt(start), "end": adapt(end), "touchpoint": int(touchpoint_id)}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        entered, converted, exits = cursor.fetchone()
    return WindowCounts(
        entered=int(entered),
        converted=None if converted is None else int(converted),
        exit_customers=int(exits),
    )


# --- The cached aggregate ------------------------------------------------------------------
# A window's counts change only when events arrive for it (events are never edited), so they
# are kept in the cache with the arrival watermark (the largest event id) they were counted at.
# A later read checks, with one probe of the primary key, whether an event of these stages and
# this time range arrived since; only then are they counted again. The outcome job (after an
# action is done, and nightly) counts the default windows ahead of the first reader.

CACHE_SECONDS = 30 * 24 * 3600


def event_watermark() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT MAX(id) FROM cjm_event")
        (found,) = cursor.fetchone()
    return int(found or 0)


def _arrived_since(watermark: int, stage_ids: list[int], start, end) -> bool:
    adapt = connection.ops.adapt_datetimefield_value
    stages = ", ".join(str(int(pk)) for pk in stage_ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT 1 FROM cjm_event WHERE id > %(watermark)s AND stage_id IN ({stages})
                AND occurred_at >= %(start)s AND occurred_at < %(end)s LIMIT 1""",
            {"watermark": watermark, "start": adapt(start), "end": adapt(end)},
        )
        return cursor.fetchone() is not None


def window_counts_cached(
    *,
    stage_ids: list[int],
    stage_index: int,
    touchpoint_id: int,
    start: datetime.datetime,
    end: datetime.datetime,
    watermark: int,
) -> WindowCounts:
    """``window_counts``, from the cache when no event of the window arrived since it was
    counted (``watermark``: ``event_watermark()`` read before, once per request)."""
    text = f"{list(stage_ids)}|{stage_index}|{touchpoint_id}|{start.isoformat()}|{end.isoformat()}"
    key = "cjm:evidence:window:" + hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()
    found = cache.get(key)
    if found is not None:
        counted_at, counts = found
        if counted_at == watermark or not _arrived_since(counted_at, stage_ids, start, end):
            return counts
    counts = window_counts(
        stage_ids=stage_ids,
        stage_index=stage_index,
        touchpoint_id=touchpoint_id,
        start=start,
        end=end,
    )
    cache.set(key, (watermark, counts), CACHE_SECONDS)
    return counts
