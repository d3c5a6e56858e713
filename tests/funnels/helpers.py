"""Helpers of the funnel tests: a map with stages, touchpoints, channels and segments, events
stored through the real writer and reports run through the real runner."""

import datetime
from types import SimpleNamespace

from cjm.funnels import runner
from cjm.funnels.models import Customer, Event, FunnelDefinition, FunnelProgress, FunnelReport
from cjm.funnels.reference import EventRow
from cjm.funnels.rows import EventRecord
from cjm.funnels.spec import spec_for
from cjm.funnels.store import store_events
from tests.factories import (
    ChannelFactory,
    JourneyFactory,
    SegmentFactory,
    StageFactory,
    TouchpointFactory,
)

UTC = datetime.UTC
BASE = datetime.datetime(2026, 3, 2, 0, 0, tzinfo=UTC)  # a Monday


def build_funnel_world(workspace, *, stages: int = 3, touchpoints_per_stage: int = 2):
    journey = JourneyFactory(workspace=workspace, title="Online store", status="active")
    channels = [
        ChannelFactory(workspace=workspace, name="Website"),
        ChannelFactory(workspace=workspace, name="Phone", kind="offline", medium="phone"),
    ]
    stage_rows, touchpoints = [], []
    for index in range(stages):
        stage = StageFactory(journey=journey, name=f"Stage {index + 1}", position=index)
        stage_rows.append(stage)
        touchpoints.append(
            [
                TouchpointFactory(
                    stage=stage,
                    name=f"TP {index + 1}.{t + 1}",
                    position=t,
                    channel=channels[t % 2],
                )
                for t in range(touchpoints_per_stage)
            ]
        )
    segments = [
        SegmentFactory(workspace=workspace, name="Families"),
        SegmentFactory(workspace=workspace, name="Students"),
    ]
    return SimpleNamespace(
        workspace=workspace,
        journey=journey,
        stages=stage_rows,
        touchpoints=touchpoints,
        channels=channels,
        segments=segments,
    )


def record(world, *, event_id, customer, stage, at, touchpoint=None, channel=None, segment=None):
    """An EventRecord from indexes into the world (stage, touchpoint within the stage, channel)."""
    stage_row = world.stages[stage]
    tp = world.touchpoints[stage][touchpoint] if touchpoint is not None else None
    ch = world.channels[channel] if channel is not None else None
    return EventRecord(
        event_id=event_id,
        customer=customer,
        stage_id=stage_row.pk,
        touchpoint_id=tp.pk if tp else None,
        channel_id=ch.pk if ch else None,
        occurred_at=at,
        properties={},
        segment_id=world.segments[segment].pk if segment is not None else None,
    )


def store(world, records) -> tuple[int, int]:
    return store_events(world.workspace.pk, list(records))


def reference_events() -> list[EventRow]:
    return [
        EventRow(
            customer_id=e.customer_id,
            stage_id=e.stage_id,
            touchpoint_id=e.touchpoint_id,
            channel_id=e.channel_id,
            occurred_at=e.occurred_at,
            event_id=e.event_id,
        )
        for e in Event.objects.all()
    ]


def segments_of_customers() -> dict:
    return dict(Customer.objects.values_list("pk", "segment_id"))


def definition_for(world, *, date_from, date_to, window_days=30, channel=None):
    definition, _ = FunnelDefinition.objects.get_or_create(
        journey=world.journey,
        date_from=date_from,
        date_to=date_to,
        conversion_window_days=window_days,
        channel=channel,
    )
    return definition


def run_report(definition, *, segment=None, force_full=False):
    """A report of ``definition`` computed in-process through the runner."""
    report = FunnelReport.objects.create(
        definition=definition, journey=definition.journey, segment=segment
    )
    outcome = runner.run(report, force_full=force_full)
    return outcome


def stored_progress(definition) -> dict:
    definition.refresh_from_db()
    rows = FunnelProgress.objects.filter(
        definition=definition, generation=definition.generation
    ).values_list(
        "customer_id", "reached", "entered_at", "offsets", "exit_touchpoint_id", "entry_channel_id"
    )
    return {row[0]: row[1:] for row in rows}


def spec(definition):
    return spec_for(definition)


def public(result: dict) -> dict:
    """The parts of a result the definition fixes (not the bookkeeping fields)."""
    return {"stages": result["stages"], "exit_touchpoints": result["exit_touchpoints"]}
