"""The app's side of the fault drills, fast enough for `make test` (no ``drill`` marker): the
cache tolerates Redis down, a job the broker refuses answers 503 (API and pages) and is not left
pending, and a starting worker queues again the jobs a killed worker left running."""

import datetime

import pytest
from django.core.cache.backends.redis import RedisCache
from django.test import Client
from django.urls import reverse
from kombu.exceptions import OperationalError as BrokerError
from rest_framework.test import APIClient

from cjm.core.cache import TolerantRedisCache
from cjm.core.unavailable import server_error
from cjm.funnels.models import FunnelReport
from cjm.funnels.services.funnels import funnel_report_request
from cjm.funnels.tasks import funnel_report_run_task, funnel_reports_resume
from cjm.renders.models import MapRender
from cjm.renders.tasks import map_renders_resume
from tests.funnels.helpers import BASE, build_funnel_world, record, store

NOWHERE = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def test_the_cache_answers_misses_when_redis_is_down():
    cache = TolerantRedisCache(NOWHERE, {"OPTIONS": {"socket_connect_timeout": 0.5}})
    assert cache.get("key") is None
    assert cache.get("key", "fallback") == "fallback"
    assert cache.get_many(["a", "b"]) == {}
    cache.set("key", 1)
    cache.delete("key")
    assert cache.add("key", 1) is False
    with pytest.raises(Exception):  # noqa: B017, PT011 - Django's own cache does raise
        RedisCache(NOWHERE, {"OPTIONS": {"socket_connect_timeout": 0.5}}).get("key")


@pytest.fixture
def world(workspace):
    world = build_funnel_world(workspace)
    store(world, [record(world, event_id="1", customer="ann", stage=0, at=BASE)])
    return world


@pytest.fixture
def broker_down(monkeypatch):
    """Publishing fails as it does when Redis is down (kombu's OperationalError after its
    retries); the drill tests/drills/test_redis_down.py does it with a real Redis stopped."""

    def refuse(*args, **kwargs):
        raise BrokerError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(funnel_report_run_task, "delay", refuse)


@pytest.mark.django_db(transaction=True)
def test_a_report_request_answers_503_when_the_broker_is_down(world, editor, broker_down):
    client = APIClient()
    client.force_authenticate(editor)
    response = client.post(
        f"/api/v1/journeys/{world.journey.pk}/funnel-reports/",
        {"date_from": str(BASE.date()), "date_to": str(BASE.date())},
        format="json",
    )
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert not FunnelReport.objects.exclude(status="failed").exists()  # none waits for ever


@pytest.mark.django_db
def test_a_starting_worker_queues_again_the_reports_a_killed_worker_left_running(world, editor):
    report = funnel_report_request(
        actor=editor, journey=world.journey, date_from=BASE.date(), date_to=BASE.date()
    )
    FunnelReport.objects.filter(pk=report.pk).update(status="running", result=None)
    funnel_reports_resume()  # eager in tests: the queued run happens here
    report.refresh_from_db()
    assert report.status == "done"
    assert report.result["stages"][0]["entered"] == 1


@pytest.mark.django_db
def test_a_starting_worker_queues_again_the_exports_a_killed_worker_left_running(
    world, editor, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    render = MapRender.objects.create(
        journey=world.journey,
        format="pdf",
        status="running",
        created_by=editor,
        expires_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1),
    )
    map_renders_resume()
    render.refresh_from_db()
    assert render.status == "done"
    assert render.file.read().startswith(b"%PDF")


@pytest.mark.django_db(transaction=True)
def test_the_funnel_page_answers_a_503_page_when_the_broker_is_down(world, editor, broker_down):
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    url = reverse("cjm:funnel_detail", kwargs={"journey_id": world.journey.pk})
    data = {"date_from": str(BASE.date()), "date_to": str(BASE.date()), "conversion_window_days": 7}
    response = client.post(url, data)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "briefly unavailable" in response.content.decode()
    assert not FunnelReport.objects.exclude(status="failed").exists()
    client.cookies["django_language"] = "ru"
    russian = client.post(url, data)
    assert russian.status_code == 503
    assert "ненадолго недоступен" in russian.content.decode()


def test_any_other_error_is_still_a_500(rf):
    try:
        raise ValueError("a bug")
    except ValueError:
        assert server_error(rf.get("/")).status_code == 500
