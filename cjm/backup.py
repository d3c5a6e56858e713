"""A workspace as one JSON file, and back (``manage.py export_workspace`` / ``import_workspace``).

The file (format ``cjm.workspace`` v1) holds:

- ``journeys``: every map in the exchange format (``cjm.exchange``, ``cjm.journey`` v1), the
  document other tools and ``POST workspaces/{id}/journey-imports/`` read;
- ``users``: the people the workspace's rows name (members, owners, assignees, authors), by
  e-mail (by user name when they have none), with their names; no password;
- ``records``: every row of the workspace, model by model, with its own id and every field
  (workspace, members, teams, segments, personas, channels, journeys, stages, lanes, cells,
  touchpoints, actions, comments, rating history, surveys, invitations, answers, reviews,
  customers, events, mapping rules, funnel definitions and reports, share links, templates,
  webhooks, notifications, and whatever a later model scoped to a workspace adds: the set is
  found by walking foreign keys from ``Workspace``, not listed by hand).

A restore (``import_workspace``) writes the rows with their ids, so every id stored inside JSON
fields (funnel reports, notifications, change records) stays right; it therefore goes into a
database that does not hold those rows yet: an empty database (after ``migrate``), or one the
workspace was never in. People are matched by e-mail or user name, or created without a usable
password (they set one with "Forgot password"). Timestamps are kept as they were. Left out, as
derived or short-lived: ``FunnelProgress`` (rebuilt by the next funnel run), ``JourneyRevision``
(cache stamps; clear the cache after a restore) and ``MapRender`` (PDF/PNG files kept a day).
Uploaded files are not in the file (imports delete theirs when they end).

A restore is a copy of stored rows, like ``loaddata``: it writes models directly, records no
change and sends no signal (nothing is notified, no webhook fires).
"""

import contextlib
import datetime
from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone

from cjm.exchange.export import journey_document

FORMAT, VERSION = "cjm.workspace", 1
EXCLUDED = {"cjm.FunnelProgress", "cjm.JourneyRevision", "cjm_renders.MapRender"}
BATCH = 2000


class RestoreError(Exception):
    pass


def _user_key(user) -> str:
    return user.email.lower() if user.email else user.username


def _is_user(model) -> bool:
    return model is get_user_model()


def workspace_models() -> list[type[models.Model]]:
    """The models whose rows belong to a workspace, parents before children."""
    Workspace = apps.get_model("cjm", "Workspace")
    included: list[type[models.Model]] = [Workspace]
    changed = True
    while changed:
        changed = False
        for model in apps.get_models():
            if model in included or model._meta.label in EXCLUDED or model._meta.proxy:
                continue
            targets = [
                f.related_model
                for f in model._meta.concrete_fields
                if f.is_relation and f.related_model is not model
            ]
            if any(target in included for target in targets):
                included.append(model)
                changed = True
    return _parents_first(included)


def _parents_first(included: list) -> list:
    ordered: list = []
    pending = list(included)
    while pending:
        for model in pending:
            needs = {
                f.related_model
                for f in model._meta.concrete_fields
                if f.is_relation and f.related_model is not model and f.related_model in included
            }
            if needs <= set(ordered):
                ordered.append(model)
                pending.remove(model)
                break
        else:
            raise RestoreError(f"foreign keys form a cycle among {pending}")
    return ordered


def _scoped_querysets(workspace) -> dict:
    """Each workspace model's rows of ``workspace``: rows that point at any row of it."""
    querysets: dict = {}
    for model in workspace_models():
        if model._meta.label == "cjm.Workspace":
            querysets[model] = model._default_manager.filter(pk=workspace.pk)
            continue
        condition = Q(pk__in=[])
        for field in model._meta.concrete_fields:
            target = field.related_model if field.is_relation else None
            if target in querysets and target is not model:
                condition |= Q(**{f"{field.name}__in": querysets[target].values("pk")})
        querysets[model] = model._default_manager.filter(condition)
    return querysets


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, list | dict | str | int | float | bool) or value is None:
        return value
    return DjangoJSONEncoder().default(value)


def _row(obj, user_ids: set) -> dict:
    """One row: every field by name, foreign keys as ids (people as user ids until
    ``workspace_document`` turns them into keys), many-to-many links as sorted id lists."""
    fields: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key:
            continue
        if field.is_relation:
            raw = getattr(obj, field.attname)
            if raw is not None and _is_user(field.related_model):
                user_ids.add(raw)
            fields[field.name] = raw
        else:
            fields[field.name] = _plain(field.value_from_object(obj))
    for field in obj._meta.many_to_many:
        if not field.remote_field.through._meta.auto_created:
            continue
        ids = sorted(related.pk for related in getattr(obj, field.name).all())
        if _is_user(field.related_model):
            user_ids.update(ids)
        fields[field.name] = ids
    return {"id": obj.pk, "fields": fields}


def workspace_document(workspace) -> dict:
    """The whole workspace as the ``cjm.workspace`` document (see the module's text)."""
    User = get_user_model()
    user_ids: set = set()
    records: dict[str, list] = {}
    scoped = _scoped_querysets(workspace)
    for model, queryset in scoped.items():
        m2m = [
            f.name for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created
        ]
        rows = queryset.order_by("pk").prefetch_related(*m2m)
        records[model._meta.label] = [_row(obj, user_ids) for obj in rows]
    keys = {user.pk: _user_key(user) for user in User.objects.filter(pk__in=list(user_ids))}
    user_fields = {
        (model, f.name)
        for model in scoped
        for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if f.is_relation and _is_user(f.related_model)
    }
    for model, name in user_fields:
        for row in records[model._meta.label]:
            value = row["fields"].get(name)
            if isinstance(value, list):
                row["fields"][name] = sorted(keys[pk] for pk in value)
            elif value is not None:
                row["fields"][name] = keys[value]
    users = [
        {
            "key": _user_key(user),
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "is_active": user.is_active,
        }
        for user in User.objects.filter(pk__in=list(user_ids)).order_by("username")
    ]
    Journey = apps.get_model("cjm", "Journey")
    journeys = [
        journey_document(journey)
        for journey in Journey.objects.filter(workspace=workspace).order_by("pk")
    ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "workspace": {"id": workspace.pk, "name": workspace.name, "slug": workspace.slug},
        "users": users,
        "journeys": journeys,
        "records": records,
    }


@contextlib.contextmanager
def _timestamps_kept(model_list) -> Iterator[None]:
    """Write ``auto_now`` / ``auto_now_add`` fields as given (a restore keeps its times)."""
    saved = []
    for model in model_list:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                saved.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def _people(items: list[dict]) -> dict[str, int]:
    """The target's user id of each exported person: matched by e-mail, then user name, or
    created (no usable password: they choose one through "Forgot password")."""
    User = get_user_model()
    found: dict[str, int] = {}
    for item in items:
        user = None
        if item.get("email"):
            user = User.objects.filter(email__iexact=item["email"]).order_by("pk").first()
        if user is None:
            user = User.objects.filter(username=item["username"]).first()
        if user is None:
            user = User(
                username=item["username"],
                email=item.get("email", ""),
                first_name=item.get("first_name", ""),
                last_name=item.get("last_name", ""),
                is_active=item.get("is_active", True),
            )
            user.set_unusable_password()
            user.save()
        found[item["key"]] = user.pk
    return found


def _instance(model, row: dict, people: dict[str, int]):
    values: dict[str, Any] = {"pk": row["id"]}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name not in row["fields"]:
            continue
        value = row["fields"][field.name]
        if field.is_relation:
            if value is not None and _is_user(field.related_model):
                value = people[value]
            values[field.attname] = value
        elif value is None:
            values[field.attname] = None
        else:
            values[field.attname] = field.to_python(value)
    return model(**values)


@transaction.atomic
def workspace_restore(document: dict) -> Any:
    """Write every row of a ``cjm.workspace`` document with its own id; returns the workspace.
    Raises ``RestoreError`` (nothing written) when the document is not one, or its rows are
    already in this database."""
    if document.get("format") != FORMAT or document.get("version") != VERSION:
        raise RestoreError(f"not a {FORMAT} v{VERSION} document")
    ordered = workspace_models()
    by_label = {model._meta.label: model for model in ordered}
    unknown = set(document["records"]) - set(by_label)
    if unknown:
        raise RestoreError(f"unknown models in the file: {sorted(unknown)}")
    for label, rows in document["records"].items():
        ids = [row["id"] for row in rows]
        if ids and by_label[label]._default_manager.filter(pk__in=ids).exists():
            raise RestoreError(
                f"{label} rows of this workspace are already in the database: restore into an "
                "empty database (after migrate) or one the workspace was never in"
            )
    people = _people(document.get("users", []))
    with _timestamps_kept(ordered):
        for model in ordered:
            rows = document["records"].get(model._meta.label, [])
            self_links = [
                f for f in model._meta.concrete_fields if f.is_relation and f.related_model is model
            ]
            objects = []
            for row in rows:
                obj = _instance(model, row, people)
                for field in self_links:  # set once every row of the model exists
                    setattr(obj, field.attname, None)
                objects.append(obj)
            model._default_manager.bulk_create(objects, batch_size=BATCH)
            for field in self_links:
                for row in rows:
                    if row["fields"].get(field.name) is not None:
                        model._default_manager.filter(pk=row["id"]).update(
                            **{field.attname: row["fields"][field.name]}
                        )
    for model in ordered:  # links last: both ends exist by now
        _many_to_many(model, document["records"].get(model._meta.label, []), people)
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), ordered):
            cursor.execute(statement)
    Workspace = apps.get_model("cjm", "Workspace")
    return Workspace.objects.get(pk=document["records"]["cjm.Workspace"][0]["id"])


def _many_to_many(model, rows: list[dict], people: dict[str, int]) -> None:
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        if not through._meta.auto_created:
            continue
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        links = []
        for row in rows:
            for value in row["fields"].get(field.name, []):
                target_id = people[value] if _is_user(field.related_model) else value
                links.append(through(**{f"{source}_id": row["id"], f"{target}_id": target_id}))
        through.objects.bulk_create(links, batch_size=BATCH)
