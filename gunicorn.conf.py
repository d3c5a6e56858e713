"""Gunicorn settings of the CJM web app (read from the working directory: the Dockerfile's /app).

Every knob is an environment variable; a command-line option still wins over this file.

The mix this app serves: page and API requests that spend most of their time in Python
(templates, serializers: 10-60 ms of CPU each) with short waits on PostgreSQL and Redis, and
bulk event uploads (up to 20 MB of JSON, a few hundred ms, half of it waiting for COPY). So:

- one worker process per CPU the container may use, plus one (``WEB_CONCURRENCY``): processes
  give the parallelism that Python threads cannot;
- a few threads per process (``GUNICORN_THREADS``, default 4, the ``gthread`` worker): a thread
  waiting for the database, a slow client's upload or a keep-alive connection does not hold
  the whole process, and a slow upload no longer blocks a worker as it would a sync one (the
  compose stack has no buffering proxy in front);
- the app loaded once before forking (``preload_app``): workers start in milliseconds instead
  of importing Django each (which matters when ``max_requests`` recycles them) and share the
  loaded code's memory until they write to it.

See README.md, "Sizing gunicorn", for how to choose the numbers.
"""

import math
import os
from pathlib import Path


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def available_cpus() -> int:
    """The CPUs this process may use: its CPU affinity, capped by a cgroup v2 quota (what
    ``docker run --cpus`` sets); ``os.cpu_count()`` would count every CPU of the host."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            cpus = min(cpus, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return max(1, cpus)


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
workers = _int("WEB_CONCURRENCY", available_cpus() + 1)
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 4)

# A worker that does not report for this long is killed and replaced. The gthread worker
# reports from its main loop, so a long request (a bulk upload) does not trip it; it catches a
# process that hangs as a whole.
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)  # to finish requests on restart
# Seconds a kept-alive connection may idle. When the server closes one just as its client sends
# the next request on it, that request is reset: browsers send it again, most API clients (and
# Locust) do not. So the server should outwait its clients' pauses (people and scripts come back
# within seconds; idle connections cost the gthread worker nothing but a socket) and, behind a
# load balancer, the balancer's idle timeout (65 for 60 s), so that the other side closes first.
keepalive = _int("GUNICORN_KEEPALIVE", 20)

# Recycle each worker after about this many requests (the jitter spreads the restarts so that
# the workers do not all restart at once): bounds the growth of a long-lived process's memory.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", max(max_requests // 10, 0))

preload_app = os.environ.get("GUNICORN_PRELOAD", "1").strip().lower() in {"1", "true", "yes"}


def when_ready(server):
    """Before the workers are forked: with the app preloaded, import the URL configuration
    (every view, the API schema) here once, instead of in each worker on its first request."""
    if server.cfg.preload_app:
        from django.urls import get_resolver

        get_resolver().url_patterns  # noqa: B018 (imported for its side effect)


# The heartbeat files in memory, not on the container's overlay disk (a slow disk would make
# healthy workers look stuck).
if Path("/dev/shm").is_dir():
    worker_tmp_dir = "/dev/shm"

# Gunicorn 23+ opens a control socket in the home directory by default: not needed here, and two
# servers of one user would fight over the same path. GUNICORN_CONTROL_SOCKET=path enables it.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True

# Logs on stdout/stderr (the container's log). One line per request: client, request, status,
# bytes, time in microseconds, referrer, user agent, and the address a proxy forwarded.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = os.environ.get(
    "GUNICORN_ACCESS_LOG_FORMAT",
    '%(h)s "%(r)s" %(s)s %(B)s %(D)sus "%(f)s" "%(a)s" fwd=%({x-forwarded-for}i)s',
)
