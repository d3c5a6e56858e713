"""Events for the evidence tests, stored through the real writer; a done action and the scripted
case (40% of stage 2 leave at touchpoint 2.1 before it is done, 10% after)."""

import datetime

from cjm.funnels.rows import EventRecord
from cjm.funnels.store import store_events
from tests.factories import ActionFactory
from tests.funnels.helpers import BASE

DONE = BASE + datetime.timedelta(days=30)


def event(world, *, event_id, customer, stage, at, touchpoint=None) -> EventRecord:
    tp = world.touchpoints[stage][touchpoint] if touchpoint is not None else None
    return EventRecord(
        event_id=event_id,
        customer=customer,
        stage_id=world.stages[stage].pk,
        touchpoint_id=tp.pk if tp else None,
        channel_id=None,
        occurred_at=at,
        properties={},
        segment_id=None,
    )


def store(world, records) -> None:
    store_events(world.workspace.pk, list(records))


def walkers(world, *, prefix: str, start: datetime.datetime, converted: int, left: int, other: int):
    """Customers who enter stage 1 at ``start`` + a few minutes, reach stage 2 at touchpoint
    2.2, then: ``converted`` go on to stage 3, ``left`` leave with touchpoint 2.1 as their last
    event, ``other`` leave with touchpoint 2.2 as their last event."""
    records = []
    n = 0
    for kind, count in (("conv", converted), ("left", left), ("other", other)):
        for _ in range(count):
            n += 1
            customer = f"{prefix}-{kind}-{n}"
            at = start + datetime.timedelta(minutes=n)
            records.append(
                event(world, event_id=f"{customer}-1", customer=customer, stage=0, at=at)
            )
            records.append(
                event(
                    world,
                    event_id=f"{customer}-2",
                    customer=customer,
                    stage=1,
                    touchpoint=1,
                    at=at + datetime.timedelta(hours=1),
                )
            )
            if kind == "conv":
                records.append(
                    event(
                        world,
                        event_id=f"{customer}-3",
                        customer=customer,
                        stage=2,
                        at=at + datetime.timedelta(hours=2),
                    )
                )
            elif kind == "left":
                records.append(
                    event(
                        world,
                        event_id=f"{customer}-4",
                        customer=customer,
                        stage=1,
                        touchpoint=0,
                        at=at + datetime.timedelta(hours=3),
                    )
                )
    return records


def done_action(world, *, done_at=DONE, stage=1, touchpoint=0):
    return ActionFactory(
        touchpoint=world.touchpoints[stage][touchpoint], status="done", done_at=done_at
    )


def scripted(world):
    """40% of the stage-2 customers leave at touchpoint 2.1 in the 28 days before, 10% after."""
    before_start = DONE - datetime.timedelta(days=20)
    store(world, walkers(world, prefix="b", start=before_start, converted=60, left=40, other=0))
    after_start = DONE + datetime.timedelta(days=2)
    store(world, walkers(world, prefix="a", start=after_start, converted=90, left=10, other=0))
