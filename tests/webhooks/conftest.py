"""A real receiver: a tiny HTTP server on 127.0.0.1 answering with the statuses a test sets."""

import http.server
import threading

import pytest

from cjm.webhooks import services
from cjm.webhooks.models import Event


class Receiver:
    def __init__(self):
        self.requests: list[dict] = []
        self.statuses: list[int] = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": dict(self.headers), "body": body})
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook?x=1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def hook_settings(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    settings.WEBHOOKS_MAX_ATTEMPTS = 3
    settings.WEBHOOKS_BACKOFF_SECONDS = 0
    settings.WEBHOOKS_TIMEOUT = 2
    settings.WEBHOOKS_PAUSE_AFTER = 10
    return settings


@pytest.fixture
def subscription(hook_settings, receiver, workspace, ws_admin):
    return services.subscription_create(
        actor=ws_admin,
        workspace=workspace,
        url=receiver.url,
        events=list(Event.values),
        secret="s3cret-s3cret-s3cret",
    )
