"""The work of delivering: build a payload, try one delivery, log it, pause a failing
subscription. Queues nothing (cjm/webhooks/tasks.py decides about the next attempt)."""

import datetime
import json
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cjm.core.mail import mail_subject
from cjm.core.roles import Role
from cjm.webhooks import sender
from cjm.webhooks.models import Delivery, SentEvent, Subscription
from touchpoints.selectors import actions_overdue


def payload_build(*, event: str, workspace_id: int, data: dict) -> dict:
    """``{"id", "event", "created_at", "workspace", "data"}``; ``id`` is the delivery id."""
    return {
        "id": str(uuid.uuid4()),
        "event": event,
        "created_at": timezone.now().isoformat(),
        "workspace": workspace_id,
        "data": data,
    }


def subscription_ids_for(*, workspace_id: int, event: str) -> list[int]:
    """The active subscriptions of the workspace that listen to ``event``. A workspace has a
    handful, so the events are matched here: SQLite (``make run``) has no JSON ``contains``."""
    rows = Subscription.objects.filter(workspace_id=workspace_id, is_active=True)
    return [pk for pk, events in rows.values_list("pk", "events") if event in events]


def body_of(payload: dict) -> bytes:
    return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()


def delivery_attempt(*, subscription_id: int, payload: dict, attempt: int) -> bool:
    """POST ``payload`` once; log it. Returns True when another attempt should follow.

    Nothing is sent to a deleted or paused subscription. The last failed attempt of a payload
    counts as one failed delivery; ``WEBHOOKS_PAUSE_AFTER`` failed deliveries in a row pause the
    subscription and tell its workspace admins. A success resets the count.
    """
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    is_ping = payload["event"] == "ping"
    if subscription is None or not (subscription.is_active or is_ping):
        return False
    body = body_of(payload)
    headers = {
        "X-CJM-Event": payload["event"],
        "X-CJM-Delivery": payload["id"],
        "X-CJM-Signature": sender.signature(subscription.secret, body),
    }
    outcome = sender.post(subscription.url, body, headers, timeout=settings.WEBHOOKS_TIMEOUT)
    retry = (
        not outcome.ok and outcome.retryable and attempt < settings.WEBHOOKS_MAX_ATTEMPTS
    ) and not is_ping
    paused = False
    with transaction.atomic():
        Delivery.objects.create(
            subscription=subscription,
            delivery_id=payload["id"],
            event=payload["event"],
            attempt=attempt,
            status_code=outcome.status_code,
            duration_ms=outcome.duration_ms,
            error=outcome.error,
            ok=outcome.ok,
            will_retry=retry,
        )
        if outcome.ok and not is_ping:
            Subscription.objects.filter(pk=subscription.pk).update(consecutive_failures=0)
        elif not retry and not is_ping:
            paused = _count_failure(subscription)
    if paused:
        _tell_admins_paused(subscription)
    return retry


def _count_failure(subscription: Subscription) -> bool:
    """Count one failed delivery; True when this one paused the subscription."""
    Subscription.objects.filter(pk=subscription.pk).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    subscription.refresh_from_db(fields=["consecutive_failures", "is_active"])
    if (
        subscription.is_active
        and subscription.consecutive_failures >= settings.WEBHOOKS_PAUSE_AFTER
    ):
        paused = Subscription.objects.filter(pk=subscription.pk, is_active=True).update(
            is_active=False, paused_at=timezone.now()
        )
        return bool(paused)
    return False


def _tell_admins_paused(subscription: Subscription) -> None:
    """Tell the workspace's admins that ``subscription`` was paused after failing again and
    again (Django mail today; the lead may add an in-app notification here)."""
    admins = (
        get_user_model()
        .objects.filter(
            memberships__workspace_id=subscription.workspace_id, memberships__role=Role.ADMIN
        )
        .exclude(email="")
    )
    for admin in admins:
        with translation.override(None):
            subject = _("Webhook paused: %(url)s") % {"url": subscription.url}
            body = _(
                "The webhook %(url)s of the workspace %(workspace)s failed %(count)d deliveries "
                "in a row and was paused. Check the receiver, then resume it in the workspace's "
                "webhook settings."
            ) % {
                "url": subscription.url,
                "workspace": subscription.workspace.name,
                "count": subscription.consecutive_failures,
            }
        send_mail(mail_subject(subject), body, None, [admin.email], fail_silently=True)


def backoff_seconds(attempt: int) -> int:
    """Seconds before attempt ``attempt + 1``: base * 2^(attempt - 1) (exponential)."""
    return settings.WEBHOOKS_BACKOFF_SECONDS * 2 ** (attempt - 1)


def overdue_action_events(*, today: datetime.date) -> list[tuple[int, dict]]:
    """``(workspace id, data)`` of each action overdue on ``today`` whose overdue event has not
    fired yet, marking it as fired (each action's overdue event fires once)."""
    events = []
    for action in actions_overdue(today=today):
        try:
            with transaction.atomic():
                SentEvent.objects.create(key=f"action.overdue:{action.pk}")
        except IntegrityError:
            continue
        journey = action.touchpoint.stage.journey
        events.append(
            (
                journey.workspace_id,
                {
                    "action": action.pk,
                    "title": action.title,
                    "touchpoint": action.touchpoint_id,
                    "journey": journey.pk,
                    "assignee": action.assignee_id,
                    "due_date": action.due_date.isoformat() if action.due_date else None,
                    "status": action.status,
                },
            )
        )
    return events
