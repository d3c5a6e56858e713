"""Benchmark of the full map GET, the old way against the new way in one run (`make bench`).

Makes its own PostgreSQL database (``cjm_bench_mapcache`` on the server of $DATABASE_URL, or
$BENCH_MAP_DB), builds the 12 stages x 10 touchpoints x 8 lanes map of _map_data.py through the
services and times, in process with Django's test client (DEBUG off, token auth, as a client
meets it), interleaved round by round so that the machine's load hits every variant alike:

- old: the map as the app served it before (``/bench/serializer/journeys/<id>/``, mounted by
  bench_api_urls.py only): ``journey_map_get`` and the nested serializers on every request;
- new, uncached: ``/api/v1/journeys/<id>/`` with its cache entry removed before each request
  (the ``.values()`` path: the first GET after a change);
- new, repeat: the same map unchanged, from the local-memory cache and from Redis ($REDIS_URL,
  when set; keys of its own, removed at the end);
- new, 304: the same with a current ``If-None-Match``;
- and the serialization alone (queries + dicts + JSON bytes, no HTTP): serializers vs ``.values()``.

Targets (medians, in the same run): new uncached <= 1/2 of old, new repeat <= 1/5 of old (Redis
when available, else local memory). Prints a table, writes it into BENCHMARKS.md (not with
--no-write), drops the database; exit 1 when a target is missed or the answers differ.
"""

import argparse
import datetime
import os
import platform
import re
import statistics
import sys
import textwrap
import time
import warnings
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
BENCH_DB = os.environ.get("BENCH_MAP_DB", "cjm_bench_mapcache")
ROUNDS, PER_ROUND, WARMUP = 15, 20, 10
SECTION = "## REST API: the map cache (old and new path)"
MARKERS = "<!-- bench_api_map_cache: start -->", "<!-- bench_api_map_cache: end -->"

server_url = urlsplit(os.environ.get("DATABASE_URL", ""))  # the server of the test database
if not server_url.scheme.startswith("postgres"):
    server_url = urlsplit("postgres://postgres@127.0.0.1:5432/")
REDIS_URL = os.environ.pop("REDIS_URL", "")  # the app's cache stays local; Redis is a variant
os.environ.update(
    DATABASE_URL=urlunsplit(server_url._replace(path=f"/{BENCH_DB}")),
    DJANGO_SETTINGS_MODULE="tests.benchmarks.bench_api_settings",
    DEBUG="0",
    ALLOWED_HOSTS="127.0.0.1,testserver",
    API_TOKEN_THROTTLE_RATE="1000000/minute",
)
for name in ("CELERY_BROKER_URL", "CJM_PRODUCTION", "SECURE_SSL_REDIRECT"):
    os.environ.pop(name, None)
sys.path.insert(0, str(ROOT))
ADMIN_URL = urlunsplit(server_url._replace(path="/postgres"))


def admin_sql(sql: str) -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(sql)


def timed_get(client, url: str, **headers) -> tuple[float, int]:
    start = time.perf_counter()
    response = client.get(url, **headers)
    elapsed = (time.perf_counter() - start) * 1000
    return elapsed, response.status_code


def variants(journey_id: int, key: str):
    """name -> (prepare before each request, request) for every way of answering the map."""
    from django.core.cache import cache
    from django.test import Client

    from cjm.api.views import journey_map

    client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    new, old = f"/api/v1/journeys/{journey_id}/", f"/bench/serializer/journeys/{journey_id}/"
    entry = journey_map.CACHE_KEY.format(pk=journey_id)
    etag = client.get(new)["ETag"]
    redis = None
    if REDIS_URL:
        from django.core.cache.backends.redis import RedisCache

        redis = RedisCache(REDIS_URL, {"KEY_PREFIX": "bench-mapcache"})

    def use(backend):
        return lambda: setattr(journey_map, "cache", backend)

    table = {
        "old: serializers on every GET": (None, lambda: timed_get(client, old)),
        "new: first GET after a change (uncached)": (
            lambda: (use(cache)(), cache.delete(entry)),
            lambda: timed_get(client, new),
        ),
        "new: repeat GET (local-memory cache)": (use(cache), lambda: timed_get(client, new)),
        "new: repeat GET with If-None-Match (304)": (
            use(cache),
            lambda: timed_get(client, new, HTTP_IF_NONE_MATCH=etag),
        ),
    }
    if redis is not None:
        table["new: repeat GET (Redis cache)"] = (use(redis), lambda: timed_get(client, new))
    return table, redis, entry


def serialization(journey_id: int, user) -> dict:
    """The work of building the JSON alone (queries included), without HTTP."""
    from rest_framework.renderers import JSONRenderer

    from cjm.api.serializers.journeys import JourneyMapSerializer
    from cjm.selectors import journey_map_get
    from cjm.selectors.journey_map import journey_map_data, journey_map_head

    def old():
        return JSONRenderer().render(
            JourneyMapSerializer(journey_map_get(user=user, pk=journey_id)).data
        )

    def new():
        return JSONRenderer().render(journey_map_data(journey_map_head(user=user, pk=journey_id)))

    assert old() == new(), "the two paths must answer the same bytes"
    return {"serialize: nested serializers": old, "serialize: .values() dicts": new}


def measure(journey_id: int, key: str, user) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    table, redis, entry = variants(journey_id, key)
    plain = serialization(journey_id, user)
    samples: dict[str, list[float]] = {name: [] for name in [*table, *plain]}
    queries: dict[str, int] = {}
    for name, (prepare, call) in table.items():  # warm-up, statuses and query counts
        for _ in range(WARMUP):
            if prepare:
                prepare()
            call()
        if prepare:
            prepare()
        with CaptureQueriesContext(connection) as captured:
            _ms, status = call()
        assert status in (200, 304), (name, status)
        queries[name] = len(captured)
    for name, call in plain.items():
        for _ in range(WARMUP):
            call()
        with CaptureQueriesContext(connection) as captured:
            call()
        queries[name] = len(captured)
    for _round in range(ROUNDS):
        for name, (prepare, call) in table.items():
            for _ in range(PER_ROUND):
                if prepare:
                    prepare()
                samples[name].append(call()[0])
        for name, call in plain.items():
            for _ in range(PER_ROUND):
                start = time.perf_counter()
                call()
                samples[name].append((time.perf_counter() - start) * 1000)
    if redis is not None:
        redis.delete(entry)
    return {
        name: {
            "median": statistics.median(values),
            "p90": statistics.quantiles(values, n=10)[8],
            "best": min(values),
            "queries": queries[name],
        }
        for name, values in samples.items()
    }


def machine() -> str:
    from django.db import connection

    model = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
    mem = int(re.search(r"^MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text(), re.M)[1])
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0].split()[0]
    return (
        f"{os.cpu_count()} CPUs ({model[1] if model else platform.machine()}), "
        f"{mem / 2**20:.0f} GiB RAM, Python {platform.python_version()}, PostgreSQL {pg} on "
        f"the same host, load average {os.getloadavg()[0]:.1f}"
    )


def report(rows: dict) -> tuple[str, bool]:
    old = rows["old: serializers on every GET"]["median"]
    out = ["| request | queries | median (ms) | p90 (ms) | best (ms) | old / this (median) |",
           "| --- | --- | --- | --- | --- | --- |"]  # fmt: skip
    for name, row in rows.items():
        base = (
            rows["serialize: nested serializers"]["median"] if name.startswith("serialize") else old
        )
        out.append(
            f"| {name} | {row['queries']} | {row['median']:.2f} | {row['p90']:.2f} | "
            f"{row['best']:.2f} | {base / row['median']:.1f}x |"
        )
    uncached = rows["new: first GET after a change (uncached)"]["median"]
    repeat_name = next(
        (name for name in rows if "Redis" in name), "new: repeat GET (local-memory cache)"
    )
    repeat = rows[repeat_name]["median"]
    met = uncached <= old / 2, repeat <= old / 5
    verdict = (
        f"Targets: uncached <= 1/2 of the old way {'met' if met[0] else 'NOT met'} "
        f"({uncached:.1f} ms against {old:.1f} ms, {old / uncached:.1f}x); a repeat GET <= 1/5 "
        f"{'met' if met[1] else 'NOT met'} ({repeat_name.split('(')[1].rstrip(')')}: "
        f"{repeat:.2f} ms, {old / repeat:.1f}x)."
    )
    return "\n".join(out) + "\n\n" + textwrap.fill(verdict, 100), all(met)


def write_benchmarks_md(results: str) -> None:
    """Replace what lies between this benchmark's markers in BENCHMARKS.md; append the section
    when it is missing."""
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text()
    start, end = MARKERS
    if start not in text:
        command = ".venv/bin/python tests/benchmarks/bench_api_map_cache.py"
        text = f"{text.rstrip()}\n\n{SECTION}\n\nCommand: `{command}`\n\n{start}\n{end}\n"
    head, rest = text.split(start, 1)
    path.write_text(f"{head}{start}\n{results}\n{end}{rest.split(end, 1)[1]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="leave BENCHMARKS.md alone")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    admin_sql(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
    admin_sql(f"CREATE DATABASE {BENCH_DB}")
    try:
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.db import connections

        from tests.benchmarks._map_data import build_map

        call_command("migrate", verbosity=0, interactive=False)
        journey, key = build_map()
        user = get_user_model().objects.get(username="bench0")
        info = machine()
        rows = measure(journey.pk, key, user)
        connections.close_all()
    finally:
        admin_sql(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
    table, met = report(rows)
    now = datetime.datetime.now(datetime.UTC)
    results = f"{textwrap.fill(f'Measured {now:%Y-%m-%d %H:%M} UTC on {info}.', 100)}\n\n{table}"
    print("\n" + results)
    if not args.no_write:
        write_benchmarks_md(results)
        print("BENCHMARKS.md: results written")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
