"""Load check of live co-editing: 50 open maps receive every change made through the API.

Starts daphne (``cjm.asgi``) on a free port with the Redis channel layer, opens 50 websocket
clients on 20 maps (2 or 3 clients per map, each signed in as a member), then makes edits through
the REST API (PATCH a touchpoint's name, from 4 threads at once) and counts what every client
receives: each edit must reach every client of its map exactly once. Latency: from the moment
the PATCH is sent to the moment a client has the message (p50, p95, max).

    env DATABASE_URL=postgres://postgres@127.0.0.1:5432/cjm_live \\
        CJM_CHANNELS_REDIS_URL=redis://127.0.0.1:6379/14 REDIS_URL=redis://127.0.0.1:6379/13 \\
        .venv/bin/python tests/benchmarks/bench_live.py [--edits 200] [--clients 50] [--maps 20]

It writes to the database it is given (a workspace named "bench-live-<time>"): use a scratch one.
"""

import argparse
import json
import os
import statistics
import sys
import threading
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cjm.settings")

import django  # noqa: E402

django.setup()

import websocket  # noqa: E402  (websocket-client)
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from cjm.choices import Role  # noqa: E402
from tests.factories import (  # noqa: E402
    JourneyFactory,
    MembershipFactory,
    StageFactory,
    TouchpointFactory,
    UserFactory,
    WorkspaceFactory,
)
from tests.live.daphne import free_port, start_daphne, stop_daphne  # noqa: E402


def session_cookie(user) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"sessionid={session.session_key}"


class Client(threading.Thread):
    def __init__(self, base: str, journey_id: int, cookie: str) -> None:
        super().__init__(daemon=True)
        self.journey_id = journey_id
        self.received: list[tuple[str, float]] = []  # (edit marker, time received)
        self.ws = websocket.WebSocket()
        self.ws.connect(
            f"ws://{base}/ws/journeys/{journey_id}/",
            header=[f"Cookie: {cookie}"],
            origin=f"http://{base}",
        )
        hello = json.loads(self.ws.recv())
        assert hello["type"] == "hello", hello
        self.stop = False
        self.closed = ""

    def run(self) -> None:
        self.ws.settimeout(1)
        while not self.stop:
            try:
                opcode, raw = self.ws.recv_data()
            except websocket.WebSocketTimeoutException:
                continue
            except Exception as error:  # noqa: BLE001 - closed at the end
                self.closed = repr(error)
                return
            now = time.perf_counter()
            if opcode == websocket.ABNF.OPCODE_CLOSE:
                self.closed = f"closed by the server: {raw[:2].hex()} {raw[2:]!r}"
                return
            message = json.loads(raw)
            if message["type"] == "change" and message["object_type"] == "touchpoint":
                self.received.append((message["fields"]["name"]["new"], now))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--maps", type=int, default=20)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    stamp = time.strftime("%Y%m%d%H%M%S")
    workspace = WorkspaceFactory(name=f"bench-live-{stamp}", slug=f"bench-live-{stamp}")
    editor = UserFactory(username=f"bench-live-editor-{stamp}")
    MembershipFactory(workspace=workspace, user=editor, role=Role.EDITOR)
    token, _ = Token.objects.get_or_create(user=editor)
    viewers = []
    for number in range(args.clients):
        user = UserFactory(username=f"bench-live-{stamp}-{number}")
        MembershipFactory(workspace=workspace, user=user, role=Role.VIEWER)
        viewers.append(user)
    touchpoints = []
    for number in range(args.maps):
        journey = JourneyFactory(workspace=workspace, title=f"Map {number}")
        touchpoints.append(TouchpointFactory(stage=StageFactory(journey=journey), name="Start"))

    port = free_port()
    base = f"127.0.0.1:{port}"
    server = start_daphne(port, {**os.environ, "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1"})
    try:
        clients = []
        for number, user in enumerate(viewers):
            touchpoint = touchpoints[number % args.maps]
            clients.append(Client(base, touchpoint.stage.journey_id, session_cookie(user)))
        for client in clients:
            client.start()
        time.sleep(1)

        sent: dict[str, tuple[int, float]] = {}  # marker -> (journey id, time sent)
        answered: dict[str, float] = {}  # marker -> time the PATCH was answered

        def edit(number: int) -> None:
            touchpoint = touchpoints[number % args.maps]
            marker = f"edit-{number}"
            request = urllib.request.Request(
                f"http://{base}/api/v1/touchpoints/{touchpoint.pk}/",
                data=json.dumps({"name": marker}).encode(),
                method="PATCH",
                headers={
                    "Authorization": f"Token {token.key}",
                    "Content-Type": "application/json",
                },
            )
            sent[marker] = (touchpoint.stage.journey_id, time.perf_counter())
            with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
                assert answer.status == 200, answer.status
            answered[marker] = time.perf_counter()

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(edit, range(args.edits)))
        elapsed = time.perf_counter() - started
        time.sleep(3)
        for client in clients:
            client.stop = True
        for client in clients:
            client.join(timeout=3)
            client.ws.close()

        expected = 0
        lost = 0
        duplicated = 0
        latencies = []
        for client in clients:
            markers = Counter(marker for marker, _at in client.received)
            mine = [m for m, (journey_id, _t) in sent.items() if journey_id == client.journey_id]
            expected += len(mine)
            lost += sum(1 for marker in mine if markers[marker] == 0)
            duplicated += sum(count - 1 for count in markers.values() if count > 1)
            latencies += [at - sent[marker][1] for marker, at in client.received if marker in sent]
        for client in clients:
            if client.closed and not client.stop:
                print("client of map", client.journey_id, client.closed)
        latencies.sort()
        api = sorted(answered[m] - sent[m][1] for m in answered)
        p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0
        print(f"clients {len(clients)} on {args.maps} maps; edits {args.edits} in {elapsed:.1f} s")
        print(f"messages expected {expected}, received {len(latencies)}, lost {lost}, "
              f"duplicated {duplicated}")  # fmt: skip
        if latencies:
            print(
                f"latency ms: p50 {statistics.median(latencies) * 1000:.0f}, "
                f"p95 {p95 * 1000:.0f}, max {latencies[-1] * 1000:.0f} "
                f"(the PATCH itself: p50 {statistics.median(api) * 1000:.0f}, "
                f"p95 {api[int(0.95 * (len(api) - 1))] * 1000:.0f})"
            )
    finally:
        stop_daphne(server)


if __name__ == "__main__":
    main()
