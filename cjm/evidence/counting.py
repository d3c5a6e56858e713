"""One window's funnel counts at one stage, straight from the events table (docs/impact.md).

The numbers are those of a funnel report (docs/funnels.md) over exactly the window
``[start, end)`` with a conversion window as long as it: t1 is a customer's first first-stage
event in the window, tk their earliest stage-k event at or after t(k-1) in the window (the
conversion deadline t1 + length never comes before the window's end, so it drops out), and the
exit touchpoint of a customer who reached stage k but not k+1 is their latest stage-k event with a
touchpoint at or after tk (ties: the greater ``event_id``, by code point).

One statement, portable (PostgreSQL and SQLite: CTEs, ``GROUP BY``, ``ROW_NUMBER()``). Each
stage's events of the window are read by the ``event_stage_time`` index (stage, time, customer)
that this slice's migration adds: a range scan per stage, however long the history.
"""

import datetime
from dataclasses import dataclass

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
    last = stage_index == len(stage_ids) - 1
    upto = stage_index if last else stage_index + 1
    ctes = [_reach_cte(i, stage_ids[i]) for i in range(upto + 1)]
    k = stage_index
    if last:
        select = f"SELECT (SELECT COUNT(*) FROM r{k}), NULL, 0"
    else:
        collate = ' COLLATE "C"' if connection.vendor == "postgresql" else ""
        ctes.append(
            f"""leavers AS (SELECT e.touchpoint_id, ROW_NUMBER() OVER (
                    PARTITION BY e.customer_id
                    ORDER BY e.occurred_at DESC, e.event_id{collate} DESC) AS n
                FROM cjm_event e
                JOIN r{k} p ON p.customer_id = e.customer_id
                LEFT JOIN r{k + 1} q ON q.customer_id = e.customer_id
                WHERE q.customer_id IS NULL AND e.stage_id = {int(stage_ids[k])}
                  AND e.touchpoint_id IS NOT NULL
                  AND e.occurred_at >= %(start)s AND e.occurred_at < %(end)s
                  AND e.occurred_at >= p.t)"""
        )
        select = f"""SELECT (SELECT COUNT(*) FROM r{k}), (SELECT COUNT(*) FROM r{k + 1}),
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
