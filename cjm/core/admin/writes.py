"""Helpers for admin writes through the services (see __init__)."""

from collections.abc import Callable, Iterable

from django.db.models import Model
from django.utils.translation import gettext

from cjm.core.permissions import has_role
from cjm.core.roles import Role

from .scoping import workspace_ids_of


def admin_actor(request, workspace_id: int, minimum: str = Role.EDITOR):
    """The actor to pass to a service: the user when their role allows the write, ``None`` (the
    system) for a superuser who is not a member (the admin already checked the permission)."""
    user = request.user
    if user.is_superuser and not has_role(user, workspace_id, minimum):
        return None
    return user


def actor_for(request, obj: Model, minimum: str = Role.EDITOR):
    """``admin_actor`` for a write on ``obj`` (or on a row under ``obj``)."""
    workspace_id = next(iter(workspace_ids_of(obj)), None)
    if workspace_id is None:
        return None if request.user.is_superuser else request.user
    return admin_actor(request, workspace_id, minimum)


def admin_note(request) -> str:
    return gettext("Changed in the admin by %(user)s") % {"user": request.user.get_username()}


def adopt(target: Model, saved: Model) -> Model:
    """Copy a row saved by a service onto the admin's form instance (pk, position, version...)."""
    for field in saved._meta.concrete_fields:
        setattr(target, field.attname, getattr(saved, field.attname))
    target._state.adding = False
    target._state.db = saved._state.db
    return target


def changes_of(form, allowed: Iterable[str]) -> dict:
    """The changed fields of ``form`` that a service accepts, with their cleaned values."""
    allowed = set(allowed)
    return {name: form.cleaned_data[name] for name in form.changed_data if name in allowed}


def fields_of(form, allowed: Iterable[str]) -> dict:
    """All cleaned fields of ``form`` that a service accepts (for creating)."""
    return {name: form.cleaned_data[name] for name in allowed if name in form.cleaned_data}


def save_formset_with(
    formset,
    *,
    create: Callable | None = None,
    update: Callable | None = None,
    delete: Callable | None = None,
    order: Callable | None = None,
) -> None:
    """Write an inline formset through services.

    ``create(form)`` and ``update(form)`` return the saved row, ``delete(instance)`` deletes it.
    Updates and creations run first (sorted by ``order(form)`` when given), deletions last. The
    formset's ``new_objects`` / ``changed_objects`` / ``deleted_objects`` are filled in as
    ``BaseModelFormSet.save`` does, so the admin's change message stays right.
    """
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
    deleted = formset.deleted_forms if formset.can_delete else []
    writes = [
        form
        for form in formset.forms
        if form.has_changed()
        and form not in deleted
        and (create if form.instance.pk is None else update) is not None
    ]
    for form in sorted(writes, key=order) if order else writes:
        instance = form.instance
        if instance.pk is None:
            adopt(instance, create(form))
            formset.new_objects.append(instance)
        else:
            adopt(instance, update(form))
            formset.changed_objects.append((instance, form.changed_data))
    for form in deleted:
        if form.instance.pk is not None and delete is not None:
            delete(form.instance)
            formset.deleted_objects.append(form.instance)
