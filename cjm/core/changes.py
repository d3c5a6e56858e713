"""Every write through the services is recorded as a ``Change``; listeners react to it.

A service calls ``record(...)`` inside its transaction, once per object it created, updated or
deleted, naming the maps (journeys) whose content changed. Listeners subscribe in their app's
``AppConfig.ready``:

- ``IN_TRANSACTION`` listeners run at once, inside the service's transaction: what they write
  commits or rolls back with the change itself (the map revision; an audit row).
- ``ON_COMMIT`` listeners run after the transaction commits, once per change, and never for a
  change that was rolled back (broadcasts, webhooks). Their errors are logged, not raised: the
  write has already happened.

Who made the change: ``actor`` (a user, or None for the system) and ``source``, which a request
sets through ``ChangeSourceMiddleware`` (``api``, ``admin`` or ``ui``) and which is ``system``
otherwise (management commands, Celery tasks). See docs/changes.md for the object types and what
each service records. This module imports no feature: callers name their objects and maps.
"""

import contextlib
import contextvars
import datetime
import decimal
import functools
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Model, QuerySet
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils import timezone

CREATED, UPDATED, DELETED = "created", "updated", "deleted"
VERBS = (CREATED, UPDATED, DELETED)

UI, API, ADMIN, SYSTEM = "ui", "api", "admin", "system"
SOURCES = (UI, API, ADMIN, SYSTEM)

# What a change can be about (docs/changes.md says which service records which).
OBJECT_TYPES = (
    "journey",
    "stage",
    "lane",
    "cell",
    "touchpoint",
    "action",
    "comment",
    "persona",
    "segment",
    "channel",
    "team",
    "workspace",
    "member",
    "funnel_report",
    "feedback",
    "snapshot",
)

IN_TRANSACTION, ON_COMMIT = "transaction", "commit"

_source: contextvars.ContextVar[str] = contextvars.ContextVar("cjm_change_source", default=SYSTEM)
_listeners: dict[str, list[Callable]] = {IN_TRANSACTION: [], ON_COMMIT: []}


@dataclass(frozen=True)
class Change:
    """One object created, updated or deleted by one write.

    ``journey_ids``: the maps whose content this changes (empty: none; None: every map of the
    workspace). ``fields``: ``{"name": {"old": ..., "new": ...}}`` with JSON-ready values
    (related objects as ids); for a creation the new values only, for a deletion usually none.
    """

    object_type: str
    object_id: int | None
    verb: str
    workspace_id: int | None
    journey_ids: tuple[int, ...] | None
    fields: dict
    object_repr: str
    actor: object
    source: str
    at: datetime.datetime = field(default_factory=timezone.now)

    @property
    def actor_id(self) -> int | None:
        return getattr(self.actor, "pk", None)


def record(
    *,
    actor,
    object_type: str,
    object_id: int | None,
    verb: str,
    workspace_id: int | None,
    journey_ids: Iterable[int] | QuerySet | None = (),
    fields: dict | None = None,
    object_repr: str = "",
) -> Change:
    """Record one change (call it inside the service's transaction, after the write).

    ``journey_ids`` may be a queryset of ids (``values_list("pk", flat=True)``): it is read now,
    so pass it before deleting what it follows.
    """
    if object_type not in OBJECT_TYPES:
        raise ValueError(f"unknown object type {object_type!r}")
    if verb not in VERBS:
        raise ValueError(f"unknown verb {verb!r}")
    change = Change(
        object_type=object_type,
        object_id=object_id,
        verb=verb,
        workspace_id=workspace_id,
        journey_ids=None if journey_ids is None else tuple(sorted(set(journey_ids))),
        fields={name: json_ready(value) for name, value in (fields or {}).items()},
        object_repr=str(object_repr)[:200],
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        source=_source.get(),
    )
    for listener in list(_listeners[IN_TRANSACTION]):
        listener(change)
    for listener in list(_listeners[ON_COMMIT]):
        transaction.on_commit(functools.partial(listener, change), robust=True)
    return change


# Model name -> object type, for ``record_object`` (the models live in the feature apps).
_OBJECT_TYPE_OF_MODEL = {
    "lanecell": "cell",
    "improvementaction": "action",
    "membership": "member",
    "funnelreport": "funnel_report",
}


def record_object(
    actor,
    instance: Model,
    verb: str,
    *,
    workspace_id: int | None,
    journey_ids: Iterable[int] | QuerySet | None = (),
    fields: dict | None = None,
    object_id: int | None = None,
    object_repr: str | None = None,
) -> Change:
    """``record`` for a model instance: its type, id and text come from it (give ``object_id``
    when recording a deletion of this very instance: Django clears its pk)."""
    name = instance._meta.model_name
    return record(
        actor=actor,
        object_type=_OBJECT_TYPE_OF_MODEL.get(name, name),
        object_id=instance.pk if object_id is None else object_id,
        verb=verb,
        workspace_id=workspace_id,
        journey_ids=journey_ids,
        fields=fields,
        object_repr=str(instance) if object_repr is None else object_repr,
    )


def record_on_map(actor, instance: Model, verb: str, *, journey, **kwargs) -> Change:
    """``record_object`` for something drawn on one map: ``journey`` (with its workspace id)."""
    return record_object(
        actor, instance, verb, workspace_id=journey.workspace_id, journey_ids=[journey.pk], **kwargs
    )


def new_values(instance: Model, names: Iterable[str]) -> dict:
    """``fields`` of a creation: the new values of ``names``."""
    return {name: {"old": None, "new": field_value(instance, name)} for name in sorted(names)}


def field_value(instance: Model, name: str):
    """The JSON-ready value of one field: a related object as its id, many-to-many as ids."""
    model_field = instance._meta.get_field(name)
    if model_field.many_to_many:
        if instance.pk is None:
            return []
        return sorted(getattr(instance, name).values_list("pk", flat=True))
    return json_ready(getattr(instance, model_field.attname))


def json_ready(value):
    """Values as JSON keeps them: dates ISO 8601, decimals and UUIDs as text, models as ids."""
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [json_ready(item) for item in value]
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


# --- listeners --------------------------------------------------------------------------------


def subscribe(listener: Callable[[Change], None], *, phase: str = IN_TRANSACTION) -> None:
    """Call ``listener(change)`` for every recorded change, in the transaction or after commit.
    Subscribing the same listener twice has no effect (``AppConfig.ready`` may run again)."""
    if phase not in _listeners:
        raise ValueError(f"unknown phase {phase!r}")
    if listener not in _listeners[phase]:
        _listeners[phase].append(listener)


def unsubscribe(listener: Callable[[Change], None]) -> None:
    for listeners in _listeners.values():
        if listener in listeners:
            listeners.remove(listener)


@contextlib.contextmanager
def capture() -> Iterator[list[Change]]:
    """Collect the changes recorded inside the block (tests, diagnostics)."""
    seen: list[Change] = []
    subscribe(seen.append)
    try:
        yield seen
    finally:
        unsubscribe(seen.append)


# --- once per transaction ---------------------------------------------------------------------


class _Seen:
    """A no-op on-commit callback that marks ``key`` as done in this transaction. Django drops
    it with the transaction (commit or rollback) or with a savepoint rolled back around it."""

    def __init__(self, key, token):
        self.key, self.token = key, token

    def __call__(self) -> None:
        pass


_OUTERMOST = "outermost"


def _transaction_token(connection):
    """The identity of the current transaction, or None outside one.

    The transaction is the outermost atomic block not opened by Django's test case (tests run
    inside atomic blocks of their own; there each service call is a transaction of its own).
    """
    for index, block in enumerate(connection.atomic_blocks):
        if not getattr(block, "_from_testcase", False):
            if index == 0:
                return _OUTERMOST
            return connection.savepoint_ids[index - 1]
    return None


def first_in_transaction(key) -> bool:
    """True the first time ``key`` is seen in the current transaction (always outside one).

    For work that must happen once per transaction whatever the number of changes, such as
    bumping a map's revision. A savepoint rolled back forgets the keys marked inside it.
    """
    connection = transaction.get_connection()
    token = _transaction_token(connection)
    if token is None:
        return True
    for _sids, callback, _robust in connection.run_on_commit:
        if (
            isinstance(callback, _Seen)
            and callback.key == key
            and callback.token == token
            and (token == _OUTERMOST or token in connection.savepoint_ids)
        ):
            return False
    connection.on_commit(_Seen(key, token))
    return True


# --- where a change comes from ----------------------------------------------------------------


def current_source() -> str:
    return _source.get()


@contextlib.contextmanager
def source(value: str) -> Iterator[None]:
    """Record the changes made inside the block as coming from ``value``."""
    if value not in SOURCES:
        raise ValueError(f"unknown source {value!r}")
    token = _source.set(value)
    try:
        yield
    finally:
        _source.reset(token)


class ChangeSourceMiddleware:
    """Tells ``record`` where a request's writes come from: ``api`` under /api/, ``admin`` under
    the admin site, ``ui`` for every other page."""

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    @functools.lru_cache(maxsize=8)
    def _admin_path(script_prefix: str) -> str:
        """The admin site's path without the script prefix ("/admin/"); "" without an admin."""
        try:
            return reverse("admin:index")[len(script_prefix) - 1 :]
        except NoReverseMatch:
            return ""

    def source_of(self, path_info: str) -> str:
        if path_info.startswith("/api/"):
            return API
        admin_path = self._admin_path(get_script_prefix())
        if admin_path and path_info.startswith(admin_path):
            return ADMIN
        return UI

    def __call__(self, request):
        with source(self.source_of(request.path_info)):
            return self.get_response(request)
