"""The demo's event generator on a map with steps: customers take one branch of a step, some
skip the optional step, nobody walks two branches of one step (repeat visits included), and the
events are the same on every run; a straight map draws nothing more (its events are those of
before steps)."""

import datetime
from collections import defaultdict
from types import SimpleNamespace

from cjm.demo import behaviour, store_journey, store_touchpoints_after, store_touchpoints_before
from cjm.demo.simulate import MapRefs, simulate, steps_of_map

TODAY = datetime.date(2026, 6, 1)


def store_refs(steps=(), optional=()) -> MapRefs:
    touchpoints = {**store_touchpoints_before.TOUCHPOINTS, **store_touchpoints_after.TOUCHPOINTS}
    found, number = {}, 1
    stages = store_journey.stages_in_map_order()
    for position, stage in enumerate(stages):
        for spec in touchpoints.get(stage["name"], ()):
            found[(position, spec["name"])] = (number, spec["rating"])
            number += 1
    ids = tuple(range(1, len(stages) + 1))
    return MapRefs(ids, found, {"families": 1}, steps=steps, optional=optional)


def test_steps_of_map_reads_step_and_is_optional():
    stage = lambda step, optional=False: SimpleNamespace(step=step, is_optional=optional)  # noqa: E731
    assert steps_of_map([stage(1), stage(2), stage(3)]) == ((), ())
    assert steps_of_map([stage(1), stage(2, True), stage(3), stage(3), stage(4)]) == (
        ((0,), (1,), (2, 3), (4,)),
        (False, True, False, False),
    )


def demo_steps():
    """The store map's steps as the demo seeds them: courier | pick-up, support optional."""
    names = [stage["name"] for stage in store_journey.stages_in_map_order()]
    branch_of = {spec["name"]: spec["branch_of"] for spec in store_journey.BRANCHES}
    steps: list[list[int]] = []
    for position, name in enumerate(names):
        if name in branch_of:
            steps[-1].append(position)
        else:
            steps.append([position])
    optional = tuple(names[step[0]] in store_journey.OPTIONAL_STAGES for step in steps)
    return tuple(tuple(step) for step in steps), optional


def test_the_demo_map_has_a_two_way_branch_and_an_optional_step_after_the_first():
    steps, optional = demo_steps()
    assert [len(step) for step in steps].count(2) == 1
    assert optional.count(True) == 1 and not optional[0]


def test_branches_and_optional_steps_in_the_demo_events():
    steps, optional = demo_steps()
    branch_a, branch_b = next(step for step in steps if len(step) == 2)
    optional_position = steps[optional.index(True)][0]
    refs = store_refs(steps, optional)
    first = simulate(behaviour.STORE, refs, today=TODAY, scale=0.05, seed="t")
    again = simulate(behaviour.STORE, refs, today=TODAY, scale=0.05, seed="t")
    assert first.rows == again.rows  # deterministic

    stages_of = defaultdict(list)
    for row in first.rows:
        stages_of[row["customer"]].append(row["stage"])
    branch_a, branch_b = refs.stage_ids[branch_a], refs.stage_ids[branch_b]
    optional_stage = refs.stage_ids[optional_position]
    # repeat visits keep to the branch taken the first time
    assert not any(branch_a in s and branch_b in s for s in stages_of.values())
    # first walks only (repeat visits come after the last stage)
    walked = [
        stages[: stages.index(refs.stage_ids[-1])] if refs.stage_ids[-1] in stages else stages
        for stages in stages_of.values()
    ]
    assert not any(branch_a in s and branch_b in s for s in walked)
    assert sum(branch_a in s for s in walked) > 0 and sum(branch_b in s for s in walked) > 0
    # who reached the last step went past the optional one: some with it, some without
    went_past = [
        walk
        for walk, stages in zip(walked, stages_of.values(), strict=True)
        if refs.stage_ids[-1] in stages
    ]
    skipped = [s for s in went_past if optional_stage not in s]
    assert 0 < len(skipped) < len(went_past)


def test_a_straight_map_gets_the_same_events_as_before_steps():
    refs = store_refs()
    plain = simulate(behaviour.STORE, refs, today=TODAY, scale=0.02, seed="t")
    steps, optional = steps_of_map(
        [SimpleNamespace(step=n, is_optional=False) for n in range(len(refs.stage_ids))]
    )
    assert (steps, optional) == ((), ())
    assert (
        plain.rows
        == simulate(
            behaviour.STORE, store_refs(steps, optional), today=TODAY, scale=0.02, seed="t"
        ).rows
    )
