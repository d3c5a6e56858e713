"""Benchmark of the REST API's full map, ``GET /api/v1/journeys/<id>/`` (on demand: `make bench`).

Makes its own PostgreSQL database (``cjm_bench_api`` or $BENCH_API_DATABASE, on the server of
$DATABASE_URL), builds a
map of 12 stages x 120 touchpoints x 8 lanes through the services, serves it with gunicorn
(2 workers) on loopback and measures, for the real endpoint and for a naive one without
prefetching (bench_api_urls.py, same JSON): (a) queries per request, in process; (b) latency of
300 sequential requests, at the client and inside gunicorn, with the CPU time per request of the
workers and of PostgreSQL; (c) req/s and latency under 20 concurrent connections from wrk.
Prints a markdown table, writes it into BENCHMARKS.md (not with --no-write), stops gunicorn and
drops the database. Targets: <= 10 queries, p50 <= 40 ms."""

import argparse
import contextlib
import datetime
import http.client
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import warnings
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
BENCH_DB = os.environ.get("BENCH_API_DATABASE", "cjm_bench_api")
SEQUENTIAL, WARMUP = 300, 20
WRK_ARGS = ["-t", "2", "-c", "20", "-d", "15s", "--timeout", "30s"]
TARGET_QUERIES, TARGET_P50_MS = 10, 40.0
SECTION = "## REST API: full journey map"

server_url = urlsplit(os.environ.get("DATABASE_URL", ""))  # the server of the test database
if not server_url.scheme.startswith("postgres"):
    server_url = urlsplit("postgres://postgres@127.0.0.1:5432/")
BENCH_URL = urlunsplit(server_url._replace(path=f"/{BENCH_DB}"))
ADMIN_URL = urlunsplit(server_url._replace(path="/postgres"))
os.environ.update(
    DATABASE_URL=BENCH_URL,
    DJANGO_SETTINGS_MODULE="tests.benchmarks.bench_api_settings",
    DEBUG="0",
    ALLOWED_HOSTS="127.0.0.1,testserver",
    API_TOKEN_THROTTLE_RATE="1000000/minute",  # (c) would hit the real 1200/minute per user
    DB_CONN_MAX_AGE="600",  # each worker keeps its connection for the whole run
    PYTHONWARNINGS="ignore:No directory at:UserWarning",  # whitenoise: no collectstatic here
)  # and below: local-memory cache, eager tasks, so nothing reaches the shared Redis or broker
for name in ("REDIS_URL", "CELERY_BROKER_URL", "CJM_PRODUCTION", "SECURE_SSL_REDIRECT"):
    os.environ.pop(name, None)
sys.path.insert(0, str(ROOT))
from tests.benchmarks._map_data import LANE_KINDS, PER_STAGE, STAGES, build_map  # noqa: E402


def admin_sql(sql: str, params=()) -> list:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        cursor = conn.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def drop_database() -> None:
    from django.db import connections

    connections.close_all()
    admin_sql(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


def count_queries(paths: dict, key: str) -> dict:
    """Queries, status and body of one GET per path, in process (after a warm-up request)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client, results = Client(HTTP_AUTHORIZATION=f"Token {key}"), {}
    for name, url in paths.items():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        size, body = len(response.content), response.json()
        results[name] = {"queries": len(captured), "body": body, "size": size}
    return results


def start_gunicorn(port: int, log: Path) -> subprocess.Popen:
    command = [
        # "-c /dev/null": gunicorn's defaults (sync workers) as recorded, not gunicorn.conf.py
        str(Path(sys.executable).with_name("gunicorn")), "-c", os.devnull, "cjm.wsgi", "-w", "2",
        "-b", f"127.0.0.1:{port}", "--access-logfile", str(log),
        "--access-logformat", "%(U)s %(s)s %(D)s", "--error-logfile", str(log) + ".err",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy(), start_new_session=True)
    for _ in range(150):  # up to 30 s
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}; see {log}.err")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return server
        time.sleep(0.2)
    stop_gunicorn(server)
    raise RuntimeError("gunicorn did not start listening within 30 s")


def stop_gunicorn(server: subprocess.Popen) -> None:
    server.terminate()  # SIGTERM to the master, which stops its workers
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)  # the master's own process group (new session)
        server.wait(timeout=10)


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far (s)."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def server_pids(master: int) -> list[int]:
    """The gunicorn workers and the PostgreSQL backends of the bench database."""
    workers = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master:
                workers.append(int(stat.parent.name))
    rows = admin_sql("SELECT pid FROM pg_stat_activity WHERE datname = %s", [BENCH_DB])
    return [workers, [row[0] for row in rows]]


def sequential(server: subprocess.Popen, port: int, url: str, key: str, log: Path) -> dict:
    """SEQUENTIAL GETs one after another, keep-alive asked for (gunicorn's sync workers close
    the connection after each answer anyway, so each request opens one)."""
    headers = {"Authorization": f"Token {key}", "Connection": "keep-alive"}
    conn, times = None, []
    for n in range(WARMUP + SEQUENTIAL):
        if n == WARMUP:
            log_start, load = log.stat().st_size, os.getloadavg()[0]
            workers, backends = server_pids(server.pid)
            cpu_start = cpu_seconds(workers), cpu_seconds(backends)
        conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        start = time.perf_counter()
        conn.request("GET", url, headers=headers)
        response = conn.getresponse()
        response.read()
        elapsed = (time.perf_counter() - start) * 1000
        if response.status != 200:
            raise RuntimeError(f"GET {url}: {response.status}")
        conn = None if response.will_close else conn
        times += [elapsed] if n >= WARMUP else []
    cpu = [(cpu_seconds(pids) - before) * 1000 / SEQUENTIAL for pids, before in zip(
        (workers, backends), cpu_start, strict=True)]  # fmt: skip
    time.sleep(0.5)
    with log.open() as lines:
        lines.seek(log_start)
        server_ms = [int(line.split()[2]) / 1000 for line in lines if line.startswith(url)]
    p95 = lambda values: statistics.quantiles(values, n=20)[18]  # noqa: E731
    return {"seq_p50": statistics.median(times), "seq_p95": p95(times), "seq_min": min(times),
            "server_p50": statistics.median(server_ms), "server_p95": p95(server_ms),
            "cpu_app": cpu[0], "cpu_db": cpu[1], "seq_load": load}  # fmt: skip


WRK_LUA = """wrk.headers["Authorization"] = "Token %s"
done = function(summary, latency, requests)
  io.write(string.format("BENCH %%d %%d %%d %%d %%d %%d %%d\\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), summary.duration))
end
"""


def loaded(port: int, url: str, key: str) -> dict:
    """wrk on loopback: req/s and latency percentiles (ms) under 20 concurrent connections."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_LUA % key)
    try:
        load = os.getloadavg()[0]
        run = subprocess.run(
            ["wrk", *WRK_ARGS, "-s", script.name, f"http://127.0.0.1:{port}{url}"],
            capture_output=True, text=True, timeout=90, check=True,
        )  # fmt: skip
    finally:
        os.unlink(script.name)
    match = re.search(r"^BENCH (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$", run.stdout, re.M)
    if not match:
        raise RuntimeError(f"unexpected wrk output:\n{run.stdout}\n{run.stderr}")
    requests, errors, p50, p90, p95, p99, duration = map(int, match.groups())
    return {
        **{"rps": requests / (duration / 1e6), "requests": requests, "errors": errors},
        **{"p50": p50 / 1000, "p90": p90 / 1000, "p95": p95 / 1000, "p99": p99 / 1000},
        **{"load": load, "after": os.getloadavg()[0]},
    }


def machine() -> str:
    model = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
    mem = int(re.search(r"^MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text(), re.M)[1])
    pg = admin_sql("SHOW server_version")[0][0].split()[0]
    return (
        f"{os.cpu_count()} CPUs ({model[1] if model else platform.machine()}), "
        f"{mem / 2**20:.0f} GiB RAM, Python {platform.python_version()}, PostgreSQL {pg} "
        "on the same host"
    )


ROWS = [  # label, key, format, True when less is better
    ("(a) SQL queries per request (incl. token auth)", "queries", "{:d}", True),
    ("response size (bytes)", "size", "{:,}", True),
    ("(b) sequential: p50 at the client (ms)", "seq_p50", "{:.1f}", True),
    ("(b) sequential: p95 at the client (ms)", "seq_p95", "{:.1f}", True),
    ("(b) sequential: fastest request at the client (ms)", "seq_min", "{:.1f}", True),
    ("(b) sequential: p50 inside gunicorn (ms)", "server_p50", "{:.1f}", True),
    ("(b) sequential: p95 inside gunicorn (ms)", "server_p95", "{:.1f}", True),
    ("(b) CPU per request: gunicorn worker (ms)", "cpu_app", "{:.1f}", True),
    ("(b) CPU per request: PostgreSQL backend (ms)", "cpu_db", "{:.1f}", True),
    ("(c) 20 concurrent (wrk): req/s", "rps", "{:.1f}", False),
    ("(c) 20 concurrent: p50 (ms)", "p50", "{:.0f}", True),
    ("(c) 20 concurrent: p90 (ms)", "p90", "{:.0f}", True),
    ("(c) 20 concurrent: p95 (ms)", "p95", "{:.0f}", True),
    ("(c) 20 concurrent: p99 (ms)", "p99", "{:.0f}", True),
]


def table(rows: dict) -> str:
    fast, naive = rows["prefetched"], rows["naive"]
    out = ["| figure | `GET /api/v1/journeys/<id>/` | naive, no prefetching | naive vs. real |",
           "| --- | --- | --- | --- |"]  # fmt: skip
    for label, key, fmt, less in ROWS:
        a, b = fast[key], naive[key]
        ratio = f"{(b / a if less else a / b):.1f}x" if a and b else "-"
        out.append(f"| {label} | {fmt.format(a)} | {fmt.format(b)} | {ratio} |")
    for label, keys in (
        ("(c) requests in 15 s / errors (timeouts etc.)", ("requests", "errors")),
        ("load average (1 min): at (b) / (c) start / (c) end", ("seq_load", "load", "after")),
    ):
        cells = [" / ".join(f"{r[k]:.1f}" if isinstance(r[k], float) else str(r[k])
                            for k in keys) for r in (fast, naive)]  # fmt: skip
        out.append(f"| {label} | {cells[0]} | {cells[1]} | |")
    return "\n".join(out)


def write_benchmarks_md(results: str) -> None:
    """Replace what lies between this benchmark's markers in BENCHMARKS.md (the prose around
    them is written by hand); append the section when it is missing."""
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text()
    start, end = "<!-- bench_api_journey_map: start -->", "<!-- bench_api_journey_map: end -->"
    if start not in text:
        command = ".venv/bin/python tests/benchmarks/bench_api_journey_map.py"
        text = f"{text.rstrip()}\n\n{SECTION}\n\nCommand: `{command}`\n\n{start}\n{end}\n"
    head, rest = text.split(start, 1)
    path.write_text(f"{head}{start}\n{results}\n{end}{rest.split(end, 1)[1]}")


def measure(paths: dict, key: str, workdir: Path) -> dict:
    """(a) in process, then (b) and (c) against gunicorn, which is stopped at the end."""
    from django.db import connections

    inproc = count_queries(paths, key)
    body = inproc["prefetched"]["body"]
    assert len(body["stages"]) == STAGES and len(body["lanes"]) == len(LANE_KINDS)
    assert sum(len(s["touchpoints"]) for s in body["stages"]) == STAGES * PER_STAGE
    assert body == inproc["naive"]["body"], "the naive endpoint must answer the same JSON"
    connections.close_all()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log, rows = workdir / "access.log", {}
    server = start_gunicorn(port, log)
    try:
        for name, url in paths.items():
            seq = sequential(server, port, url, key, log)
            conc = loaded(port, url, key)
            print(f"{name}: sequential {seq}, wrk {conc}", flush=True)
            rows[name] = {**{k: inproc[name][k] for k in ("queries", "size")}, **seq, **conc}
    finally:
        stop_gunicorn(server)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="leave BENCHMARKS.md alone")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install -y wrk", file=sys.stderr)
        return 2
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    admin_sql(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
    admin_sql(f"CREATE DATABASE {BENCH_DB}")
    workdir = Path(tempfile.mkdtemp(prefix="bench-api-"))
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        journey, key = build_map()
        info = machine()
        pk = journey.pk
        paths = {"prefetched": f"/api/v1/journeys/{pk}/", "naive": f"/bench/naive/journeys/{pk}/"}
        rows = measure(paths, key, workdir)
    finally:
        drop_database()
        shutil.rmtree(workdir, ignore_errors=True)
    fast, now = rows["prefetched"], datetime.datetime.now(datetime.UTC)
    queries_ok, p50_ok = fast["queries"] <= TARGET_QUERIES, fast["seq_p50"] <= TARGET_P50_MS
    verdict = (
        f"Targets: <= {TARGET_QUERIES} queries {'met' if queries_ok else 'NOT met'} "
        f"({fast['queries']}); p50 <= {TARGET_P50_MS:.0f} ms (sequential, at the client) "
        f"{'met' if p50_ok else 'NOT met'} ({fast['seq_p50']:.1f} ms at a load average of "
        f"{fast['seq_load']:.1f} on {os.cpu_count()} CPUs)."
    )
    wrap = textwrap.fill
    results = f"{wrap(f'Measured {now:%Y-%m-%d %H:%M} UTC on {info}.', 100)}\n\n{table(rows)}"
    results += f"\n\n{wrap(verdict, 100)}"
    print("\n" + results)
    if not args.no_write:
        write_benchmarks_md(results)
        print("BENCHMARKS.md: results written")
    # Only the query count fails the run: latency depends on what else the machine is doing.
    return 0 if queries_ok else 1


if __name__ == "__main__":
    sys.exit(main())
