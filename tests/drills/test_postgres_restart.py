"""Drill: PostgreSQL restarts while events are posted in bulk.

While the database is down or restarting, the API answers 503 with ``Retry-After`` (never 500);
the client sends the same batch again, and every event is stored exactly once (event ids make
replays safe)."""

import datetime
import threading
import time

import pytest
import requests

pytestmark = pytest.mark.drill

BATCHES, SIZE = 30, 200


def batch(number, stage):
    at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    return [
        {
            "event_id": f"drill-{number}-{i}",
            "customer": f"drill-customer-{i % 50}",
            "stage": stage,
            "occurred_at": (at + datetime.timedelta(minutes=number * SIZE + i)).isoformat(),
        }
        for i in range(SIZE)
    ]


class Poster:
    def __init__(self, stack):
        self.url = f"{stack.base_url}/api/v1/events/bulk/"
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Token {stack.seed['token']}"
        self.statuses: list[int] = []
        self.bad: list[str] = []

    def post(self, rows):
        response = self.session.post(self.url, json=rows, timeout=60)
        self.statuses.append(response.status_code)
        if response.status_code == 503 and not response.headers.get("Retry-After"):
            self.bad.append("503 without Retry-After")
        if response.status_code not in (201, 503):
            self.bad.append(f"{response.status_code}: {response.text[:300]}")
        return response

    def post_until_stored(self, rows, deadline=120):
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            response = self.post(rows)
            if response.status_code == 201:
                return response.json()
            time.sleep(0.5)  # a real client waits Retry-After; the drill keeps it short
        raise AssertionError("the batch was never stored")


def test_postgres_restart_during_bulk_ingestion_gives_503_and_stores_each_event_once(stack):
    stage = stack.seed["stage"]
    stack.web_start()
    poster = Poster(stack)
    for number in range(5):
        poster.post_until_stored(batch(number, stage))

    # Down: a clear, retryable answer.
    stack.pg_stop()
    down = poster.post(batch(5, stage))
    assert down.status_code == 503, down.text[:500]
    assert int(down.headers["Retry-After"]) > 0
    stack.pg_start()
    poster.post_until_stored(batch(5, stage))

    # Restarted while batches are in flight: whatever fails is retried.
    def restart():
        time.sleep(1.0)
        stack.pg_stop("fast")
        time.sleep(2.0)
        stack.pg_start()

    restarter = threading.Thread(target=restart)
    restarter.start()
    for number in range(6, BATCHES):
        poster.post_until_stored(batch(number, stage))
    restarter.join()

    assert poster.bad == [], poster.bad
    assert 503 in poster.statuses
    stored = stack.sql("SELECT count(*), count(DISTINCT event_id) FROM cjm_event "
                       "WHERE event_id LIKE 'drill-%'")  # fmt: skip
    assert stored == f"{BATCHES * SIZE}|{BATCHES * SIZE}"
