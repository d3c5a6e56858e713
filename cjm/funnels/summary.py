"""A definition's summary (PostgreSQL): customers per (stages reached, week of entry, exit
touchpoint), kept up to date by incremental runs.

A full run counts it from the progress rows; an incremental run subtracts the rows it replaces
and adds the new ones, so a report of the whole audience reads its counts, exit touchpoints and
weekly trend without scanning a million rows. The medians are not additive: they are computed
from the progress rows each time (``medians``). Reports of one segment count from the rows too,
as a customer's segment can change without any new event.
"""

import datetime
from collections import Counter

from django.db import connection

from .tally import Tally

WEEK = "(date_trunc('week', {alias}.entered_at AT TIME ZONE 'UTC'))::date"


def _counter(cursor) -> Counter:
    return Counter({(reached, week, tp): count for reached, week, tp, count in cursor.fetchall()})


def scan(definition_id: int, generation: int, segment_id: int | None = None) -> Counter:
    join, where = "", "p.definition_id = %s AND p.generation = %s"
    params = [definition_id, generation]
    if segment_id is not None:
        join = "JOIN cjm_customer c ON c.id = p.customer_id"
        where += " AND c.segment_id = %s"
        params.append(segment_id)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.reached, {WEEK.format(alias='p')}, p.exit_touchpoint_id, count(*) "
            f"FROM cjm_funnelprogress p {join} WHERE {where} GROUP BY 1, 2, 3",
            params,
        )
        return _counter(cursor)


def of_table(cursor, table: str) -> Counter:
    """The summary of the rows in ``table`` (reached, entered_at, exit_touchpoint_id)."""
    cursor.execute(
        f"SELECT t.reached, {WEEK.format(alias='t')}, t.exit_touchpoint_id, count(*) "
        f"FROM {table} t GROUP BY 1, 2, 3"
    )
    return _counter(cursor)


def apply_delta(summary: Counter, added: Counter, removed: Counter) -> Counter:
    result = Counter(summary)
    result.update(added)
    result.subtract(removed)
    return Counter({key: count for key, count in result.items() if count})


def to_json(summary: Counter) -> list:
    return [
        [reached, week.isoformat(), tp, count]
        for (reached, week, tp), count in sorted(
            summary.items(), key=lambda item: (item[0][0], item[0][1], item[0][2] or 0)
        )
    ]


def from_json(rows: list | None) -> Counter:
    return Counter(
        {
            (reached, datetime.date.fromisoformat(week), tp): count
            for reached, week, tp, count in rows or []
        }
    )


def tallies(summary: Counter, size: int, medians: list) -> tuple[Tally, dict]:
    """The overall tally (with ``medians``) and one tally per week of entry."""
    overall = Tally(entered=[0] * size, medians=list(medians))
    weeks: dict[datetime.date, Tally] = {}
    for (reached, week, tp), count in summary.items():
        week_tally = weeks.setdefault(week, Tally.empty(size))
        for index in range(min(reached, size)):
            overall.entered[index] += count
            week_tally.entered[index] += count
        if reached < size and tp is not None:
            key = (reached - 1, tp)
            overall.exits[key] = overall.exits.get(key, 0) + count
    return overall, weeks


def medians(definition_id: int, generation: int, size: int, segment_id: int | None = None):
    """Median microseconds from each stage to the next, over the customers who converted."""
    if size < 2:
        return []
    parts = []
    for k in range(size - 1):
        duration = f"p.offsets[{k + 1}]" + (f" - p.offsets[{k}]" if k else "")
        parts.append(
            f"percentile_cont(0.5) WITHIN GROUP (ORDER BY ({duration})::float8)"
            f" FILTER (WHERE p.reached >= {k + 2})"
        )
    join, where = "", "p.definition_id = %s AND p.generation = %s AND p.reached >= 2"
    params = [definition_id, generation]
    if segment_id is not None:
        join = "JOIN cjm_customer c ON c.id = p.customer_id"
        where += " AND c.segment_id = %s"
        params.append(segment_id)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute(
            f"SELECT {', '.join(parts)} FROM cjm_funnelprogress p {join} WHERE {where}", params
        )
        return list(cursor.fetchone())
