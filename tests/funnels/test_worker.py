"""End to end with a real Celery worker on Redis and PostgreSQL (not eager): events in through
the bulk API, a report requested through the API (202), computed by the worker, polled until
done. Skipped without a broker (fails instead when CJM_REQUIRE_ALL=1), like
tests/test_celery_worker.py whose approach it copies."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.funnels.conftest import token_client

ROOT = Path(__file__).resolve().parent.parent.parent

pytestmark = pytest.mark.integration


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(tmp_path):
    if not settings.CELERY_BROKER_URL:
        message = "CELERY_BROKER_URL is not set: no broker for a real worker"
        if os.environ.get("CJM_REQUIRE_ALL") == "1":
            pytest.fail(message)
        pytest.skip(message)
    if connection.vendor == "sqlite":
        pytest.skip("the worker test shares the database with a second process: PostgreSQL only")
    from cjm.celery import app

    queue = f"test-funnels-{uuid.uuid4().hex[:8]}"
    log = tmp_path / "worker.log"
    env = {**os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(tmp_path)}
    with open(log, "w") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "cjm",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "-Q",
                queue,
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "info",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    saved = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue  # everything the services queue goes to this worker
    try:
        yield log
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = saved
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.mark.django_db(transaction=True)
def test_bulk_events_to_a_done_report_through_a_real_worker(worker, world, editor):
    api = token_client(editor)
    stages = [stage.pk for stage in world.stages]
    rows = []
    for n in range(30):  # 30 customers: all enter, 20 reach stage 2, 10 complete
        for k in range(3 - (n % 3)):
            rows.append(
                {
                    "event_id": f"ev-{n}-{k}",
                    "customer": f"customer-{n}",
                    "stage": stages[k],
                    "touchpoint": world.touchpoints[k][0].pk,
                    "occurred_at": f"2026-03-0{2 + k}T10:00:00Z",
                }
            )
    assert api.post("/api/v1/events/bulk/", rows, format="json").json() == {
        "created": 60,
        "duplicates": 0,
    }
    accepted = api.post(
        f"/api/v1/journeys/{world.journey.pk}/funnel-reports/",
        {"date_from": "2026-03-01", "date_to": "2026-03-31"},
        format="json",
    )
    assert accepted.status_code == 202, accepted.content
    url = accepted.json()["url"]
    deadline = time.monotonic() + 90
    report = accepted.json()
    while time.monotonic() < deadline and report["status"] not in ("done", "failed"):
        time.sleep(0.3)
        report = api.get(url).json()
    assert report["status"] == "done", (report, worker.read_text()[-3000:])
    assert report["progress"] == 100 and report["mode"] == "full"
    assert [(s["entered"], s["converted"]) for s in report["stages"]] == [
        (30, 20),
        (20, 10),
        (10, None),
    ]
    assert report["stages"][0]["median_seconds_to_convert"] == 86400.0
    assert report["exit_touchpoints"][0]["customers"] == 10
