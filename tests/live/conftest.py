"""A real ASGI server (daphne, in a subprocess) on the test database, and Chromium for it.

pytest-django's ``live_server`` speaks WSGI only (no websockets); daphne serves both. Tests that
use it need ``transactional_db``: the server is another process and sees committed rows only."""

import os
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.live.daphne import free_port, start_daphne, stop_daphne

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop beside the ORM


def database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Server:
    def __init__(self, url: str, process: subprocess.Popen) -> None:
        self.url = url
        self.process = process


@pytest.fixture
def asgi_server(transactional_db):
    if "memory" in str(settings.DATABASES["default"]["NAME"]):
        pytest.skip("the ASGI server is another process: it needs a database file or server")
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url(), "DEBUG": "1"}
    env.setdefault("CJM_CHANNELS_REDIS_URL", settings.CHANNELS_REDIS_URL)
    process = start_daphne(port, env, log=Path("/tmp/live_daphne.log"))
    yield Server(f"http://127.0.0.1:{port}", process)
    stop_daphne(process)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
        ],
    }
