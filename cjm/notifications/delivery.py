"""Sending: one notification by e-mail, the reminder job's mail, the daily digest. Tasks run
these; they queue nothing."""

import datetime
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cjm.accounts.selectors.users import user_language_get
from cjm.core.mail import mail_subject
from cjm.notifications.models import DeliveryProfile, DigestSent, Notification
from cjm.notifications.selectors import digest_pending

DIGEST_HOUR = 8


def language_of(user: User) -> str:
    return user_language_get(user=user) or settings.LANGUAGE_CODE


def absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.CJM_BASE_URL.rstrip("/") + url


def _zone_of(user: User) -> zoneinfo.ZoneInfo:
    name = (
        DeliveryProfile.objects.filter(user_id=user.pk).values_list("time_zone", flat=True).first()
        or settings.TIME_ZONE
    )
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _mail(user: User, template: str, context: dict, subject_of) -> None:
    """Render and send one mail in the recipient's language and time zone."""
    with translation.override(language_of(user)), timezone.override(_zone_of(user)):
        body = render_to_string(
            template, {"user": user, "base_url": settings.CJM_BASE_URL, **context}
        )
        subject = subject_of()
    send_mail(mail_subject(subject), body, None, [user.email], fail_silently=False)


def notification_email_send(*, notification_id: int) -> bool:
    """E-mail one notification to its recipient, once: the row is claimed first (a conditional
    UPDATE) and released again if the mail fails, so a retry sends it."""
    claimed = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    user = notification.recipient
    if not user.email:
        return False
    try:
        _mail(
            user,
            "notifications/email/notification.txt",
            {"notification": notification, "link": absolute(notification.url)},
            lambda: notification.text[:150],
        )
    except Exception:
        Notification.objects.filter(pk=notification_id).update(emailed_at=None)
        raise
    return True


def reminder_emails_send(*, notifications: list[Notification]) -> int:
    """One mail per recipient for the action reminders just created (the reminder job)."""
    by_user: dict[int, list[Notification]] = {}
    for row in notifications:
        by_user.setdefault(row.recipient_id, []).append(row)
    users = User.objects.in_bulk(list(by_user))
    sent = 0
    for user_id, rows in by_user.items():
        user = users[user_id]
        claimed = Notification.objects.filter(
            pk__in=[r.pk for r in rows], emailed_at__isnull=True
        ).update(emailed_at=timezone.now())
        if not claimed or not user.email:
            continue
        _mail(
            user,
            "notifications/email/reminder.txt",
            {"notifications": rows, "links": [absolute(r.url) for r in rows]},
            lambda rows=rows: _("Improvement actions due: %(count)d") % {"count": len(rows)},
        )
        sent += 1
    return sent


def _local_now(profile_tz: str, now: datetime.datetime) -> datetime.datetime:
    try:
        zone = zoneinfo.ZoneInfo(profile_tz or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return now.astimezone(zone)


def digests_send(*, now: datetime.datetime | None = None, hour: int = DIGEST_HOUR) -> int:
    """Send the daily digest to each person whose local time is ``hour`` o'clock and who has
    unread notifications not yet digested nor e-mailed. Returns the number of mails."""
    now = now or timezone.now()
    sent = 0
    for user_id, time_zone in digest_pending():
        local = _local_now(time_zone, now)
        if local.hour != hour:
            continue
        if digest_send(user_id=user_id, day=local.date()):
            sent += 1
    return sent


def digest_send(*, user_id: int, day: datetime.date) -> bool:
    """One person's digest of ``day`` (their local date). The digest record (unique per person
    and day) and the marks are written in the transaction that sends the mail: a second run, or
    a retry after a worker died, sends nothing twice; a failed mail rolls all back."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user_id)
        if DigestSent.objects.filter(user_id=user_id, day=day).exists():
            return False
        rows = list(
            Notification.objects.filter(
                recipient_id=user_id,
                read_at__isnull=True,
                digested_at__isnull=True,
                emailed_at__isnull=True,
            ).order_by("-created_at", "-id")[:200]
        )
        if not rows or not user.email:
            return False
        DigestSent.objects.create(user_id=user_id, day=day, count=len(rows))
        Notification.objects.filter(pk__in=[r.pk for r in rows]).update(digested_at=timezone.now())
        _mail(
            user,
            "notifications/email/digest.txt",
            {"notifications": rows, "links": [absolute(r.url) for r in rows], "day": day},
            lambda: _("Your notifications: %(count)d unread") % {"count": len(rows)},
        )
    return True
