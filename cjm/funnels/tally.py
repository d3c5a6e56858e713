"""From customers' progress to the numbers of a report.

A ``Tally`` is what the engines aggregate (in SQL on PostgreSQL, in Python elsewhere): customers
who entered each stage, the median time of each transition, and exits per (stage, touchpoint).
``report_from_tally`` turns it into the JSON the API returns, the same way for every engine.
"""

import datetime
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .spec import Progress


@dataclass
class Tally:
    entered: list[int]
    # median of t(k+1) - t(k) in microseconds, for k = 1..n-1 (None when nobody converted)
    medians: list[float | None]
    # (stage index, touchpoint id) -> customers who left there
    exits: dict[tuple[int, int], int] = field(default_factory=dict)

    @classmethod
    def empty(cls, size: int) -> "Tally":
        return cls(entered=[0] * size, medians=[None] * max(size - 1, 0))


def report_from_tally(stage_ids: tuple[int, ...] | list[int], tally: Tally) -> dict:
    size = len(stage_ids)
    stages = []
    for index, stage_id in enumerate(stage_ids):
        entered = tally.entered[index]
        converted = tally.entered[index + 1] if index + 1 < size else None
        drop_off = None if converted is None or entered == 0 else 1 - converted / entered
        median = tally.medians[index] if index + 1 < size else None
        stages.append(
            {
                "stage": stage_id,
                "entered": entered,
                "converted": converted,
                "drop_off_rate": drop_off,
                "median_seconds_to_convert": None if median is None else median / 1_000_000,
            }
        )
    ranked = sorted(tally.exits.items(), key=lambda item: (-item[1], item[0][0], item[0][1]))
    return {
        "stages": stages,
        "exit_touchpoints": [
            {"touchpoint": touchpoint, "stage": stage_ids[index], "customers": count}
            for (index, touchpoint), count in ranked
        ],
    }


def tally_progress(rows: Iterable[Progress], size: int) -> Tally:
    """Aggregate progress rows in Python (the portable engine)."""
    entered = [0] * size
    durations: list[list[int]] = [[] for _ in range(max(size - 1, 0))]
    exits: dict[tuple[int, int], int] = defaultdict(int)
    for row in rows:
        for index in range(row.reached):
            entered[index] += 1
        previous = 0
        for index, offset in enumerate(row.offsets):
            durations[index].append(offset - previous)
            previous = offset
        if row.reached < size and row.exit_touchpoint_id is not None:
            exits[(row.reached - 1, row.exit_touchpoint_id)] += 1
    medians = [float(statistics.median(values)) if values else None for values in durations]
    return Tally(entered=entered, medians=medians, exits=dict(exits))


def tally_groups(
    rows: Iterable[Progress], size: int, key: Callable[[Progress], object]
) -> dict[object, Tally]:
    groups: dict[object, list[Progress]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return {group: tally_progress(members, size) for group, members in groups.items()}


def week_start(moment: datetime.datetime) -> datetime.date:
    """Monday of the UTC week of ``moment``."""
    day = moment.astimezone(datetime.UTC).date()
    return day - datetime.timedelta(days=day.weekday())


def weeks_between(date_from: datetime.date, date_to: datetime.date) -> list[datetime.date]:
    first = date_from - datetime.timedelta(days=date_from.weekday())
    weeks = []
    while first <= date_to:
        weeks.append(first)
        first += datetime.timedelta(days=7)
    return weeks


def trend_from_tallies(
    stage_ids, date_from: datetime.date, date_to: datetime.date, by_week: dict
) -> list[dict]:
    """Weekly cohorts by the week customers entered the first stage (every week of the range)."""
    size = len(stage_ids)
    trend = []
    for week in weeks_between(date_from, date_to):
        tally = by_week.get(week) or Tally.empty(size)
        entered = tally.entered[0] if size else 0
        completed = tally.entered[-1] if size else 0
        trend.append(
            {
                "week_start": week.isoformat(),
                "entered": entered,
                "completed": completed,
                "conversion_rate": None if entered == 0 else completed / entered,
                "stages": list(tally.entered),
            }
        )
    return trend
