"""Property test: the engines equal the plain-Python reference of the definition on random small
event sets, and an incremental run equals a full recompute.

Generated: same timestamps, out-of-order arrival, skipped stages, repeats, events on the window
boundary and outside the date range, empty stages, ties broken by event_id, channel and segment
filters. Runs on whichever database the suite runs on (SQLite by default, PostgreSQL in CI).
"""

import datetime
import os
import random

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cjm.funnels.models import Customer, Event, FunnelDefinition
from cjm.funnels.reference import reference_progress, reference_report
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

CUSTOMERS = ["ann", "bob", "cid"]
# Few distinct times, around the boundaries: window ends (t1 + 0, 1 or 2 days) and day ends of
# the date range (which starts 1 day before to 1 day after BASE and lasts 1 to 3 days).
HOURS = [0, 1, 24, -1, 25, 48, -24]  # the first is what hypothesis tries most: keep it in range

event = st.tuples(
    st.integers(0, len(CUSTOMERS) - 1),  # customer
    st.integers(0, 2),  # stage
    st.one_of(st.none(), st.integers(0, 1)),  # touchpoint of that stage
    st.one_of(st.none(), st.integers(0, 1)),  # channel
    st.sampled_from(HOURS),  # hours from BASE
    st.sampled_from("abc"),  # event id prefix: decides ties
)

scenario = st.fixed_dictionaries(
    {
        "events": st.lists(event, min_size=8, max_size=40),
        "segments": st.lists(
            st.one_of(st.none(), st.integers(0, 1)),
            min_size=len(CUSTOMERS),
            max_size=len(CUSTOMERS),
        ),
        "order": st.randoms(use_true_random=False),
        "split": st.floats(0, 1),
        "window_days": st.integers(0, 2),
        "start_day": st.integers(-1, 1),
        "days": st.integers(0, 2),
        "channel": st.one_of(st.none(), st.just(0)),
        "segment": st.one_of(st.none(), st.just(1)),
    }
)


def case_of(events, **options) -> dict:
    defaults = {
        "segments": [0, 1, None],
        "order": random.Random(7),
        "split": 0.5,
        "window_days": 1,
        "start_day": 0,
        "days": 1,
        "channel": None,
        "segment": None,
    }
    return {"events": events, **defaults, **options}


# Edge cases that always run, next to the generated ones.
TIES_AND_BOUNDARIES = case_of(
    [
        (0, 0, 0, None, 0, "a"),  # ann leaves at S1; two touchpoints at the same time:
        (0, 0, 1, None, 0, "b"),  # the greater event_id ("b001") is her exit touchpoint
        (1, 0, None, 0, 0, "b"),  # bob enters twice at the same time: the smaller
        (1, 0, None, 1, 0, "a"),  # event_id ("a003") gives his entry channel
        (2, 0, None, None, 0, "c"),  # cid: every stage at the same time
        (2, 1, None, None, 0, "c"),
        (2, 2, None, None, 0, "c"),
        (1, 1, 0, None, 24, "a"),  # bob reaches S2 exactly at t1 + window
        (0, 1, None, None, -24, "a"),  # before the date range
        (2, 1, 1, None, 25, "a"),  # after cid completed
    ]
)
LATE_EARLIER_ENTRY = case_of(
    [
        (0, 0, None, 0, 1, "b"),  # first batch: ann enters at 1h, bob at 0h with channel 0
        (1, 0, None, 0, 0, "b"),
        (0, 0, None, 1, 0, "a"),  # second batch: ann's earlier first-stage event moves her t1
        (1, 0, None, 1, 0, "a"),  # bob's tie at 0h with a smaller event_id: channel 1
    ],
    shuffle=False,
)
ZERO_WINDOW = case_of(
    [(0, 0, 1, 0, 1, "a"), (0, 1, 0, 1, 1, "a"), (1, 0, 0, 0, 1, "a"), (1, 1, 0, 0, 2, "a")],
    window_days=0,
    channel=0,
    segment=1,
    segments=[1, 1, None],
)


def as_progress_tuple(progress) -> tuple:
    return (
        progress.reached,
        progress.entered_at,
        progress.offsets,
        progress.exit_touchpoint_id,
        progress.entry_channel_id,
    )


@settings(
    max_examples=int(os.environ.get("FUNNEL_PROPERTY_EXAMPLES", "80")),
    derandomize=os.environ.get("FUNNEL_PROPERTY_RANDOM") != "1",
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=scenario)
@example(case=TIES_AND_BOUNDARIES)
@example(case=ZERO_WINDOW)
@example(case=LATE_EARLIER_ENTRY)
def test_engine_equals_reference_and_incremental_equals_full(world, case):
    FunnelDefinition.objects.all().delete()
    Event.objects.all().delete()
    Customer.objects.all().delete()

    records = []
    for index, (customer, stage, touchpoint, channel, hours, prefix) in enumerate(case["events"]):
        records.append(
            record(
                world,
                event_id=f"{prefix}{index:03d}",
                customer=CUSTOMERS[customer],
                stage=stage,
                touchpoint=touchpoint,
                channel=channel,
                at=BASE + datetime.timedelta(hours=hours),
                segment=case["segments"][customer],
            )
        )
    if case.get("shuffle", True):
        case["order"].shuffle(records)  # arrival order differs from time order
    split = int(len(records) * case["split"])

    day = BASE.date() + datetime.timedelta(days=case["start_day"])
    channel = world.channels[case["channel"]] if case["channel"] is not None else None
    segment = world.segments[case["segment"]] if case["segment"] is not None else None
    definition = definition_for(
        world,
        date_from=day,
        date_to=day + datetime.timedelta(days=case["days"]),
        window_days=case["window_days"],
        channel=channel,
    )

    store(world, records[:split])
    first = run_report(definition, segment=segment)
    assert first.mode == "full"
    store(world, records[split:])
    second = run_report(definition, segment=segment)
    assert second.mode == "incremental"

    funnel = spec(definition)
    events = reference_events()
    expected = reference_report(
        funnel,
        events,
        segment_of=segments_of_customers(),
        segment_id=segment.pk if segment else None,
    )
    assert public(second.result) == expected

    expected_rows = {
        customer: as_progress_tuple(progress)
        for customer, progress in reference_progress(funnel, events).items()
    }
    incremental_rows = stored_progress(definition)
    assert incremental_rows == expected_rows

    full = run_report(definition, segment=segment, force_full=True)
    assert full.mode == "full"
    assert stored_progress(definition) == incremental_rows
    assert public(full.result) == public(second.result)
