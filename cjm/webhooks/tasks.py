"""Background jobs of webhooks: fan an event out to the subscriptions, deliver with retries and
exponential backoff, fire the overdue events of actions (Celery beat)."""

from celery import shared_task
from django.utils import timezone

from cjm.webhooks import deliveries


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def webhook_event_fanout(workspace_id: int, event: str, data: dict) -> int:
    """Queue one delivery per active subscription of the workspace listening to ``event``."""
    ids = deliveries.subscription_ids_for(workspace_id=workspace_id, event=event)
    for subscription_id in ids:
        payload = deliveries.payload_build(event=event, workspace_id=workspace_id, data=data)
        webhook_deliver.delay(subscription_id, payload, 1)
    return len(ids)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def webhook_deliver(subscription_id: int, payload: dict, attempt: int = 1) -> bool:
    """One attempt; a retryable failure queues the next one after an exponential backoff
    (``WEBHOOKS_BACKOFF_SECONDS`` * 2^(attempt-1); up to ``WEBHOOKS_MAX_ATTEMPTS``)."""
    retry = deliveries.delivery_attempt(
        subscription_id=subscription_id, payload=payload, attempt=attempt
    )
    if retry:
        webhook_deliver.apply_async(
            (subscription_id, payload, attempt + 1),
            countdown=deliveries.backoff_seconds(attempt),
        )
    return retry


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def webhooks_overdue_send() -> int:
    """``action.overdue`` for each action that became overdue, once per action."""
    events = deliveries.overdue_action_events(today=timezone.localdate())
    for workspace_id, data in events:
        webhook_event_fanout.delay(workspace_id, "action.overdue", data)
    return len(events)
