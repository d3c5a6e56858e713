"""Background jobs of the touchpoints app. Thin: plain arguments in, one service call."""

import datetime

from celery import shared_task
from django.conf import settings
from django.db import OperationalError
from django.utils import timezone

from touchpoints import services


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
    soft_time_limit=120,
    time_limit=180,
)
def action_reminders_send(today: str | None = None) -> int:
    """Daily digest to assignees of actions due soon or overdue (Celery beat, 07:00)."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    return services.action_reminders_send(today=day, days_ahead=settings.ACTION_REMINDER_DAYS_AHEAD)
