"""Writes of webhook subscriptions (workspace admins only) and the emission of events."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.tenancy import Workspace
from cjm.core.typing import Actor
from cjm.webhooks import deliveries, tasks, urlguard
from cjm.webhooks.models import PING, Event, Subscription, new_secret

FIELDS = {"url", "events", "is_active", "secret"}


def _validate(url: str, events) -> None:
    errors = {}
    try:
        urlguard.resolve(url)
    except urlguard.UrlRefused as exc:
        errors["url"] = [str(exc)]
    if not isinstance(events, list) or not events or not set(events) <= set(Event.values):
        errors["events"] = [
            _("Choose one or more of: %(events)s.") % {"events": ", ".join(Event.values)}
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def subscription_create(
    *,
    actor: Actor,
    workspace: Workspace,
    url: str,
    events: list[str],
    secret: str = "",
    is_active: bool = True,
) -> Subscription:
    require_role(actor, workspace.pk, Role.ADMIN)
    _validate(url, events)
    subscription = Subscription(
        workspace=workspace,
        url=url,
        events=sorted(set(events)),
        secret=secret or new_secret(),
        is_active=is_active,
        created_by=actor,
    )
    subscription.full_clean()
    subscription.save()
    return subscription


@transaction.atomic
def subscription_update(*, actor: Actor, subscription: Subscription, **changes) -> Subscription:
    """Change the URL, events, secret or active flag; resuming clears the failure count."""
    require_role(actor, subscription.workspace_id, Role.ADMIN)
    unknown = set(changes) - FIELDS
    if unknown:
        raise TypeError(f"cannot change {sorted(unknown)} of Subscription")
    fresh = Subscription.objects.select_for_update().get(pk=subscription.pk)
    _validate(changes.get("url", fresh.url), changes.get("events", fresh.events))
    resumed = changes.get("is_active") is True and not fresh.is_active
    for name, value in changes.items():
        if name == "secret" and not value:
            continue
        setattr(fresh, name, sorted(set(value)) if name == "events" else value)
    if resumed:
        fresh.consecutive_failures, fresh.paused_at = 0, None
    fresh.full_clean()
    fresh.save()
    return fresh


@transaction.atomic
def subscription_delete(*, actor: Actor, subscription: Subscription) -> None:
    require_role(actor, subscription.workspace_id, Role.ADMIN)
    subscription.delete()


def subscription_ping(*, actor: Actor, subscription: Subscription) -> dict:
    """Send a ``ping`` now (one attempt, logged like any delivery); returns the payload."""
    require_role(actor, subscription.workspace_id, Role.ADMIN)
    payload = deliveries.payload_build(
        event=PING, workspace_id=subscription.workspace_id, data={"webhook": subscription.pk}
    )
    transaction.on_commit(lambda: tasks.webhook_deliver.delay(subscription.pk, payload, 1))
    return payload


def event_emit(*, workspace_id: int, event: str, data: dict) -> None:
    """Send ``event`` to the workspace's subscriptions once the current transaction commits."""
    transaction.on_commit(lambda: tasks.webhook_event_fanout.delay(workspace_id, event, data))
