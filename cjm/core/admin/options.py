"""The base model admin and inlines: scoped querysets, choices and permissions (see __init__)."""

from collections.abc import Callable

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpResponseRedirect

from .scoping import (
    CASCADE_ATTR,
    FORM_WORKSPACES_ATTR,
    ScopedModelForm,
    admin_workspace_ids,
    scope,
    workspace_ids_of,
)


class _ScopeMixin:
    """Queryset, choices and form-workspace handling shared by model admins and inlines."""

    form = ScopedModelForm
    same_workspace_fields: tuple[str, ...] = ()
    # User foreign keys that may pick any user the admin can see (adding a member), instead of
    # the members of the object's own workspace.
    any_user_fields: tuple[str, ...] = ()
    read_only = False

    def get_queryset(self, request):
        return scope(super().get_queryset(request), admin_workspace_ids(request))

    def may_administer(self, request, obj=None) -> bool:
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        if user.is_superuser:
            return True
        ids = admin_workspace_ids(request)
        if not ids:
            return False
        if obj is None or obj.pk is None:
            return True
        return bool(ids & workspace_ids_of(obj))

    def _remember_form_workspace(self, request, obj) -> None:
        ids = workspace_ids_of(obj) if obj is not None and obj.pk is not None else None
        setattr(request, FORM_WORKSPACES_ATTR, frozenset(ids) if ids else None)

    def limit_choices(self, request, db_field, queryset: QuerySet) -> QuerySet:
        """Choices of a relation: rows of the edited object's workspace, else of the user's."""
        if queryset.model is get_user_model() and db_field.name in self.any_user_fields:
            return scope(queryset, admin_workspace_ids(request))
        form_ids = getattr(request, FORM_WORKSPACES_ATTR, None)
        return scope(queryset, form_ids or admin_workspace_ids(request))

    def _choices(self, db_field, request) -> QuerySet:
        queryset = self.get_field_queryset(None, db_field, request)
        if queryset is None:
            queryset = db_field.remote_field.model._default_manager.all()
        return self.limit_choices(request, db_field, queryset)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            kwargs["queryset"] = self._choices(db_field, request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            kwargs["queryset"] = self._choices(db_field, request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class WorkspaceScopedAdmin(_ScopeMixin, admin.ModelAdmin):
    """Base of every domain model admin (see the module docstring)."""

    # Services set many-to-many fields themselves: skip the form's own save_m2m.
    service_m2m = False

    def get_form(self, request, obj=None, change=False, **kwargs):
        self._remember_form_workspace(request, obj)
        form = super().get_form(request, obj, change=change, **kwargs)
        form.same_workspace_fields = self.same_workspace_fields
        return form

    def has_module_permission(self, request):
        return self.may_administer(request)

    def has_view_permission(self, request, obj=None):
        return self.may_administer(request, obj)

    def has_add_permission(self, request):
        return not self.read_only and self.may_administer(request)

    def has_change_permission(self, request, obj=None):
        return not self.read_only and self.may_administer(request, obj)

    def has_delete_permission(self, request, obj=None):
        if getattr(request, CASCADE_ATTR, False):
            return self.may_administer(request, obj)
        return not self.read_only and self.may_administer(request, obj) and self.may_delete(obj)

    def may_delete(self, obj) -> bool:
        """Per-object rules against deleting a row on its own (cascades ignore them)."""
        return True

    def save_related(self, request, form, formsets, change):
        if not self.service_m2m:
            form.save_m2m()
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            # The transaction of the save was rolled back: nothing is half-saved.
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def get_deleted_objects(self, objs, request):
        """Rows that go with the deleted ones need only the workspace scope, not the rules
        that refuse deleting them on their own (read-only history, the last admin...)."""
        setattr(request, CASCADE_ATTR, True)
        try:
            return super().get_deleted_objects(objs, request)
        finally:
            delattr(request, CASCADE_ATTR)

    def delete_queryset(self, request, queryset):
        """Bulk delete one row at a time through ``delete_model`` (the services)."""
        for obj in queryset:
            self.delete_model(request, obj)

    def run_service(self, request, queryset, write: Callable, done: str) -> None:
        """Apply ``write(obj)`` to each selected row; report successes and refusals."""
        count, refused = 0, []
        for obj in queryset:
            try:
                write(obj)
                count += 1
            except (ValidationError, PermissionDenied) as error:
                refused.append(f"{obj}: {' '.join(getattr(error, 'messages', [str(error)]))}")
        if count:
            self.message_user(request, done % {"count": count}, messages.SUCCESS)
        for message in refused:
            self.message_user(request, message, messages.ERROR)


class _ScopedInlineMixin(_ScopeMixin):
    def get_formset(self, request, obj=None, **kwargs):
        self._remember_form_workspace(request, obj)
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.same_workspace_fields = self.same_workspace_fields
        return formset

    def has_view_permission(self, request, obj=None):
        return self.may_administer(request, obj)

    def has_add_permission(self, request, obj):
        return not self.read_only and self.may_administer(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self.read_only and self.may_administer(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self.read_only and self.may_administer(request, obj)


class ScopedTabularInline(_ScopedInlineMixin, admin.TabularInline):
    extra = 0


class ScopedStackedInline(_ScopedInlineMixin, admin.StackedInline):
    extra = 0
