"""Simulated customers walking a demo journey: the events of ``seed_demo``'s history.

Plain Python with a seeded ``random.Random``: the same plan, map and day give the same events,
byte for byte. No database access here; ``history.py`` hands the rows to the ingestion service.

A customer enters the first stage at a random moment of the last ``DAYS`` days (more often in
the evening and on weekdays), then walks stage by stage. In each stage they follow one of the
stage's typical paths (a few touchpoints in order), one event per touchpoint. Right after each
touchpoint they may leave for good: rarely after an excellent one, often after an awful one (the
plan's ``leave_after``), so the funnel's exits pile up where the map says the experience is
worst. Time passes between touchpoints and between stages; whatever would happen after the end
of the history (midnight UTC of ``today``) has not happened yet. Customers who reach the last
stage come back (repeat orders, monthly deliveries): more events, no effect on the funnel.

Maps with steps (``MapRefs.steps``): customers walk the steps in order, choosing one branch of
a step with several stages (in proportion to the branches' ``StagePlan.share``) and skipping an
optional step now and then (its ``StagePlan.skip``, else ``SKIP_OPTIONAL``); on repeat visits a
customer takes the branch they took the first time. A straight map draws nothing for this, so
its events are the same as before steps existed.
"""

import datetime
import itertools
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

DAYS = 89  # customers enter on the 89 days before today (the funnel page's default range)
UTC = datetime.UTC
# Relative weight of each hour of the day (UTC+3 evenings are busiest) and of each weekday.
HOUR_WEIGHTS = [1, 1, 1, 2, 4, 6, 7, 8, 8, 8, 8, 8, 9, 10, 11, 12, 14, 15, 15, 12, 8, 4, 2, 1]
WEEKDAY_WEIGHTS = [1.1, 1.1, 1.0, 1.0, 1.0, 0.8, 0.9]
SKIP_OPTIONAL = 0.35  # share of the customers who skip an optional step (unless its plan says)


@dataclass(frozen=True)
class StagePlan:
    """How customers go through one stage: ``paths`` are (weight, touchpoint names in order);
    ``delay_hours`` is the time from the previous stage's last touchpoint to this stage's first
    (log-uniform between the two bounds), ``gap_minutes`` the time between touchpoints."""

    paths: tuple[tuple[float, tuple[str, ...]], ...]
    delay_hours: tuple[float, float] = (0.0, 0.0)
    gap_minutes: tuple[float, float] = (1.0, 15.0)
    leave: float = 0.0  # who leaves after the stage anyway, whatever the touchpoints were
    # On a map with steps: the weight of this stage among the branches of its step, and the
    # share of the customers who skip the stage's step when it is optional (None: SKIP_OPTIONAL).
    share: float = 1.0
    skip: float | None = None


@dataclass(frozen=True)
class RepeatPlan:
    """Customers who reached the last stage come back: stages ``stages`` (positions) again,
    ``gap_days`` after the previous visit, as long as a draw stays under ``again``."""

    stages: tuple[int, ...]
    gap_days: tuple[float, float]
    again: float


@dataclass(frozen=True)
class JourneyPlan:
    key: str
    title: str  # finds the journey in the demo workspace
    customers: int  # at scale 1
    customer_id: str  # format of the external id, e.g. "DD-{:06d}"
    first_number: int
    segments: tuple[tuple[str | None, float], ...]  # (segment key, weight)
    stages: tuple[StagePlan, ...]
    leave_after: dict  # rating -> probability of leaving right after such a touchpoint
    leave_override: dict = field(default_factory=dict)  # touchpoint name -> probability
    repeat: RepeatPlan | None = None
    window_days: int = 30  # conversion window of the demo's funnel report
    growth: float = 0.3  # the last day sees this much more new customers than the first


class Visit(NamedTuple):
    customer: str
    touchpoint: str
    at: datetime.datetime
    left: bool  # the customer left for good right after this touchpoint


@dataclass
class Simulation:
    rows: list[dict] = field(default_factory=list)  # event rows for events_bulk_ingest
    visits: dict[str, list[Visit]] = field(default_factory=lambda: defaultdict(list))
    customers: int = 0


@dataclass
class _Customer:
    number: int
    external_id: str
    segment_id: int | None
    events: int = 0  # the event ids' counter
    took: dict = field(default_factory=dict)  # step index -> the branch (position) walked


@dataclass(frozen=True)
class MapRefs:
    """The ids the rows need: stage ids by position, (stage position, name) -> (touchpoint id,
    rating), segment ids by key. Touchpoints the map no longer has are skipped."""

    stage_ids: tuple[int, ...]
    touchpoints: dict
    segments: dict
    # The map's steps as groups of stage positions, in order, and whether each is optional;
    # empty for a straight map (every stage a required step of its own).
    steps: tuple[tuple[int, ...], ...] = ()
    optional: tuple[bool, ...] = ()


def steps_of_map(stages) -> tuple[tuple[tuple[int, ...], ...], tuple[bool, ...]]:
    """(steps, optional) for ``MapRefs`` from the map's stages in position order (objects with
    ``step`` and ``is_optional``): steps ordered by their first stage; () for a straight map."""
    groups: dict = {}
    for position, stage in enumerate(stages):
        groups.setdefault(stage.step, []).append((position, stage.is_optional))
    steps = tuple(tuple(position for position, _ in members) for members in groups.values())
    optional = tuple(
        index > 0 and all(flag for _, flag in members)
        for index, members in enumerate(groups.values())
    )
    if all(len(step) == 1 for step in steps) and not any(optional):
        return (), ()
    return steps, optional


def iso(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class _Walker:
    def __init__(self, plan: JourneyPlan, refs: MapRefs, end: datetime.datetime, seed: str):
        self.plan, self.refs, self.end = plan, refs, end
        self.rng = random.Random(f"{seed}:{plan.key}")
        self.out = Simulation()
        # Cumulative weights: random.choices skips adding them up on every draw.
        self.days = list(
            itertools.accumulate(
                (1 + plan.growth * day / DAYS)
                * WEEKDAY_WEIGHTS[(end - datetime.timedelta(days=DAYS - day)).weekday()]
                for day in range(DAYS)
            )
        )
        self.hours = list(itertools.accumulate(HOUR_WEIGHTS))
        self.segments = list(itertools.accumulate(weight for _, weight in plan.segments))
        self.paths = [
            list(itertools.accumulate(weight for weight, _ in stage.paths)) for stage in plan.stages
        ]
        self.step_of = {
            position: index for index, group in enumerate(refs.steps) for position in group
        }

    def log_uniform(self, low: float, high: float) -> float:
        if low <= 0 or high <= low:
            return max(low, 0.0)
        return math.exp(self.rng.uniform(math.log(low), math.log(high)))

    def entry_time(self) -> datetime.datetime:
        day = self.rng.choices(range(DAYS), cum_weights=self.days)[0]
        hour = self.rng.choices(range(24), cum_weights=self.hours)[0]
        midnight = self.end - datetime.timedelta(days=DAYS - day)
        return midnight + datetime.timedelta(hours=hour, seconds=self.rng.randrange(3600))

    def path(self, position: int) -> list[str]:
        stage = self.plan.stages[position]
        names = self.rng.choices(stage.paths, cum_weights=self.paths[position])[0][1]
        return [name for name in names if (position, name) in self.refs.touchpoints]

    def leave_chance(self, position: int, name: str) -> float:
        if name in self.plan.leave_override:
            return self.plan.leave_override[name]
        rating = self.refs.touchpoints[(position, name)][1]
        return self.plan.leave_after.get(rating, 0.0)

    def walk_stage(self, customer: _Customer, position: int, at, *, first_time: bool):
        """Emit the stage's events from ``at``; return (time of the last one, left) or None
        when the history ends before the stage does."""
        stage = self.plan.stages[position]
        names = self.path(position)
        if not names:
            return at, False
        for index, name in enumerate(names):
            if index:
                at += datetime.timedelta(minutes=self.log_uniform(*stage.gap_minutes))
            if at >= self.end:
                return None
            left = first_time and self.rng.random() < self.leave_chance(position, name)
            if first_time and not left and index == len(names) - 1:
                left = self.rng.random() < stage.leave
            self.emit(customer, position, name, at, left)
            if left:
                return at, True
        return at, False

    def emit(self, customer: _Customer, position: int, name: str, at, left: bool) -> None:
        row = {
            "event_id": f"demo-{self.plan.key}-{customer.number}-{customer.events}",
            "customer": customer.external_id,
            "stage": self.refs.stage_ids[position],
            "touchpoint": self.refs.touchpoints[(position, name)][0],
            "occurred_at": iso(at),
        }
        if customer.segment_id is not None:
            row["segment"] = customer.segment_id
        customer.events += 1
        self.out.rows.append(row)
        self.out.visits[name].append(Visit(customer.external_id, name, at, left))

    def delay(self, position: int, at):
        return at + datetime.timedelta(
            hours=self.log_uniform(*self.plan.stages[position].delay_hours)
        )

    def customer(self, number: int) -> None:
        plan = self.plan
        segment_key = self.rng.choices(plan.segments, cum_weights=self.segments)[0][0]
        customer = _Customer(
            number,
            plan.customer_id.format(plan.first_number + number),
            self.refs.segments.get(segment_key),
        )
        at = self.entry_time()
        for count, position in enumerate(self.route(customer)):
            if count:
                at = self.delay(position, at)
            walked = self.walk_stage(customer, position, at, first_time=True)
            if walked is None:
                return
            at, left = walked
            if left:
                return
        self.repeats(customer, at)

    def route(self, customer: _Customer) -> list[int]:
        """The stage positions a customer walks: every step in order, one branch of each,
        optional steps sometimes skipped. A straight map: every position, nothing drawn."""
        if not self.refs.steps:
            return list(range(len(self.plan.stages)))
        stages = self.plan.stages
        positions = []
        for index, group in enumerate(self.refs.steps):
            if self.refs.optional[index]:
                skip = stages[group[0]].skip
                if self.rng.random() < (SKIP_OPTIONAL if skip is None else skip):
                    continue
            if len(group) == 1:
                position = group[0]
            else:
                shares = [stages[member].share for member in group]
                position = self.rng.choices(group, weights=shares)[0]
                customer.took[index] = position
            positions.append(position)
        return positions

    def repeats(self, customer: _Customer, at) -> None:
        repeat = self.plan.repeat
        if repeat is None:
            return
        while self.rng.random() < repeat.again:
            at += datetime.timedelta(days=self.rng.uniform(*repeat.gap_days))
            for index, planned in enumerate(repeat.stages):
                # The plan names one branch of a step; the customer keeps to the one they took.
                position = customer.took.get(self.step_of.get(planned), planned)
                if index:
                    at = self.delay(position, at)
                walked = self.walk_stage(customer, position, at, first_time=False)
                if walked is None:
                    return
                at = walked[0]

    def run(self, customers: int) -> Simulation:
        for number in range(customers):
            self.customer(number)
        self.out.customers = customers
        return self.out


def simulate(
    plan: JourneyPlan, refs: MapRefs, *, today: datetime.date, scale: float, seed: str
) -> Simulation:
    """The events of ``round(plan.customers * scale)`` customers up to midnight UTC of
    ``today`` (exclusive)."""
    end = datetime.datetime.combine(today, datetime.time.min, tzinfo=UTC)
    count = max(1, round(plan.customers * scale))
    return _Walker(plan, refs, end, seed).run(count)
