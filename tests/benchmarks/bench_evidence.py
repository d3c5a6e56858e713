"""Benchmark of the evidence slice on PostgreSQL (on demand: run this file).

Works on its own copy of the funnel benchmark's generated data (tests/benchmarks/_funnel_data.py:
10M events, 1M customers, 8 stages of 5 touchpoints, customers starting through 2025), in the
database ``cjm_evidence_bench`` (or $BENCH_FUNNEL_DATABASE) on the server of $DATABASE_URL,
generated once and kept as a template (``<name>_tpl_<events>_<customers>``) as bench_funnel.py
does. Then:

1. a full funnel report for 2025 (the ledger's exits come from the latest report);
2. a done action at a touchpoint of stage 3, done on 2025-07-01;
3. ``GET /api/v1/actions/{id}/impact/`` (28, 90 and 365-day windows; the cache emptied before
   each, so the first call counts the events and the next ``--repeat`` read the cached counts)
   and ``GET /api/v1/journeys/{id}/moments-of-truth/``, through the API, in process;

Prints a markdown table (paste it into BENCHMARKS.md). Target: under 1 s each.

    env DATABASE_URL=postgres://postgres@127.0.0.1:5432/cjm_evidence \\
        .venv/bin/python tests/benchmarks/bench_evidence.py [--events 1000000 --customers 100000]
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BENCH_FUNNEL_DATABASE", "cjm_evidence_bench")

from tests.benchmarks import bench_funnel as funnel  # noqa: E402  (sets DATABASE_URL first)


def timed(call, repeat: int) -> tuple[float, float, object]:
    started = time.perf_counter()
    result = call()
    cold = time.perf_counter() - started
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return cold, statistics.median(times) if times else cold, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--keep", action="store_true", help="do not drop the working copy")
    args = parser.parse_args()

    generate = funnel.prepare_database(args)
    import django

    django.setup()
    from django.db import connection, transaction
    from rest_framework.test import APIClient

    from cjm.celery import app
    from touchpoints.models import Touchpoint
    from touchpoints.services import action_create

    app.conf.task_always_eager = True  # the report and the outcome job run here, on commit
    user, journey = funnel.ensure_data(args)
    if generate:
        funnel.save_template(args)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM cjm_event")
        total = cursor.fetchone()[0]
        cursor.execute("VACUUM ANALYZE cjm_event")
    started = time.perf_counter()
    (report,), _rss = funnel.run_in_worker([lambda: funnel.request_report(journey, user)], False)
    report_seconds = time.perf_counter() - started
    assert report.status == "done", report.error
    touchpoint = (
        Touchpoint.objects.filter(stage__journey=journey, stage__position=2)
        .order_by("position")
        .first()
    )
    done_at = datetime.datetime(2025, 7, 1, tzinfo=datetime.UTC)
    with transaction.atomic():
        action = action_create(
            actor=user, touchpoint=touchpoint, title="Bench", status="done", done_at=done_at
        )
    client = APIClient()
    client.force_authenticate(user)

    def get(url: str):
        def call():
            answer = client.get(url)
            assert answer.status_code == 200, answer.content
            return answer.json()

        return call

    from django.core.cache import cache

    rows = []
    impact_url = f"/api/v1/actions/{action.pk}/impact/"
    for days in (28, 90, 365):
        cache.clear()  # counted afresh on the first call, from the cache after it
        cold, warm, body = timed(get(f"{impact_url}?window_days={days}"), args.repeat)
        before, after = body["before"], body["after"]
        rows.append(
            (
                f"impact, {days}-day windows",
                f"before {before['entered']:,} / after {after['entered']:,} customers "
                f"entered stage 3; {body['status']}, {body['test_name'] or 'no test'}",
                cold,
                warm,
            )
        )
    ledger_url = f"/api/v1/journeys/{journey.pk}/moments-of-truth/"
    cold, warm, body = timed(get(ledger_url), args.repeat)
    rows.append(("moments of truth", f"{body['count']} touchpoints ranked", cold, warm))
    print(f"\nMachine: {funnel.machine()}")
    print(f"Data: {total:,} events; funnel report for 2025 in {report_seconds:.1f} s\n")
    print("| request | what | first call (counted) | median of the next (cached) |")
    print("| --- | --- | --- | --- |")
    for name, what, cold, warm in rows:
        print(f"| {name} | {what} | {cold * 1000:,.0f} ms | {warm * 1000:,.0f} ms |")
    if not args.keep:
        from django.db import connections

        connections.close_all()
        funnel._admin(f"DROP DATABASE IF EXISTS {funnel.BENCH_DB} WITH (FORCE)")


if __name__ == "__main__":
    main()
