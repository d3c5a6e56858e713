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


# Funnels with steps (docs/funnels.md, "Steps"). A customer's progress is their *path*: the
# stage (index into the spec's stages) through which they reached each step they reached.
# Customers are counted per path; every figure of the report follows from those counts and
# the median time from each stage to the next step reached.


@dataclass
class PathTally:
    paths: dict[tuple[int, ...], int] = field(default_factory=dict)
    # median microseconds from reaching a stage to reaching the next step, by stage index
    medians: dict[int, float | None] = field(default_factory=dict)
    # (stage index, touchpoint id) -> customers who left there
    exits: dict[tuple[int, int], int] = field(default_factory=dict)


def path_tally(rows: Iterable[Progress]) -> PathTally:
    """Aggregate progress rows with paths in Python (the portable engine)."""
    paths: dict[tuple[int, ...], int] = defaultdict(int)
    durations: dict[int, list[int]] = defaultdict(list)
    exits: dict[tuple[int, int], int] = defaultdict(int)
    for row in rows:
        path = tuple(row.path or ())
        paths[path] += 1
        previous = 0
        for position, offset in enumerate(row.offsets):
            durations[path[position]].append(offset - previous)
            previous = offset
        if row.exit_touchpoint_id is not None:
            exits[(path[-1], row.exit_touchpoint_id)] += 1
    return PathTally(
        paths=dict(paths),
        medians={index: float(statistics.median(values)) for index, values in durations.items()},
        exits=dict(exits),
    )


def path_tally_groups(rows: Iterable[Progress], key: Callable[[Progress], object]) -> dict:
    groups: dict[object, list[Progress]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return {group: path_tally(members) for group, members in groups.items()}


def _rate(part: int, whole: int) -> float | None:
    return None if whole == 0 else 1 - part / whole


def report_from_paths(spec, tally: PathTally) -> dict:
    """``stages``, ``steps`` and ``exit_touchpoints`` of a funnel with steps."""
    step_of = spec.step_of_stage
    last_step = len(spec.step_groups) - 1
    through = [0] * spec.size  # customers who reached the stage's step through it
    went_on = [0] * spec.size  # ... and reached a later step
    step_entered = [0] * (last_step + 1)
    step_later = [0] * (last_step + 1)
    step_skipped = [0] * (last_step + 1)
    for path, count in tally.paths.items():
        final = step_of[path[-1]]
        reached = set()
        for index in path:
            through[index] += count
            step_entered[step_of[index]] += count
            reached.add(step_of[index])
            if index != path[-1]:
                went_on[index] += count
                step_later[step_of[index]] += count
        for step in range(final):
            if step not in reached:
                step_skipped[step] += count
    stages = []
    for index, stage_id in enumerate(spec.stage_ids):
        is_last = step_of[index] == last_step
        median = None if is_last else tally.medians.get(index)
        stages.append(
            {
                "stage": stage_id,
                "entered": through[index],
                "converted": None if is_last else went_on[index],
                "drop_off_rate": None if is_last else _rate(went_on[index], through[index]),
                "median_seconds_to_convert": None if median is None else median / 1_000_000,
            }
        )
    steps = []
    for step, group in enumerate(spec.step_groups):
        is_last = step == last_step
        steps.append(
            {
                "step": spec.step_number(step),
                "stages": [spec.stage_ids[index] for index in group],
                "optional": spec.step_optional[step],
                "entered": step_entered[step],
                "converted": None if is_last else step_later[step],
                "drop_off_rate": None if is_last else _rate(step_later[step], step_entered[step]),
                "skipped": step_skipped[step],
            }
        )
    ranked = sorted(tally.exits.items(), key=lambda item: (-item[1], item[0][0], item[0][1]))
    return {
        "stages": stages,
        "steps": steps,
        "exit_touchpoints": [
            {"touchpoint": touchpoint, "stage": spec.stage_ids[index], "customers": count}
            for (index, touchpoint), count in ranked
        ],
    }


def linear_steps(spec, stages: list[dict]) -> list[dict]:
    """The ``steps`` of a straight funnel: one per stage, none skipped."""
    return [
        {
            "step": spec.step_number(index),
            "stages": [row["stage"]],
            "optional": False,
            "entered": row["entered"],
            "converted": row["converted"],
            "drop_off_rate": row["drop_off_rate"],
            "skipped": 0,
        }
        for index, row in enumerate(stages)
    ]


def trend_from_paths(
    spec, date_from: datetime.date, date_to: datetime.date, by_week: dict
) -> list[dict]:
    """The weekly trend of a funnel with steps: ``completed`` reached the last step,
    ``stages`` counts the customers through each stage."""
    step_of = spec.step_of_stage
    last_step = len(spec.step_groups) - 1
    trend = []
    for week in weeks_between(date_from, date_to):
        paths = by_week.get(week) or {}
        entered = sum(paths.values())
        completed = sum(count for path, count in paths.items() if step_of[path[-1]] == last_step)
        stages = [0] * spec.size
        for path, count in paths.items():
            for index in path:
                stages[index] += count
        trend.append(
            {
                "week_start": week.isoformat(),
                "entered": entered,
                "completed": completed,
                "conversion_rate": None if entered == 0 else completed / entered,
                "stages": stages,
            }
        )
    return trend
