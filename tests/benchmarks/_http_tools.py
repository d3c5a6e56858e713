"""Helpers of bench_ingest_http.py: servers started and stopped, a keep-alive client, POSTs of
many bodies from a few connections, the CPU time of processes (not a script: `make bench`
skips files starting with an underscore)."""

import contextlib
import datetime
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(command: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # its own process group (new session)
        process.wait(timeout=10)


def gunicorn(env: dict, port: int) -> subprocess.Popen:
    """gunicorn with the project's gunicorn.conf.py (workers from WEB_CONCURRENCY)."""
    command = [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "cjm.wsgi:application"]
    return start([*command, "--bind", f"127.0.0.1:{port}"], env)


def celery_worker(env: dict, queue: str) -> subprocess.Popen:
    """A worker as docker-compose.yml runs it (prefork, one process per CPU), on ``queue``."""
    level = os.environ.get("BENCH_WORKER_LOG_LEVEL", "warning")
    command = [sys.executable, "-m", "celery", "-A", "cjm", "worker", "-Q", queue]
    return start([*command, "--without-gossip", "--without-mingle", "-l", level], env)


def wait_port(process: subprocess.Popen, port: int) -> None:
    for _ in range(300):  # up to 60 s
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.2)
    raise RuntimeError("the server did not start listening within 60 s")


def cpu_seconds(pids) -> float:
    """User + system CPU time of these processes so far."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def children(parent: int) -> list[int]:
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == parent:
                pids.append(int(stat.parent.name))
    return pids


def peak_rss_mb(pids) -> float:
    """The largest peak resident memory (VmHWM) of these processes, in MB."""
    peak = 0
    for pid in pids:
        with contextlib.suppress(OSError, AttributeError):
            text = Path(f"/proc/{pid}/status").read_text()
            peak = max(peak, int(re.search(r"VmHWM:\s+(\d+) kB", text).group(1)))
    return peak / 1024


class CpuMeter:
    """CPU time of a server's workers and of the database backends of one database."""

    def __init__(self, admin_url: str, server: subprocess.Popen, database: str):
        self.admin_url, self.database = admin_url, database
        self.workers = children(server.pid)
        self.app = self.db = 0.0

    def _backends(self) -> dict:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            rows = conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s", [self.database]
            ).fetchall()
        return {pid: cpu_seconds([pid]) for (pid,) in rows}

    @contextlib.contextmanager
    def measure(self):
        app, db = cpu_seconds(self.workers), self._backends()
        yield
        self.app += cpu_seconds(self.workers) - app
        self.db += sum(cpu - db.get(pid, 0) for pid, cpu in self._backends().items())


class Client:
    """One keep-alive connection to the server (opened again if the server closed it)."""

    def __init__(self, port: int, key: str):
        self.key = key
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)

    def call(self, method: str, path: str, body: bytes | None = None) -> tuple[int, dict]:
        headers = {"Authorization": f"Token {self.key}", "Content-Type": "application/json"}
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                if attempt:
                    raise
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
        return response.status, (json.loads(data) if data else {})


def post_all(port: int, key: str, path: str, bodies: list[bytes], clients: int) -> dict:
    """POST every body, ``clients`` connections at a time: wall time, sums, request times."""
    lock, queue, totals, errors = threading.Lock(), list(range(len(bodies))), [0, 0], []
    latencies: list[float] = []

    def worker() -> None:
        client = Client(port, key)
        while True:
            with lock:
                if not queue or errors:
                    return
                index = queue.pop(0)
            started = time.monotonic()
            status, answer = client.call("POST", path, bodies[index])
            with lock:
                latencies.append(time.monotonic() - started)
                if status != 201:
                    errors.append((status, str(answer)[:300]))
                    return
                totals[0] += answer["created"]
                totals[1] += answer["duplicates"]

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"bulk request failed: {errors[0]}")
    return {
        "seconds": time.monotonic() - started,
        "created": totals[0],
        "duplicates": totals[1],
        "latencies": latencies,
    }


def report_over_http(port: int, key: str, journey_id: int) -> dict:
    """Ask for the report of 2025 through the API and poll until it is done."""
    client = Client(port, key)
    started = time.monotonic()
    body = json.dumps({"date_from": "2025-01-01", "date_to": "2025-12-31"}).encode()
    status, report = client.call("POST", f"/api/v1/journeys/{journey_id}/funnel-reports/", body)
    assert status == 202, (status, report)
    path = urlsplit(report["url"]).path
    while report["status"] not in ("done", "failed"):
        time.sleep(0.05)
        status, report = client.call("GET", path)
    wall = time.monotonic() - started
    assert report["status"] == "done", report.get("error")

    def moment(name: str) -> datetime.datetime:
        return datetime.datetime.fromisoformat(report[name])

    return {
        "wall": wall,
        "waited": (moment("started_at") - moment("created_at")).total_seconds(),
        "run": (moment("finished_at") - moment("started_at")).total_seconds(),
        "mode": report["mode"],
        "stages": [(s["stage"], s["entered"]) for s in report["stages"]],
    }
