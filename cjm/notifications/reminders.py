"""The daily reminder of improvement actions due soon or overdue (once the touchpoints slice's
own e-mail job; it now lives here, so there is one reminder, not two).

Each open, assigned action due within ``CJM_DUE_SOON_DAYS`` days gets ``action_due_soon``, each
one past its date ``action_overdue``, once per action and day (dedupe key), in the app; those
whose assignee wants the kind by e-mail go out as one mail per assignee. The touchpoints slice's
reminder mark (``last_reminded_on``) is written in the same transaction, so a second run the
same day finds nothing to do."""

import datetime

from django.db import transaction
from django.urls import reverse

from cjm.notifications import delivery, store
from cjm.notifications.kinds import Kind
from touchpoints.selectors import actions_due_for_reminder
from touchpoints.services import action_mark_reminded


def action_url(action) -> str:
    journey_id = action.touchpoint.stage.journey_id
    url = reverse("cjm:journey_detail", kwargs={"journey_id": journey_id})
    return f"{url}?touchpoint={action.touchpoint_id}"


def action_reminders_notify(*, today: datetime.date, days_ahead: int) -> int:
    """Notify the assignees; returns the number of reminder mails sent."""
    actions = list(actions_due_for_reminder(today=today, days_ahead=days_ahead))
    if not actions:
        return 0
    to_mail = []
    with transaction.atomic():
        for action in actions:
            kind = Kind.ACTION_OVERDUE if action.due_date < today else Kind.ACTION_DUE_SOON
            created = store.create(
                recipients=[action.assignee_id],
                kind=kind,
                workspace_id=action.touchpoint.stage.journey.workspace_id,
                params={
                    "title": action.title,
                    "due_date": action.due_date.isoformat(),
                    "touchpoint": action.touchpoint.name,
                },
                url=action_url(action),
                object_type="action",
                object_id=action.pk,
                dedupe=f"{kind}:action:{action.pk}:{today.isoformat()}",
            )
            to_mail.extend(row for row in created if row.wants_email)
        action_mark_reminded(action_ids=[a.pk for a in actions], on_date=today)
    return delivery.reminder_emails_send(notifications=to_mail)
