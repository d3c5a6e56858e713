"""Storing notifications: the one insert every producer goes through (``services.notify``, the
reminder job). Honours each person's preferences per kind and the dedupe key; sends nothing."""

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from cjm.core.typing import Actor
from cjm.notifications.kinds import Kind
from cjm.notifications.models import Notification
from cjm.notifications.selectors import preferences_of, unread_cache_key


def forget_count(user_ids: Iterable[int]) -> None:
    """Drop the cached unread counts of these people (now and again after commit)."""
    keys = [unread_cache_key(pk) for pk in set(user_ids)]
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def create(
    *,
    recipients: Iterable[User | int],
    kind: str,
    actor: Actor = None,
    workspace_id: int | None = None,
    params: dict | None = None,
    url: str = "",
    object_type: str = "",
    object_id: int | None = None,
    dedupe: str | None = None,
) -> list[Notification]:
    """Notify each recipient once (not the actor). ``dedupe``: a key unique per recipient; a
    second call with the same key creates nothing. Returns the notifications created.

    Preferences per kind: in-app off and e-mail off: nothing is stored; in-app off, e-mail on:
    stored as already read. Each row created carries ``wants_email`` (the person's choice)."""
    if kind not in Kind.values:
        raise ValueError(f"unknown notification kind {kind!r}")
    actor_id = getattr(actor, "pk", None)
    ids: set[int] = set()
    for recipient in recipients:
        pk = recipient if isinstance(recipient, int) else recipient.pk
        if pk is not None and pk != actor_id:
            ids.add(pk)
    if not ids:
        return []
    prefs = preferences_of(user_ids=ids, kind=kind)
    params = dict(params or {})
    if actor is not None and "actor" not in params:
        params["actor"] = actor.get_full_name() or actor.get_username()
    created = []
    now = timezone.now()
    with transaction.atomic():
        for user_id in sorted(ids):
            in_app, email = prefs[user_id]
            if not (in_app or email):
                continue
            row = Notification(
                recipient_id=user_id,
                workspace_id=workspace_id,
                kind=kind,
                actor_id=actor_id,
                params=params,
                url=url[:500],
                object_type=object_type,
                object_id=object_id,
                dedupe_key=dedupe,
                read_at=None if in_app else now,
            )
            try:
                with transaction.atomic():
                    row.save()
            except IntegrityError:
                if dedupe is None:
                    raise
                continue  # made by an earlier run
            row.wants_email = email
            created.append(row)
        forget_count(row.recipient_id for row in created)
    return created
