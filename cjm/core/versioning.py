"""Writes of versioned rows: one lock, one version check, one bump (optimistic concurrency)."""

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, Model, Q, UniqueConstraint

from cjm.core.changes import field_value
from cjm.core.exceptions import StaleVersionError
from cjm.core.typing import Actor

# A versioned model (VersionedModel's ``version`` and ``updated_by``): what goes in comes out.
Versioned = TypeVar("Versioned", bound=Model)


def lock_fresh(instance: Versioned, expected_version: int | None) -> Versioned:
    """Lock the row and return its current state; raise StaleVersionError on a version mismatch."""
    fresh: Any = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    if expected_version is not None and fresh.version != expected_version:
        raise StaleVersionError(fresh)
    return fresh


def apply_changes(
    instance: Versioned,
    *,
    changes: dict,
    allowed: set[str],
    actor: Actor,
    expected_version: int | None = None,
    exclude_clean: list[str] | None = None,
) -> Versioned:
    """Validate and save ``changes`` on a locked, fresh copy of ``instance``; bump its version.

    Must run inside ``transaction.atomic``. Many-to-many values are set after the save.
    Returns the saved fresh instance (the caller's object is not mutated); its ``changed_fields``
    holds ``{"name": {"old": ..., "new": ...}}`` for the fields whose value really changed (for
    ``cjm.core.changes.record``).
    """
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"cannot change {sorted(unknown)} of {type(instance).__name__}")
    fresh: Any = lock_fresh(instance, expected_version)
    before = {name: field_value(fresh, name) for name in changes}
    m2m = {}
    for field, value in changes.items():
        if fresh._meta.get_field(field).many_to_many:
            m2m[field] = value
        else:
            setattr(fresh, field, value)
    fresh.full_clean(exclude=unchecked_fields(type(fresh), set(changes)) | set(exclude_clean or ()))
    fresh.version += 1
    if hasattr(fresh, "updated_by_id") and actor is not None:
        fresh.updated_by = actor
    fresh.save()
    for field, value in m2m.items():
        getattr(fresh, field).set(value)
    fresh.changed_fields = field_changes(fresh, before)
    return fresh


def unchecked_fields(model: type[Model], changed: set[str]) -> set[str]:
    """The fields an update of ``changed`` need not validate again: those it leaves alone that share
    no unique or check constraint with a changed field. Their values were valid when stored, and
    skipping them spares a query per foreign key and per constraint on every edit."""
    meta = model._meta
    groups = [set(fields) for fields in meta.unique_together]
    for constraint in meta.constraints:
        if isinstance(constraint, UniqueConstraint) and constraint.fields:
            groups.append(set(constraint.fields))
        elif isinstance(constraint, CheckConstraint):
            groups.append(set(Q(constraint.condition).referenced_base_fields))
    checked = set(changed)
    for group in groups:
        if group & changed:
            checked |= group
    concrete = {field.name for field in meta.concrete_fields}
    attnames = {field.attname: field.name for field in meta.concrete_fields}
    checked |= {attnames[name] for name in checked if name in attnames}
    return concrete - checked


def field_changes(instance: Model, before: dict) -> dict:
    """``{"name": {"old", "new"}}`` for the fields of ``before`` whose value is not the same now."""
    diff = {}
    for name, old in before.items():
        new = field_value(instance, name)
        if new != old:
            diff[name] = {"old": old, "new": new}
    return diff


def raise_field_error(field: str, message: str) -> None:
    raise ValidationError({field: [message]})
