"""Fault drills run on their own servers, never the machine's shared ones: a private PostgreSQL
cluster (initdb into a temporary folder, port 5441, trust auth), a private redis-server (port
6391), Celery workers and a gunicorn web server pointed at them. The test process itself never
opens the database: it talks HTTP to gunicorn and runs short ``manage.py shell`` snippets for
setup and checks (docs/drills.md).

Not part of `make test` (marker ``drill``); run with `make drills`."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _pg_bin() -> Path:
    """The newest PostgreSQL server's binaries (Debian: /usr/lib/postgresql/<major>/bin)."""
    if os.environ.get("DRILLS_PG_BIN"):
        return Path(os.environ["DRILLS_PG_BIN"])
    found = [p.parent for p in Path("/usr/lib/postgresql").glob("*/bin/initdb")]
    found.sort(key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)
    return found[-1] if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _pg_bin()
PG_PORT = int(os.environ.get("DRILLS_PG_PORT", "5441"))
REDIS_PORT = int(os.environ.get("DRILLS_REDIS_PORT", "6391"))
WEB_PORT = int(os.environ.get("DRILLS_WEB_PORT", "8391"))
DB_NAME = "cjm_drill"


def _as_postgres(args):
    """PostgreSQL refuses to run as root: run its tools as the postgres account then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *map(str, args)]
    return [str(a) for a in args]


def wait_for(check, timeout=60.0, interval=0.2, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = check()
        except Exception:  # noqa: BLE001 - a server still starting refuses connections
            value = None
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def port_open(port):
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class Stack:
    """The private servers, and helpers to stop and start each of them."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.pgdata = folder / "pgdata"
        self.media = folder / "media"
        self.processes: dict[str, subprocess.Popen] = {}
        self.env = {
            **os.environ,
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PG_PORT}/{DB_NAME}",
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/1",
            "MEDIA_ROOT": str(self.media),
            "DJANGO_SETTINGS_MODULE": "cjm.settings",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "PYTHONUNBUFFERED": "1",
            # The webhook drill's receiver is on loopback; short retries keep the drill short.
            "WEBHOOKS_ALLOW_PRIVATE": "1",
            "WEBHOOKS_BACKOFF_SECONDS": "1",
            "WEBHOOKS_MAX_ATTEMPTS": "3",
            "WEBHOOKS_PAUSE_AFTER": "2",
            "WEBHOOKS_TIMEOUT": "2",
        }
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

    # --- PostgreSQL ---------------------------------------------------------------------------
    def pg_init(self):
        self.pgdata.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
            shutil.chown(self.pgdata, "postgres")
        subprocess.run(
            _as_postgres([PG_BIN / "initdb", "-D", self.pgdata, "-A", "trust", "-U", "postgres"]),
            check=True,
            capture_output=True,
        )
        self.pg_start()
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "-c",
             f"CREATE DATABASE {DB_NAME}"],
            check=True,
            capture_output=True,
        )  # fmt: skip

    def pg_start(self):
        options = f"-p {PG_PORT} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            _as_postgres([PG_BIN / "pg_ctl", "-D", self.pgdata, "-o", options, "-w",
                          "-l", self.folder / "pg.log", "start"]),
            check=True,
            capture_output=True,
        )  # fmt: skip

    def pg_stop(self, mode="fast"):
        subprocess.run(
            _as_postgres([PG_BIN / "pg_ctl", "-D", self.pgdata, "-m", mode, "-w", "stop"]),
            check=False,
            capture_output=True,
        )

    # --- Redis --------------------------------------------------------------------------------
    def redis_start(self):
        self.processes["redis"] = subprocess.Popen(
            ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(lambda: port_open(REDIS_PORT), what="redis-server")

    def api(self):
        """A requests session of the demo admin's API token."""
        import requests

        session = requests.Session()
        session.headers["Authorization"] = f"Token {self.seed['token']}"
        return session

    def redis_stop(self):
        process = self.processes.pop("redis", None)
        if process:
            process.kill()
            process.wait()
        wait_for(lambda: not port_open(REDIS_PORT), what="redis-server to stop")

    # --- Django, Celery, gunicorn -------------------------------------------------------------
    def manage(self, *args, timeout=600):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise AssertionError(f"manage.py {args[0]} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def shell(self, code, timeout=600):
        """Run ``code`` in Django; it sets ``out`` to something JSON-able, returned here."""
        script = f"import json\nout = None\n{code}\nprint('@@' + json.dumps(out, default=str))"
        stdout = self.manage("shell", "-c", script, timeout=timeout)
        return json.loads(stdout.rsplit("@@", 1)[1])

    def worker_start(self, name="worker"):
        path = self.folder / f"{name}.log"
        start = path.stat().st_size if path.exists() else 0
        log = open(path, "a")  # noqa: SIM115 - closed with the process
        self.processes[name] = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "cjm", "worker", "--pool=prefork",
             "--concurrency=1", "--without-gossip", "--without-mingle", "--without-heartbeat",
             "-l", "info", "-n", f"{name}@drills"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        wait_for(
            lambda: "ready" in path.read_text()[start:],
            timeout=120,
            what=f"Celery {name} to be ready",
        )

    def worker_kill(self, name="worker"):
        """SIGKILL the whole worker (its main process and its pool child): nothing is cleaned
        up, no message is given back to the broker."""
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def worker_stop(self, name="worker"):
        process = self.processes.pop(name, None)
        if process and process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def web_start(self):
        if "web" in self.processes and self.processes["web"].poll() is None:
            return
        log = open(self.folder / "web.log", "a")  # noqa: SIM115 - closed with the process
        self.processes["web"] = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "cjm.wsgi", "-b", f"127.0.0.1:{WEB_PORT}",
             "--workers", "2", "--threads", "2", "--timeout", "60"],
            cwd=ROOT,
            env={**self.env, "WEB_CONCURRENCY": "2", "DEBUG": "0"},  # error pages as in production
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        wait_for(lambda: port_open(WEB_PORT), timeout=120, what="gunicorn")

    def sql(self, query):
        """One value from the private database (text, as psql prints it), on one connection
        kept open: fast enough to poll a job's status every few milliseconds."""
        import psycopg

        for attempt in range(2):
            try:
                if getattr(self, "_db", None) is None or self._db.closed:
                    self._db = psycopg.connect(
                        f"host=127.0.0.1 port={PG_PORT} user=postgres dbname={DB_NAME}",
                        autocommit=True,
                    )
                cursor = self._db.execute(query)
                row = cursor.fetchone() if cursor.description else None
                break
            except psycopg.OperationalError:
                self._db = None  # PostgreSQL restarted under the drill: connect again
                if attempt:
                    raise
        if row and len(row) > 1:
            return "|".join(str(v) for v in row)
        value = row[0] if row else None
        if isinstance(value, bool):
            return "t" if value else "f"
        if isinstance(value, dict | list):
            return json.dumps(value)
        return "" if value is None else str(value)

    def redis_flush(self):
        subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "flushall"], check=True,
                       capture_output=True)  # fmt: skip

    @property
    def base_url(self):
        return f"http://127.0.0.1:{WEB_PORT}"

    def log(self, name):
        path = self.folder / f"{name}.log"
        return path.read_text() if path.exists() else ""

    def close(self):
        for name in list(self.processes):
            if name == "redis":
                continue
            self.worker_stop(name)
        self.redis_stop() if "redis" in self.processes else None
        self.pg_stop("immediate")


SEED = """
from django.contrib.auth import get_user_model
from cjm.accounts.services.users import api_token_create
from cjm.demo.loader import demo_seed
from cjm.models import Journey
result = demo_seed(scale=float({scale}), with_history=True)
user = get_user_model().objects.get(username="demo")
token = api_token_create(actor=user)
from cjm.models import Stage
journeys = Journey.objects.filter(workspace=result.workspace).order_by("pk")
journeys = list(journeys.values_list("pk", flat=True))
stage = Stage.objects.filter(journey_id=journeys[0]).order_by("position").first().pk
out = {{"workspace": result.workspace.pk, "journeys": journeys, "token": token.key, "stage": stage}}
"""


@pytest.fixture(scope="session")
def stack():
    """The private servers with the demo workspace in them; stopped at the end."""
    for port in (PG_PORT, REDIS_PORT, WEB_PORT):
        if port_open(port):
            pytest.fail(f"port {port} is taken: another drill run? (DRILLS_*_PORT to move)")
    folder = Path(tempfile.mkdtemp(prefix="cjm-drills-"))
    servers = Stack(folder)
    try:
        servers.pg_init()
        servers.redis_start()
        servers.manage("migrate", "--noinput", "-v", "0")
        # Reports queued by the seed are left to the drills' workers.
        servers.seed = servers.shell(SEED.format(scale=os.environ.get("DRILLS_SCALE", "0.1")))
        servers.sql("DELETE FROM cjm_funnelreport")
        servers.redis_flush()
        yield servers
    finally:
        servers.close()
        shutil.rmtree(folder, ignore_errors=True)
