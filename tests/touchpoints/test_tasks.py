"""Reminders of due and overdue improvement actions (eager Celery: same code path)."""

import datetime

import pytest
from django.core import mail

from tests.factories import ActionFactory, TouchpointFactory
from touchpoints.models import ImprovementAction
from touchpoints.tasks import action_reminders_send

TODAY = datetime.date(2026, 11, 24)


@pytest.fixture
def actions(workspace, editor, viewer):
    touchpoint = TouchpointFactory(stage__journey__workspace=workspace, name="Courier call")
    return {
        "overdue": ActionFactory(
            touchpoint=touchpoint,
            assignee=editor,
            title="Overdue fix",
            due_date=TODAY - datetime.timedelta(days=3),
        ),
        "soon": ActionFactory(
            touchpoint=touchpoint,
            assignee=editor,
            title="Soon fix",
            due_date=TODAY + datetime.timedelta(days=2),
        ),
        "later": ActionFactory(
            touchpoint=touchpoint,
            assignee=editor,
            title="Later fix",
            due_date=TODAY + datetime.timedelta(days=10),
        ),
        "done": ActionFactory(
            touchpoint=touchpoint,
            assignee=viewer,
            title="Done fix",
            due_date=TODAY - datetime.timedelta(days=1),
            status="done",
            done_at=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC),
        ),
        "nobody": ActionFactory(
            touchpoint=touchpoint,
            title="Unassigned fix",
            due_date=TODAY - datetime.timedelta(days=1),
        ),
    }


@pytest.mark.django_db(transaction=True)
def test_one_digest_per_assignee_with_due_and_overdue_actions_only(actions, editor):
    sent = action_reminders_send.delay(TODAY.isoformat()).get()
    assert sent == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [editor.email]
    assert "Overdue fix" in message.body and "Soon fix" in message.body
    assert "Later fix" not in message.body
    assert "overdue since 21 Nov 2026" in message.body  # the one date format (docs/dates.md)


@pytest.mark.django_db(transaction=True)
def test_running_twice_the_same_day_sends_nothing_more(actions):
    action_reminders_send.delay(TODAY.isoformat()).get()
    assert action_reminders_send.delay(TODAY.isoformat()).get() == 0
    assert len(mail.outbox) == 1
    reminded = ImprovementAction.objects.filter(last_reminded_on=TODAY)
    assert set(reminded.values_list("title", flat=True)) == {"Overdue fix", "Soon fix"}
    # The next day they are due again.
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert action_reminders_send.delay(tomorrow.isoformat()).get() == 1
