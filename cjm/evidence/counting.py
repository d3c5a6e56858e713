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
own portable walk (``facade.window_progress``: the walk the SQLite engine runs) over the
window's events of the steps that decide the figures: every step up to the next required step
after the touchpoint's (the whole map when none follows). Reaching any later step needs that
step, so the figures are those of the whole map; a straight map keeps the statement above.
"""

import contextlib
import datetime
import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db import DatabaseError, connection

from cjm.funnels.facade import window_progress


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


@dataclass(frozen=True)
class Layout:
    """A map's steps as FunnelSpec has them: ``groups`` of indexes into the stages (in the
    report's order), whether each may be skipped (the first never: customers enter there)."""

    groups: tuple[tuple[int, ...], ...]
    optional: tuple[bool, ...]

    @classmethod
    def of(cls, size: int, steps, optional) -> "Layout":
        groups = tuple(tuple(group) for group in steps) or tuple((i,) for i in range(size))
        flags = tuple(optional) or (False,) * len(groups)
        return cls(groups, tuple(bool(flag) and k > 0 for k, flag in enumerate(flags)))

    @property
    def linear(self) -> bool:
        return all(len(group) == 1 for group in self.groups) and not any(self.optional)

    def step_of(self, index: int) -> int:
        return next(k for k, group in enumerate(self.groups) if index in group)

    def key(self) -> str:
        return f"{[list(group) for group in self.groups]}|{list(self.optional)}"


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
    layout = Layout.of(len(stage_ids), steps, optional)
    if not layout.linear or connection.vendor != "postgresql":
        # SQLite plans the statement below badly (over a minute for 80k events): the funnels'
        # per-customer walk gives the same figures by definition, in well under a second.
        return _step_counts(stage_ids, layout, stage_index, touchpoint_id, start, end)
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
    # Hash joins only. Without statistics (events written in the same transaction, or a table
    # never analysed) the planner guesses a handful of rows per stage and nests loops that rescan
    # the events once per customer of the stage before: minutes, then hours, as the map gets
    # longer. The statement is built for one pass per stage. (RESET after: a failed statement in
    # a transaction cannot reset, but its rollback undoes the SET too.)
    with connection.cursor() as cursor:
        cursor.execute("SET enable_nestloop = off")
        try:
            cursor.execute(sql, params)
            entered, converted, exits = cursor.fetchone()
        finally:
            with contextlib.suppress(DatabaseError):
                cursor.execute("RESET enable_nestloop")
    return WindowCounts(
        entered=int(entered),
        converted=None if converted is None else int(converted),
        exit_customers=int(exits),
    )


def _needed_steps(layout: Layout, step: int) -> int:
    """The number of leading steps that decide the figures of ``step``: up to the next required
    step after it (reaching any later step needs that one), else all of them."""
    optional = layout.optional
    following = next((k for k in range(step + 1, len(optional)) if not optional[k]), None)
    return len(optional) if following is None else following + 1


def _step_counts(
    stage_ids: list[int], layout: Layout, stage_index: int, touchpoint_id: int, start, end
) -> WindowCounts:
    """The figures of a map with steps: each customer's path through the window's events, by
    the funnels' walk (docs/funnels.md, "Steps"), the window being the report's date range and
    conversion window. Only the leading steps that decide them are read (their stages come
    first in the report's order, so the prefix is a funnel of its own)."""
    step = layout.step_of(stage_index)
    groups = layout.groups[: _needed_steps(layout, step)]
    is_last = step == len(layout.groups) - 1
    size = max(index for group in groups for index in group) + 1
    entered = converted = exits = 0
    for progress in window_progress(
        stage_ids=tuple(stage_ids[:size]),
        steps=groups,
        optional=layout.optional[: len(groups)],
        start=start,
        end=end,
    ):
        # a prefix without branches or optional steps is walked as a straight funnel
        path = progress.path if progress.path is not None else list(range(progress.reached))
        if stage_index not in path:
            continue
        entered += 1
        if path[-1] != stage_index:
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
    layout = Layout.of(len(stage_ids), steps, optional)
    if not layout.linear:
        text += "|" + layout.key()
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
