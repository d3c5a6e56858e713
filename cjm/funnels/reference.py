"""The funnel definition of docs/funnels.md, written as plainly as possible.

Used by the tests as the oracle the engines are checked against: it follows the words of the
definition (minimum over the qualifying events for each stage in turn) and shares no code with
them. Quadratic and slow on purpose; never used by the app.
"""

import statistics
from collections import defaultdict
from typing import NamedTuple

from .spec import FunnelSpec, Progress, micros


class EventRow(NamedTuple):
    customer_id: int
    stage_id: int
    touchpoint_id: int | None
    channel_id: int | None
    occurred_at: object  # an aware datetime
    event_id: str


def reference_progress(spec: FunnelSpec, events: list[EventRow]) -> dict[int, Progress]:
    if not spec.linear:
        return reference_step_progress(spec, events)
    counted = [
        e
        for e in events
        if spec.start <= e.occurred_at < spec.end
        and e.stage_id in spec.stage_ids
        and (spec.channel_id is None or e.channel_id == spec.channel_id)
    ]
    by_customer = defaultdict(list)
    for event in counted:
        by_customer[event.customer_id].append(event)

    result = {}
    for customer_id, own in by_customer.items():
        first_stage = [e for e in own if e.stage_id == spec.stage_ids[0]]
        if not first_stage:
            continue
        t1 = min(e.occurred_at for e in first_stage)
        deadline = t1 + spec.window
        times = [t1]
        for stage_id in spec.stage_ids[1:]:
            candidates = [
                e.occurred_at
                for e in own
                if e.stage_id == stage_id and times[-1] <= e.occurred_at <= deadline
            ]
            if not candidates:
                break
            times.append(min(candidates))
        reached = len(times)
        exit_touchpoint = None
        if reached < spec.size:
            stage_id = spec.stage_ids[reached - 1]
            last = [
                e
                for e in own
                if e.stage_id == stage_id
                and e.touchpoint_id is not None
                and times[-1] <= e.occurred_at <= deadline
            ]
            if last:
                exit_touchpoint = max(last, key=lambda e: (e.occurred_at, e.event_id)).touchpoint_id
        entry = min(
            (e for e in first_stage if e.occurred_at == t1), key=lambda e: e.event_id
        ).channel_id
        result[customer_id] = Progress(
            customer_id=customer_id,
            reached=reached,
            entered_at=t1,
            offsets=[micros(t - t1) for t in times[1:]],
            exit_touchpoint_id=exit_touchpoint,
            entry_channel_id=entry,
        )
    return result


def _earliest(own, spec, step, low, high):
    """(time, stage index) of the earliest event of one of the step's stages in [low, high]
    (ties: the stage first in the map's order); None if there is none."""
    found = [
        (e.occurred_at, spec.stage_ids.index(e.stage_id))
        for e in own
        if spec.stage_ids.index(e.stage_id) in spec.step_groups[step]
        and (low is None or low <= e.occurred_at)
        and (high is None or e.occurred_at <= high)
    ]
    return min(found) if found else None


def reference_step_progress(spec: FunnelSpec, events: list[EventRow]) -> dict[int, Progress]:
    """The definition with steps (docs/funnels.md, "Steps"), word by word."""
    counted = [
        e
        for e in events
        if spec.start <= e.occurred_at < spec.end
        and e.stage_id in spec.stage_ids
        and (spec.channel_id is None or e.channel_id == spec.channel_id)
    ]
    by_customer = defaultdict(list)
    for event in counted:
        by_customer[event.customer_id].append(event)
    optional = spec.step_optional
    count = len(spec.step_groups)
    required = [k for k in range(count) if not optional[k]]
    result = {}
    for customer_id, own in by_customer.items():
        entry = _earliest(own, spec, 0, None, None)
        if entry is None:
            continue
        t1 = entry[0]
        deadline = t1 + spec.window
        reached = {0: entry}  # step -> (time, stage index)
        # 1. the required steps, in order, as in the straight funnel
        for k in required[1:]:
            previous = reached[max(reached)][0]
            found = _earliest(own, spec, k, previous, deadline)
            if found is None:
                break
            reached[k] = found
        # 2. each optional step between the required step before it (reached) and the next
        # required step (up to the time it was reached, or the window's end)
        for k in range(1, count):
            if not optional[k]:
                continue
            before = max(r for r in required if r < k)
            if before not in reached:
                continue
            after = [r for r in required if r > k]
            high = reached[after[0]][0] if after and after[0] in reached else deadline
            low = max(reached[j][0] for j in reached if j < k)
            found = _earliest(own, spec, k, low, high)
            if found is not None:
                reached[k] = found
        steps = sorted(reached)
        path = [reached[k][1] for k in steps]
        last = steps[-1]
        exit_touchpoint = None
        if last < count - 1:
            stage_id = spec.stage_ids[reached[last][1]]
            candidates = [
                e
                for e in own
                if e.stage_id == stage_id
                and e.touchpoint_id is not None
                and reached[last][0] <= e.occurred_at <= deadline
            ]
            if candidates:
                exit_touchpoint = max(
                    candidates, key=lambda e: (e.occurred_at, e.event_id)
                ).touchpoint_id
        entry_event = min(
            (
                e
                for e in own
                if e.occurred_at == t1 and spec.stage_ids.index(e.stage_id) in spec.step_groups[0]
            ),
            key=lambda e: (spec.stage_ids.index(e.stage_id), e.event_id),
        )
        result[customer_id] = Progress(
            customer_id=customer_id,
            reached=len(steps),
            entered_at=t1,
            offsets=[micros(reached[k][0] - t1) for k in steps[1:]],
            exit_touchpoint_id=exit_touchpoint,
            entry_channel_id=entry_event.channel_id,
            path=path,
        )
    return result


def reference_report(
    spec: FunnelSpec,
    events: list[EventRow],
    *,
    segment_of: dict[int, int | None] | None = None,
    segment_id: int | None = None,
) -> dict:
    """The report (``stages`` and ``exit_touchpoints``) as the API returns it."""
    progress = reference_progress(spec, events)
    if segment_id is not None:
        segment_of = segment_of or {}
        progress = {c: p for c, p in progress.items() if segment_of.get(c) == segment_id}
    customers = list(progress.values())
    if not spec.linear:
        return reference_step_report(spec, customers)
    stages = []
    for index, stage_id in enumerate(spec.stage_ids):
        entered = sum(1 for p in customers if p.reached > index)
        is_last = index == spec.size - 1
        converted = None if is_last else sum(1 for p in customers if p.reached > index + 1)
        drop_off = None if converted is None or entered == 0 else 1 - converted / entered
        median = None
        if not is_last:
            durations = []
            for p in customers:
                if p.reached > index + 1:
                    stamps = [0, *p.offsets]
                    durations.append(stamps[index + 1] - stamps[index])
            if durations:
                median = statistics.median(durations) / 1_000_000
        stages.append(
            {
                "stage": stage_id,
                "entered": entered,
                "converted": converted,
                "drop_off_rate": drop_off,
                "median_seconds_to_convert": median,
            }
        )
    exits = defaultdict(int)
    for p in customers:
        if p.reached < spec.size and p.exit_touchpoint_id is not None:
            exits[(p.reached - 1, p.exit_touchpoint_id)] += 1
    ranked = sorted(exits.items(), key=lambda item: (-item[1], item[0][0], item[0][1]))
    return {
        "stages": stages,
        "exit_touchpoints": [
            {"touchpoint": tp, "stage": spec.stage_ids[index], "customers": count}
            for (index, tp), count in ranked
        ],
    }


def reference_step_report(spec: FunnelSpec, customers: list[Progress]) -> dict:
    """``stages``, ``steps`` and ``exit_touchpoints`` of a funnel with steps."""
    step_of = spec.step_of_stage
    last_step = len(spec.step_groups) - 1
    stages = []
    for index, stage_id in enumerate(spec.stage_ids):
        through = [p for p in customers if index in p.path]
        is_last = step_of[index] == last_step
        went_on = [p for p in through if p.path[-1] != index]
        durations = []
        for p in went_on:
            position = p.path.index(index)
            stamps = [0, *p.offsets]
            durations.append(stamps[position + 1] - stamps[position])
        stages.append(
            {
                "stage": stage_id,
                "entered": len(through),
                "converted": None if is_last else len(went_on),
                "drop_off_rate": None
                if is_last or not through
                else 1 - len(went_on) / len(through),
                "median_seconds_to_convert": statistics.median(durations) / 1_000_000
                if durations and not is_last
                else None,
            }
        )
    steps = []
    for k, group in enumerate(spec.step_groups):
        reached = [p for p in customers if any(step_of[s] == k for s in p.path)]
        later = [p for p in reached if step_of[p.path[-1]] > k]
        skipped = [
            p
            for p in customers
            if not any(step_of[s] == k for s in p.path) and step_of[p.path[-1]] > k
        ]
        is_last = k == last_step
        steps.append(
            {
                "step": spec.step_number(k),
                "stages": [spec.stage_ids[i] for i in group],
                "optional": spec.step_optional[k],
                "entered": len(reached),
                "converted": None if is_last else len(later),
                "drop_off_rate": None if is_last or not reached else 1 - len(later) / len(reached),
                "skipped": len(skipped),
            }
        )
    exits = defaultdict(int)
    for p in customers:
        if step_of[p.path[-1]] < last_step and p.exit_touchpoint_id is not None:
            exits[(p.path[-1], p.exit_touchpoint_id)] += 1
    ranked = sorted(exits.items(), key=lambda item: (-item[1], item[0][0], item[0][1]))
    return {
        "stages": stages,
        "steps": steps,
        "exit_touchpoints": [
            {"touchpoint": tp, "stage": spec.stage_ids[index], "customers": count}
            for (index, tp), count in ranked
        ],
    }
