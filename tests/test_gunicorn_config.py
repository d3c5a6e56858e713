"""gunicorn.conf.py: sized from the environment and the CPUs of the container, valid for
gunicorn, and the one the Docker image and the compose stack run with."""

import runpy
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "gunicorn.conf.py"


def load(monkeypatch, **env) -> dict:
    for name in ("WEB_CONCURRENCY", "GUNICORN_THREADS", "GUNICORN_MAX_REQUESTS",
                 "GUNICORN_CONTROL_SOCKET", "GUNICORN_PRELOAD", "GUNICORN_BIND"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONFIG))


def test_defaults_follow_the_cpus_of_the_container(monkeypatch):
    config = load(monkeypatch)
    cpus = config["available_cpus"]()
    assert config["workers"] == cpus + 1
    assert config["worker_class"] == "gthread" and config["threads"] == 4
    assert config["max_requests"] == 2000 and config["max_requests_jitter"] == 200
    assert config["preload_app"] is True
    assert config["control_socket_disable"] is True  # no socket in the home directory
    assert config["bind"] == ["127.0.0.1:8000"]
    assert "%(D)s" in config["access_log_format"]  # the request time


def test_the_environment_sizes_it(monkeypatch):
    config = load(
        monkeypatch,
        WEB_CONCURRENCY="7",
        GUNICORN_THREADS="2",
        GUNICORN_MAX_REQUESTS="500",
        GUNICORN_PRELOAD="0",
        GUNICORN_BIND="0.0.0.0:8000",
        GUNICORN_CONTROL_SOCKET="/tmp/cjm-gunicorn.ctl",
    )
    assert (config["workers"], config["threads"]) == (7, 2)
    assert (config["max_requests"], config["max_requests_jitter"]) == (500, 50)
    assert config["preload_app"] is False
    assert config["bind"] == ["0.0.0.0:8000"]
    assert config["control_socket"] == "/tmp/cjm-gunicorn.ctl"
    assert "control_socket_disable" not in config


def test_cpu_count_honours_a_cgroup_quota(monkeypatch, tmp_path):
    config = load(monkeypatch)
    real_path = config["Path"]

    def fake_path(name):
        if str(name) == "/sys/fs/cgroup/cpu.max":
            quota = tmp_path / "cpu.max"
            quota.write_text("50000 100000\n")  # docker run --cpus 0.5
            return quota
        return real_path(name)

    available = config["available_cpus"]
    available.__globals__["Path"] = fake_path
    try:
        assert available() == 1  # at least one, never more than the quota allows
    finally:
        available.__globals__["Path"] = real_path


def test_gunicorn_accepts_it():
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if not gunicorn.exists():
        pytest.skip("gunicorn is not installed here")
    done = subprocess.run(
        [str(gunicorn), "-c", str(CONFIG), "--check-config", "cjm.wsgi:application"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]


def test_the_image_and_the_compose_stack_serve_asgi_and_keep_the_wsgi_settings():
    """The image and compose's web run daphne (HTTP and the live map's websockets, docs/live.md);
    gunicorn.conf.py stays valid for a WSGI tier (GUNICORN_BIND is the image's address)."""
    yaml = pytest.importorskip("yaml")
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert '"daphne", "-b", "0.0.0.0", "-p", "8000"' in dockerfile
    assert '"cjm.asgi:application"]' in dockerfile
    assert "GUNICORN_BIND=0.0.0.0:8000" in dockerfile
    web = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["web"]
    command = " ".join(web["command"])
    assert "exec daphne -b 0.0.0.0 -p 8000 --proxy-headers cjm.asgi:application" in command
    assert "ASGI_THREADS" in web["environment"]
