"""The computation on a hand-made event set whose answer is worked out in the docstring, on the
embedded default (SQLite) and on PostgreSQL alike: the expected numbers are the same literal
values on both, which is how "SQLite == PostgreSQL" is pinned down."""

import datetime

import pytest

from cjm.funnels.reference import reference_report
from tests.funnels.helpers import (
    BASE,
    definition_for,
    public,
    record,
    reference_events,
    run_report,
    segments_of_customers,
    spec,
    store,
    stored_progress,
)

pytestmark = pytest.mark.django_db

H = datetime.timedelta(hours=1)


def scenario(world):
    """Stages A, B, C; window 1 day.

    - ann:  A 0h (TP A1), B 2h (TP B1), C 5h: completes.
    - bob:  A 0h (TP A2), A 1h (TP A1), B at -1h (before t1: does not count): leaves at A, at A1.
    - cid:  A 0h, B 25h (after the window): leaves at A, no touchpoint.
    - dan:  B 0h, C 1h, never A: not in the funnel.
    - eve:  A 0h, C 1h (skips B): leaves at A.
    - fay:  A, B and C all at 0h: completes (ties count).
    - gus:  A 0h (TP A1, id "b"), A 0h (TP A2, id "a"): leaves at A at A1 (tie: greater id).
    A: 6 entered, 2 converted; B: 2 entered, 2 converted; C: 2.
    A->B medians: ann 2h, fay 0h -> 1h. B->C: ann 3h, fay 0h -> 1.5h.
    """
    r = lambda *a, **k: record(world, *a, **k)  # noqa: E731
    return [
        r(event_id="ann-1", customer="ann", stage=0, at=BASE, touchpoint=0, segment=0),
        r(event_id="ann-2", customer="ann", stage=1, at=BASE + 2 * H, touchpoint=0),
        r(event_id="ann-3", customer="ann", stage=2, at=BASE + 5 * H),
        r(event_id="bob-1", customer="bob", stage=0, at=BASE, touchpoint=1, segment=1),
        r(event_id="bob-2", customer="bob", stage=0, at=BASE + H, touchpoint=0),
        r(event_id="bob-3", customer="bob", stage=1, at=BASE - H),
        r(event_id="cid-1", customer="cid", stage=0, at=BASE, channel=1),
        r(event_id="cid-2", customer="cid", stage=1, at=BASE + 25 * H),
        r(event_id="dan-1", customer="dan", stage=1, at=BASE),
        r(event_id="dan-2", customer="dan", stage=2, at=BASE + H),
        r(event_id="eve-1", customer="eve", stage=0, at=BASE),
        r(event_id="eve-2", customer="eve", stage=2, at=BASE + H),
        r(event_id="fay-1", customer="fay", stage=2, at=BASE),
        r(event_id="fay-2", customer="fay", stage=1, at=BASE),
        r(event_id="fay-3", customer="fay", stage=0, at=BASE),
        r(event_id="b", customer="gus", stage=0, at=BASE, touchpoint=0),
        r(event_id="a", customer="gus", stage=0, at=BASE, touchpoint=1),
    ]


def test_hand_made_scenario(world):
    store(world, scenario(world))
    definition = definition_for(
        world,
        date_from=BASE.date() - datetime.timedelta(days=1),
        date_to=BASE.date(),
        window_days=1,
    )
    result = run_report(definition).result
    a, b, c = (stage.pk for stage in world.stages)
    assert result["stages"] == [
        {
            "stage": a,
            "entered": 6,
            "converted": 2,
            "drop_off_rate": pytest.approx(1 - 2 / 6),
            "median_seconds_to_convert": 3600.0,
        },
        {
            "stage": b,
            "entered": 2,
            "converted": 2,
            "drop_off_rate": 0.0,
            "median_seconds_to_convert": 5400.0,
        },
        {
            "stage": c,
            "entered": 2,
            "converted": None,
            "drop_off_rate": None,
            "median_seconds_to_convert": None,
        },
    ]
    a1 = world.touchpoints[0][0].pk
    assert result["exit_touchpoints"] == [{"touchpoint": a1, "stage": a, "customers": 2}]
    assert public(result) == reference_report(spec(definition), reference_events())


def test_date_range_cuts_events_and_window_is_inclusive(world):
    store(
        world,
        [
            record(world, event_id="1", customer="ann", stage=0, at=BASE),
            record(world, event_id="2", customer="ann", stage=1, at=BASE + 24 * H),  # = t1 + 1 day
            record(world, event_id="3", customer="bob", stage=0, at=BASE - H),  # the day before
            record(world, event_id="4", customer="bob", stage=1, at=BASE),
        ],
    )
    definition = definition_for(
        world,
        date_from=BASE.date(),
        date_to=BASE.date() + datetime.timedelta(days=1),
        window_days=1,
    )
    result = run_report(definition).result
    assert [row["entered"] for row in result["stages"]] == [1, 1, 0]
    assert result["stages"][0]["median_seconds_to_convert"] == 86400.0
    assert result["stages"][1]["drop_off_rate"] == 1.0
    assert result["stages"][2]["drop_off_rate"] is None


def test_channel_filter_and_segment_filter(world):
    store(
        world,
        [
            record(world, event_id="1", customer="ann", stage=0, at=BASE, channel=0, segment=0),
            record(world, event_id="2", customer="ann", stage=1, at=BASE + H, channel=1),
            record(world, event_id="3", customer="bob", stage=0, at=BASE, channel=1, segment=1),
            record(world, event_id="4", customer="bob", stage=1, at=BASE + H, channel=1),
        ],
    )
    web = definition_for(
        world, date_from=BASE.date(), date_to=BASE.date(), channel=world.channels[0]
    )
    assert [r["entered"] for r in run_report(web).result["stages"]] == [1, 0, 0]
    everyone = definition_for(world, date_from=BASE.date(), date_to=BASE.date())
    students = run_report(everyone, segment=world.segments[1]).result
    assert [r["entered"] for r in students["stages"]] == [1, 1, 0]
    expected = reference_report(
        spec(everyone),
        reference_events(),
        segment_of=segments_of_customers(),
        segment_id=world.segments[1].pk,
    )
    assert public(students) == expected


def test_empty_journey_and_no_events(world):
    definition = definition_for(world, date_from=BASE.date(), date_to=BASE.date())
    result = run_report(definition).result
    assert [row["entered"] for row in result["stages"]] == [0, 0, 0]
    assert all(row["drop_off_rate"] is None for row in result["stages"])
    assert result["exit_touchpoints"] == []
    assert len(result["trend"]) == 1 and result["trend"][0]["conversion_rate"] is None


def test_weekly_trend_counts_cohorts_by_entry_week(world):
    store(
        world,
        [
            record(world, event_id="1", customer="ann", stage=0, at=BASE),
            record(world, event_id="2", customer="ann", stage=1, at=BASE + H),
            record(world, event_id="3", customer="ann", stage=2, at=BASE + 2 * H),
            record(world, event_id="4", customer="bob", stage=0, at=BASE + 7 * 24 * H),
        ],
    )
    definition = definition_for(
        world, date_from=BASE.date(), date_to=BASE.date() + datetime.timedelta(days=13)
    )
    trend = run_report(definition).result["trend"]
    assert [(w["week_start"], w["entered"], w["completed"]) for w in trend] == [
        ("2026-03-02", 1, 1),
        ("2026-03-09", 1, 0),
    ]
    assert trend[0]["conversion_rate"] == 1.0 and trend[1]["conversion_rate"] == 0.0


def test_second_run_is_incremental_and_handles_late_events(world):
    store(world, scenario(world))
    definition = definition_for(
        world,
        date_from=BASE.date() - datetime.timedelta(days=1),
        date_to=BASE.date(),
        window_days=1,
    )
    first = run_report(definition)
    assert first.mode == "full"
    # A late event for the past: eve reaches B after all (t1 <= 0.5h <= window).
    store(world, [record(world, event_id="eve-late", customer="eve", stage=1, at=BASE + H / 2)])
    second = run_report(definition)
    assert second.mode == "incremental" and second.customers_processed == 1
    assert second.result["stages"][1]["entered"] == 3
    incremental_rows = stored_progress(definition)
    full = run_report(definition, force_full=True)
    assert full.mode == "full"
    assert stored_progress(definition) == incremental_rows
    assert public(full.result) == public(second.result)
    assert public(second.result) == reference_report(spec(definition), reference_events())


def test_changing_the_stages_forces_a_full_run(world):
    store(world, scenario(world))
    definition = definition_for(world, date_from=BASE.date(), date_to=BASE.date(), window_days=1)
    run_report(definition)
    world.stages[2].delete()
    outcome = run_report(definition)
    assert outcome.mode == "full"
    assert len(outcome.result["stages"]) == 2
    assert public(outcome.result) == reference_report(spec(definition), reference_events())


def test_lost_progress_is_recomputed(world):
    """PostgreSQL keeps the progress UNLOGGED: after a crash the table is empty and the next run
    must notice and recompute everything instead of adding to nothing."""
    from django.db import connection

    from cjm.funnels.models import FunnelProgress

    if connection.vendor != "postgresql":
        pytest.skip("the progress table is UNLOGGED on PostgreSQL only")
    store(world, scenario(world))
    definition = definition_for(world, date_from=BASE.date(), date_to=BASE.date(), window_days=1)
    first = run_report(definition)
    FunnelProgress.objects.all().delete()  # what crash recovery does to an UNLOGGED table
    again = run_report(definition)
    assert again.mode == "full"
    assert public(again.result) == public(first.result)


def test_incremental_run_on_the_boundaries(world):
    """Late events exactly at t1 (a first-stage tie that changes the entry channel) and exactly
    at t1 + window (reaches the next stage) are taken into account by an incremental run."""
    store(
        world,
        [
            record(world, event_id="b", customer="bob", stage=0, at=BASE, channel=0),
            record(world, event_id="x1", customer="ann", stage=0, at=BASE),
            record(world, event_id="x2", customer="cid", stage=1, at=BASE),  # not in the funnel
        ],
    )
    definition = definition_for(
        world,
        date_from=BASE.date(),
        date_to=BASE.date() + datetime.timedelta(days=2),
        window_days=1,
    )
    run_report(definition)
    store(
        world,
        [
            record(world, event_id="a", customer="bob", stage=0, at=BASE, channel=1),
            record(world, event_id="y1", customer="ann", stage=1, at=BASE + 24 * H),
            record(world, event_id="y2", customer="ann", stage=2, at=BASE + 25 * H),  # too late
            record(world, event_id="y3", customer="cid", stage=2, at=BASE + H),
        ],
    )
    incremental = run_report(definition)
    assert incremental.mode == "incremental"
    rows = stored_progress(definition)
    full = run_report(definition, force_full=True)
    assert stored_progress(definition) == rows
    assert public(full.result) == public(incremental.result)
    assert [s["entered"] for s in incremental.result["stages"]] == [2, 1, 0]
