"""Writes of versioned rows: one lock, one version check, one bump (optimistic concurrency)."""

from django.core.exceptions import ValidationError
from django.db.models import Model

from cjm.core.changes import field_value
from cjm.core.exceptions import StaleVersionError


def lock_fresh(instance: Model, expected_version: int | None) -> Model:
    """Lock the row and return its current state; raise StaleVersionError on a version mismatch."""
    fresh = type(instance).objects.select_for_update().get(pk=instance.pk)
    if expected_version is not None and fresh.version != expected_version:
        raise StaleVersionError(fresh)
    return fresh


def apply_changes(
    instance: Model,
    *,
    changes: dict,
    allowed: set[str],
    actor,
    expected_version: int | None = None,
    exclude_clean: list[str] | None = None,
) -> Model:
    """Validate and save ``changes`` on a locked, fresh copy of ``instance``; bump its version.

    Must run inside ``transaction.atomic``. Many-to-many values are set after the save.
    Returns the saved fresh instance (the caller's object is not mutated); its ``changed_fields``
    holds ``{"name": {"old": ..., "new": ...}}`` for the fields whose value really changed (for
    ``cjm.core.changes.record``).
    """
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"cannot change {sorted(unknown)} of {type(instance).__name__}")
    fresh = lock_fresh(instance, expected_version)
    before = {name: field_value(fresh, name) for name in changes}
    m2m = {}
    for field, value in changes.items():
        if fresh._meta.get_field(field).many_to_many:
            m2m[field] = value
        else:
            setattr(fresh, field, value)
    fresh.full_clean(exclude=exclude_clean)
    fresh.version += 1
    if hasattr(fresh, "updated_by_id") and actor is not None:
        fresh.updated_by = actor
    fresh.save()
    for field, value in m2m.items():
        getattr(fresh, field).set(value)
    fresh.changed_fields = field_changes(fresh, before)
    return fresh


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
