"""Events for bench_ingest_http.py, generated in Python as a client would send them.

The shape of _funnel_data.py (which makes its events in SQL): each customer starts at a random
moment of 2025 and goes through a random number of the 8 stages (each one continued by 70%),
over the same time line as there (ten steps 0.2 to 2.2 days apart; 20% of customers slower, up
to 6.2 days), with ``per_customer`` events spread over the stages reached (more events per
customer come closer together, like page views); 5% of events land at a random time around the
start; 80% name a touchpoint of their stage (the channel then comes from it); a customer's
first event carries a few properties. The events are sent in time order, as they would arrive,
so a batch of 10,000 holds mostly customers seen in earlier batches. Deterministic (seeded).
"""

import datetime
import json
import math
import random
from operator import itemgetter

DAY = 86_400.0
START = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC).timestamp()
CAMPAIGNS = ["spring", "summer", "newsletter", "partner", ""]


def _iso(seconds: float) -> str:
    moment = datetime.datetime.fromtimestamp(int(seconds), datetime.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def event_rows(
    stages: list[int],
    touchpoints: list[list[int]],
    events: int,
    per_customer: int = 10,
    seed: int = 42,
    prefix: str = "",
) -> list[dict]:
    """``events`` rows for the bulk API, in arrival (time) order. ``touchpoints[k]``: the
    touchpoint ids of ``stages[k]``."""
    rng = random.Random(seed)
    customers = max(1, events // per_customer)
    depth_log = math.log(0.7)
    timed = []
    for c in range(customers):
        t0 = START + rng.random() * 350 * DAY
        depth = min(len(stages), 1 + int(math.log(1 - rng.random()) / depth_log))
        gap = (0.2 + rng.random() * (6 if rng.random() < 0.2 else 2)) * 10 / per_customer
        customer = f"{prefix}cust-{c}"
        for j in range(per_customer):
            position = (j * depth) // per_customer
            if rng.random() < 0.05:
                at = t0 + (rng.random() * 30 - 5) * DAY
            else:
                at = t0 + j * gap * DAY * (0.5 + rng.random())
            row = {
                "event_id": f"{prefix}ev-{c}-{j}",
                "customer": customer,
                "stage": stages[position],
                "occurred_at": _iso(at),
            }
            if rng.random() < 0.8:
                row["touchpoint"] = rng.choice(touchpoints[position])
            if j == 0:
                row["properties"] = {"campaign": CAMPAIGNS[c % 5], "device": "mobile"}
            timed.append((at, row))
    timed.sort(key=itemgetter(0))
    return [row for _at, row in timed[:events]]


def bodies(rows: list[dict], batch: int) -> list[bytes]:
    """The request bodies: JSON arrays of ``batch`` rows."""
    return [json.dumps(rows[i : i + batch]).encode() for i in range(0, len(rows), batch)]
