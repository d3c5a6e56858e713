"""The load scenario (issue 17): people working in CJM at the same time, with think time.

Run by tests/benchmarks/load/run_load.sh against gunicorn + PostgreSQL + Redis + a Celery worker
on loopback; the environment it sets: LOAD_SEED (a JSON file: tokens, journey, stage,
touchpoint and survey ids of the seeded demo workspace) and, when the live co-editing slice
exists (cjm/live), LOAD_WS_URL for its websocket.

The mix, per user and in weights: map reads with ETag (If-None-Match: 304 when unchanged),
register filters (API and the register page), touchpoint edits with If-Match (a 412 when another
user edited first is the contract, not an error), event batches, survey answers, funnel report
requests, and a websocket connection if the live slice is there.
"""

import itertools
import json
import os
import random
import uuid
from datetime import UTC, datetime, timedelta

from locust import HttpUser, between, events, task

SEED = json.loads(open(os.environ.get("LOAD_SEED", "load_seed.json")).read())  # noqa: SIM115
WS_URL = os.environ.get("LOAD_WS_URL", "")
RATINGS = ("excellent", "so_so", "awful", "unrated")
counter = itertools.count()


class Member(HttpUser):
    wait_time = between(1, 4)

    def on_start(self):
        self.token = random.choice(SEED["tokens"])
        self.client.headers["Authorization"] = f"Token {self.token}"
        self.cookies = SEED["session_cookies"][self.token]
        self.etags: dict[int, str] = {}

    @task(6)
    def map_read(self):
        journey = random.choice(SEED["journeys"])
        headers = {"If-None-Match": self.etags[journey]} if journey in self.etags else {}
        with self.client.get(
            f"/api/v1/journeys/{journey}/",
            headers=headers,
            name="map read (ETag)",
            catch_response=True,
        ) as response:
            if response.status_code in (200, 304):
                if response.headers.get("ETag"):
                    self.etags[journey] = response.headers["ETag"]
                response.success()

    @task(4)
    def register_filter(self):
        journey = random.choice(SEED["journeys"])
        rating = random.choice(RATINGS)
        self.client.get(
            f"/api/v1/touchpoints/?journey={journey}&rating={rating}",
            name="register filter (API)",
        )

    @task(2)
    def register_page(self):
        rating = random.choice(RATINGS)
        self.client.get(
            f"/w/{SEED['workspace']}/touchpoints/?rating={rating}",
            name="register page (HTML)",
            cookies=self.cookies,
        )

    @task(3)
    def touchpoint_edit(self):
        touchpoint = random.choice(SEED["touchpoints"])
        read = self.client.get(f"/api/v1/touchpoints/{touchpoint}/", name="touchpoint read")
        if read.status_code != 200:
            return
        with self.client.patch(
            f"/api/v1/touchpoints/{touchpoint}/",
            json={"importance": random.randint(1, 10)},
            headers={"If-Match": read.headers.get("ETag", "")},
            name="touchpoint edit (If-Match)",
            catch_response=True,
        ) as response:
            if response.status_code in (200, 412):  # 412: someone edited it first
                response.success()

    @task(2)
    def event_batch(self):
        now = datetime.now(UTC)
        rows = [
            {
                "event_id": f"load-{uuid.uuid4().hex}",
                "customer": f"load-customer-{random.randint(1, 2000)}",
                "stage": random.choice(SEED["stages"]),
                "occurred_at": (now - timedelta(minutes=random.randint(0, 10000))).isoformat(),
            }
            for _ in range(100)
        ]
        self.client.post("/api/v1/events/bulk/", json=rows, name="event batch (100)")

    @task(2)
    def survey_answer(self):
        survey, low, high = random.choice(SEED["surveys"])
        self.client.post(
            "/api/v1/responses/",
            json={
                "survey": survey,
                "score": random.randint(low, high),
                "comment": "load test answer",
            },
            name="survey answer",
        )

    @task(1)
    def report_request(self):
        journey = random.choice(SEED["journeys"])
        today = datetime.now(UTC).date()
        response = self.client.post(
            f"/api/v1/journeys/{journey}/funnel-reports/",
            json={"date_from": str(today - timedelta(days=90)), "date_to": str(today)},
            name="report request",
        )
        if response.status_code == 202:
            self.client.get(
                f"/api/v1/funnel-reports/{response.json()['id']}/", name="report status"
            )

    @task(1)
    def live_connection(self):
        if not WS_URL:
            return
        import websocket  # websocket-client, installed with locust's extras when present

        started = datetime.now(UTC)
        error = None
        try:
            ws = websocket.create_connection(
                WS_URL.format(journey=random.choice(SEED["journeys"])),
                timeout=5,
                header=[f"Authorization: Token {self.token}"],
                cookie="; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            )
            ws.close()
        except Exception as exc:  # noqa: BLE001 - reported to locust as a failure
            error = exc
        events.request.fire(
            request_type="WS",
            name="live connection",
            response_time=(datetime.now(UTC) - started).total_seconds() * 1000,
            response_length=0,
            exception=error,
            context={},
        )
