"""The events table kept ready for reports after large loads (PostgreSQL; elsewhere nothing).

The SQL engine reads events by index-only scans of the funnel index (progress_sql.py). A scan
stays index-only only on heap pages that the visibility map marks all-visible, and only VACUUM
sets those marks: right after a large load none of the new pages have them, so the first report
fetched every event from the heap (setting its hint bits on the way): 1.4-1.7 times as long as
the same report after ``VACUUM`` in BENCHMARKS.md's runs, up to nine times where it was first
measured. Autovacuum catches up eventually, but users ask for a report right after loading. So:

- after a load commits (bulk API, track calls, file imports), when the events table has many
  pages that are not all-visible, a background job (``events_table_maintain_task``, one at a
  time) vacuums it, and analyzes it when it was never analyzed or has doubled since;
  the customers table too, which each load updates (first and last seen);
- before a report reads events, the run vacuums what is left: VACUUM only visits the pages
  not yet all-visible (about 0.1 s per 100,000 new events here), much less than the heap
  fetches it saves. A table that was never analyzed is analyzed then as well.

Thresholds (pages of 8 kB, about 70 events each) can be set in the settings:
``CJM_EVENTS_VACUUM_AFTER_LOAD_PAGES`` (default 1024) and ``CJM_EVENTS_VACUUM_BEFORE_REPORT_PAGES``
(default 128).
"""

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)

EVENTS, CUSTOMERS = "cjm_event", "cjm_customer"
QUEUED_KEY = "cjm:funnels:events-maintenance-queued"
QUEUED_TIMEOUT = 5 * 60  # a lost job (a purged queue) lets another be queued after this long
ANALYZE_MIN_CHANGES = 100_000  # rows changed since the last ANALYZE, at least
LOCK_TIMEOUT = "30s"  # a report waits this long for another VACUUM of the table, then goes on

TABLE_STATE = """SELECT greatest(pg_relation_size(c.oid) / current_setting('block_size')::int
                                 - c.relallvisible, 0),
       c.reltuples, coalesce(s.n_mod_since_analyze, 0), coalesce(s.n_dead_tup, 0),
       s.last_analyze IS NULL AND s.last_autoanalyze IS NULL
FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
WHERE c.oid = %s::regclass"""


def _threshold(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def _usable() -> bool:
    """VACUUM needs PostgreSQL and no transaction open (tests run inside one)."""
    return connection.vendor == "postgresql" and not connection.in_atomic_block


def table_state(table: str) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(TABLE_STATE, [table])
        pages, rows, changed, dead, never = cursor.fetchone()
    return {
        "pages_not_visible": pages,
        "rows": max(rows, 0),
        "changed_since_analyze": changed,
        "dead_rows": dead,
        "never_analyzed": bool(never),
    }


def _needs_analyze(state: dict) -> bool:
    if state["never_analyzed"]:
        return state["rows"] > 0 or state["pages_not_visible"] > 0
    # ANALYZE reads a sample of 30,000 rows (about 0.5 s on a million events): during a load
    # that grows the table, once per doubling.
    return state["changed_since_analyze"] >= max(ANALYZE_MIN_CHANGES, state["rows"])


def _vacuum(table: str, *, analyze: bool, wait: bool = True) -> None:
    """VACUUM (and ANALYZE) ``table``; ``wait=False``: skip it when another VACUUM (the one of
    a report, autovacuum) holds it, as that one does the work."""
    options = ", ".join(["ANALYZE"] * analyze + ["SKIP_LOCKED"] * (not wait))
    with connection.cursor() as cursor:
        cursor.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
        try:
            cursor.execute(f"VACUUM {f'({options}) ' if options else ''}{table}")
        finally:
            cursor.execute("RESET lock_timeout")


def before_report() -> bool:
    """Vacuum the events table if enough of it is not all-visible; True when it did. Never
    fails the report: a VACUUM that cannot get its lock in time is skipped."""
    if not _usable():
        return False
    state = table_state(EVENTS)
    pages = _threshold("CJM_EVENTS_VACUUM_BEFORE_REPORT_PAGES", 128)
    if state["pages_not_visible"] < pages:
        return False
    started = time.monotonic()
    try:
        _vacuum(EVENTS, analyze=state["never_analyzed"])
    except DatabaseError as exc:  # e.g. another VACUUM held the table past the lock timeout
        logger.warning("VACUUM before the funnel report skipped: %s", exc)
        return False
    logger.info(
        "Vacuumed %s before a funnel report (%d pages were not all-visible) in %.2f s",
        EVENTS,
        state["pages_not_visible"],
        time.monotonic() - started,
    )
    return True


def after_load(queue: Callable[[], object] | None = None) -> bool:
    """After a load committed: call ``queue`` (which queues ``events_table_maintain_task``: the
    writes that load pass it) when the events table needs it and none is queued yet; True when
    it was called."""
    if not _usable():
        return False
    pages = _threshold("CJM_EVENTS_VACUUM_AFTER_LOAD_PAGES", 1024)
    if table_state(EVENTS)["pages_not_visible"] < pages:
        return False
    if not cache.add(QUEUED_KEY, 1, timeout=QUEUED_TIMEOUT):
        return False  # one is queued or running; it looks at the table when it starts
    if queue is not None:
        queue()
    return True


def maintain() -> list[str]:
    """The background job: vacuum (and analyze) the events and customers tables as needed;
    the statements it ran."""
    done = []
    try:
        if not _usable():
            return done
        events = table_state(EVENTS)
        if events["pages_not_visible"] or _needs_analyze(events):
            analyze = _needs_analyze(events)
            _vacuum(EVENTS, analyze=analyze, wait=False)
            done.append(f"VACUUM {'(ANALYZE) ' if analyze else ''}{EVENTS}")
        customers = table_state(CUSTOMERS)
        analyze = _needs_analyze(customers)
        if analyze or customers["dead_rows"] >= max(10_000, customers["rows"] / 5):
            _vacuum(CUSTOMERS, analyze=analyze, wait=False)
            done.append(f"VACUUM {'(ANALYZE) ' if analyze else ''}{CUSTOMERS}")
    finally:
        cache.delete(QUEUED_KEY)
    return done
