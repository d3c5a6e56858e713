"""Settings of the REST API benchmark (tests/benchmarks/bench_api_journey_map.py).

The project's settings, with the URLconf of ``bench_api_urls.py``: the real URLs plus a naive
full-map endpoint (no prefetching) to compare against. Nothing else changes; the database,
DEBUG and the throttle rate come from the environment the benchmark gives gunicorn.
"""

from cjm.settings import *  # noqa: F403

ROOT_URLCONF = "tests.benchmarks.bench_api_urls"

if __name__ == "__main__":  # `make bench` runs every script here: this one is only a helper
    print("bench_api_settings.py: settings of bench_api_journey_map.py, nothing to run alone")
