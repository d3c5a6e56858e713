"""Drill: the webhook receiver is down.

Each event is tried again with back-off (``WEBHOOKS_MAX_ATTEMPTS``), every attempt is logged (no
event disappears without a trace), the subscription pauses after ``WEBHOOKS_PAUSE_AFTER`` failed
deliveries in a row, and once the receiver is back and the subscription resumed, events arrive
again. The drill's servers run with 3 attempts, 1 s back-off and a pause after 2 failures."""

import http.server
import json
import threading

import pytest

from tests.drills.conftest import wait_for

pytestmark = pytest.mark.drill

RECEIVER_PORT = 8392


class Receiver(http.server.BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self):  # noqa: N802 - the http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Receiver.received.append(json.loads(body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def rate(api, base, touchpoint, rating):
    response = api.patch(f"{base}/api/v1/touchpoints/{touchpoint}/", json={"rating": rating})
    assert response.status_code == 200, response.text[:300]


def test_webhook_receiver_down_deliveries_retried_then_paused_and_resumed(stack):
    stack.web_start()
    base, api = stack.base_url, stack.api()
    created = api.post(
        f"{base}/api/v1/webhooks/",
        json={
            "url": f"http://127.0.0.1:{RECEIVER_PORT}/hook",
            "events": ["touchpoint.rating_changed"],
            "workspace": stack.seed["workspace"],
        },
    )
    assert created.status_code == 201, created.text[:300]
    hook = created.json()["id"]
    touchpoint = stack.sql(
        "SELECT t.id FROM touchpoints_touchpoint t JOIN cjm_stage s ON s.id = t.stage_id "
        f"WHERE s.journey_id = {stack.seed['journeys'][0]} ORDER BY t.id LIMIT 1"
    )
    stack.worker_start()
    try:
        # Receiver down: two events, each tried three times, then the subscription pauses.
        rate(api, base, touchpoint, "awful")
        rate(api, base, touchpoint, "excellent")
        wait_for(
            lambda: api.get(f"{base}/api/v1/webhooks/{hook}/").json()["is_active"] is False,
            timeout=120,
            what="the subscription to pause",
        )
        log = stack.sql(
            "SELECT json_agg(json_build_object('id', delivery_id, 'attempt', attempt, "
            "'ok', ok, 'retry', will_retry)) FROM cjm_webhooks_delivery "
            f"WHERE subscription_id = {hook}"
        )
        attempts = json.loads(log)
        deliveries = {a["id"] for a in attempts}
        assert len(deliveries) == 2  # both events are in the log: none vanished
        for delivery in deliveries:
            tries = sorted(a["attempt"] for a in attempts if a["id"] == delivery)
            assert tries == [1, 2, 3]  # retried up to the limit
        assert not any(a["ok"] for a in attempts)
        assert (
            stack.sql(
                f"SELECT paused_at IS NOT NULL FROM cjm_webhooks_subscription WHERE id = {hook}"
            )
            == "t"
        )

        # Receiver back, subscription resumed: the next event arrives.
        server = http.server.ThreadingHTTPServer(("127.0.0.1", RECEIVER_PORT), Receiver)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            resumed = api.patch(f"{base}/api/v1/webhooks/{hook}/", json={"is_active": True})
            assert resumed.status_code == 200, resumed.text[:300]
            rate(api, base, touchpoint, "so_so")
            wait_for(lambda: Receiver.received, timeout=60, what="the delivery after resuming")
        finally:
            server.shutdown()
    finally:
        stack.worker_stop()
    assert Receiver.received[0]["event"] == "touchpoint.rating_changed"
