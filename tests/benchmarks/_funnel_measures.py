"""Measures of tests/benchmarks/bench_funnel.py: the bulk API, the import command and the
naive pass (imported by it once Django is set up)."""

import json
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def bench_bulk(user, journey, requests: int) -> float:
    from django.test import Client
    from rest_framework.authtoken.models import Token

    token, _ = Token.objects.get_or_create(user=user)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    stages = list(journey.stages.order_by("position").values_list("pk", flat=True))
    run = uuid.uuid4().hex[:6]
    bodies = []
    for r in range(requests):
        rows = [
            {
                "event_id": f"bulk-{run}-{r}-{i}",
                "customer": f"bulk-{run}-{(r * 10_000 + i) // 4}",
                "stage": stages[i % 3],
                "occurred_at": f"2025-06-{1 + i % 28:02d}T{i % 24:02d}:00:00Z",
                "properties": {"campaign": "spring"},
            }
            for i in range(10_000)
        ]
        bodies.append(json.dumps(rows).encode())
    started = time.monotonic()
    for body in bodies:
        response = client.post("/api/v1/events/bulk/", body, content_type="application/json")
        assert response.status_code == 201, response.content[:500]
    return requests * 10_000 / (time.monotonic() - started)


def bench_import(journey, rows: int) -> tuple[float, str]:
    from django.db import connection

    stages = list(journey.stages.order_by("position").values_list("pk", flat=True))
    run = uuid.uuid4().hex[:6]
    path = Path(tempfile.gettempdir()) / f"bench-events-{run}.csv"
    with connection.cursor() as cursor, open(path, "wb") as out:
        sql = f"""COPY (SELECT 'imp-{run}-' || g AS event_id, 'imp-{run}-' || (g / 5) AS customer,
                   (ARRAY{stages})[1 + g % 3] AS stage, NULL AS touchpoint, NULL AS channel,
                   to_char(timestamptz '2025-03-01' + g * interval '1 second',
                           'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS occurred_at
                 FROM generate_series(1, {rows}) g) TO STDOUT WITH (FORMAT csv, HEADER)"""
        with cursor.cursor.copy(sql) as copy:
            for block in copy:
                out.write(block)
    started = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "import_events",
            str(path),
            "--workspace",
            str(journey.workspace_id),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    rate = rows / (time.monotonic() - started)  # with the command's start-up
    path.unlink()
    return rate, done.stdout.strip()


def bench_naive(journey, target_events: int) -> dict:
    """The portable engine (load into Python, walk per customer) vs the SQL engine, same
    customers (the first ones by id, about ``target_events`` events)."""
    import itertools
    from operator import itemgetter

    from django.db import connection, transaction

    from cjm.funnels import engine_python, engine_sql
    from cjm.funnels.models import FunnelDefinition
    from cjm.funnels.spec import spec_for

    definition = FunnelDefinition.objects.filter(journey=journey).order_by("pk").first()
    spec = spec_for(definition)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT min(customer_id) FROM cjm_event WHERE stage_id = %s", [spec.stage_ids[0]]
        )
        low = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM cjm_event WHERE stage_id = ANY(%s) AND customer_id < %s",
            [list(spec.stage_ids), low + 100_000],
        )
        per_100k = cursor.fetchone()[0]
    high = low + int(100_000 * target_events / max(per_100k, 1))
    position = {stage_id: i for i, stage_id in enumerate(spec.stage_ids)}
    started = time.monotonic()
    qs = engine_python.counted_events(spec).filter(customer_id__gte=low, customer_id__lt=high)
    rows = list(engine_python._rows(qs))
    customers = sum(
        1
        for customer, group in itertools.groupby(rows, key=itemgetter(0))
        if engine_python.walk(customer, [r[1:] for r in group], spec, position)
    )
    naive = time.monotonic() - started
    started = time.monotonic()
    with transaction.atomic(), connection.cursor() as cursor:
        engine_sql._prepare(cursor)
        engine_sql._insert_range(spec, definition.pk, -1, low, high, connection)
        transaction.set_rollback(True)
    sql = time.monotonic() - started
    return {"events": len(rows), "customers": customers, "naive": naive, "sql": sql}
