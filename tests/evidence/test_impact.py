"""Measured impact of a done action through ``action_impact``: the before and after counts of
a scripted case, the verdict and the test it names (z-test or Fisher's exact), a sample too
small, too early, no data, the last stage, late events reaching a cached impact."""

import datetime

import pytest
from django.utils import timezone

from cjm.evidence.selectors import action_impact
from cjm.evidence.stats import FISHER, Z_TEST, two_proportion_z

from .helpers import DONE, done_action, scripted, store, walkers

pytestmark = pytest.mark.django_db


def test_scripted_exit_rate_falls_from_40_to_10_percent(world):
    scripted(world)
    impact = action_impact(action=done_action(world))
    assert impact.status == "measured"
    assert (impact.before.entered, impact.before.exit_customers) == (100, 40)
    assert (impact.after.entered, impact.after.exit_customers) == (100, 10)
    assert impact.before.exit_rate == pytest.approx(0.4)
    assert impact.after.exit_rate == pytest.approx(0.1)
    assert impact.before.drop_off_rate == pytest.approx(0.4)
    assert impact.after.drop_off_rate == pytest.approx(0.1)
    assert impact.test == Z_TEST  # every expected count is 25 or more
    assert impact.p_value == pytest.approx(two_proportion_z(40, 100, 10, 100))
    assert impact.p_value < 0.001
    assert impact.outcome == "worked"
    assert impact.verdict.startswith("Exits fell from 40% to 10%: significant")
    assert "z-test" in impact.verdict


def test_small_counts_use_fishers_exact_test(world):
    store(
        world,
        walkers(
            world,
            prefix="b",
            start=DONE - datetime.timedelta(days=5),
            converted=12,
            left=8,
            other=0,
        ),
    )
    store(
        world,
        walkers(
            world,
            prefix="a",
            start=DONE + datetime.timedelta(days=5),
            converted=20,
            left=0,
            other=0,
        ),
    )
    impact = action_impact(action=done_action(world))
    assert impact.test == FISHER
    assert impact.p_value == pytest.approx(0.003276, abs=1e-5)
    assert impact.verdict == (
        "Exits fell from 40% to 0%: significant (Fisher's exact test, p=0.003)"
    )


def test_too_few_customers_say_the_sample_is_too_small(world):
    store(
        world,
        walkers(
            world, prefix="b", start=DONE - datetime.timedelta(days=5), converted=3, left=2, other=0
        ),
    )
    impact = action_impact(action=done_action(world))
    assert impact.status == "measured"
    assert impact.sample_too_small
    assert impact.test is None and impact.outcome == "not_measurable"
    assert "too small" in impact.verdict


def test_too_early_until_the_after_window_has_passed(world):
    done_at = timezone.now() - datetime.timedelta(days=5)
    store(
        world,
        walkers(
            world,
            prefix="b",
            start=done_at - datetime.timedelta(days=3),
            converted=30,
            left=30,
            other=0,
        ),
    )
    impact = action_impact(action=done_action(world, done_at=done_at))
    assert impact.status == "too_early"
    assert impact.outcome == "too_early"
    assert impact.before.entered == 60
    assert impact.measurable_from == done_at + datetime.timedelta(days=28)
    later = action_impact(
        action=done_action(world, done_at=done_at),
        now=done_at + datetime.timedelta(days=28, seconds=1),
    )
    assert later.status == "measured"


def test_no_events_is_no_data(world):
    impact = action_impact(action=done_action(world))
    assert impact.status == "no_data"
    assert impact.before.exit_rate is None


def test_the_last_stage_has_no_exits(world):
    scripted(world)
    impact = action_impact(action=done_action(world, stage=2))
    assert impact.before.entered == 60
    assert impact.before.exit_customers == 0
    assert impact.before.converted is None and impact.before.drop_off_rate is None


def test_late_events_reach_a_cached_impact(world):
    scripted(world)
    action = done_action(world)
    assert action_impact(action=action).after.entered == 100
    store(
        world,
        walkers(
            world,
            prefix="late",
            start=DONE + datetime.timedelta(days=3),
            converted=0,
            left=5,
            other=0,
        ),
    )
    again = action_impact(action=action)
    assert (again.after.entered, again.after.exit_customers) == (105, 15)
