"""Incremental runs with committed data (as in a Celery worker): many affected customers are
recomputed on other connections, and the medians come from the summary's duration histogram.
Both must give exactly what a full recompute and the reference give (PostgreSQL only: the
SQLite engine has neither)."""

import datetime
import random

import pytest
from django.db import connection

from cjm.funnels import engine_sql, summary
from cjm.funnels.models import FunnelDefinition
from cjm.funnels.reference import reference_report
from tests.funnels.helpers import (
    BASE,
    definition_for,
    public,
    record,
    reference_events,
    run_report,
    spec,
    store,
    stored_progress,
)

pytestmark = pytest.mark.django_db(transaction=True)

MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("parallel recompute and histogram medians are PostgreSQL features")


def events(world, rng: random.Random, customers: int, tag: str, at_most: int = 3) -> list:
    """Random journeys of ``customers`` customers through the three stages."""
    rows = []
    for c in range(customers):
        moment = BASE + rng.randrange(0, 600) * MINUTE
        for n in range(rng.randint(1, at_most)):
            rows.append(
                record(
                    world,
                    event_id=f"{tag}-{c}-{n}",
                    customer=f"c{c}",
                    stage=rng.choice([0, 0, 1, 2]),
                    at=moment,
                    touchpoint=rng.choice([None, 0, 1]),
                )
            )
            moment += rng.randrange(0, 900) * MINUTE
    return rows


def expected(definition) -> dict:
    return reference_report(spec(definition), reference_events())


def test_parallel_incremental_run_equals_full_recompute(world, monkeypatch):
    monkeypatch.setattr(engine_sql, "PARALLEL_MIN_EVENTS", 1)
    rng = random.Random(11)
    store(world, events(world, rng, 60, "early"))
    definition = definition_for(
        world, date_from=BASE.date(), date_to=BASE.date() + datetime.timedelta(days=2)
    )
    assert run_report(definition).mode == "full"
    store(world, events(world, rng, 80, "late"))  # new customers and late events of old ones
    queries = []
    in_parallel = engine_sql._in_parallel
    monkeypatch.setattr(
        engine_sql, "_in_parallel", lambda q: queries.append(len(q)) or in_parallel(q)
    )
    incremental = run_report(definition)
    assert incremental.mode == "incremental" and incremental.customers_processed > 60
    assert queries == [2]  # two connections, each: the customers its events affect, computed
    assert public(incremental.result) == expected(definition)
    rows = stored_progress(definition)
    full = run_report(definition, force_full=True)
    assert stored_progress(definition) == rows
    assert public(full.result) == public(incremental.result)


def test_medians_stay_exact_when_the_histogram_is_wrong(world, monkeypatch):
    sorts = []
    original = summary._percentiles
    monkeypatch.setattr(
        summary, "_percentiles", lambda *args: sorts.append(args) or original(*args)
    )
    rng = random.Random(5)
    store(world, events(world, rng, 40, "early", at_most=4))
    definition = definition_for(
        world, date_from=BASE.date(), date_to=BASE.date() + datetime.timedelta(days=2)
    )
    first = run_report(definition)
    assert public(first.result) == expected(definition)
    kept = summary.from_json(FunnelDefinition.objects.get(pk=definition.pk).summary)
    assert summary.has_histogram(kept)
    assert any(s["median_seconds_to_convert"] for s in first.result["stages"])
    assert not sorts  # the histogram found every middle value
    # Every duration moved two buckets up: the windows miss the middle values.
    wrong = summary.Counter(
        {
            (key if key[0] != summary.DURATION or key[1] < 0 else (*key[:2], key[2] + 2)): n
            for key, n in kept.items()
        }
    )
    FunnelDefinition.objects.filter(pk=definition.pk).update(summary=summary.to_json(wrong))
    store(world, events(world, rng, 5, "late"))
    again = run_report(definition)
    assert again.mode == "incremental"
    assert sorts  # it did not: percentile_cont did
    assert public(again.result) == expected(definition)
