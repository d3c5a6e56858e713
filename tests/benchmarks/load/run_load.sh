#!/usr/bin/env bash
# The load test (issue 17, docs/drills.md): gunicorn + PostgreSQL + Redis + one Celery worker on
# loopback, 50 Locust users with think time for 2 minutes, then a table per request type.
# Its own database (cjm_load, recreated) and Redis dbs; everything it starts it stops.
#
#   tests/benchmarks/load/run_load.sh            (USERS=50 DURATION=2m SCALE=0.3 PORT=8790)
#   REUSE_DB=1 keeps the database of the last run (no drop, no migrate; the seed adds nothing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."

USERS=${USERS:-50}
SPAWN_RATE=${SPAWN_RATE:-5}
DURATION=${DURATION:-2m}
SCALE=${SCALE:-0.3}
PORT=${PORT:-8790}
PG=${LOAD_PG:-postgres://postgres@127.0.0.1:5432}
REDIS=${LOAD_REDIS:-redis://127.0.0.1:6379}
OUT=${OUT:-$(mktemp -d /tmp/cjm-load-XXXXXX)}
BIN=.venv/bin
mkdir -p "$OUT"

export DATABASE_URL="$PG/cjm_load"
export CELERY_BROKER_URL="$REDIS/${LOAD_BROKER_DB:-0}"
export REDIS_URL="$REDIS/${LOAD_CACHE_DB:-1}"
export DJANGO_SETTINGS_MODULE=cjm.settings
# As in production (the Dockerfile and compose never run with DEBUG): no debug query log, no
# debug pages. CJM_PRODUCTION itself is left off: it wants TLS and collected static files.
export DEBUG=${DEBUG:-0}
export MEDIA_ROOT="$OUT/media"
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend

pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT

if [ "${REUSE_DB:-0}" != 1 ]; then
    echo "== database cjm_load (recreated), seed scale $SCALE"
    psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS cjm_load WITH (FORCE)" -c "CREATE DATABASE cjm_load"
    $BIN/python manage.py migrate --noinput -v 0
else
    echo "== database cjm_load as it is (REUSE_DB=1)"
fi
$BIN/python tests/benchmarks/load/seed_load.py "$OUT/seed.json" "$SCALE"

echo "== gunicorn on 127.0.0.1:$PORT, one Celery worker"
$BIN/gunicorn cjm.wsgi -c gunicorn.conf.py -b "127.0.0.1:$PORT" >"$OUT/web.log" 2>&1 &
pids+=($!)
$BIN/celery -A cjm worker --concurrency=1 --without-gossip --without-mingle -l warning \
    >"$OUT/worker.log" 2>&1 &
pids+=($!)
WS=""
ports=("$PORT")
if [ -d cjm/live ]; then
    # The live slice serves websockets over ASGI: a daphne beside gunicorn for the scenario.
    $BIN/daphne -b 127.0.0.1 -p $((PORT + 1)) cjm.asgi:application >"$OUT/ws.log" 2>&1 &
    pids+=($!)
    WS="ws://127.0.0.1:$((PORT + 1))/ws/journeys/{journey}/"
    ports+=($((PORT + 1)))
fi
# Both servers answer before the first user starts (daphne takes a few seconds more).
for port in "${ports[@]}"; do
    for _ in $(seq 120); do
        curl -fs -o /dev/null "http://127.0.0.1:$port/login/" && break
        sleep 1
    done
done

echo "== locust: $USERS users, spawn $SPAWN_RATE/s, $DURATION"
LOAD_SEED="$OUT/seed.json" LOAD_WS_URL="$WS" $BIN/locust -f tests/benchmarks/load/locustfile.py \
    --headless -u "$USERS" -r "$SPAWN_RATE" -t "$DURATION" --host "http://127.0.0.1:$PORT" \
    --csv "$OUT/load" --only-summary >"$OUT/locust.log" 2>&1 || true

echo "== results ($OUT/load_stats.csv)"
$BIN/python - "$OUT/load_stats.csv" "$OUT/load_failures.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(f"{'request':34} {'count':>6} {'fail':>5} {'req/s':>6} {'p50':>6} {'p95':>6} {'p99':>6}")
for r in rows:
    print(f"{(r['Type'] + ' ' + r['Name'])[:34]:34} {r['Request Count']:>6} {r['Failure Count']:>5} "
          f"{float(r['Requests/s']):6.1f} {r['50%']:>6} {r['95%']:>6} {r['99%']:>6}")
for r in csv.DictReader(open(sys.argv[2])):
    print("FAILURE", r["Method"], r["Name"], r["Occurrences"], r["Error"][:200])
PY
