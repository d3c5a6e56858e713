"""One demo workspace shared by a class of read-only tests: seeding it takes seconds, so it is
made once per class inside a transaction that is rolled back when the class is done (each test
still runs in its own savepoint, so what a test changes is undone after it)."""

import contextlib
from io import StringIO

from django.core.management import call_command
from django.db import transaction
from django.test import TestCase

from cjm.celery import app
from cjm.models import Workspace


@contextlib.contextmanager
def seeded_demo(django_db_blocker, *args: str):
    """``seed_demo *args`` with Celery eager (as under ``make run``) and its on-commit work
    (the funnel reports) run at once; yields the demo workspace."""
    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            with TestCase.captureOnCommitCallbacks(execute=True):
                call_command("seed_demo", *args, stdout=StringIO())
            yield Workspace.objects.get(slug="demo")
            transaction.set_rollback(True)
    finally:
        app.conf.task_always_eager, app.conf.task_eager_propagates = saved
