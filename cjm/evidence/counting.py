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

A map with steps (branches, optional steps: docs/funnels.md, "Steps") is counted by the funnels'
own portable walk (``engine_python.walk_steps``, the one the SQLite engine runs) over the
window's events of the steps that decide the figures: every step up to the next required step
after the touchpoint's (the whole map when none follows). Reaching any later step needs that
step, so the figures are those of the whole map; a straight map keeps the statement above.
"""

import datetime
import hashlib
import itertools
from dataclasses import dataclass
from operator import itemgetter

from django.core.cache import cache
from django.db import connection

from cjm.funnels.engine_python import walk_steps
from cjm.funnels.models import Event
from cjm.funnels.spec import FunnelSpec


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


def _layout(
    stage_ids: list[int], steps: tuple[tuple[int, ...], ...], optional: tuple[bool, ...]
) -> FunnelSpec:
    """The steps as a FunnelSpec (only its stages and steps are used here)."""
    today = datetime.date(2000, 1, 1)
    return FunnelSpec(
        stage_ids=tuple(stage_ids),
        date_from=today,
        date_to=today,
        window_days=1,
        steps=tuple(tuple(group) for group in steps),
        optional=tuple(optional),
    )


def window_counts(
    *,
    stage_ids: list[int],
    stage_index: int,
    touchpoint_id: int,
    start: datetime.datetime,
    end: datetime.datetime,
    steps: tuple[tuple[int, ...], ...] = (),
    optional: tuple[bool, ...] = (),
) -> WindowCounts:
    """Counts at ``stage_ids[stage_index]`` for ``[start, end)``: stages in the funnel report's
    order, ``steps``/``optional`` as in FunnelSpec (``cjm.funnels.spec.steps_of``; empty: every
    stage a required step of its own, the straight map)."""
    layout = _layout(stage_ids, steps, optional)
    if not layout.linear:
        return _step_counts(layout, stage_index, touchpoint_id, start, end)
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


def _needed_steps(layout: FunnelSpec, step: int) -> int:
    """The number of leading steps that decide the figures of ``step``: up to the next required
    step after it (reaching any later step needs that one), else all of them."""
    optional = layout.step_optional
    following = next((k for k in range(step + 1, len(optional)) if not optional[k]), None)
    return len(optional) if following is None else following + 1


def _step_counts(
    layout: FunnelSpec, stage_index: int, touchpoint_id: int, start, end
) -> WindowCounts:
    """The figures of a map with steps: each customer's path through the window's events, by
    the funnels' walk (docs/funnels.md, "Steps"), the window being the report's date range and
    conversion window (the deadline t1 + window never falls before ``end``)."""
    step = layout.step_of_stage[stage_index]
    groups = layout.step_groups[: _needed_steps(layout, step)]
    is_last = step == len(layout.step_groups) - 1
    days = max(1, -(-(end - start) // datetime.timedelta(days=1)))  # ceiling
    spec = FunnelSpec(
        stage_ids=layout.stage_ids,
        date_from=start.date(),
        date_to=start.date(),
        window_days=days,
        steps=groups,
        optional=layout.step_optional[: len(groups)],
    )
    used = [layout.stage_ids[index] for group in groups for index in group]
    position = {stage_id: index for index, stage_id in enumerate(layout.stage_ids)}
    rows = (
        Event.objects.filter(stage_id__in=used, occurred_at__gte=start, occurred_at__lt=end)
        .order_by("customer_id", "occurred_at")
        .values_list(
            "customer_id", "stage_id", "touchpoint_id", "channel_id", "occurred_at", "event_id"
        )
        .iterator(chunk_size=5000)
    )
    entered = converted = exits = 0
    for customer_id, group in itertools.groupby(rows, key=itemgetter(0)):
        progress = walk_steps(customer_id, [row[1:] for row in group], spec, position)
        if progress is None or stage_index not in (progress.path or ()):
            continue
        entered += 1
        if progress.path and progress.path[-1] != stage_index:
            converted += 1
        elif not is_last and progress.exit_touchpoint_id == touchpoint_id:
            exits += 1
    return WindowCounts(
        entered=entered, converted=None if is_last else converted, exit_customers=exits
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
    steps: tuple[tuple[int, ...], ...] = (),
    optional: tuple[bool, ...] = (),
) -> WindowCounts:
    """``window_counts``, from the cache when no event of the window arrived since it was
    counted (``watermark``: ``event_watermark()`` read before, once per request). The key holds
    the stages in order and, on a map with steps, the steps and which are optional: changing
    the layout counts afresh (a straight map keeps the key it had before steps existed)."""
    text = f"{list(stage_ids)}|{stage_index}|{touchpoint_id}|{start.isoformat()}|{end.isoformat()}"
    layout = _layout(stage_ids, steps, optional)
    if not layout.linear:
        text += f"|{[list(group) for group in layout.step_groups]}|{list(layout.step_optional)}"
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
        steps=steps,
        optional=optional,
    )
    cache.set(key, (watermark, counts), CACHE_SECONDS)
    return counts
