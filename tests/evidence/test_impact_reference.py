"""Measured impact's counts equal the plain-Python references: the definition of docs/impact.md
(tests/evidence/reference.py) on random events, and the funnel report's reference over the same
window on the scripted case and on maps with steps (branches and optional steps)."""

import datetime
import random

import pytest

from cjm.evidence.counting import window_counts
from cjm.evidence.impact import windows
from cjm.evidence.selectors import action_impact
from cjm.funnels.models import Event
from cjm.funnels.reference import EventRow, reference_report
from cjm.funnels.spec import FunnelSpec, steps_of
from cjm.models import Stage
from tests.factories import ActionFactory
from tests.funnels.helpers import build_funnel_world

from .helpers import DONE, event, scripted, store
from .reference import window_reference

pytestmark = pytest.mark.django_db


def test_scripted_case_equals_the_funnel_reference_over_the_same_window(world):
    """The same exit-touchpoint rule as funnel reports: a report over exactly the window (dates
    aligned to midnight) with a conversion window of its length gives the same numbers."""
    scripted(world)
    rows = [
        EventRow(
            e.customer_id, e.stage_id, e.touchpoint_id, e.channel_id, e.occurred_at, e.event_id
        )
        for e in Event.objects.all()
    ]
    stage_ids = tuple(s.pk for s in world.stages)
    for start in (DONE - datetime.timedelta(days=28), DONE):
        spec = FunnelSpec(
            stage_ids=stage_ids,
            date_from=start.date(),
            date_to=(start + datetime.timedelta(days=27)).date(),
            window_days=28,
        )
        report = reference_report(spec, rows)
        counts = window_counts(
            stage_ids=list(stage_ids),
            stage_index=1,
            touchpoint_id=world.touchpoints[1][0].pk,
            start=start,
            end=start + datetime.timedelta(days=28),
        )
        assert counts.entered == report["stages"][1]["entered"]
        assert counts.converted == report["stages"][1]["converted"]
        exits = {(r["stage"], r["touchpoint"]): r["customers"] for r in report["exit_touchpoints"]}
        assert counts.exit_customers == exits.get((stage_ids[1], world.touchpoints[1][0].pk), 0)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_counts_equal_the_reference_on_random_events(world, seed):
    """Random customers wander the three stages (out of order too, ties in time included);
    every stage, touchpoint and window gives the reference's numbers."""
    rng = random.Random(seed)
    base = DONE - datetime.timedelta(days=40)
    records = []
    for c in range(rng.randint(20, 60)):
        t = base + datetime.timedelta(hours=rng.randint(0, 80 * 24))
        for n in range(rng.randint(1, 8)):
            stage = rng.choice([0, 0, 1, 1, 2])
            touchpoint = rng.choice([None, 0, 1])
            if rng.random() < 0.3:
                at = t  # the same moment: ties broken by event_id
            else:
                at = t + datetime.timedelta(hours=rng.randint(-24, 24 * 12))
            records.append(
                event(
                    world,
                    event_id=f"e{c}-{n}-{rng.choice('aBz_9')}",
                    customer=f"c{c}",
                    stage=stage,
                    touchpoint=touchpoint,
                    at=at,
                )
            )
    store(world, records)
    plain = [
        (e.customer_id, e.stage_id, e.touchpoint_id, e.occurred_at, e.event_id)
        for e in Event.objects.all()
    ]
    stage_ids = [s.pk for s in world.stages]
    for days in (7, 28):
        done_at = DONE + datetime.timedelta(minutes=rng.randint(0, 10_000))
        for start, end in windows(done_at, days):
            for stage_index in range(3):
                for tp in world.touchpoints[stage_index]:
                    counts = window_counts(
                        stage_ids=stage_ids,
                        stage_index=stage_index,
                        touchpoint_id=tp.pk,
                        start=start,
                        end=end,
                    )
                    expected = window_reference(plain, stage_ids, stage_index, tp.pk, start, end)
                    got = (counts.entered, counts.converted, counts.exit_customers)
                    assert got == expected, (seed, days, stage_index, tp.name)


# --- maps with steps: branches and optional steps (docs/funnels.md, "Steps") ------------------

# (step, optional) of the five stages of ``world5``, in position order. Each puts the touchpoint
# of some stage in a branch, in an optional step, or after an optional step.
STEP_LAYOUTS = [
    [(1, False), (2, True), (3, False), (3, False), (4, False)],  # optional step, then branches
    [(1, False), (2, False), (2, False), (3, True), (4, True)],  # branches, optional tail
    [(1, True), (2, True), (2, True), (3, False), (4, True)],  # optional branched step
    [(1, False), (2, False), (3, True), (2, False), (4, False)],  # branch placed after step 3
    [(1, False), (1, False), (2, True), (3, True), (4, False)],  # branched entry, two optional
    [(1, False), (2, True), (2, False), (3, False), (4, False)],  # half-optional: required
]


def random_layout(rng) -> list[tuple[int, bool]]:
    steps = [1]
    for _ in range(4):
        steps.append(rng.choice([steps[-1], steps[-1] + 1, steps[-1] + 1, rng.randint(1, 4)]))
    return [(step, rng.random() < 0.35) for step in steps]


@pytest.fixture
def world5(workspace):
    return build_funnel_world(workspace, stages=5)


def set_layout(world, layout) -> None:
    for stage, (step, optional) in zip(world.stages, layout, strict=True):
        Stage.objects.filter(pk=stage.pk).update(step=step, is_optional=optional)


def random_events(world, rng, base, days: int) -> None:
    records = []
    for c in range(rng.randint(30, 60)):
        t = base + datetime.timedelta(hours=rng.randint(0, days * 24))
        for n in range(rng.randint(1, 9)):
            at = t if rng.random() < 0.25 else t + datetime.timedelta(hours=rng.randint(-12, 96))
            records.append(
                event(
                    world,
                    event_id=f"e{c}-{n}-{rng.choice('aBz_9')}",
                    customer=f"c{c}",
                    stage=rng.choice([0, 0, 1, 2, 2, 3, 3, 4]),
                    touchpoint=rng.choice([None, 0, 1]),
                    at=at,
                )
            )
    store(world, records)


def funnel_reference(world, layout, start, days: int) -> dict:
    """The funnel report's plain reference over exactly [start, start + days) (a midnight),
    with the map's steps as the funnel report reads them (spec.steps_of)."""
    rows = [
        (stage.pk, step, optional)
        for stage, (step, optional) in zip(world.stages, layout, strict=True)
    ]
    stage_ids, steps, optional, numbers = steps_of(rows)
    spec = FunnelSpec(
        stage_ids=stage_ids,
        date_from=start.date(),
        date_to=(start + datetime.timedelta(days=days - 1)).date(),
        window_days=days,
        steps=steps,
        optional=optional,
        step_numbers=numbers,
    )
    events = [
        EventRow(
            e.customer_id, e.stage_id, e.touchpoint_id, e.channel_id, e.occurred_at, e.event_id
        )
        for e in Event.objects.all()
    ]
    report = reference_report(spec, events)
    stages = {row["stage"]: row for row in report["stages"]}
    exits = {(r["stage"], r["touchpoint"]): r["customers"] for r in report["exit_touchpoints"]}
    return {
        tp.pk: (
            stages[stage.pk]["entered"],
            stages[stage.pk]["converted"],
            exits.get((stage.pk, tp.pk), 0),
        )
        for stage, tps in zip(world.stages, world.touchpoints, strict=True)
        for tp in tps
    }


@pytest.mark.parametrize(
    "case", [("fixed", n) for n in range(len(STEP_LAYOUTS))] + [("random", n) for n in range(6)]
)
def test_counts_on_maps_with_steps_equal_the_funnel_report_over_the_window(world5, case):
    """Every touchpoint of a map with branches and optional steps (in a branch, in an optional
    step, after one) gets the figures of the funnel report's reference over the same window:
    entered and converted of its stage, and the customers who left at it."""
    kind, n = case
    rng = random.Random(f"{kind}-{n}")
    layout = STEP_LAYOUTS[n] if kind == "fixed" else random_layout(rng)
    set_layout(world5, layout)
    days = 7
    done_at = DONE.replace(hour=0, minute=0, second=0, microsecond=0)
    random_events(world5, rng, done_at - datetime.timedelta(days=days + 1), 2 * days + 1)
    for start in (done_at - datetime.timedelta(days=days), done_at):
        expected = funnel_reference(world5, layout, start, days)
        for stage_tps in world5.touchpoints:
            for tp in stage_tps:
                action = ActionFactory(touchpoint=tp, status="done", done_at=done_at)
                impact = action_impact(action=action, window_days=days)
                figures = impact.before if start < done_at else impact.after
                got = (figures.entered, figures.converted, figures.exit_customers)
                assert got == expected[tp.pk], (layout, start, tp.name)


def test_changing_a_step_counts_the_window_afresh(world5):
    """The cached counts are keyed by the layout of steps: making a step optional or a stage a
    branch gives the new layout's figures at once, with no new event."""
    rng = random.Random(7)
    done_at = DONE.replace(hour=0, minute=0, second=0, microsecond=0)
    random_events(world5, rng, done_at - datetime.timedelta(days=8), 15)
    straight = [(1, False), (2, False), (3, False), (4, False), (5, False)]
    for layout in (
        straight,
        [(1, False), (2, True), (3, False), (4, False), (5, False)],
        [(1, False), (2, True), (3, False), (3, False), (4, False)],
        [(1, False), (2, False), (3, False), (3, False), (4, False)],
        straight,
    ):
        set_layout(world5, layout)
        expected = funnel_reference(world5, layout, done_at - datetime.timedelta(days=7), 7)
        for stage in (2, 3):
            tp = world5.touchpoints[stage][0]
            action = ActionFactory(touchpoint=tp, status="done", done_at=done_at)
            before = action_impact(action=action, window_days=7).before
            assert (before.entered, before.converted, before.exit_customers) == expected[tp.pk]
