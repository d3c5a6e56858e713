"""Reads of notifications: a person's own (nobody reads another's), the cached unread count,
preferences with their defaults, who awaits a digest, and workspace members for @mentions."""

import zoneinfo
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.http import Http404

from cjm.core.scoping import workspace_member_list
from cjm.core.typing import Reader
from cjm.notifications.kinds import EMAIL_BY_DEFAULT, Kind
from cjm.notifications.models import DeliveryProfile, Notification, NotificationPreference

UNREAD_CACHE_SECONDS = 300


def unread_cache_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def notification_list(
    *, user: Reader, unread: bool = False, kind: str | None = None
) -> QuerySet[Notification]:
    """The user's own notifications, newest first (none for an anonymous user)."""
    if not user.is_authenticated:
        return Notification.objects.none()
    qs = Notification.objects.filter(recipient_id=user.pk)
    if unread:
        qs = qs.filter(read_at__isnull=True)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-created_at", "-id")


def notification_get(*, user: Reader, pk: int) -> Notification:
    """One of the user's own notifications; anyone else's is a 404."""
    found = notification_list(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404("No such notification.")
    return found


def unread_count_cached(*, user: Reader) -> int | None:
    """The cached figure only, never a query (pages render the bell with it; ``None``: not
    cached, the bell fetches it once with htmx)."""
    if not user.is_authenticated:
        return 0
    return cache.get(unread_cache_key(user.pk))


def unread_count(*, user: Reader) -> int:
    """The bell's figure: cached per person (at most one COUNT per page; writes drop it)."""
    if not user.is_authenticated:
        return 0
    key = unread_cache_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_CACHE_SECONDS)
    return count


def preferences_of(*, user_ids: Iterable[int], kind: str) -> dict[int, tuple[bool, bool]]:
    """``{user_id: (in_app, email)}`` for one kind, defaults where a person chose nothing."""
    ids = list(user_ids)
    default = (True, kind in EMAIL_BY_DEFAULT)
    chosen = {
        row["user_id"]: (row["in_app"], row["email"])
        for row in NotificationPreference.objects.filter(user_id__in=ids, kind=kind).values(
            "user_id", "in_app", "email"
        )
    }
    return {pk: chosen.get(pk, default) for pk in ids}


def preferences_get(*, user: User) -> dict:
    """A person's choices for the settings page: per kind (label, in_app, email), time zone
    and digest switch."""
    chosen = {row.kind: row for row in NotificationPreference.objects.filter(user_id=user.pk)}
    kinds = []
    for kind in Kind:
        row = chosen.get(kind.value)
        kinds.append(
            {
                "kind": kind.value,
                "label": kind.label,
                "in_app": row.in_app if row else True,
                "email": row.email if row else kind in EMAIL_BY_DEFAULT,
            }
        )
    profile = DeliveryProfile.objects.filter(user_id=user.pk).first()
    return {
        "kinds": kinds,
        "time_zone": (profile.time_zone if profile else "") or settings.TIME_ZONE,
        "digest": profile.digest if profile else True,
    }


def digest_pending() -> list[tuple[int, str]]:
    """``(user_id, time zone)`` of people with something for a digest (unread, not digested,
    not e-mailed), whose digest is on (system read for the hourly job)."""
    pending = Notification.objects.filter(
        read_at__isnull=True, digested_at__isnull=True, emailed_at__isnull=True
    ).values("recipient_id")
    return list(
        User.objects.filter(pk__in=pending, is_active=True)
        .exclude(delivery_profile__digest=False)
        .values_list("pk", "delivery_profile__time_zone")
        .order_by("pk")
    )


def mention_candidates(*, workspace_id: int, query: str, limit: int = 8) -> list[dict]:
    """Members of the workspace whose username or name starts with ``query`` (the @ box)."""
    query = query.strip().lstrip("@")
    qs = workspace_member_list(workspace_id=workspace_id)
    if query:
        qs = qs.filter(
            Q(username__istartswith=query)
            | Q(first_name__istartswith=query)
            | Q(last_name__istartswith=query)
        )
    rows = qs.order_by("username").values("username", "first_name", "last_name")[:limit]
    return [
        {
            "username": row["username"],
            "name": f"{row['first_name']} {row['last_name']}".strip() or row["username"],
        }
        for row in rows
    ]


def members_by_username(*, workspace_id: int, usernames: Iterable[str]) -> list[int]:
    """Ids of the workspace's members among these usernames, ignoring case (mentions of anyone
    else are dropped)."""
    match = Q()
    for name in set(usernames):
        match |= Q(username__iexact=name)
    if not match:
        return []
    return list(
        workspace_member_list(workspace_id=workspace_id).filter(match).values_list("pk", flat=True)
    )


def time_zone_choices() -> list[str]:
    return sorted(zoneinfo.available_timezones())
