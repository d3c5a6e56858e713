"""The portable engine (SQLite, the embedded default): one ordered pass over the events.

Each customer's events, sorted by (time, stage position, event_id), are walked once by a small
state machine: the first first-stage event starts the funnel (t1); after that, an event of the
next stage within the window advances the customer one stage. Sorting ties by stage position
makes "t(k-1) <= tk" include equal times, so this walk reaches exactly the tk of the definition
(docs/funnels.md); tests check it against the plain reference and the SQL engine.
"""

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
            progress = walk(customer_id, [row[1:] for row in group], spec, position)
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
    ).iterator(chunk_size=5000):
        yield Progress(*row)
