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
