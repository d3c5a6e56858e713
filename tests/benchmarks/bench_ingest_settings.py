"""Settings of bench_ingest_http.py: the project's own, with the Celery queue of this run (so
that no other worker on the shared broker takes its tasks), the URLs with the bulk endpoint as
it was before (bench_ingest_urls.py), and, for the server that stands for the code before, no
VACUUM before a report."""

import os

from cjm.settings import *  # noqa: F403

CELERY_TASK_DEFAULT_QUEUE = os.environ.get("BENCH_CELERY_QUEUE", "celery")
ROOT_URLCONF = "tests.benchmarks.bench_ingest_urls"
if os.environ.get("BENCH_NO_VACUUM_BEFORE_REPORT") == "1":
    CJM_EVENTS_VACUUM_BEFORE_REPORT_PAGES = 2**62
