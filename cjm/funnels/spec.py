"""What a funnel computation needs, in plain values: the engines and the reference share it."""

import datetime
import hashlib
import itertools
from dataclasses import dataclass, field

from touchpoints.models import Touchpoint

UTC = datetime.UTC


@dataclass(frozen=True)
class FunnelSpec:
    """The inputs of the definition in docs/funnels.md.

    ``stage_ids`` in journey order; events count when ``start <= occurred_at < end`` (the UTC
    dates ``date_from`` .. ``date_to`` inclusive); ``window`` is the conversion window.
    """

    stage_ids: tuple[int, ...]
    date_from: datetime.date
    date_to: datetime.date
    window_days: int
    channel_id: int | None = None
    touchpoint_ids: tuple[int, ...] = field(default=(), compare=False)

    @property
    def start(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date_from, datetime.time.min, tzinfo=UTC)

    @property
    def end(self) -> datetime.datetime:
        day_after = self.date_to + datetime.timedelta(days=1)
        return datetime.datetime.combine(day_after, datetime.time.min, tzinfo=UTC)

    @property
    def window(self) -> datetime.timedelta:
        return datetime.timedelta(days=self.window_days)

    @property
    def size(self) -> int:
        return len(self.stage_ids)

    def signature(self) -> str:
        """Changes when stored progress can no longer be updated incrementally: the stages or
        their order changed, or a touchpoint was deleted (its events lost their touchpoint)."""
        text = f"{list(self.stage_ids)}|{sorted(self.touchpoint_ids)}"
        return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


@dataclass
class Progress:
    """One customer's way through the funnel: see FunnelProgress."""

    customer_id: int
    reached: int
    entered_at: datetime.datetime
    offsets: list[int]
    exit_touchpoint_id: int | None
    entry_channel_id: int | None
    segment_id: int | None = None  # filled when read back for aggregation


def micros(delta: datetime.timedelta) -> int:
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def spec_for(definition) -> FunnelSpec:
    """The spec of a FunnelDefinition, with the journey's current stages."""
    stage_ids = tuple(definition.journey.stages.order_by("position").values_list("pk", flat=True))
    touchpoint_ids = tuple(
        Touchpoint.objects.filter(stage__journey_id=definition.journey_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return FunnelSpec(
        stage_ids=stage_ids,
        date_from=definition.date_from,
        date_to=definition.date_to,
        window_days=definition.conversion_window_days,
        channel_id=definition.channel_id,
        touchpoint_ids=touchpoint_ids,
    )


def batched(iterable, size: int):
    """itertools.batched of Python 3.12: tuples of ``size`` items (the last may be shorter)."""
    iterator = iter(iterable)
    while chunk := tuple(itertools.islice(iterator, size)):
        yield chunk
