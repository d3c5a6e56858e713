"""The funnel page: permissions, requesting a report (eager Celery), the result, the drill-down,
the map's metrics lane, and a constant number of queries whatever the data size."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cjm.funnels.choices import JobStatus
from cjm.funnels.models import FunnelReport
from cjm.funnels.services.events import events_bulk_ingest
from cjm.funnels.services.funnels import funnel_report_request
from tests.factories import ChannelFactory, JourneyFactory, StageFactory, TouchpointFactory


def funnel_data(workspace, editor, *, customers=12, prefix="c"):
    """A three-stage journey; every customer enters, two in three reach stage 2, one in three
    reaches stage 3. Leavers at stage 1 leave at its touchpoint."""
    journey = JourneyFactory(workspace=workspace, title="Checkout")
    stages = [StageFactory(journey=journey, name=name) for name in ("Visit", "Cart", "Order")]
    touchpoints = [TouchpointFactory(stage=stage, name=f"TP {stage.name}") for stage in stages]
    channel = ChannelFactory(workspace=workspace, name=f"Web {prefix}")
    start = timezone.now() - datetime.timedelta(days=5)
    rows = []
    for i in range(customers):
        reached = 3 if i % 3 == 0 else 2 if i % 3 == 1 else 1
        for k in range(reached):
            rows.append(
                {
                    "event_id": f"{prefix}{i}-{k}",
                    "customer": f"{prefix}{i}",
                    "stage": stages[k].pk,
                    "touchpoint": touchpoints[k].pk,
                    "channel": channel.pk,
                    "occurred_at": (start + datetime.timedelta(hours=k, minutes=i)).isoformat(),
                }
            )
    events_bulk_ingest(actor=editor, rows=rows, workspace_id=workspace.pk)
    return journey, stages, touchpoints


def request_data(**extra):
    today = timezone.now().date()
    return {
        "date_from": (today - datetime.timedelta(days=30)).isoformat(),
        "date_to": today.isoformat(),
        "conversion_window_days": 30,
        **extra,
    }


def done_report(journey, editor):
    today = timezone.now().date()
    report = funnel_report_request(
        actor=editor,
        journey=journey,
        date_from=today - datetime.timedelta(days=30),
        date_to=today,
    )
    report.refresh_from_db()
    assert report.status == JobStatus.DONE, report.error
    return report


@pytest.mark.django_db(transaction=True)
def test_permissions(client, workspace, editor, viewer, outsider):
    journey, _stages, _tps = funnel_data(workspace, editor, customers=3)
    url = reverse("cjm:funnel_detail", kwargs={"journey_id": journey.pk})
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(viewer)
    response = client.get(url)
    assert response.status_code == 200
    assert b"Compute the funnel" not in response.content
    assert client.post(url, request_data()).status_code == 403
    assert not FunnelReport.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_editor_requests_a_report_and_sees_entered_counts(client, workspace, editor):
    journey, stages, touchpoints = funnel_data(workspace, editor, customers=12)
    client.force_login(editor)
    url = reverse("cjm:funnel_detail", kwargs={"journey_id": journey.pk})
    response = client.post(url, request_data())
    assert response.status_code == 302
    report = FunnelReport.objects.get()
    assert response["Location"].endswith(f"?report={report.pk}")
    assert report.status == JobStatus.DONE, report.error
    page = client.get(response["Location"])
    assert page.status_code == 200
    funnel = page.context["funnel"]
    assert [row["entered"] for row in funnel["stages"]] == [12, 8, 4]
    assert page.context["chart"]["entered"] == [12, 8, 4]
    body = page.content.decode()
    assert "funnel-chart-data" in body
    assert f"?touchpoint={touchpoints[0].pk}" in body  # exits link to their cards
    # The htmx status partial answers only the report block (done: no more polling).
    status = client.get(
        reverse("cjm:funnel_report", kwargs={"report_id": report.pk}), HTTP_HX_REQUEST="true"
    )
    assert status.status_code == 200
    assert b'id="funnel-report"' in status.content and b"every 1s" not in status.content
    # Drill-down: the four customers who left at the first stage, and their CSV.
    dropped_url = reverse("cjm:funnel_dropped", kwargs={"report_id": report.pk})
    dropped = client.get(dropped_url, {"stage": stages[0].pk})
    assert dropped.status_code == 200 and dropped.context["total"] == 4
    csv_response = client.get(dropped_url, {"stage": stages[0].pk, "format": "csv"})
    lines = b"".join(csv_response.streaming_content).decode().strip().splitlines()
    assert len(lines) == 5
    # The map's metrics lane shows the latest report, the worst stage highlighted.
    map_page = client.get(reverse("cjm:journey_detail", kwargs={"journey_id": journey.pk}))
    metrics = map_page.context["stage_metrics"]
    assert metrics[stages[0].pk]["entered"] == 12
    assert [stage for stage, row in metrics.items() if row["is_worst"]] == [stages[1].pk]


@pytest.mark.django_db(transaction=True)
def test_running_report_polls(client, workspace, editor):
    journey, _stages, _tps = funnel_data(workspace, editor, customers=3)
    report = done_report(journey, editor)
    FunnelReport.objects.filter(pk=report.pk).update(status=JobStatus.RUNNING, progress=40)
    client.force_login(editor)
    response = client.get(
        reverse("cjm:funnel_report", kwargs={"report_id": report.pk}), HTTP_HX_REQUEST="true"
    )
    assert b'hx-trigger="every 1s"' in response.content
    assert b"40%" in response.content


@pytest.mark.django_db(transaction=True)
def test_invalid_request_shows_errors(client, workspace, editor):
    journey, _stages, _tps = funnel_data(workspace, editor, customers=3)
    client.force_login(editor)
    url = reverse("cjm:funnel_detail", kwargs={"journey_id": journey.pk})
    today = timezone.now().date()
    response = client.post(url, request_data(date_from=today.isoformat(), date_to="2020-01-01"))
    assert response.status_code == 400
    assert not FunnelReport.objects.exists()


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db(transaction=True)
def test_funnel_page_query_count_is_constant(client, workspace, editor):
    client.force_login(editor)
    counts = []
    for size, prefix in ((3, "a"), (30, "b")):
        journey, _stages, _tps = funnel_data(workspace, editor, customers=size, prefix=prefix)
        done_report(journey, editor)
        url = reverse("cjm:funnel_detail", kwargs={"journey_id": journey.pk})
        _count_queries(client, url)  # warm the role cache
        counts.append(_count_queries(client, url))
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_manual_funnel_typed_in_and_shown(client, workspace, editor, viewer):
    journey = JourneyFactory(workspace=workspace)
    stages = [StageFactory(journey=journey, name=name) for name in ("Contact", "Meeting", "Deal")]
    url = reverse("cjm:manual_funnel_create", kwargs={"journey_id": journey.pk})
    data = {
        "title": "Q1 sales",
        "date_from": "2026-01-01",
        "date_to": "2026-03-31",
        **{f"stage_{s.pk}": n for s, n in zip(stages, (1000, 300, 100), strict=True)},
    }
    client.force_login(viewer)
    assert client.post(url, data).status_code == 403
    client.force_login(editor)
    assert client.post(url, {**data, f"stage_{stages[2].pk}": 400}).status_code == 400
    response = client.post(url, data)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.context["chart"]["entered"] == [1000, 300, 100]
    assert [row["is_worst"] for row in page.context["funnel"]["stages"]] == [True, False, False]
    funnel_page = client.get(reverse("cjm:funnel_detail", kwargs={"journey_id": journey.pk}))
    assert b"Q1 sales" in funnel_page.content


def test_date_inputs_keep_iso_values_in_russian():
    from django import forms
    from django.utils import translation

    from cjm.funnels.views.funnels import DATE_INPUT

    field = forms.DateField(widget=DATE_INPUT)
    with translation.override("ru"):
        html = field.widget.render("date_from", datetime.date(2026, 8, 27))
    assert 'value="2026-08-27"' in html
