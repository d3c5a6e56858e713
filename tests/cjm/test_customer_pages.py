"""Customer search and the omnichannel timeline of one customer."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cjm.funnels.models import Customer
from cjm.funnels.services.events import events_bulk_ingest
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


def test_event_import_page_reports_bad_rows(
    client, editor, viewer, workspace, timeline, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cjm.models import Stage

    stage = Stage.objects.get(journey__workspace=workspace)
    url = reverse("cjm:event_import_list", kwargs={"workspace_id": workspace.pk})
    content = (
        "event_id,customer,stage,touchpoint,channel,occurred_at\n"
        f"i1,carl,{stage.pk},,,2026-01-05T10:00:00Z\n"
        "i2,carl,999999,,,2026-01-05T11:00:00Z\n"
    ).encode()
    client.force_login(viewer)
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("events.csv", content, content_type="text/csv")
    assert client.post(url, {"file": upload}).status_code == 403
    client.force_login(editor)
    upload = SimpleUploadedFile("events.csv", content, content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"file": upload, "skip_bad_rows": "on"})
    assert response.status_code == 302
    detail = client.get(response["Location"])
    job = detail.context["job"]
    assert (job.status, job.created_count, job.error_count) == ("done", 1, 1), job.error_message
    assert b"999999" in detail.content or job.errors[0]["line"] == 3


def test_event_mapping_page(client, viewer, workspace):
    client.force_login(viewer)
    url = reverse("cjm:event_mapping", kwargs={"workspace_id": workspace.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert b"Unmapped events" in response.content
