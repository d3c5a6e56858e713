"""End to end: bulk ingestion over HTTP, then the first funnel report (on demand: `make bench`).

Measured the way a user meets it: gunicorn with the project's gunicorn.conf.py (2 workers), a
real Celery worker, 1.1M generated events (_ingest_data.py) posted as JSON in requests of 10,000
by 2 client connections on loopback, then a report of 2025 requested through the API at once.
Twice (``--per-customer``): 100 events per customer (11,000 customers, like page views), then
10 per customer (110,000 customers, the shape of bench_funnel.py: the hard case for both the
ingestion, which updates each customer's first and last seen, and the SQL engine, whose work
grows with the customers while the reference's grows with the events).

The same run also measures the way before, so that the figures can be compared on this shared,
noisy machine: a second database (a copy of the first, made before any event) served by a
second gunicorn through ``/bench/before/events/bulk/`` (the endpoint as it was, see
bench_ingest_urls.py) and a second worker that does not vacuum before a report. The two take
turns (half of the events before, half now, the other half before, the other half now), so
both meet the same load from the rest of the machine. Then:

- "fresh": the report right after the load, on the database loaded now (its background job
  vacuumed during the load, the run vacuums what is left: cjm/funnels/maintenance.py);
- "fresh, as before": the same report on the other database, never vacuumed;
- "vacuumed": the same report again (a full run) after ``VACUUM ANALYZE``;
- the plain-Python reference on the same events (loaded, walked per customer, tallied).

Makes its databases (``--database``, default ``cjm_bench_http`` and ``<name>_before``, on the
server of $DATABASE_URL) and drops them at the end. Uses the Redis of $CELERY_BROKER_URL and
$REDIS_URL, with queues of its own. Prints a markdown table and writes it into BENCHMARKS.md
(``--no-write``: don't). Targets: >= 30,000 events/s over HTTP; the fresh report at least 5x
faster than the reference and about as fast as the vacuumed one.
"""

import argparse
import datetime
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.benchmarks import _http_tools as tools  # noqa: E402

ROOT = tools.ROOT
SECTION = "## Funnel analytics end to end: bulk ingestion over HTTP and the first report"
TARGET_RATE, TARGET_RATIO = 30_000, 5.0
NOW_PATH, BEFORE_PATH = "/api/v1/events/bulk/", "/bench/before/events/bulk/"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_100_000)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument(
        "--per-customer",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[100, 10],
        help="events per customer, one measurement each (default 100,10)",
    )
    parser.add_argument("--clients", type=int, default=2, help="concurrent client connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument(
        "--database", default=os.environ.get("BENCH_HTTP_DATABASE", "cjm_bench_http")
    )
    parser.add_argument("--no-write", action="store_true")
    return parser.parse_args()


def configure(database: str) -> tuple[str, str]:
    """Point this process (and the servers it starts) at the bench database; its URL and the
    server's admin URL."""
    server = urlsplit(os.environ.get("DATABASE_URL", ""))
    if not server.scheme.startswith("postgres"):
        server = urlsplit("postgres://postgres@127.0.0.1:5432/")
    url = urlunsplit(server._replace(path=f"/{database}"))
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="tests.benchmarks.bench_ingest_settings",
        BENCH_CELERY_QUEUE=f"bench-http-{uuid.uuid4().hex[:8]}",
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,testserver",
        DB_CONN_MAX_AGE="600",
        PYTHONWARNINGS="ignore:No directory at:UserWarning",  # whitenoise: no collectstatic
    )
    os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
    for name in ("CJM_PRODUCTION", "SECURE_SSL_REDIRECT", "CELERY_RESULT_BACKEND"):
        os.environ.pop(name, None)
    return url, urlunsplit(server._replace(path="/postgres"))


def admin_sql(admin_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql)


def build(events: int, batch: int, per_customer: int):
    """The map, a user with a token, and the request bodies (not timed)."""
    from django.contrib.auth import get_user_model

    from cjm.accounts.services.users import api_token_create
    from tests.benchmarks import _funnel_data, _ingest_data

    user = get_user_model().objects.create_user("bench", password="bench-password-1")
    _workspace, journey = _funnel_data.build_map(user)
    stages, touchpoints = [], []
    for stage in journey.stages.order_by("position"):
        stages.append(stage.pk)
        touchpoints.append(list(stage.touchpoints.values_list("pk", flat=True)))
    rows = _ingest_data.event_rows(stages, touchpoints, events, per_customer)
    return journey, api_token_create(actor=user).key, _ingest_data.bodies(rows, batch)


def python_reference(journey) -> dict:
    """The plain-Python pass over the same events: loaded in customer order, walked, tallied."""
    from cjm.funnels import engine_python
    from cjm.funnels.spec import spec_for
    from cjm.funnels.tally import report_from_tally, tally_progress
    from cjm.models import FunnelDefinition

    spec = spec_for(FunnelDefinition.objects.filter(journey=journey).get())
    started = time.monotonic()
    tally = tally_progress(engine_python.progress_of(spec), spec.size)
    result = report_from_tally(spec.stage_ids, tally)
    return {
        "run": time.monotonic() - started,
        "stages": [(s["stage"], s["entered"]) for s in result["stages"]],
    }


def vacuumed_again(journey) -> float:
    """Forget the journey's progress (the next report is a full run again), then VACUUM
    ANALYZE the database; the seconds the VACUUM took."""
    from django.db import connection

    from cjm.models import FunnelDefinition, FunnelProgress

    FunnelDefinition.objects.filter(journey=journey).update(
        generation=None, summary=None, watermark=0
    )
    FunnelProgress.objects.filter(definition__journey=journey).delete()
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return time.monotonic() - started


def load(servers: dict, key: str, bodies: list[bytes], clients: int) -> dict:
    """Half of the bodies through each server in turn, then the other half."""
    half = len(bodies) // 2
    totals = {name: {"seconds": 0.0, "created": 0, "latencies": []} for name in servers}
    for part in (bodies[:half], bodies[half:]):
        for name, (port, path, meter) in servers.items():
            with meter.measure():
                done = tools.post_all(port, key, path, part, clients)
            totals[name]["seconds"] += done["seconds"]
            totals[name]["created"] += done["created"]
            totals[name]["latencies"] += done["latencies"]
    for name, (_port, _path, meter) in servers.items():
        totals[name].update(app=meter.app, db=meter.db, rss=tools.peak_rss_mb(meter.workers))
        totals[name]["latencies"].sort()
    return totals


def measure(args, admin: str, journey, key: str, bodies: list[bytes]) -> dict:
    from django.db import connections

    before_db = f"{args.database}_before"
    connections.close_all()  # the copy needs the database without connections
    admin_sql(admin, f"DROP DATABASE IF EXISTS {before_db} WITH (FORCE)")
    admin_sql(admin, f"CREATE DATABASE {before_db} TEMPLATE {args.database}")
    log = Path(tempfile.gettempdir()) / f"bench-http-{os.getpid()}.log"
    env = dict(os.environ, WEB_CONCURRENCY=str(args.workers), GUNICORN_ACCESS_LOG=str(log))
    before_env = dict(
        env,
        DATABASE_URL=urlunsplit(urlsplit(env["DATABASE_URL"])._replace(path=f"/{before_db}")),
        BENCH_CELERY_QUEUE=env["BENCH_CELERY_QUEUE"] + "-before",
        BENCH_NO_VACUUM_BEFORE_REPORT="1",
    )
    ports = {"now": tools.free_port(), "before": tools.free_port()}
    processes = {
        "now": tools.gunicorn(env, ports["now"]),
        "before": tools.gunicorn(before_env, ports["before"]),
        "now worker": tools.celery_worker(env, env["BENCH_CELERY_QUEUE"]),
        "before worker": tools.celery_worker(before_env, before_env["BENCH_CELERY_QUEUE"]),
    }
    try:
        servers = {}
        for name, path, database in (
            ("before", BEFORE_PATH, before_db),
            ("now", NOW_PATH, args.database),
        ):
            tools.wait_port(processes[name], ports[name])
            client = tools.Client(ports[name], key)
            for _ in range(4):  # the workers import what a bulk request needs
                assert client.call("POST", path, b"[]")[0] == 201
            meter = tools.CpuMeter(admin, processes[name], database)
            servers[name] = (ports[name], path, meter)
        ingest = load(servers, key, bodies, args.clients)
        fresh = tools.report_over_http(ports["now"], key, journey.pk)
        fresh_before = tools.report_over_http(ports["before"], key, journey.pk)
        vacuum = vacuumed_again(journey)
        vacuumed = tools.report_over_http(ports["now"], key, journey.pk)
    finally:
        for process in processes.values():
            tools.stop(process)
        log.unlink(missing_ok=True)
        connections.close_all()
        admin_sql(admin, f"DROP DATABASE IF EXISTS {before_db} WITH (FORCE)")
    reference = python_reference(journey)
    same = {str(r["stages"]) for r in (fresh, fresh_before, vacuumed, reference)}
    assert len(same) == 1, (fresh, fresh_before, vacuumed, reference)
    return {
        "ingest": ingest,
        "fresh": fresh,
        "fresh_before": fresh_before,
        "vacuum": vacuum,
        "vacuumed": vacuumed,
        "reference": reference,
    }


def machine() -> str:
    from django.db import connection

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )
    memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0].split()[0]
        cursor.execute("SHOW autovacuum")
        autovacuum = cursor.fetchone()[0]
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {memory / 1024 / 1024:.0f} GiB RAM, Python "
        f"{sys.version.split()[0]}, PostgreSQL {version} on the same host (autovacuum "
        f"{autovacuum})"
    )


def table(args, m: dict, events: int, requests: int) -> str:
    now, before = m["ingest"]["now"], m["ingest"]["before"]
    fresh, old, vacuumed, ref = m["fresh"], m["fresh_before"], m["vacuumed"], m["reference"]
    rate, rate_before = events / now["seconds"], events / before["seconds"]

    def median(lat: list) -> str:
        return f"{lat[len(lat) // 2] * 1000:,.0f}"

    def per(seconds: float) -> str:
        return f"{seconds * 10_000 / events * 1000:.0f}"

    def report(r: dict) -> str:
        return f"{r['mode']}; queued {r['waited']:.2f} s; at the client {r['wall']:.2f} s"

    rows = [
        ("Bulk ingestion over HTTP", f"{events:,} events, {requests} requests of "
         f"{args.batch:,}, {args.clients} client connections, {args.workers} gunicorn workers",
         f"{rate:,.0f} events/s", f">= {TARGET_RATE:,}/s"),
        ("the same, endpoint as before", "the same events into the copy, in turns with the "
         "above", f"{rate_before:,.0f} events/s", f"now / before = {rate / rate_before:.2f}x"),
        ("request time, median", "now / before", f"{median(now['latencies'])} / "
         f"{median(before['latencies'])} ms", ""),
        ("CPU per 10,000 events, gunicorn workers", "now / before",
         f"{per(now['app'])} / {per(before['app'])} ms", ""),
        ("CPU per 10,000 events, PostgreSQL", "now / before (now: with the background VACUUMs)",
         f"{per(now['db'])} / {per(before['db'])} ms", ""),
        ("Peak memory of a gunicorn worker (VmHWM)", "now / before",
         f"{now['rss']:.0f} / {before['rss']:.0f} MB", ""),
        ("First report, fresh data", f"requested right after the load ({report(fresh)})",
         f"{fresh['run']:.2f} s", f"reference / fresh = {ref['run'] / fresh['run']:.1f}x "
         f"(>= {TARGET_RATIO:.0f}x)"),
        ("the same, as before", f"on the copy, never vacuumed ({report(old)})",
         f"{old['run']:.2f} s", f"reference / fresh as before = {ref['run'] / old['run']:.1f}x"),
        ("`VACUUM ANALYZE`", "the whole database, after the fresh reports",
         f"{m['vacuum']:.1f} s", ""),
        ("Same report, vacuumed", f"after `VACUUM ANALYZE` ({report(vacuumed)})",
         f"{vacuumed['run']:.2f} s", f"fresh / vacuumed = {fresh['run'] / vacuumed['run']:.2f}"),
        ("Plain-Python reference", f"the same events, {fresh['stages'][0][1]:,} customers "
         "entered: loaded, walked per customer, tallied", f"{ref['run']:.2f} s",
         f"reference / vacuumed = {ref['run'] / vacuumed['run']:.1f}x"),
    ]  # fmt: skip
    return "\n".join(
        ["| measure | what | result | target / ratio |", "| --- | --- | --- | --- |"]
        + [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    )


def write(text: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    content = path.read_text()
    pattern = re.compile(
        r"<!-- bench_ingest_http: start -->.*?<!-- bench_ingest_http: end -->", re.S
    )
    if pattern.search(content):
        content = pattern.sub(lambda _m: text, content)
    else:
        content = content.rstrip("\n") + f"\n\n{SECTION}\n\n{text}\n"
    path.write_text(content)


def run_shape(args, admin: str, per_customer: int) -> tuple[dict, int]:
    """One measurement on a new database: events with ``per_customer`` events per customer."""
    from django.db import connections

    connections.close_all()
    admin_sql(admin, f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)")
    admin_sql(admin, f"CREATE DATABASE {args.database}")
    migrate = [sys.executable, "manage.py", "migrate", "--noinput", "-v0"]
    subprocess.run(migrate, cwd=ROOT, check=True)
    print(f"{args.events:,} events, {per_customer} per customer...", flush=True)
    from django.core.cache import cache

    from cjm.funnels import maintenance

    cache.delete(maintenance.QUEUED_KEY)  # not a job of an earlier run that no worker ran
    journey, key, bodies = build(args.events, args.batch, per_customer)
    return measure(args, admin, journey, key, bodies), len(bodies)


def main() -> None:
    args = parse_args()
    _url, admin = configure(args.database)
    started, load_average = time.monotonic(), os.getloadavg()
    import django

    django.setup()
    tables = []
    try:
        for per_customer in args.per_customer:
            measured, requests = run_shape(args, admin, per_customer)
            tables.append(
                f"{args.events // per_customer:,} customers, {per_customer} events each:\n\n"
                f"{table(args, measured, args.events, requests)}"
            )
        host = machine()
    finally:
        from django.db import connections

        connections.close_all()
        admin_sql(admin, f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)")
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = (
        f"<!-- bench_ingest_http: start -->\nMeasured {when} on {host}; load average "
        f"{load_average[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end; the whole "
        f"script took {time.monotonic() - started:.0f} s. Command: `make bench`, or "
        f"`.venv/bin/python tests/benchmarks/bench_ingest_http.py` with `DATABASE_URL`, "
        f"`CELERY_BROKER_URL` and `REDIS_URL` set. Reports: their run time in the worker "
        f"(started to finished).\n\n" + "\n\n".join(tables) + "\n<!-- bench_ingest_http: end -->"
    )
    print(text)
    if not args.no_write:
        write(text)


if __name__ == "__main__":
    main()
