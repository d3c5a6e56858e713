"""The plans behind seed_demo's history, without a database: they name touchpoints that are on
the demo maps, the simulation is reproducible and big enough, and the comments say what their
score says."""

import datetime
from collections import Counter
from types import SimpleNamespace

import pytest

from cjm.demo import (
    behaviour,
    feedback_gen,
    feedback_plan,
    office_journey,
    office_touchpoints,
    store_journey,
    store_touchpoints_after,
    store_touchpoints_before,
)
from cjm.demo.simulate import MapRefs, simulate, steps_of_map
from feedback.sentiment import analyze

MAPS = {
    "store": (
        store_journey.stages_in_map_order(),
        {**store_touchpoints_before.TOUCHPOINTS, **store_touchpoints_after.TOUCHPOINTS},
    ),
    "office": (office_journey.STAGES, office_touchpoints.TOUCHPOINTS),
}
MODULES = {"store": store_journey, "office": office_journey}
TITLES = {"store": store_journey.JOURNEY["title"], "office": office_journey.JOURNEY["title"]}


def refs_of(key: str) -> MapRefs:
    """The map as the simulation sees it, with made-up ids (and the store map's steps: the
    pick-up branch shares the courier's step, support is optional)."""
    stages, touchpoints = MAPS[key]
    found, number = {}, 1
    for position, stage in enumerate(stages):
        for spec in touchpoints.get(stage["name"], ()):
            found[(position, spec["name"])] = (number, spec["rating"])
            number += 1
    step, marked = 0, []
    for stage in stages:
        step += "branch_of" not in stage
        optional = stage["name"] in getattr(MODULES[key], "OPTIONAL_STAGES", ())
        marked.append(SimpleNamespace(step=step, is_optional=optional))
    steps, optional_steps = steps_of_map(marked)
    return MapRefs(
        tuple(range(1, len(stages) + 1)),
        found,
        {"families": 1, "small_business": 2},
        steps=steps,
        optional=optional_steps,
    )


def touchpoint_names(key: str) -> set[str]:
    return {name for _, name in refs_of(key).touchpoints}


@pytest.mark.parametrize("plan", behaviour.PLANS, ids=lambda plan: plan.key)
def test_plans_name_the_maps_stages_and_touchpoints(plan):
    assert plan.title == TITLES[plan.key]
    stages, _ = MAPS[plan.key]
    assert len(plan.stages) == len(stages)
    on_map = refs_of(plan.key).touchpoints
    for position, stage in enumerate(plan.stages):
        for _, path in stage.paths:
            for name in path:
                assert (position, name) in on_map, (stages[position]["name"], name)
    names = touchpoint_names(plan.key)
    assert set(plan.leave_override) <= names
    assert {survey.touchpoint for survey in feedback_plan.SURVEYS[plan.key]} <= names
    reviewed = {review.touchpoint for review in feedback_plan.REVIEWS[plan.key]} - {None}
    assert reviewed <= names


def test_every_surveyed_or_reviewed_touchpoint_has_comments_in_both_languages():
    for key in MAPS:
        wanted = {survey.touchpoint for survey in feedback_plan.SURVEYS[key]}
        wanted |= {review.touchpoint for review in feedback_plan.REVIEWS[key]} - {None}
        for name in wanted:
            texts = feedback_gen.TEXTS[name]
            for mood in ("neg", "pos"):
                assert texts[mood]["ru"] and texts[mood]["en"], (name, mood)


def test_comments_say_what_their_score_says():
    """Negative-band comments read as negative and positive ones as positive to the sentiment
    scorer the app uses (so the overview's complaints are complaints)."""
    checked = Counter()
    for texts in feedback_gen.TEXTS.values():
        for mood, expected in (("neg", "negative"), ("pos", "positive")):
            for language, items in texts[mood].items():
                for text in items:
                    checked[analyze(text, language).label == expected] += 1
    assert checked[True] >= 0.9 * sum(checked.values())


def feedback(plan, sim, today):
    _, touchpoints = MAPS[plan.key]
    ratings = {spec["name"]: spec["rating"] for specs in touchpoints.values() for spec in specs}
    return feedback_gen.feedback_of(
        plan.key, sim, ratings, today=today, scale=1.0, seed="cjm-demo", used=set()
    )


def test_the_full_history_is_big_enough_and_reproducible():
    """The same day gives the same events, answers and reviews; the full size is at least
    5,000 customers and 50,000 events."""
    today = datetime.date(2025, 4, 30)
    customers = events = 0
    for plan in behaviour.PLANS:
        first = simulate(plan, refs_of(plan.key), today=today, scale=1.0, seed="cjm-demo")
        customers += first.customers
        events += len(first.rows)
        again = simulate(plan, refs_of(plan.key), today=today, scale=1.0, seed="cjm-demo")
        assert again.rows == first.rows
        assert len({row["event_id"] for row in first.rows}) == len(first.rows)
        assert feedback(plan, first, today) == feedback(plan, again, today)
    assert customers >= 5000
    assert events >= 50_000


def test_a_later_day_moves_the_history_not_its_shape():
    """Another day: the same customers and event ids, shifted in time (so a run on a later day
    over an existing history would only find duplicates; history.py skips it anyway)."""
    plan = behaviour.STORE
    first = simulate(plan, refs_of("store"), today=datetime.date(2025, 4, 30), scale=0.1, seed="s")
    later = simulate(plan, refs_of("store"), today=datetime.date(2025, 5, 7), scale=0.1, seed="s")
    assert [row["event_id"] for row in first.rows] == [row["event_id"] for row in later.rows]
    assert first.rows[0]["occurred_at"] < later.rows[0]["occurred_at"]
