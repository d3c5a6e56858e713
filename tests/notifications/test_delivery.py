"""The reminder job (due soon / overdue), the immediate e-mail and the daily digest: each runs
twice without sending twice, and speaks the recipient's language."""

import datetime

import pytest
from django.core import mail

from cjm.accounts.models import UserPreference
from cjm.notifications import services
from cjm.notifications.models import DeliveryProfile, DigestSent, Notification
from cjm.notifications.tasks import action_reminders_send, notification_digests_send
from tests.factories import ActionFactory, TouchpointFactory
from tests.notifications.conftest import kinds_of
from touchpoints.models import ImprovementAction

TODAY = datetime.date(2026, 11, 24)


@pytest.fixture
def actions(workspace, editor, viewer):
    touchpoint = TouchpointFactory(stage__journey__workspace=workspace, name="Courier call")
    day = datetime.timedelta(days=1)
    return {
        "overdue": ActionFactory(
            touchpoint=touchpoint, assignee=editor, title="Overdue fix", due_date=TODAY - 3 * day
        ),
        "soon": ActionFactory(
            touchpoint=touchpoint, assignee=editor, title="Soon fix", due_date=TODAY + 2 * day
        ),
        "later": ActionFactory(
            touchpoint=touchpoint, assignee=editor, title="Later fix", due_date=TODAY + 10 * day
        ),
        "done": ActionFactory(
            touchpoint=touchpoint,
            assignee=viewer,
            title="Done fix",
            due_date=TODAY - day,
            status="done",
            done_at=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC),
        ),
        "nobody": ActionFactory(touchpoint=touchpoint, title="Unassigned", due_date=TODAY - day),
    }


@pytest.mark.django_db(transaction=True)
def test_reminders_notify_due_soon_and_overdue_once_a_day(actions, editor, viewer):
    assert action_reminders_send.delay(TODAY.isoformat()).get() == 1
    assert sorted(kinds_of(editor)) == ["action_due_soon", "action_overdue"]
    assert kinds_of(viewer) == []
    # E-mail by default for overdue only: one mail, with the overdue action.
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [editor.email]
    assert "Overdue fix" in mail.outbox[0].body and "Soon fix" not in mail.outbox[0].body
    # Twice the same day: nothing new (reminder marks and the dedupe key).
    assert action_reminders_send.delay(TODAY.isoformat()).get() == 0
    assert Notification.objects.filter(recipient=editor).count() == 2
    reminded = ImprovementAction.objects.filter(last_reminded_on=TODAY)
    assert set(reminded.values_list("title", flat=True)) == {"Overdue fix", "Soon fix"}
    # The next day they come again.
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    assert action_reminders_send.delay(tomorrow).get() == 1
    assert Notification.objects.filter(recipient=editor).count() == 4


@pytest.mark.django_db(transaction=True)
def test_immediate_mail_in_the_recipients_language_sent_once(editor, viewer, workspace):
    UserPreference.objects.create(user=viewer, language="ru")
    [note] = services.notify(
        recipients=[viewer],
        kind="mentioned",
        actor=editor,
        workspace_id=workspace.pk,
        params={"target": "Звонок курьера"},
        url="/journeys/1/",
    )
    assert len(mail.outbox) == 1
    assert "упомянул" in mail.outbox[0].body
    assert "http://localhost:8000/journeys/1/" in mail.outbox[0].body
    from cjm.notifications.tasks import notification_email_send

    assert notification_email_send.delay(note.pk).get() is False  # a retry sends nothing
    assert len(mail.outbox) == 1


def _pending(user, kind="action_due_soon", **extra):
    extra.setdefault("params", {"title": "T"})
    return Notification.objects.create(recipient=user, kind=kind, **extra)


@pytest.mark.django_db(transaction=True)
def test_digest_runs_twice_one_mail_per_user(editor, viewer, ws_admin):
    DeliveryProfile.objects.create(user=viewer, time_zone="Europe/Moscow")  # UTC+3
    for user in (editor, viewer, ws_admin):
        _pending(user)
        _pending(user, kind="touchpoint_rated_awful", params={"touchpoint": "Courier"})
    _pending(editor, read_at=datetime.datetime(2026, 11, 24, tzinfo=datetime.UTC))  # read: not
    DeliveryProfile.objects.create(user=ws_admin, digest=False)
    at_8_utc = "2026-11-24T08:10:00+00:00"
    assert notification_digests_send.delay(at_8_utc).get() == 1  # editor only (UTC, digest on)
    assert notification_digests_send.delay(at_8_utc).get() == 0
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert "Courier" in mail.outbox[0].body
    # 08:10 in Moscow: the viewer's turn; still one mail each.
    assert notification_digests_send.delay("2026-11-25T05:10:00+00:00").get() == 1
    assert notification_digests_send.delay("2026-11-25T05:10:00+00:00").get() == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted([editor.email, viewer.email])
    assert DigestSent.objects.filter(user=viewer, day=datetime.date(2026, 11, 25)).exists()
    assert not Notification.objects.filter(recipient=viewer, digested_at__isnull=True).exists()
    # Nothing new the next morning: no empty digest.
    assert notification_digests_send.delay("2026-11-25T08:10:00+00:00").get() == 0


@pytest.mark.django_db(transaction=True)
def test_a_failed_digest_mail_leaves_everything_for_the_retry(editor, monkeypatch):
    _pending(editor)
    from cjm.notifications import delivery

    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr(delivery, "send_mail", broken)
    with pytest.raises(OSError):
        delivery.digest_send(user_id=editor.pk, day=TODAY)
    assert not DigestSent.objects.exists()
    assert Notification.objects.get(recipient=editor).digested_at is None
    monkeypatch.undo()
    assert delivery.digest_send(user_id=editor.pk, day=TODAY) is True
    assert len(mail.outbox) == 1
