"""Property test of the funnel with steps (docs/funnels.md, "Steps"): on random small event
sets over maps with branches and optional steps, the PostgreSQL engine (through the runner,
full and incremental), the portable engine (the SQLite path, run here on the same data) and
the plain-Python reference agree, progress row by progress row and figure by figure.
"""

import datetime
import os
import random

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cjm.funnels import engine_python
from cjm.funnels.models import Customer, Event, FunnelDefinition, FunnelProgress
from cjm.funnels.reference import reference_progress, reference_report
from cjm.funnels.tally import path_tally, report_from_paths
from cjm.models import Stage
from tests.funnels.helpers import (
    BASE,
    build_funnel_world,
    definition_for,
    record,
    reference_events,
    run_report,
    segments_of_customers,
    spec,
    store,
)

pytestmark = pytest.mark.django_db

CUSTOMERS = ["ann", "bob", "cid", "dan"]
HOURS = [0, 1, 2, 24, -1, 25, 3]
# (step, optional) of the five stages, in position order
LAYOUTS = [
    [(1, False), (2, False), (2, False), (3, True), (4, False)],  # branch, then optional
    [(1, False), (1, False), (2, True), (3, True), (4, False)],  # branched entry, two optional
    [(1, False), (2, True), (3, False), (3, False), (4, True)],  # optional last step
    [(1, True), (2, False), (3, True), (3, True), (4, False)],  # optional branched step
    [(1, False), (2, False), (3, False), (2, False), (4, True)],  # branch placed after step 3
    [(1, False), (2, False), (2, False), (2, False), (3, False)],  # three-way branch
]

event = st.tuples(
    st.integers(0, len(CUSTOMERS) - 1),
    st.integers(0, 4),  # stage
    st.one_of(st.none(), st.integers(0, 1)),  # touchpoint
    st.one_of(st.none(), st.integers(0, 1)),  # channel
    st.sampled_from(HOURS),
    st.sampled_from("ab"),
)

scenario = st.fixed_dictionaries(
    {
        "layout": st.integers(0, len(LAYOUTS) - 1),
        "events": st.lists(event, min_size=6, max_size=40),
        "order": st.randoms(use_true_random=False),
        "split": st.floats(0, 1),
        "window_days": st.integers(0, 1),
        "channel": st.one_of(st.none(), st.just(0)),
        "segment": st.one_of(st.none(), st.just(1)),
    }
)


def case_of(layout, events, **options):
    return {
        "layout": layout,
        "events": events,
        "order": random.Random(3),
        "split": 0.5,
        "window_days": 1,
        "channel": None,
        "segment": None,
        **options,
    }


# Optional step C after the customer reached D: skipped, and D still counts.
SKIP_AFTER = case_of(
    0,
    [(0, 0, 0, None, 0, "a"), (0, 2, None, None, 1, "a"), (0, 4, 1, None, 2, "a")]
    + [(0, 3, 0, None, 3, "a"), (1, 0, None, None, 0, "a"), (1, 1, None, None, 0, "b")]
    + [(1, 2, None, None, 0, "a"), (1, 3, 1, None, 0, "a")],
)


def progress_tuple(progress) -> tuple:
    return (
        progress.reached,
        progress.entered_at,
        progress.offsets,
        progress.exit_touchpoint_id,
        progress.entry_channel_id,
        progress.path,
    )


@pytest.fixture
def world5(workspace):
    return build_funnel_world(workspace, stages=5)


@settings(
    max_examples=int(os.environ.get("FUNNEL_PROPERTY_EXAMPLES", "60")),
    derandomize=os.environ.get("FUNNEL_PROPERTY_RANDOM") != "1",
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=scenario)
@example(case=SKIP_AFTER)
def test_steps_engines_equal_reference_and_incremental_equals_full(world5, case):
    world = world5
    FunnelDefinition.objects.all().delete()
    Event.objects.all().delete()
    Customer.objects.all().delete()
    for stage, (step, optional) in zip(world.stages, LAYOUTS[case["layout"]], strict=True):
        Stage.objects.filter(pk=stage.pk).update(step=step, is_optional=optional)

    records = [
        record(
            world,
            event_id=f"{prefix}{index:03d}",
            customer=CUSTOMERS[customer],
            stage=stage,
            touchpoint=touchpoint,
            channel=channel,
            at=BASE + datetime.timedelta(hours=hours),
            segment=customer % 2,
        )
        for index, (customer, stage, touchpoint, channel, hours, prefix) in enumerate(
            case["events"]
        )
    ]
    case["order"].shuffle(records)
    split = int(len(records) * case["split"])
    channel = world.channels[case["channel"]] if case["channel"] is not None else None
    segment = world.segments[case["segment"]] if case["segment"] is not None else None
    definition = definition_for(
        world,
        date_from=BASE.date(),
        date_to=BASE.date() + datetime.timedelta(days=1),
        window_days=case["window_days"],
        channel=channel,
    )
    funnel = spec(definition)
    assert not funnel.linear

    store(world, records[:split])
    assert run_report(definition, segment=segment).mode == "full"
    store(world, records[split:])
    incremental = run_report(definition, segment=segment)
    assert incremental.mode == "incremental"

    events = reference_events()
    expected_rows = {c: progress_tuple(p) for c, p in reference_progress(funnel, events).items()}
    assert stored_progress_with_path(definition) == expected_rows
    portable = list(engine_python.progress_of(funnel))
    assert {p.customer_id: progress_tuple(p) for p in portable} == expected_rows

    expected = reference_report(
        funnel,
        events,
        segment_of=segments_of_customers(),
        segment_id=segment.pk if segment else None,
    )
    got = {key: incremental.result[key] for key in ("stages", "steps", "exit_touchpoints")}
    assert got == expected
    if segment is None:
        assert report_from_paths(funnel, path_tally(portable)) == expected

    full = run_report(definition, segment=segment, force_full=True)
    assert full.mode == "full"
    assert stored_progress_with_path(definition) == expected_rows
    assert {key: full.result[key] for key in ("stages", "steps", "exit_touchpoints")} == expected
    assert full.result["trend"] == incremental.result["trend"]


def stored_progress_with_path(definition) -> dict:
    definition.refresh_from_db()
    rows = FunnelProgress.objects.filter(
        definition=definition, generation=definition.generation
    ).values_list(
        "customer_id",
        "reached",
        "entered_at",
        "offsets",
        "exit_touchpoint_id",
        "entry_channel_id",
        "path",
    )
    return {row[0]: row[1:] for row in rows}
