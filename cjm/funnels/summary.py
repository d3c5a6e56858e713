"""A definition's summary (PostgreSQL): customers per (stages reached, week of entry, exit
touchpoint), kept up to date by incremental runs.

A full run counts it from the progress rows; an incremental run subtracts the rows it replaces
and adds the new ones, so a report of the whole audience reads its counts, exit touchpoints and
weekly trend without scanning a million rows. Reports of one segment count from the rows too,
as a customer's segment can change without any new event.

Medians are not additive. The summary also keeps, per transition k (stage k+1 to k+2), a
histogram of the durations (keys ``("d", k, bucket)``, 16 buckets per doubling), kept up to date
the same way. It tells which narrow range of durations holds the middle ranks, so one scan of
the progress rows collects only the durations in that range and counts those below it: the
exact median without sorting every duration (``medians``). If the counts do not line up (the
histogram cannot be trusted), that transition falls back to ``percentile_cont``.
"""

import datetime
import math
from collections import Counter

from django.db import connection

from .tally import PathTally, Tally

WEEK = "(date_trunc('week', {alias}.entered_at AT TIME ZONE 'UTC'))::date"
DURATION = "d"  # first element of the histogram keys
BUCKETS_PER_DOUBLING = 16
HISTOGRAM_KEPT = (DURATION, -1, 0)  # marks a summary that has the histogram (maybe empty)
# Durations (microseconds) of one row, per transition k (0-based): needs alias t with offsets.
DURATIONS = """CROSS JOIN LATERAL (SELECT i - 1 AS k, t.offsets[i] - coalesce(t.offsets[i - 1], 0)
    AS d FROM generate_subscripts(t.offsets, 1) i) x"""
BUCKET = (
    f"CASE WHEN x.d < 1 THEN 0 ELSE 1 + floor(ln(x.d::float8) * {BUCKETS_PER_DOUBLING}"
    f" / ln(2::float8))::int END"
)


def customers_in(rows: list | None) -> bool:
    """Whether a stored summary counts any customer (its histogram aside)."""
    return any(row[0] != DURATION for row in rows or [])


def has_histogram(summary: Counter) -> bool:
    return summary.get(HISTOGRAM_KEPT) == 1


def _bounds(bucket: int) -> tuple[float, float]:
    """The durations [low, high) a bucket holds (approximately: see ``medians``)."""
    if bucket <= 0:
        return float("-inf"), 1.0
    return 2 ** ((bucket - 1) / BUCKETS_PER_DOUBLING), 2 ** (bucket / BUCKETS_PER_DOUBLING)


def _histogram(cursor, table: str, where: str = "", params=()) -> Counter:
    cursor.execute(
        f"SELECT x.k, {BUCKET}, count(*) FROM {table} t {DURATIONS} {where} GROUP BY 1, 2",
        params,
    )
    return Counter({(DURATION, k, bucket): count for k, bucket, count in cursor.fetchall()})


def _rows_of(definition_id: int, generation: int, segment_id: int | None):
    """(join, where, params) selecting a definition's progress rows ``p``, maybe of a segment."""
    join, where = "", "p.definition_id = %s AND p.generation = %s"
    params = [definition_id, generation]
    if segment_id is not None:
        join = "JOIN cjm_customer c ON c.id = p.customer_id"
        where += " AND c.segment_id = %s"
        params.append(segment_id)
    return join, where, params


def _duration(k: int) -> str:
    """Transition k's duration (microseconds) of progress row ``p``; NULL if not made."""
    return f"(p.offsets[{k + 1}]" + (f" - p.offsets[{k}])" if k else ")")


def _counter(cursor) -> Counter:
    return Counter({(reached, week, tp): count for reached, week, tp, count in cursor.fetchall()})


def scan(definition_id: int, generation: int, segment_id: int | None = None) -> Counter:
    join, where, params = _rows_of(definition_id, generation, segment_id)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.reached, {WEEK.format(alias='p')}, p.exit_touchpoint_id, count(*) "
            f"FROM cjm_funnelprogress p {join} WHERE {where} GROUP BY 1, 2, 3",
            params,
        )
        counts = _counter(cursor)
        if segment_id is None:  # the whole audience's summary: with the histogram
            counts[HISTOGRAM_KEPT] = 1
            counts.update(
                _histogram(
                    cursor,
                    "cjm_funnelprogress",
                    "WHERE t.definition_id = %s AND t.generation = %s",
                    [definition_id, generation],
                )
            )
        return counts


def of_table(cursor, table: str) -> Counter:
    """The summary of the rows in ``table`` (reached, entered_at, exit_touchpoint_id,
    offsets)."""
    cursor.execute(
        f"SELECT t.reached, {WEEK.format(alias='t')}, t.exit_touchpoint_id, count(*) "
        f"FROM {table} t GROUP BY 1, 2, 3"
    )
    counts = _counter(cursor)
    counts.update(_histogram(cursor, table))
    return counts


def apply_delta(summary: Counter, added: Counter, removed: Counter) -> Counter:
    result = Counter(summary)
    result.update(added)
    result.subtract(removed)
    return Counter({key: count for key, count in result.items() if count})


def to_json(summary: Counter) -> list:
    rows, histogram = [], []
    for key, count in summary.items():
        if key[0] == DURATION:
            histogram.append([*key, count])
        else:
            reached, week, tp = key
            first = list(reached) if isinstance(reached, tuple) else reached
            rows.append([first, week.isoformat(), tp, count])
    rows.sort(key=lambda row: (row[0], row[1], row[2] or 0))
    return rows + sorted(histogram, key=lambda row: (row[1], row[2]))


def from_json(rows: list | None) -> Counter:
    summary = Counter()
    for first, second, third, count in rows or []:
        if first == DURATION:
            summary[(DURATION, second, third)] = count
        else:
            key = tuple(first) if isinstance(first, list) else first
            summary[(key, datetime.date.fromisoformat(second), third)] = count
    return summary


def tallies(summary: Counter, size: int, medians: list) -> tuple[Tally, dict]:
    """The overall tally (with ``medians``) and one tally per week of entry."""
    overall = Tally(entered=[0] * size, medians=list(medians))
    weeks: dict[datetime.date, Tally] = {}
    for key, count in summary.items():
        if key[0] == DURATION:
            continue
        reached, week, tp = key
        week_tally = weeks.setdefault(week, Tally.empty(size))
        for index in range(min(reached, size)):
            overall.entered[index] += count
            week_tally.entered[index] += count
        if reached < size and tp is not None:
            key = (reached - 1, tp)
            overall.exits[key] = overall.exits.get(key, 0) + count
    return overall, weeks


def _middle(histogram: Counter, k: int) -> tuple | None:
    """Where the middle values of transition ``k`` are, by the histogram: (rank of the lower
    and of the upper middle value among the values in the window, how many values the window
    holds, low, high); the window is the durations in [low, high)."""
    buckets = sorted(
        (key[2], count) for key, count in histogram.items() if key[0] == DURATION and key[1] == k
    )
    total = sum(count for _bucket, count in buckets)
    if not total:
        return None
    lower, upper = (total - 1) // 2, total // 2
    seen, first, below, inside = 0, None, 0, 0
    for bucket, count in buckets:
        if first is None and lower < seen + count:
            first, below = bucket, seen
        if first is not None:
            inside += count
        if upper < seen + count:
            return lower - below, upper - below, inside, _bounds(first)[0], _bounds(bucket)[1]
        seen += count
    return None


def medians(
    definition_id: int,
    generation: int,
    size: int,
    segment_id: int | None = None,
    histogram: Counter | None = None,
):
    """Median microseconds from each stage to the next, over the customers who converted
    (``percentile_cont(0.5)``: the mean of the two middle values for an even count)."""
    if size < 2:
        return []
    if histogram and segment_id is None:
        found = _medians_in_windows(definition_id, generation, size, histogram)
        if None in found:
            exact = _percentiles(definition_id, generation, size, segment_id)
            found = [exact[k] if value is None else value for k, value in enumerate(found)]
        return [None if value is ... else value for value in found]
    return _percentiles(definition_id, generation, size, segment_id)


def _medians_in_windows(definition_id: int, generation: int, size: int, histogram: Counter):
    """Per transition: the median, None (not found this way) or ``...`` (nobody converted).

    One scan collects the durations inside each transition's window. The histogram says how
    many there are and where the middle ranks fall among them; if the scan finds another
    number, the histogram is not to be trusted and the caller sorts instead.
    """
    middles = [_middle(histogram, k) for k in range(size - 1)]
    conditions, bounds = [], []
    for k, middle in enumerate(middles):
        # No histogram entry: nobody should have made the transition; the window is
        # everything, to check that. Whole-microsecond bounds: integer comparisons.
        low, high = (-(2**62), 2**62) if middle is None else map(_whole, middle[3:])
        duration = _duration(k)
        conditions.append(f"'[{int(low)},{int(high)})'::int8range @> {duration}")
        bounds.append((low, high))
    windows = [[] for _ in middles]
    # Only the rows with a duration in some window come back (a plain filtered scan, which
    # PostgreSQL may run in parallel); their durations are sorted into windows here.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.offsets FROM cjm_funnelprogress p WHERE p.definition_id = %s "
            f"AND p.generation = %s AND p.reached >= 2 AND ({' OR '.join(conditions)})",
            [definition_id, generation],
        )
        for (offsets,) in cursor.fetchall():
            previous = 0
            for k, offset in enumerate(offsets):
                duration, previous = offset - previous, offset
                low, high = bounds[k]
                if low <= duration < high:
                    windows[k].append(duration)
    found = []
    for k, middle in enumerate(middles):
        window = windows[k]
        if middle is None:
            found.append(None if window else ...)
            continue
        first, second, inside = middle[:3]
        if len(window) != inside:
            found.append(None)
            continue
        values = sorted(window)
        low, high = float(values[first]), float(values[second])
        found.append(low if first == second else low + (high - low) * 0.5)
    return found


def _whole(bound: float) -> int:
    """The smallest whole number of microseconds at or above ``bound``."""
    return -(2**62) if bound == float("-inf") else math.ceil(bound)


def _percentiles(definition_id: int, generation: int, size: int, segment_id: int | None):
    parts = []
    for k in range(size - 1):
        parts.append(
            f"percentile_cont(0.5) WITHIN GROUP (ORDER BY {_duration(k)}::float8)"
            f" FILTER (WHERE p.reached >= {k + 2})"
        )
    join, where, params = _rows_of(definition_id, generation, segment_id)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute(
            f"SELECT {', '.join(parts)} FROM cjm_funnelprogress p {join} "
            f"WHERE {where} AND p.reached >= 2",
            params,
        )
        return list(cursor.fetchone())


# Funnels with steps: the summary counts customers per (path, week of entry, exit touchpoint)
# (the path as a tuple of stage indexes), recounted from the progress rows at every run; the
# medians are computed per stage with ``percentile_cont``.


def scan_paths(definition_id: int, generation: int, segment_id: int | None = None) -> Counter:
    join, where, params = _rows_of(definition_id, generation, segment_id)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.path, {WEEK.format(alias='p')}, p.exit_touchpoint_id, count(*) "
            f"FROM cjm_funnelprogress p {join} WHERE {where} GROUP BY 1, 2, 3",
            params,
        )
        return Counter(
            {(tuple(path), week, tp): count for path, week, tp, count in cursor.fetchall()}
        )


def path_medians(definition_id: int, generation: int, segment_id: int | None = None) -> dict:
    """Median microseconds from reaching each stage (by index) to reaching the next step, over
    the customers who went on through that stage."""
    join, where, params = _rows_of(definition_id, generation, segment_id)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '256MB'")
        # Estimated at a thousand rows per progress row (the set-returning function), so JIT
        # would compile it (about a second); the work is a sort, which JIT does not speed up.
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(
            f"SELECT p.path[i], percentile_cont(0.5) WITHIN GROUP (ORDER BY "
            f"(p.offsets[i] - coalesce(p.offsets[i - 1], 0))::float8) "
            f"FROM cjm_funnelprogress p {join} "
            f"CROSS JOIN LATERAL generate_subscripts(p.offsets, 1) i "
            f"WHERE {where} AND p.reached >= 2 GROUP BY 1",
            params,
        )
        return {int(index): median for index, median in cursor.fetchall()}


def path_tallies(counts: Counter, medians: dict):
    """The overall PathTally and, per week of entry, the customers per path."""
    overall = PathTally(medians=dict(medians))
    weeks: dict[datetime.date, dict] = {}
    for (path, week, tp), count in counts.items():
        overall.paths[path] = overall.paths.get(path, 0) + count
        paths = weeks.setdefault(week, {})
        paths[path] = paths.get(path, 0) + count
        if tp is not None:
            key = (path[-1], tp)
            overall.exits[key] = overall.exits.get(key, 0) + count
    return overall, weeks
