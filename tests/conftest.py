"""Shared fixtures: one workspace with an admin, an editor and a viewer, and an outsider who is a
member of another workspace only."""

import os
import re

import pytest
from django.conf import settings
from django.utils import translation

from cjm.choices import Role
from tests.factories import MembershipFactory, UserFactory, WorkspaceFactory


def pytest_configure(config):
    """`make test` runs the suite in two processes (pytest-xdist), each on its own test database.
    The cache must be apart too: a test's ``cache.clear()`` empties the whole Redis db, and two
    databases hand out the same journey ids and revisions. Worker gwN uses Redis db base + 8 N;
    set in the environment as well, so the Celery worker a test starts inherits it."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    url = os.environ.get("REDIS_URL", "")
    match = re.fullmatch(r"(redis://[^/]+)/(\d+)", url)
    if not worker.startswith("gw") or not match or worker == "gw0":
        return
    db = (int(match.group(2)) + 8 * int(worker[2:])) % 16
    os.environ["REDIS_URL"] = f"{match.group(1)}/{db}"
    settings.CACHES["default"]["LOCATION"] = os.environ["REDIS_URL"]


@pytest.fixture
def workspace(db):
    return WorkspaceFactory(name="Acme Store")


@pytest.fixture
def other_workspace(db):
    return WorkspaceFactory(name="Other Brand")


@pytest.fixture
def ws_admin(workspace):
    user = UserFactory(username="alice_admin")
    MembershipFactory(workspace=workspace, user=user, role=Role.ADMIN)
    return user


@pytest.fixture
def editor(workspace):
    user = UserFactory(username="eddie_editor")
    MembershipFactory(workspace=workspace, user=user, role=Role.EDITOR)
    return user


@pytest.fixture
def viewer(workspace):
    user = UserFactory(username="vera_viewer")
    MembershipFactory(workspace=workspace, user=user, role=Role.VIEWER)
    return user


@pytest.fixture
def outsider(other_workspace):
    user = UserFactory(username="oscar_outsider")
    MembershipFactory(workspace=other_workspace, user=user, role=Role.ADMIN)
    return user


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language. A request in Russian (its cookie or the user's
    saved language) leaves Russian active in this thread: Django's LocaleMiddleware activates
    the request's language and never deactivates it, so a later test in the same process that
    reads texts outside a request (verdicts, labels) would get them in Russian."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def eager_celery():
    """Unit tests run Celery tasks in-process (the same code path as the SQLite default);
    tests/test_celery_worker.py turns this off to use a real worker on Redis."""
    from cjm.celery import app

    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


@pytest.fixture(autouse=True)
def _live_server_settles(request):
    """A browser test's pages may still have a request in the live server (the map's live
    socket retrying, a lazily loaded card) when the test ends; the database flush that follows
    then deadlocks against it. Torn down after the page closes and before the flush: wait a
    moment for those requests to finish."""
    yield
    if "live_server" in request.fixturenames:
        import time

        time.sleep(0.5)
