"""The portable engine (SQLite, the embedded default): one ordered pass over the events.

Each customer's events, sorted by (time, stage position, event_id), are walked once by a small
state machine: the first first-stage event starts the funnel (t1); after that, an event of the
next stage within the window advances the customer one stage. Sorting ties by stage position
makes "t(k-1) <= tk" include equal times, so this walk reaches exactly the tk of the definition
(docs/funnels.md); tests check it against the plain reference and the SQL engine.
"""

import bisect
import datetime
import itertools
from collections.abc import Iterable, Iterator
from operator import itemgetter

from django.db.models import QuerySet

from cjm.funnels.models import Event, FunnelProgress

from .spec import FunnelSpec, Progress, batched, micros

CUSTOMER_BATCH = 500


def walk(
    customer_id: int, events: list[tuple], spec: FunnelSpec, position: dict
) -> Progress | None:
    """``events``: (stage_id, touchpoint_id, channel_id, occurred_at, event_id) of one customer."""
    ordered = sorted(events, key=lambda e: (e[3], position[e[0]], e[4]))
    reached = 0
    t1 = deadline = None
    offsets: list[int] = []
    entry_channel = None
    candidate = None  # (occurred_at, event_id, touchpoint) of the current stage's latest event
    for stage_id, touchpoint_id, channel_id, occurred_at, event_id in ordered:
        index = position[stage_id]
        if reached == 0:
            if index == 0:
                reached, t1, entry_channel = 1, occurred_at, channel_id
                deadline = t1 + spec.window
            else:
                continue
        elif occurred_at > deadline:
            break
        elif index == reached and reached < spec.size:
            reached += 1
            offsets.append(micros(occurred_at - t1))
            candidate = None
        if index == reached - 1 and touchpoint_id is not None:
            key = (occurred_at, event_id, touchpoint_id)
            if candidate is None or key[:2] > candidate[:2]:
                candidate = key
    if reached == 0:
        return None
    return Progress(
        customer_id=customer_id,
        reached=reached,
        entered_at=t1,
        offsets=offsets,
        exit_touchpoint_id=candidate[2] if candidate and reached < spec.size else None,
        entry_channel_id=entry_channel,
    )


def walk_steps(customer_id: int, events: list[tuple], spec: FunnelSpec, position: dict):
    """The progress of a funnel with steps (docs/funnels.md, "Steps"), by binary search in
    each stage's sorted times: the required steps in turn, then each optional step between
    the step reached before it and the next required step's time (or the window's end)."""
    by_stage: dict[int, list[tuple]] = {}
    for stage_id, touchpoint_id, channel_id, occurred_at, event_id in events:
        by_stage.setdefault(position[stage_id], []).append(
            (occurred_at, event_id, touchpoint_id, channel_id)
        )
    for rows in by_stage.values():
        rows.sort(key=itemgetter(0, 1))
    times = {index: [row[0] for row in rows] for index, rows in by_stage.items()}
    groups, optional = spec.step_groups, spec.step_optional

    def earliest(step: int, low, high):
        best = None
        for index in groups[step]:
            stamps = times.get(index)
            if not stamps:
                continue
            at = bisect.bisect_left(stamps, low) if low is not None else 0
            inside = at < len(stamps) and (high is None or stamps[at] <= high)
            if inside and (best is None or stamps[at] < best[0]):
                best = (stamps[at], index)
        return best

    entry = earliest(0, None, None)
    if entry is None:
        return None
    t1 = entry[0]
    deadline = t1 + spec.window
    reached = {0: entry}
    required = [k for k in range(len(groups)) if not optional[k]]
    previous = t1
    for k in required[1:]:
        found = earliest(k, previous, deadline)
        if found is None:
            break
        reached[k] = found
        previous = found[0]
    latest = t1
    for k in range(1, len(groups)):
        if not optional[k]:
            if k not in reached:
                break
            latest = reached[k][0]
            continue
        following = next((r for r in required if r > k), None)
        high = reached[following][0] if following in reached else deadline
        found = earliest(k, latest, high)
        if found is not None:
            reached[k] = found
            latest = found[0]
    steps = sorted(reached)
    last = steps[-1]
    exit_touchpoint = None
    if last < len(groups) - 1:
        since = reached[last][0]
        for occurred_at, _event_id, touchpoint_id, _channel in reversed(by_stage[reached[last][1]]):
            if occurred_at > deadline:
                continue
            if occurred_at < since:
                break
            if touchpoint_id is not None:
                exit_touchpoint = touchpoint_id
                break
    entry_channel = min(
        (index, row[1], row[3])
        for index in groups[0]
        for row in by_stage.get(index, ())
        if row[0] == t1
    )[2]
    return Progress(
        customer_id=customer_id,
        reached=len(steps),
        entered_at=t1,
        offsets=[micros(reached[k][0] - t1) for k in steps[1:]],
        exit_touchpoint_id=exit_touchpoint,
        entry_channel_id=entry_channel,
        path=[reached[k][1] for k in steps],
    )


def counted_events(spec: FunnelSpec) -> QuerySet:
    qs = Event.objects.filter(
        stage_id__in=spec.stage_ids, occurred_at__gte=spec.start, occurred_at__lt=spec.end
    )
    if spec.channel_id is not None:
        qs = qs.filter(channel_id=spec.channel_id)
    return qs


def _rows(qs: QuerySet) -> Iterator[tuple]:
    return (
        qs.order_by("customer_id", "occurred_at")
        .values_list(
            "customer_id", "stage_id", "touchpoint_id", "channel_id", "occurred_at", "event_id"
        )
        .iterator(chunk_size=5000)
    )


def progress_of(spec: FunnelSpec, customer_ids: Iterable[int] | None = None) -> Iterator[Progress]:
    """Progress of every customer who entered the first stage (or of ``customer_ids`` only)."""
    if not spec.stage_ids:
        return
    position = {stage_id: index for index, stage_id in enumerate(spec.stage_ids)}
    step = walk if spec.linear else walk_steps
    qs = counted_events(spec)
    if customer_ids is None:
        batches: Iterable = [qs]
    else:
        ids = sorted(set(customer_ids))
        batches = (
            qs.filter(customer_id__in=ids[i : i + CUSTOMER_BATCH])
            for i in range(0, len(ids), CUSTOMER_BATCH)
        )
    for batch in batches:
        for customer_id, group in itertools.groupby(_rows(batch), key=itemgetter(0)):
            progress = step(customer_id, [row[1:] for row in group], spec, position)
            if progress is not None:
                yield progress


def write_progress(definition_id: int, generation: int, rows: Iterable[Progress]) -> int:
    written = 0
    for chunk in batched(rows, 2000):
        FunnelProgress.objects.bulk_create(
            FunnelProgress(
                definition_id=definition_id,
                generation=generation,
                customer_id=row.customer_id,
                reached=row.reached,
                entered_at=row.entered_at,
                offsets=row.offsets,
                exit_touchpoint_id=row.exit_touchpoint_id,
                entry_channel_id=row.entry_channel_id,
                path=row.path,
            )
            for row in chunk
        )
        written += len(chunk)
    return written


def affected_customers(spec: FunnelSpec, after_event_id: int) -> list[int]:
    """Customers with a counted event that arrived after the watermark."""
    return list(
        counted_events(spec)
        .filter(pk__gt=after_event_id)
        .order_by()
        .values_list("customer_id", flat=True)
        .distinct()
    )


def stored_progress(definition_id: int, generation: int, segment_id: int | None = None):
    qs = FunnelProgress.objects.filter(definition_id=definition_id, generation=generation)
    if segment_id is not None:
        qs = qs.filter(customer__segment_id=segment_id)
    for row in qs.values_list(
        "customer_id",
        "reached",
        "entered_at",
        "offsets",
        "exit_touchpoint_id",
        "entry_channel_id",
        "customer__segment_id",
        "path",
    ).iterator(chunk_size=5000):
        yield Progress(*row)


def window_progress(
    *,
    stage_ids: tuple[int, ...],
    steps: tuple[tuple[int, ...], ...],
    optional: tuple[bool, ...],
    start,
    end,
) -> Iterator[Progress]:
    """Each customer's progress in a funnel report over exactly ``[start, end)`` (any moments,
    not only midnights) with a conversion window as long as it (so the deadline t1 + window
    never falls before ``end``): ``stage_ids``/``steps``/``optional`` as in FunnelSpec. Stages
    outside ``steps`` are not read. The measured impact of an action counts with it
    (docs/impact.md)."""
    days = max(1, -(-(end - start) // datetime.timedelta(days=1)))  # the length, rounded up
    spec = FunnelSpec(
        stage_ids=tuple(stage_ids),
        date_from=start.date(),
        date_to=start.date(),
        window_days=days,
        steps=tuple(tuple(group) for group in steps),
        optional=tuple(optional),
    )
    position = {stage_id: index for index, stage_id in enumerate(spec.stage_ids)}
    used = [spec.stage_ids[index] for group in spec.step_groups for index in group]
    step = walk if spec.linear else walk_steps
    qs = Event.objects.filter(stage_id__in=used, occurred_at__gte=start, occurred_at__lt=end)
    for customer_id, group in itertools.groupby(_rows(qs), key=itemgetter(0)):
        progress = step(customer_id, [row[1:] for row in group], spec, position)
        if progress is not None:
            yield progress
