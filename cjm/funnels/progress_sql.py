"""The statement that computes each customer's progress in a funnel, index probes only.

``progress_select`` builds one ``SELECT`` giving, per customer, how far they got (``reached``),
when they entered, the offsets of the later stages, the exit touchpoint, the entry channel and,
for a funnel with steps, the path (the stage index reached at each step). The SQL engine
(engine_sql.py) runs it for a range of customers or for the customers an incremental run
recomputes, and writes its rows to ``cjm_funnelprogress`` (columns ``PROGRESS_COLUMNS``).

For every customer the statement reads the first first-stage event (a ``DISTINCT ON`` over the
funnel index, in customer order), then for each following stage one index probe: "the earliest
event of stage k of this customer at or after t(k-1) and within the window" (``ORDER BY
occurred_at LIMIT 1``), skipped as soon as a stage was not reached. One more backward probe finds
the exit touchpoint (latest event with a touchpoint of the last stage reached; ties by event_id,
compared as bytes: ``COLLATE "C"``). Every event is touched at most about once, and no sort or
hash of the events table is needed: the funnel index (see the migration) is
``(stage_id, customer_id, occurred_at, event_id COLLATE "C") INCLUDE (touchpoint_id, channel_id)``.
"""

from .spec import FunnelSpec

PROGRESS_COLUMNS = (
    "definition_id, generation, customer_id, reached, entered_at, offsets, "
    "exit_touchpoint_id, entry_channel_id, path"
)


def event_filter(spec: FunnelSpec, alias: str = "e") -> str:
    """The condition on an event to count: inside the date range (and of the channel, if any)."""
    sql = f"{alias}.occurred_at >= %(start)s AND {alias}.occurred_at < %(end)s"
    if spec.channel_id is not None:
        sql += f" AND {alias}.channel_id = %(channel)s"
    return sql


def query_params(spec: FunnelSpec, **extra) -> dict:
    """The parameters ``event_filter`` needs, plus ``extra``."""
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
    counted = event_filter(spec)
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
    counted = event_filter(spec)
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
