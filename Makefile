# CJM: two commands, `make run` and `make test`. No target needs an environment variable.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON := python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST := 127.0.0.1
PORT := 8000

# The real parts the test suite runs on (started by .ci/ensure-services). Only the make command
# line overrides them (make test TEST_DATABASE_URL=...), to keep two runs on one machine apart.
TEST_DATABASE_URL := postgres://postgres@127.0.0.1:5432/cjm
TEST_BROKER_URL := redis://127.0.0.1:6379/0
TEST_REDIS_URL := redis://127.0.0.1:6379/1
# The suite runs in this many processes (pytest-xdist; a file stays in one process); 0 = one.
TEST_WORKERS := 2
TEST_ENV := \
	DATABASE_URL=$(TEST_DATABASE_URL) \
	CELERY_BROKER_URL=$(TEST_BROKER_URL) \
	REDIS_URL=$(TEST_REDIS_URL) \
	DJANGO_ALLOW_ASYNC_UNSAFE=true \
	CJM_REQUIRE_ALL=1

.PHONY: help install run test lint format bench drills services clean lock audit

help:
	@echo "make run    set up .venv, migrate, seed demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test   ruff + import contract + pytest on PostgreSQL, Redis and Chromium (started/installed as needed)"
	@echo "make lint   ruff check + ruff format --check + import contract (lint-imports) + mypy + bandit + pip-audit"
	@echo "make lock   write requirements.lock: the exact versions installed in .venv (pip-audit reads it)"
	@echo "make bench  run the benchmark scripts in tests/benchmarks/ (on demand)"
	@echo "make drills fault drills (worker killed, PostgreSQL restarted, Redis down, ...) on private servers"
	@echo "make clean  remove .venv, caches and build output (keeps the db.sqlite3 demo data)"

# The virtualenv, made with the machine's python3 only when it is missing.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { \
		echo "ERROR: '$(PYTHON) -m venv' failed; install Python 3.11+ with the venv module" \
		     "(Debian: apt-get install python3-venv)." >&2; \
		rm -rf $(VENV); exit 1; }

# (Re)install whenever pyproject.toml is newer than the stamp.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo
	@echo "  CJM is running on http://$(HOST):$(PORT)/  (Ctrl+C stops it)"
	@echo "  Sign in as  demo   / demo12345   (workspace admin)"
	@echo "              anna   / demo12345   (editor, Russian interface)"
	@echo "              viewer / demo12345   (read-only)"
	@echo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

services:
	bash .ci/ensure-services

# Lint, the import contract and tests all run (one run reports all); any failing fails the target.
# pytest exit code 5 means "no test collected": said out loud, not turned into a cryptic failure.
test: $(STAMP) services
	@echo "== ruff check ."; lint=0; $(BIN)/ruff check . || lint=$$?; \
	echo "== lint-imports"; imports=0; $(BIN)/lint-imports --no-cache || imports=$$?; \
	echo "== $(TEST_ENV) pytest -m 'not benchmark and not drill' -n $(TEST_WORKERS) $(PYTEST_ARGS)"; \
	tests=0; $(TEST_ENV) $(BIN)/python -m pytest -m "not benchmark and not drill" -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS) || tests=$$?; \
	if [ $$tests -eq 5 ]; then echo "pytest: no tests were collected"; tests=0; fi; \
	if [ $$lint -ne 0 ]; then echo "make test: ruff check . failed (exit $$lint)"; fi; \
	if [ $$imports -ne 0 ]; then echo "make test: the import contract is broken (exit $$imports)"; fi; \
	if [ $$tests -ne 0 ]; then echo "make test: pytest failed (exit $$tests)"; fi; \
	[ $$lint -eq 0 ] && [ $$imports -eq 0 ] && [ $$tests -eq 0 ]

# The import contract (pyproject.toml [tool.importlinter], docs/architecture.md) and the types of
# services and selectors ([tool.mypy]) belong to lint like the style does.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy
	$(BIN)/bandit -c pyproject.toml -q -r cjm feedback touchpoints personas
	BIN=$(BIN) bash .ci/audit-deps

# Exact versions of everything installed from pyproject.toml (the project itself left out).
# (No reinstall first: only what is installed now is written; `make install` updates .venv.)
lock: | $(BIN)/python
	$(BIN)/python -m pip freeze --exclude-editable --disable-pip-version-check 2>/dev/null \
		| grep -E '^[A-Za-z0-9_.-]+==' > requirements.lock
	@echo "requirements.lock: $$(wc -l < requirements.lock) packages"

# Known vulnerabilities of requirements.lock (network to PyPI's JSON API; see docs/operations.md).
audit: | $(BIN)/python
	BIN=$(BIN) bash .ci/audit-deps

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Benchmarks run on demand only: every tests/benchmarks/*.py script that is not a pytest module
# or package marker, then any pytest tests marked `benchmark` there.
bench: $(STAMP) services
	@ran=0; \
	for script in tests/benchmarks/*.py; do \
		case "$$(basename "$$script")" in _*.py|conftest.py|test_*.py|*_settings.py|*_urls.py) continue ;; esac; \
		[ -e "$$script" ] || continue; \
		echo "== $$script"; \
		$(TEST_ENV) $(BIN)/python "$$script"; ran=1; \
	done; \
	if ls tests/benchmarks/test_*.py >/dev/null 2>&1; then \
		$(TEST_ENV) $(BIN)/python -m pytest tests/benchmarks -m benchmark $(PYTEST_ARGS); ran=1; \
	fi; \
	if [ $$ran -eq 0 ]; then echo "No benchmarks in tests/benchmarks/ yet."; fi

# Fault drills (tests/drills/, docs/drills.md): each starts its own PostgreSQL cluster (port
# 5441), redis-server (6391), Celery workers and gunicorn (8391), so the shared services are never
# disturbed; they need PostgreSQL server binaries and redis-server installed (not running).
drills: $(STAMP)
	$(BIN)/python -m pytest tests/drills -m drill -p no:xdist $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .import_linter_cache .hypothesis staticfiles \
		test-results sent-mail \
		*.egg-info build
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
