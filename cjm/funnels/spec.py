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
    # Steps (docs/funnels.md, "Steps"): groups of indexes into ``stage_ids``, in order, and
    # whether each step is optional. Empty: every stage is a required step of its own.
    steps: tuple[tuple[int, ...], ...] = ()
    optional: tuple[bool, ...] = ()
    step_numbers: tuple[int, ...] = field(default=(), compare=False)  # Stage.step of each step

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

    @property
    def step_groups(self) -> tuple[tuple[int, ...], ...]:
        """Indexes into ``stage_ids`` of each step's stages, steps in order."""
        return self.steps or tuple((index,) for index in range(self.size))

    @property
    def step_optional(self) -> tuple[bool, ...]:
        """Whether each step may be skipped; the first step is where customers enter, so it
        is never optional (docs/funnels.md)."""
        flags = self.optional or (False,) * len(self.step_groups)
        return tuple(bool(flag) and index > 0 for index, flag in enumerate(flags))

    def step_number(self, step: int) -> int:
        """The ``step`` value the journey's stages carry (1, 2, ... when not known)."""
        return self.step_numbers[step] if self.step_numbers else step + 1

    @property
    def linear(self) -> bool:
        """Every step one stage and none optional: the definition of the straight funnel."""
        return all(len(group) == 1 for group in self.step_groups) and not any(self.step_optional)

    @property
    def step_of_stage(self) -> tuple[int, ...]:
        result = [0] * self.size
        for step, group in enumerate(self.step_groups):
            for index in group:
                result[index] = step
        return tuple(result)

    def signature(self) -> str:
        """Changes when stored progress can no longer be updated incrementally: the stages or
        their order or steps changed, or a touchpoint was deleted (its events lost their
        touchpoint). A straight funnel keeps the signature it had before steps existed."""
        text = f"{list(self.stage_ids)}|{sorted(self.touchpoint_ids)}"
        if not self.linear:
            text += f"|{[list(group) for group in self.step_groups]}|{list(self.step_optional)}"
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
    # Funnels with steps: the index (into FunnelSpec.stage_ids) of the stage through which each
    # reached step was reached, in order; ``offsets`` are the times of path[1:]. None: straight.
    path: list[int] | None = None


def micros(delta: datetime.timedelta) -> int:
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def spec_for(definition) -> FunnelSpec:
    """The spec of a FunnelDefinition, with the journey's current stages and steps."""
    rows = list(
        definition.journey.stages.order_by("position").values_list("pk", "step", "is_optional")
    )
    stage_ids, steps, optional, numbers = steps_of(rows)
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
        steps=steps,
        optional=optional,
        step_numbers=numbers,
    )


def steps_of(rows: list[tuple[int, int, bool]]):
    """(stage ids, steps, optional, step numbers) from (stage id, step, is_optional) rows in
    position order.

    Steps are ordered by their first stage's position; within a step, stages keep their
    positions. A step is optional when all its stages are.
    """
    groups: dict[int, list[tuple[int, bool]]] = {}
    for stage_id, step, is_optional in rows:
        groups.setdefault(step if step is not None else -stage_id, []).append(
            (stage_id, bool(is_optional))
        )
    stage_ids: list[int] = []
    steps: list[tuple[int, ...]] = []
    optional: list[bool] = []
    for members in groups.values():  # dicts keep insertion order: first position first
        steps.append(tuple(range(len(stage_ids), len(stage_ids) + len(members))))
        stage_ids.extend(stage_id for stage_id, _flag in members)
        optional.append(all(flag for _stage, flag in members))
    numbers = tuple(step if step >= 0 else 0 for step in groups)
    return tuple(stage_ids), tuple(steps), tuple(optional), numbers


def batched(iterable, size: int):
    """itertools.batched of Python 3.12: tuples of ``size`` items (the last may be shorter)."""
    iterator = iter(iterable)
    while chunk := tuple(itertools.islice(iterator, size)):
        yield chunk
