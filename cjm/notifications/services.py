"""Writes of notifications: ``notify`` (every producer's one door), marking read, preferences.

Nobody is notified of their own act: ``notify`` drops the actor from the recipients. An e-mail
chosen for the kind is queued after commit (``tasks.notification_email_send``).
"""

import zoneinfo
from collections.abc import Iterable
from functools import partial

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cjm.notifications import store
from cjm.notifications.kinds import Kind
from cjm.notifications.models import DeliveryProfile, Notification, NotificationPreference
from cjm.notifications.tasks import notification_email_send


@transaction.atomic
def notify(*, recipients: Iterable[User | int], kind: str, **fields) -> list[Notification]:
    """Notify each recipient once (never the actor). ``fields``: ``actor``, ``workspace_id``,
    ``params`` (the text's values), ``url``, ``object_type``, ``object_id``, ``dedupe`` (a key:
    a second call with it creates nothing). Returns the notifications created."""
    created = store.create(recipients=recipients, kind=kind, **fields)
    for row in created:
        if row.wants_email:
            transaction.on_commit(partial(notification_email_send.delay, row.pk), robust=True)
    return created


@transaction.atomic
def notification_mark_read(*, actor: User, notification: Notification) -> Notification:
    if notification.recipient_id != actor.pk:
        raise PermissionError("not your notification")
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        notification.refresh_from_db(fields=["read_at"])
        store.forget_count([actor.pk])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor: User) -> int:
    count = Notification.objects.filter(recipient_id=actor.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    store.forget_count([actor.pk])
    return count


@transaction.atomic
def notification_preferences_set(
    *, actor: User, choices: dict[str, tuple[bool, bool]], time_zone: str, digest: bool
) -> None:
    """Save ``{kind: (in_app, email)}`` for every kind, the time zone and the digest switch."""
    if time_zone and time_zone not in zoneinfo.available_timezones():
        raise ValidationError({"time_zone": [_("Unknown time zone.")]})
    for kind, (in_app, email) in choices.items():
        if kind not in Kind.values:
            raise ValidationError({kind: [_("Unknown kind of notification.")]})
        NotificationPreference.objects.update_or_create(
            user=actor, kind=kind, defaults={"in_app": in_app, "email": email}
        )
    DeliveryProfile.objects.update_or_create(
        user=actor, defaults={"time_zone": time_zone, "digest": digest}
    )
