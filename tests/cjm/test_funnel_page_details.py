"""The funnel page after computing: the form keeps what was asked, recent reports tell each
other apart, the weekly trend has a legend, and an empty page points to the event import."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cjm.funnels.models import FunnelReport
from personas.models import Segment
from tests.cjm.test_funnel_pages import funnel_data, request_data
from tests.factories import ChannelFactory, JourneyFactory


def field_value(html: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert found, name
    value = re.search(r'value="([^"]*)"', found.group(0))
    return value.group(1) if value else ""


def selected(html: str, name: str) -> str:
    select = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S).group(0)
    found = re.search(r'<option value="([^"]*)"[^>]*selected', select)
    return found.group(1) if found else ""


@pytest.mark.django_db(transaction=True)
def test_form_keeps_the_dates_window_and_filters_after_computing(client, workspace, editor):
    journey, _stages, _tps = funnel_data(workspace, editor, customers=3)
    segment = Segment.objects.create(workspace=workspace, name="Students")
    channel = ChannelFactory(workspace=workspace, name="Phone")
    client.force_login(editor)
    url = reverse("cjm:funnel_detail", kwargs={"journey_id": journey.pk})
    today = timezone.now().date()
    asked = request_data(
        date_from=(today - datetime.timedelta(days=12)).isoformat(),
        date_to=(today - datetime.timedelta(days=2)).isoformat(),
        conversion_window_days=7,
        segment=segment.pk,
        channel=channel.pk,
    )
    response = client.post(url, asked)
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert field_value(html, "date_from") == asked["date_from"]
    assert field_value(html, "date_to") == asked["date_to"]
    assert field_value(html, "conversion_window_days") == "7"
    assert selected(html, "segment") == str(segment.pk)
    assert selected(html, "channel") == str(channel.pk)


@pytest.mark.django_db(transaction=True)
def test_recent_reports_show_range_window_and_filters(client, workspace, editor):
    journey, _stages, _tps = funnel_data(workspace, editor, customers=3)
    channel = ChannelFactory(workspace=workspace, name="Call centre")
    client.force_login(editor)
    url = reverse("cjm:funnel_detail", kwargs={"journey_id": journey.pk})
    today = timezone.now().date()
    client.post(url, request_data(conversion_window_days=30))
    client.post(url, request_data(conversion_window_days=7, channel=channel.pk))
    assert FunnelReport.objects.count() == 2
    html = client.get(url, headers={"accept-language": "en"}).content.decode()
    recent = html[html.index('id="funnel-recent-title"') :].split("</section>")[0]
    items = re.findall(r'<li class="funnel-recent__item".*?</li>', recent, re.S)
    assert len(items) == 2
    texts = [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]
    assert texts[0] != texts[1]
    start = (today - datetime.timedelta(days=30)).strftime("%-d %b %Y")
    assert all(f"{start} – {today.strftime('%-d %b %Y')}" in text for text in texts)
    assert "window 7 days" in texts[0] and "Call centre" in texts[0]
    assert "window 30 days" in texts[1] and "All channels" in texts[1]
    assert "All segments" in texts[0]


@pytest.mark.django_db(transaction=True)
def test_weekly_trend_has_a_legend_and_dated_labels(client, workspace, editor):
    journey, _stages, _tps = funnel_data(workspace, editor, customers=6)
    client.force_login(editor)
    url = reverse("cjm:funnel_detail", kwargs={"journey_id": journey.pk})
    client.post(url, request_data())
    html = client.get(url, headers={"accept-language": "ru"}).content.decode()
    legend = re.search(r'<ul class="legend funnel-legend".*?</ul>', html, re.S).group(0)
    assert "Вошли в воронку" in legend and "Дошли до последнего этапа, %" in legend
    data = json.loads(re.search(r'id="funnel-trend-data"[^>]*>(.*?)</script>', html).group(1))
    assert data["enteredLabel"] == "Вошли в воронку"
    # Week labels are written on the server in the reader's format, not ISO dates.
    assert data["labels"] and not any(re.match(r"\d{4}-", label) for label in data["labels"])
    months = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
    assert all(re.fullmatch(rf"\d{{1,2}} ({months})", label) for label in data["labels"])


@pytest.mark.django_db
def test_empty_funnel_points_to_the_event_import(client, workspace, viewer):
    journey = JourneyFactory(workspace=workspace)
    client.force_login(viewer)
    url = reverse("cjm:funnel_detail", kwargs={"journey_id": journey.pk})
    html = client.get(url).content.decode()
    assert "No funnel report yet" in html
    import_url = reverse("cjm:event_import_list", kwargs={"workspace_id": workspace.pk})
    assert f'href="{import_url}"' in html


@pytest.mark.django_db(transaction=True)
def test_recent_reports_cost_no_query_per_report(client, workspace, editor):
    """The recent list names each report's segment and channel without a query per report."""
    journey, _stages, _tps = funnel_data(workspace, editor, customers=3)
    client.force_login(editor)
    url = reverse("cjm:funnel_detail", kwargs={"journey_id": journey.pk})
    client.post(url, request_data())
    client.get(url)  # warm the role cache
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for days in (7, 14, 21):
        channel = ChannelFactory(workspace=workspace, name=f"Channel {days}")
        segment = Segment.objects.create(workspace=workspace, name=f"Segment {days}")
        client.post(
            url, request_data(conversion_window_days=days, channel=channel.pk, segment=segment.pk)
        )
    with CaptureQueriesContext(connection) as four:
        response = client.get(url)
    assert response.content.decode().count('class="funnel-recent__item"') == 4
    assert len(four) == len(one)
