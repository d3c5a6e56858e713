"""Customer search and the omnichannel timeline of one customer."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cjm.models import Customer
from cjm.services.events import events_bulk_ingest
from tests.factories import ChannelFactory, JourneyFactory, StageFactory, TouchpointFactory


@pytest.fixture
def timeline(workspace, editor):
    journey = JourneyFactory(workspace=workspace)
    stage = StageFactory(journey=journey, name="Visit")
    touchpoint = TouchpointFactory(stage=stage, name="Landing page")
    web = ChannelFactory(workspace=workspace, name="Web")
    phone = ChannelFactory(workspace=workspace, name="Phone")
    start = timezone.now() - datetime.timedelta(days=3)
    # Sent out of order: the page sorts by time.
    rows = [
        ("e3", "anna@example.com", phone, 3),
        ("e1", "anna@example.com", web, 1),
        ("e2", "anna@example.com", web, 2),
        ("x1", "boris@example.com", web, 1),
    ]
    events_bulk_ingest(
        actor=editor,
        workspace_id=workspace.pk,
        rows=[
            {
                "event_id": event_id,
                "customer": customer,
                "stage": stage.pk,
                "touchpoint": touchpoint.pk,
                "channel": channel.pk,
                "occurred_at": (start + datetime.timedelta(hours=hours)).isoformat(),
            }
            for event_id, customer, channel, hours in rows
        ],
    )
    return Customer.objects.get(workspace=workspace, external_id="anna@example.com")


def test_timeline_lists_events_in_time_order(client, viewer, timeline):
    client.force_login(viewer)
    response = client.get(reverse("cjm:customer_detail", kwargs={"customer_id": timeline.pk}))
    assert response.status_code == 200
    events = [item["event"].event_id for item in response.context["items"]]
    assert events == ["e1", "e2", "e3"]
    assert response.context["channels"] == ["Phone", "Web"]


def test_search_finds_customers_by_external_id(client, viewer, workspace, timeline):
    client.force_login(viewer)
    url = reverse("cjm:customer_list", kwargs={"workspace_id": workspace.pk})
    response = client.get(url, {"q": "anna"})
    assert [c.external_id for c in response.context["customers"]] == ["anna@example.com"]
    partial = client.get(url, {"q": "example"}, HTTP_HX_REQUEST="true")
    assert b'id="customer-results"' in partial.content and b"<html" not in partial.content
    assert len(partial.context["customers"]) == 2


def test_permissions(client, outsider, workspace, timeline):
    detail = reverse("cjm:customer_detail", kwargs={"customer_id": timeline.pk})
    search = reverse("cjm:customer_list", kwargs={"workspace_id": workspace.pk})
    assert client.get(detail).status_code == 302
    client.force_login(outsider)
    assert client.get(detail).status_code == 404
    assert client.get(search).status_code == 404
