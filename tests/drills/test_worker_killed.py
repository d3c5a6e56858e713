"""Drill: the Celery worker is SIGKILLed in the middle of a funnel report and of a PDF export.

The job is not lost: a worker that starts queues again what a killed worker left "running"
(cjm/funnels/tasks.py, cjm/renders/tasks.py: ``worker_ready``), and the result is correct and
whole (the report equals one computed from scratch; the export is one complete PDF)."""

import json
import time

import pytest

from tests.drills.conftest import wait_for

pytestmark = pytest.mark.drill

REPORT_REQUEST = """
import datetime
from django.contrib.auth import get_user_model
from cjm.funnels.facade import funnel_report_request
from cjm.models import Journey
journey = Journey.objects.get(pk={journey})
report = funnel_report_request(
    actor=get_user_model().objects.get(username="demo"), journey=journey,
    # A range no other drill asks for: a new definition, so a full run (not an incremental one
    # that is over before it can be interrupted).
    date_from=datetime.date.today() - datetime.timedelta(days=3 * 365),
    date_to=datetime.date.today() + datetime.timedelta(days=1),
)
out = report.pk
"""

REFERENCE = """
import datetime
from django.contrib.auth import get_user_model
from cjm.funnels.models import FunnelReport
from cjm.funnels.services import runs
killed = FunnelReport.objects.get(pk={report})
fresh = FunnelReport.objects.create(
    definition=killed.definition, journey=killed.journey, segment=killed.segment,
    requested_by=killed.requested_by,
)
runs.funnel_report_run(report_id=fresh.pk, force_full=True)
fresh.refresh_from_db()
out = {{"status": fresh.status, "result": fresh.result, "customers": fresh.customers_processed}}
"""


def _catch_running(stack, table, pk, timeout=120):
    """Wait until the job is running, so the kill lands in the middle of it."""
    seen = []

    def running():
        seen.append(stack.sql(f"SELECT status FROM {table} WHERE id = {pk}"))
        return seen[-1] == "running"

    try:
        return wait_for(running, timeout=timeout, interval=0.005, what=f"{table} {pk} to start")
    except AssertionError as exc:
        raise AssertionError(f"{exc}; statuses seen: {sorted(set(seen))}") from None


def _many_events(stack, journey, customers=40_000):
    """Enough events (customers x 4 stages) for the report to run for seconds, not
    milliseconds: the kill has to land while it runs. Written with SQL: the seed is small."""
    workspace = stack.seed["workspace"]
    stack.sql(
        "INSERT INTO cjm_customer (external_id, attributes, first_seen_at, last_seen_at, "
        "created_at, workspace_id) SELECT 'drill-load-' || g, '{}', now(), now(), now(), "
        f"{workspace} FROM generate_series(1, {customers}) g"
    )
    stack.sql(
        "INSERT INTO cjm_event (occurred_at, event_id, properties, received_at, customer_id, "
        "stage_id, workspace_id) SELECT now() - interval '30 days' + s.position * "
        "(interval '1 hour' + (c.id % 7) * interval '1 minute'), "
        "'drill-load-' || c.id || '-' || s.id, '{}', now(), c.id, s.id, "
        f"{workspace} FROM cjm_customer c CROSS JOIN (SELECT id, position FROM cjm_stage "
        f"WHERE journey_id = {journey} ORDER BY position LIMIT 4) s "
        "WHERE c.external_id LIKE 'drill-load-%' AND c.id % (s.position + 1) = 0"
    )
    stack.sql("ANALYZE cjm_event")


def test_worker_killed_during_a_funnel_report_resumes_it_and_the_result_is_correct(stack):
    _many_events(stack, stack.seed["journeys"][0])
    stack.worker_start()
    try:
        report = stack.shell(REPORT_REQUEST.format(journey=stack.seed["journeys"][0]))
        _catch_running(stack, "cjm_funnelreport", report)
        stack.worker_kill()
        time.sleep(1)
        assert stack.sql(f"SELECT status FROM cjm_funnelreport WHERE id = {report}") == "running"

        stack.worker_start()
        wait_for(
            lambda: (
                stack.sql(f"SELECT status FROM cjm_funnelreport WHERE id = {report}")
                in ("done", "failed")
            ),
            timeout=300,
            what="the interrupted report to finish",
        )
        row = stack.sql(
            "SELECT json_build_object('status', status, 'result', result, 'customers', "
            f"customers_processed, 'attempts', attempts) FROM cjm_funnelreport WHERE id = {report}"
        )
        done = json.loads(row)
        assert done["status"] == "done", stack.log("worker")
        assert done["attempts"] >= 2  # it did run twice: killed, then resumed
    finally:
        stack.worker_stop()
    reference = stack.shell(REFERENCE.format(report=report))
    assert reference["status"] == "done"
    # Equal but for "generation": the id of the report that wrote the progress rows.
    done["result"].pop("generation", None), reference["result"].pop("generation", None)
    assert done["result"] == reference["result"]
    assert done["customers"] == reference["customers"]


def test_worker_killed_during_a_pdf_export_resumes_it_and_writes_one_whole_file(stack):
    journey = stack.seed["journeys"][0]
    stack.worker_start()
    try:
        render = stack.shell(
            "from django.contrib.auth import get_user_model\n"
            "from cjm.renders.services import map_render_request\n"
            "user = get_user_model().objects.get(username='demo')\n"
            f"out = map_render_request(actor=user, journey_id={journey}, format='pdf').pk"
        )
        _catch_running(stack, "cjm_renders_maprender", render)
        stack.worker_kill()
        assert stack.sql(f"SELECT file FROM cjm_renders_maprender WHERE id = {render}") == ""

        stack.worker_start()
        wait_for(
            lambda: (
                stack.sql(f"SELECT status FROM cjm_renders_maprender WHERE id = {render}")
                in ("done", "failed")
            ),
            timeout=300,
            what="the interrupted export to finish",
        )
    finally:
        stack.worker_stop()
    assert stack.sql(f"SELECT status FROM cjm_renders_maprender WHERE id = {render}") == "done"
    name = stack.sql(f"SELECT file FROM cjm_renders_maprender WHERE id = {render}")
    files = sorted((stack.media / "renders").glob(f"journey-{journey}-{render}*"))
    assert [f.name for f in files] == [name.rsplit("/", 1)[-1]]  # one file, no leftovers
    content = files[0].read_bytes()
    assert content.startswith(b"%PDF") and content.rstrip().endswith(b"%%EOF")
