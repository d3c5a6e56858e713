"""Report jobs (eager Celery: the same code path): status and progress, idempotency, failures,
retries on transient database errors, limits, and the nightly refresh of standard reports."""

import datetime

import pytest
from django.conf import settings
from django.db import OperationalError

from cjm.celery import app
from cjm.funnels import runner
from cjm.funnels.models import FunnelDefinition, FunnelReport
from cjm.funnels.services.funnels import funnel_report_request
from cjm.funnels.tasks import funnel_report_run_task, funnel_reports_refresh_standard_task
from tests.funnels.helpers import BASE, record, store

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(world, editor):
    store(world, [record(world, event_id="1", customer="ann", stage=0, at=BASE)])
    return funnel_report_request(
        actor=editor, journey=world.journey, date_from=BASE.date(), date_to=BASE.date()
    )


def test_run_sets_status_progress_and_result(report, monkeypatch):
    seen = []
    real = FunnelReport.objects.filter

    def spy(*args, **kwargs):
        qs = real(*args, **kwargs)
        original = qs.update

        def update(**fields):
            if "progress" in fields:
                seen.append(fields["progress"])
            return original(**fields)

        qs.update = update
        return qs

    monkeypatch.setattr(FunnelReport.objects, "filter", spy)
    assert funnel_report_run_task.delay(report.pk).get() == "done"
    report.refresh_from_db()
    assert (report.status, report.progress, report.mode, report.attempts) == (
        "done",
        100,
        "full",
        1,
    )
    assert report.result["stages"][0]["entered"] == 1
    assert seen[0] == 0 and seen[-1] == 100 and seen == sorted(seen)
    assert report.started_at <= report.finished_at


def test_run_is_idempotent(report):
    funnel_report_run_task.delay(report.pk)
    report.refresh_from_db()
    finished, result = report.finished_at, report.result
    funnel_report_run_task.delay(report.pk)
    report.refresh_from_db()
    assert (report.finished_at, report.result, report.attempts) == (finished, result, 1)


def test_an_error_fails_the_report_with_its_message(report, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("the stages are upside down")

    monkeypatch.setattr(runner, "run", broken)
    with pytest.raises(ValueError):
        funnel_report_run_task.delay(report.pk)
    report.refresh_from_db()
    assert report.status == "failed" and report.error == "the stages are upside down"


def test_transient_database_errors_are_retried(report, monkeypatch):
    """A transient error is retried (with backoff; eager mode retries at once, in process) and
    the report only fails if the last retry fails too."""
    real_run = runner.run
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("server closed the connection unexpectedly")
        return real_run(*args, **kwargs)

    monkeypatch.setattr(runner, "run", flaky)
    app.conf.task_eager_propagates = False  # restored by the eager_celery fixture
    assert funnel_report_run_task.apply(args=[report.pk]).state == "SUCCESS"
    report.refresh_from_db()
    assert len(calls) == 3
    assert report.status == "done" and report.attempts == 3 and report.error == ""


def test_the_last_retry_fails_the_report(report, monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("the database is down")

    monkeypatch.setattr(runner, "run", down)
    app.conf.task_eager_propagates = False
    assert funnel_report_run_task.apply(args=[report.pk]).state == "FAILURE"
    report.refresh_from_db()
    assert report.status == "failed" and "the database is down" in report.error
    assert report.attempts == funnel_report_run_task.max_retries + 1


def test_task_options():
    task = app.tasks["cjm.tasks.funnel_report_run_task"]
    assert task.acks_late and task.reject_on_worker_lost
    assert task.soft_time_limit < task.time_limit
    assert OperationalError in task.autoretry_for and task.retry_backoff
    entry = settings.CELERY_BEAT_SCHEDULE["funnel-reports-nightly"]
    assert entry["task"] in app.tasks


def test_nightly_refresh_of_standard_reports(world, workspace, editor):
    from tests.factories import JourneyFactory, StageFactory

    draft = JourneyFactory(workspace=workspace, status="draft")
    StageFactory(journey=draft)
    old = funnel_report_request(
        actor=editor,
        journey=world.journey,
        date_from=datetime.date(2025, 1, 1),
        date_to=datetime.date(2025, 1, 31),
        standard=True,
    )
    recent = funnel_report_request(
        actor=editor,
        journey=world.journey,
        date_from=datetime.date(2026, 2, 1),
        date_to=datetime.date(2026, 2, 28),
        standard=True,
    )
    count = funnel_reports_refresh_standard_task.delay("2026-03-10").get()
    month = FunnelDefinition.objects.get(
        journey=world.journey,
        date_from=datetime.date(2026, 3, 1),
        date_to=datetime.date(2026, 3, 31),
    )
    assert month.is_standard
    refreshed = set(
        FunnelReport.objects.exclude(pk__in=[old.pk, recent.pk]).values_list(
            "definition_id", flat=True
        )
    )
    assert refreshed == {month.pk, recent.definition_id} and count == 2
    assert not FunnelDefinition.objects.filter(journey=draft).exists()


def test_old_progress_generations_are_pruned(report, django_capture_on_commit_callbacks):
    from cjm.funnels.models import FunnelProgress

    funnel_report_run_task.delay(report.pk)
    again = funnel_report_request(
        actor=None,
        journey=report.journey,
        date_from=report.definition.date_from,
        date_to=report.definition.date_to,
    )
    with django_capture_on_commit_callbacks(execute=True):
        # A full run leaves the older generation for the prune job, which the task queues.
        funnel_report_run_task.delay(again.pk, force_full=True)
    definition = FunnelDefinition.objects.get(pk=report.definition_id)
    generations = set(FunnelProgress.objects.values_list("generation", flat=True))
    assert generations == {definition.generation} != {report.pk}
