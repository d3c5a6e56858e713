"""The events table made ready for reports after loads (cjm/funnels/maintenance.py): the first
report vacuums what a load left (so the engine's index-only scans need no heap fetches), loads
queue one background job that vacuums and analyzes, and nothing of it runs inside a
transaction or fails a report. PostgreSQL only (VACUUM and the visibility map)."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection, connections, transaction

from cjm.funnels import maintenance
from cjm.funnels.engine_python import progress_of
from tests.funnels.helpers import BASE, definition_for, public, record, run_report, spec, store

pytestmark = pytest.mark.django_db(transaction=True)

BULK = "/api/v1/events/bulk/"


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("VACUUM and the visibility map are PostgreSQL's")
    cache.delete(maintenance.QUEUED_KEY)


def load(world, customers: int, prefix: str = "e") -> None:
    """Three events per customer (stages 1, 2, 3, an hour apart), committed."""
    batch = []
    for c in range(customers):
        for stage in range(3):
            batch.append(
                record(
                    world,
                    event_id=f"{prefix}{c}-{stage}",
                    customer=f"{prefix}c{c}",
                    stage=stage,
                    at=BASE + datetime.timedelta(minutes=c, hours=stage),
                    touchpoint=0,
                )
            )
    store(world, batch)


def visibility(table: str = "cjm_event") -> tuple[int, int]:
    """(pages of the table, pages the visibility map marks all-visible)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_relation_size(oid) / current_setting('block_size')::int, relallvisible "
            "FROM pg_class WHERE oid = %s::regclass",
            [table],
        )
        return cursor.fetchone()


def test_the_first_report_after_a_load_vacuums_what_the_load_left(world, settings):
    settings.CJM_EVENTS_VACUUM_BEFORE_REPORT_PAGES = 4
    load(world, 1500)  # 4,500 events: dozens of pages, none all-visible yet
    pages, visible = visibility()
    assert pages >= 8 and visible == 0
    # (Whether the table was ever analyzed depends on the tests that ran before: statistics
    # outlive their transactions. After the report it has been, either way.)
    definition = definition_for(
        world, date_from=datetime.date(2026, 3, 1), date_to=datetime.date(2026, 3, 31)
    )
    outcome = run_report(definition)
    pages, visible = visibility()
    assert visible == pages  # vacuumed before the engine read the events
    assert not maintenance.table_state("cjm_event")["never_analyzed"]
    assert outcome.result["stages"][0]["entered"] == 1500
    assert outcome.result["stages"][2]["entered"] == 1500
    # Nothing left to do: the next report does not vacuum again.
    assert maintenance.before_report() is False
    # A few more events stay below the threshold: no VACUUM for them.
    load(world, 10, prefix="late")
    assert maintenance.before_report() is False
    rows = list(progress_of(spec(definition)))
    assert len(rows) == 1510
    assert public(run_report(definition).result)["stages"][0]["entered"] == 1510


def test_nothing_runs_inside_a_transaction(world, settings):
    settings.CJM_EVENTS_VACUUM_BEFORE_REPORT_PAGES = 1
    settings.CJM_EVENTS_VACUUM_AFTER_LOAD_PAGES = 1
    load(world, 200)
    with transaction.atomic():  # VACUUM cannot run in a transaction block: skipped, no error
        assert maintenance.before_report() is False
        assert maintenance.after_load() is False
        assert maintenance.maintain() == []
    assert visibility()[1] == 0


def test_a_load_queues_one_background_job_that_vacuums_and_analyzes(world, api, settings):
    settings.CJM_EVENTS_VACUUM_AFTER_LOAD_PAGES = 1
    stage = world.stages[0].pk
    at = "2026-03-02T10:{:02d}:00Z"
    rows = [
        {
            "event_id": f"b{i}",
            "customer": f"c{i % 300}",
            "stage": stage,
            "occurred_at": at.format(i % 60),
        }
        for i in range(1500)
    ]
    response = api.post(BULK, rows, format="json")  # commits; the job runs eagerly on commit
    assert response.status_code == 201, response.content
    pages, visible = visibility()
    assert pages > 0 and visible == pages
    assert not maintenance.table_state("cjm_event")["never_analyzed"]
    assert not maintenance.table_state("cjm_customer")["never_analyzed"]
    assert cache.get(maintenance.QUEUED_KEY) is None  # the job let go of its slot
    # While a job is queued (its slot taken), loads do not queue another one.
    cache.add(maintenance.QUEUED_KEY, 1)
    more = [{**row, "event_id": f"more{i}"} for i, row in enumerate(rows)]
    assert api.post(BULK, more, format="json").status_code == 201
    pages, visible = visibility()
    assert visible < pages
    # The job, when it runs, vacuums what is there and frees the slot.
    assert maintenance.maintain()[0].startswith("VACUUM")
    assert visibility()[0] == visibility()[1]
    assert cache.get(maintenance.QUEUED_KEY) is None


def test_a_vacuum_that_cannot_get_its_lock_does_not_fail_the_report(world, settings, monkeypatch):
    settings.CJM_EVENTS_VACUUM_BEFORE_REPORT_PAGES = 1
    load(world, 100)
    monkeypatch.setattr(maintenance, "LOCK_TIMEOUT", "10ms")
    other = connections.create_connection("default")
    try:
        other.ensure_connection()
        other.set_autocommit(False)
        with other.cursor() as cursor:  # what a concurrent VACUUM holds
            cursor.execute("LOCK TABLE cjm_event IN SHARE UPDATE EXCLUSIVE MODE")
            assert maintenance.before_report() is False
        other.rollback()
    finally:
        other.close()
    definition = definition_for(
        world, date_from=datetime.date(2026, 3, 1), date_to=datetime.date(2026, 3, 31)
    )
    assert run_report(definition).result["stages"][0]["entered"] == 100


def test_the_background_job_skips_a_table_another_vacuum_holds(world):
    load(world, 100)
    cache.add(maintenance.QUEUED_KEY, 1)
    other = connections.create_connection("default")
    try:
        other.ensure_connection()
        other.set_autocommit(False)
        with other.cursor() as cursor:  # what a report's VACUUM (or autovacuum) holds
            cursor.execute("LOCK TABLE cjm_event IN SHARE UPDATE EXCLUSIVE MODE")
            maintenance.maintain()  # does not wait for it, does not fail
            assert visibility()[1] == 0
        other.rollback()
    finally:
        other.close()
    assert cache.get(maintenance.QUEUED_KEY) is None
    maintenance.maintain()
    assert visibility()[0] == visibility()[1]
