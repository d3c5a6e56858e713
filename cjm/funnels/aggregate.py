"""Aggregate stored progress into tallies: overall, or grouped by segment, entry channel, week.

On PostgreSQL one GROUP BY over the progress rows (with ``percentile_cont`` for the medians);
elsewhere the same numbers in Python (``tally.py``).
"""

from django.db import connection

from . import engine_python
from .tally import Tally, tally_groups, week_start

GROUPS = {
    None: "NULL::bigint",
    "segment": "c.segment_id",
    "channel": "p.entry_channel_id",
    "week": "(date_trunc('week', p.entered_at AT TIME ZONE 'UTC'))::date",
}


def _python_key(group):
    return {
        None: lambda p: None,
        "segment": lambda p: p.segment_id,
        "channel": lambda p: p.entry_channel_id,
        "week": lambda p: week_start(p.entered_at),
    }[group]


def tallies(
    definition_id: int,
    generation: int,
    size: int,
    *,
    segment_id: int | None = None,
    group: str | None = None,
) -> dict:
    """``{group key: Tally}``; with ``group=None`` the single key is ``None``."""
    if group not in GROUPS:
        raise ValueError(f"unknown group {group!r}")
    if connection.vendor != "postgresql":
        rows = engine_python.stored_progress(definition_id, generation, segment_id)
        return tally_groups(rows, size, _python_key(group))
    return _sql_tallies(definition_id, generation, size, segment_id, group)


def _sql_tallies(definition_id, generation, size, segment_id, group) -> dict:
    key = GROUPS[group]
    join = "JOIN cjm_customer c ON c.id = p.customer_id" if segment_id or group == "segment" else ""
    where = "p.definition_id = %(definition)s AND p.generation = %(generation)s"
    if segment_id is not None:
        where += " AND c.segment_id = %(segment)s"
    counts = [f"count(*) FILTER (WHERE p.reached >= {k + 1})" for k in range(size)]
    medians = []
    for k in range(size - 1):
        duration = f"p.offsets[{k + 1}]" + (f" - p.offsets[{k}]" if k else "")
        medians.append(
            f"percentile_cont(0.5) WITHIN GROUP (ORDER BY ({duration})::float8)"
            f" FILTER (WHERE p.reached >= {k + 2})"
        )
    params = {"definition": definition_id, "generation": generation, "segment": segment_id}
    result: dict = {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {key} AS k, {', '.join(counts + medians)} "
            f"FROM cjm_funnelprogress p {join} WHERE {where} GROUP BY 1",
            params,
        )
        for row in cursor.fetchall():
            result[row[0]] = Tally(entered=list(row[1 : size + 1]), medians=list(row[size + 1 :]))
        cursor.execute(
            f"SELECT {key} AS k, p.reached, p.exit_touchpoint_id, count(*) "
            f"FROM cjm_funnelprogress p {join} WHERE {where} AND p.reached < {int(size)} "
            f"AND p.exit_touchpoint_id IS NOT NULL GROUP BY 1, 2, 3",
            params,
        )
        for group_key, reached, touchpoint_id, customers in cursor.fetchall():
            tally = result.setdefault(group_key, Tally.empty(size))
            tally.exits[(reached - 1, touchpoint_id)] = customers
    return result
