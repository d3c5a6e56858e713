"""The demo's event generator on a map with steps: customers take one branch of a step, some
skip the optional step, nobody walks two branches of one step, and the events are the same on
every run; a straight map draws nothing more (its events are those of before steps)."""

import datetime
from collections import defaultdict
from types import SimpleNamespace

from cjm.demo import behaviour, store_journey, store_touchpoints_after, store_touchpoints_before
from cjm.demo.simulate import MapRefs, simulate, steps_of_map

TODAY = datetime.date(2026, 6, 1)


def store_refs(steps=(), optional=()) -> MapRefs:
    touchpoints = {**store_touchpoints_before.TOUCHPOINTS, **store_touchpoints_after.TOUCHPOINTS}
    found, number = {}, 1
    for position, stage in enumerate(store_journey.STAGES):
        for spec in touchpoints.get(stage["name"], ()):
            found[(position, spec["name"])] = (number, spec["rating"])
            number += 1
    ids = tuple(range(1, len(store_journey.STAGES) + 1))
    return MapRefs(ids, found, {"families": 1}, steps=steps, optional=optional)


def test_steps_of_map_reads_step_and_is_optional():
    stage = lambda step, optional=False: SimpleNamespace(step=step, is_optional=optional)  # noqa: E731
    assert steps_of_map([stage(1), stage(2), stage(3)]) == ((), ())
    assert steps_of_map([stage(1), stage(2, True), stage(3), stage(3), stage(4)]) == (
        ((0,), (1,), (2, 3), (4,)),
        (False, True, False, False),
    )


def test_branches_and_optional_steps_in_the_demo_events():
    count = len(store_journey.STAGES)
    # stage 2 optional, stages 3 and 4 alternatives of one step, the rest straight
    steps = ((0,), (1,), (2,), (3, 4), *((p,) for p in range(5, count)))
    optional = tuple(index == 2 for index in range(len(steps)))
    refs = store_refs(steps, optional)
    first = simulate(behaviour.STORE, refs, today=TODAY, scale=0.05, seed="t")
    again = simulate(behaviour.STORE, refs, today=TODAY, scale=0.05, seed="t")
    assert first.rows == again.rows  # deterministic

    stages_of = defaultdict(list)
    for row in first.rows:
        stages_of[row["customer"]].append(row["stage"])
    # first walks only (repeat visits come after the last stage)
    walked = [
        stages[: stages.index(refs.stage_ids[-1])] if refs.stage_ids[-1] in stages else stages
        for stages in stages_of.values()
    ]
    branch_a, branch_b, optional_stage = refs.stage_ids[3], refs.stage_ids[4], refs.stage_ids[2]
    assert not any(branch_a in s and branch_b in s for s in walked)
    assert sum(branch_a in s for s in walked) > 0 and sum(branch_b in s for s in walked) > 0
    went_past = [s for s in walked if branch_a in s or branch_b in s]
    skipped = [s for s in went_past if optional_stage not in s]
    assert 0 < len(skipped) < len(went_past)


def test_a_straight_map_gets_the_same_events_as_before_steps():
    plain = simulate(behaviour.STORE, store_refs(), today=TODAY, scale=0.02, seed="t")
    steps, optional = steps_of_map(
        [SimpleNamespace(step=n, is_optional=False) for n in range(len(store_journey.STAGES))]
    )
    assert (steps, optional) == ((), ())
    assert (
        plain.rows
        == simulate(
            behaviour.STORE, store_refs(steps, optional), today=TODAY, scale=0.02, seed="t"
        ).rows
    )
