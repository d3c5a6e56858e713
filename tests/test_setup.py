"""The set-up itself: the `make run` path on SQLite with eager Celery, the production settings,
migrations in step with the models, the static files the Docker image collects, and the compose
file. Each check runs the project in a subprocess with its own environment, as a person would."""

import html
import http.cookiejar
import json
import os
import re
import secrets
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 300

# Variables that would take the subprocess off the defaults (SQLite, eager Celery, dev settings;
# `make test` sets DJANGO_ALLOW_ASYNC_UNSAFE, which the deploy check rightly rejects).
SERVICE_VARS = (
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "REDIS_URL",
    "CJM_PRODUCTION",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "STATIC_ROOT",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def clean_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in SERVICE_VARS}
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def manage(*args: str, env: dict[str, str], timeout: int = TIMEOUT) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, (
        f"manage.py {' '.join(args)} exited {result.returncode}\n"
        f"--- stdout\n{result.stdout[-4000:]}\n--- stderr\n{result.stderr[-4000:]}"
    )
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


class Browser:
    """A cookie-keeping HTTP client on the standard library (follows redirects)."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def cookie(self, name: str) -> str:
        for cookie in self.cookies:
            if cookie.name == name:
                return cookie.value
        raise AssertionError(f"no {name} cookie; have {[c.name for c in self.cookies]}")

    def get(self, path: str):
        return self.opener.open(self.base + path, timeout=30)

    def post(self, path: str, data: dict[str, str]):
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode(data).encode(),
            headers={"Referer": self.base + path},
            method="POST",
        )
        return self.opener.open(request, timeout=30)


def wait_until_serving(url: str, server: subprocess.Popen, log: Path, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(
                f"runserver exited {server.returncode}:\n{log.read_text()[-4000:]}"
            )
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except urllib.error.HTTPError:
            return  # it answers; the status is checked by the test
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"runserver did not answer within {seconds}s:\n{log.read_text()[-4000:]}")


def demo_journey_titles(db_path: Path) -> list[str]:
    with sqlite3.connect(db_path) as connection:
        rows = connection.execute(
            """
            SELECT journey.title FROM cjm_journey AS journey
            JOIN cjm_membership AS membership ON membership.workspace_id = journey.workspace_id
            JOIN auth_user AS member ON member.id = membership.user_id
            WHERE member.username = 'demo'
            """
        ).fetchall()
    return [title for (title,) in rows]


def test_make_run_path_on_sqlite_serves_the_demo_to_the_demo_login(tmp_path):
    db_path = tmp_path / "db.sqlite3"
    env = clean_env(DATABASE_URL=sqlite_url(db_path), EMAIL_FILE_PATH=str(tmp_path / "mail"))
    manage("migrate", "--noinput", env=env)
    manage("seed_demo", env=env)
    titles = demo_journey_titles(db_path)
    assert titles, "seed_demo created no journey in a workspace of the user 'demo'"
    # The history too, with eager Celery: the funnel reports are done when the command ends.
    with sqlite3.connect(db_path) as connection:
        events = connection.execute("SELECT COUNT(*) FROM cjm_event").fetchone()[0]
        reports = connection.execute("SELECT status FROM cjm_funnelreport").fetchall()
    assert events >= 50_000
    assert reports and {status for (status,) in reports} == {"done"}

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "runserver.log"
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        wait_until_serving(base + "/login/", server, log)
        browser = Browser(base)
        with browser.get("/login/") as response:
            assert response.status == 200
        with browser.post(
            "/login/",
            {
                "csrfmiddlewaretoken": browser.cookie("csrftoken"),
                "username": "demo",
                "password": "demo12345",
            },
        ) as response:
            assert response.status == 200
            assert urllib.parse.urlparse(response.url).path != "/login/", "the login was refused"
        with browser.get("/") as response:
            assert response.status == 200
            page = html.unescape(response.read().decode("utf-8"))
        shown = [title for title in titles if title in page]
        assert shown, f"the home page shows none of the demo journeys {titles}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)


def test_production_settings_pass_the_deploy_check():
    env = clean_env(
        CJM_PRODUCTION="1",
        SECRET_KEY=secrets.token_urlsafe(48)[:50],
        ALLOWED_HOSTS="example.com",
    )
    assert len(env["SECRET_KEY"]) == 50
    manage("check", "--deploy", "--fail-level", "WARNING", env=env)


def test_no_service_urls_means_sqlite_and_eager_celery():
    script = (
        "import json, django; django.setup();"
        "from django.conf import settings; from cjm.celery import app;"
        "print(json.dumps({"
        "'engine': settings.DATABASES['default']['ENGINE'],"
        "'name': str(settings.DATABASES['default']['NAME']),"
        "'eager': settings.CELERY_TASK_ALWAYS_EAGER,"
        "'app_eager': app.conf.task_always_eager,"
        "'cache': settings.CACHES['default']['BACKEND'],"
        "'debug': settings.DEBUG}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=clean_env(DJANGO_SETTINGS_MODULE="cjm.settings"),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["engine"] == "django.db.backends.sqlite3"
    assert Path(values["name"]) == ROOT / "db.sqlite3"
    assert values["eager"] is True
    assert values["app_eager"] is True
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["debug"] is True


def test_migrations_are_in_step_with_the_models(tmp_path):
    env = clean_env(DATABASE_URL=sqlite_url(tmp_path / "db.sqlite3"))
    manage("makemigrations", "--check", "--dry-run", env=env)


def test_static_files_collect_with_the_production_storage(tmp_path):
    """The Docker image runs this step: hashed names fail on any missing referenced file."""
    env = clean_env(
        CJM_PRODUCTION="1",
        SECRET_KEY="collectstatic-build-step-only",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    manage("collectstatic", "--noinput", env=env)
    assert (tmp_path / "static" / "staticfiles.json").exists()


def test_compose_file_defines_the_full_stack():
    yaml = pytest.importorskip("yaml")
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) >= {"db", "redis", "web", "worker", "beat"}
    assert services["db"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    for name in ("db", "redis", "web"):
        assert "healthcheck" in services[name], f"{name} has no health check"
    for name in ("db", "redis"):
        assert services["web"]["depends_on"][name]["condition"] == "service_healthy"
    environment = services["web"]["environment"]
    assert environment["CJM_PRODUCTION"] == "1"
    assert environment["SECURE_SSL_REDIRECT"] == "0"
    assert "CHANGE" in environment["SECRET_KEY"]
    assert "celery -A cjm worker" in " ".join(services["worker"]["command"])
    assert "celery -A cjm beat" in " ".join(services["beat"]["command"])
    # An uploaded event file is saved by web and read by the worker: one shared volume.
    media = environment["MEDIA_ROOT"]
    for name in ("web", "worker"):
        assert f"media:{media}" in services[name]["volumes"], name
    assert "media" in compose["volumes"]


def test_readme_documents_every_setting_read_from_the_environment():
    parts = sorted((ROOT / "cjm" / "settings_parts").glob("*.py"))
    source = "\n".join(path.read_text() for path in [ROOT / "cjm" / "settings.py", *parts])
    names = set(
        re.findall(r"""(?:environ\.get|environ\[|env_\w+)\(?\s*["']([A-Z][A-Z0-9_]*)["']""", source)
    )
    assert {"DATABASE_URL", "SECRET_KEY", "CJM_PRODUCTION"} <= names
    readme = (ROOT / "README.md").read_text()
    undocumented = sorted(name for name in names if f"`{name}`" not in readme)
    assert not undocumented, f"README.md's settings table lacks {undocumented}"
