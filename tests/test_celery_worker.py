"""A real Celery worker on Redis and the test database (not eager): the broker path works.

Runs in `make test`, which sets CELERY_BROKER_URL. Without a broker it fails when
CJM_REQUIRE_ALL=1 (so CI can never skip it silently) and is skipped, with the reason, otherwise.
"""

import datetime
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from cjm.notifications.tasks import action_reminders_send
from tests.factories import ActionFactory, TouchpointFactory
from touchpoints.models import ImprovementAction

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.integration


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
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
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
    }
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
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield queue, tmp_path / "mail"
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.mark.django_db(transaction=True)
def test_reminder_task_runs_in_a_real_worker(worker, workspace, editor):
    from cjm.celery import app

    app.conf.task_always_eager = False
    queue, mail_dir = worker
    today = datetime.date(2026, 11, 24)
    touchpoint = TouchpointFactory(stage__journey__workspace=workspace, name="Payment page")
    action = ActionFactory(
        touchpoint=touchpoint,
        assignee=editor,
        title="Add a second payment provider",
        due_date=today - datetime.timedelta(days=1),
    )
    try:
        action_reminders_send.apply_async(args=[today.isoformat()], queue=queue)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if ImprovementAction.objects.get(pk=action.pk).last_reminded_on == today:
                break
            time.sleep(0.25)
    finally:
        app.conf.task_always_eager = True
    assert ImprovementAction.objects.get(pk=action.pk).last_reminded_on == today
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not list(mail_dir.glob("*")):
        time.sleep(0.2)
    sent = "".join(path.read_text() for path in mail_dir.glob("*"))
    assert "Add a second payment provider" in sent
    assert editor.email in sent
