"""Background jobs of notifications. Thin: plain arguments in, one call; safe to retry
(acks_late, state in the database only)."""

import datetime

from celery import shared_task
from django.conf import settings
from django.db import OperationalError
from django.utils import timezone

from cjm.notifications import delivery, reminders

RETRY = {
    "acks_late": True,
    "autoretry_for": (OperationalError, OSError),
    "retry_backoff": True,
    "max_retries": 5,
    "soft_time_limit": 120,
    "time_limit": 180,
}


@shared_task(**RETRY)
def notification_email_send(notification_id: int) -> bool:
    """E-mail one notification (queued on commit by ``services.notify``)."""
    return delivery.notification_email_send(notification_id=notification_id)


@shared_task(**RETRY)
def action_reminders_send(today: str | None = None) -> int:
    """Actions due soon or overdue: notify their assignees (Celery beat, daily)."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    return reminders.action_reminders_notify(today=day, days_ahead=settings.CJM_DUE_SOON_DAYS)


@shared_task(**RETRY)
def notification_digests_send(now: str | None = None) -> int:
    """The daily digest to everyone whose local time is 08:00 (Celery beat, hourly)."""
    at = datetime.datetime.fromisoformat(now) if now else timezone.now()
    return delivery.digests_send(now=at)
