"""Storing events with no transaction open (autocommit): the writer opens its own, so the
customers and events of a batch are stored together, and a replay stores nothing twice."""

import pytest

from cjm.funnels.models import Customer, Event
from tests.funnels.helpers import BASE, record, store

pytestmark = pytest.mark.django_db(transaction=True)


def test_store_events_in_autocommit(world):
    batch = [
        record(world, event_id="e1", customer="ann", stage=0, at=BASE, touchpoint=0),
        record(world, event_id="e2", customer="ann", stage=1, at=BASE, touchpoint=1),
        record(world, event_id="e3", customer="bob", stage=0, at=BASE, segment=1),
    ]
    assert store(world, batch) == (3, 0)
    assert store(world, batch) == (0, 3)
    assert sorted(Customer.objects.values_list("external_id", flat=True)) == ["ann", "bob"]
    assert Event.objects.filter(customer__external_id="ann").count() == 2
    assert Customer.objects.get(external_id="bob").segment == world.segments[1]
