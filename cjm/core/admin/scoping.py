"""Which workspace a row belongs to, and who administers which workspaces (see __init__)."""

from collections.abc import Iterable

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cjm.core.roles import Role
from cjm.core.tenancy import Membership, Workspace

# The path from each model to its workspace; several paths are alternatives (a comment is on a
# touchpoint or on a stage). "pk" is the workspace itself.
WORKSPACE_PATHS: dict[str, tuple[str, ...]] = {
    "cjm.workspace": ("pk",),
    "cjm.membership": ("workspace",),
    "cjm.team": ("workspace",),
    "cjm.invitation": ("workspace",),
    "cjm.journey": ("workspace",),
    "cjm.stage": ("journey__workspace",),
    "cjm.lane": ("journey__workspace",),
    "cjm.lanecell": ("lane__journey__workspace",),
    "personas.segment": ("workspace",),
    "personas.persona": ("workspace",),
    "touchpoints.channel": ("workspace",),
    "touchpoints.touchpoint": ("stage__journey__workspace",),
    "touchpoints.ratingchange": ("touchpoint__stage__journey__workspace",),
    "touchpoints.improvementaction": ("touchpoint__stage__journey__workspace",),
    "touchpoints.comment": ("touchpoint__stage__journey__workspace", "stage__journey__workspace"),
    "cjm_snapshots.snapshot": ("journey__workspace",),
}

ADMIN_WORKSPACES_ATTR = "_cjm_admin_workspace_ids"
FORM_WORKSPACES_ATTR = "_cjm_form_workspace_ids"
CASCADE_ATTR = "_cjm_collecting_cascade"


def admin_workspace_ids(request) -> frozenset[int] | None:
    """The workspaces the user administers; ``None`` means all (a superuser). Cached per request."""
    user = request.user
    if user.is_superuser:
        return None
    if not hasattr(request, ADMIN_WORKSPACES_ATTR):
        ids = Membership.objects.filter(user_id=user.pk, role=Role.ADMIN).values_list(
            "workspace_id", flat=True
        )
        setattr(
            request, ADMIN_WORKSPACES_ATTR, frozenset(ids) if user.is_authenticated else frozenset()
        )
    return getattr(request, ADMIN_WORKSPACES_ATTR)


def forget_admin_workspaces(request) -> None:
    """Drop the per-request cache (after the user created a workspace)."""
    if hasattr(request, ADMIN_WORKSPACES_ATTR):
        delattr(request, ADMIN_WORKSPACES_ATTR)


def scope(queryset: QuerySet, workspace_ids: Iterable[int] | None) -> QuerySet:
    """Rows of ``queryset`` that belong to ``workspace_ids`` (``None``: no limit).

    Users belong to the workspaces they are members of; a model without a known path yields
    nothing, so a forgotten model fails closed.
    """
    if workspace_ids is None:
        return queryset
    ids = list(workspace_ids)
    model = queryset.model
    if model is get_user_model():
        members = Membership.objects.filter(workspace_id__in=ids).values("user_id")
        return queryset.filter(pk__in=members)
    paths = WORKSPACE_PATHS.get(model._meta.label_lower)
    if not paths:
        return queryset.none()
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{path}__in": ids})
    return queryset.filter(condition)


def workspace_ids_of(obj: Model) -> set[int]:
    """The workspace(s) of ``obj``, following its path through cached foreign keys."""
    result = set()
    for path in WORKSPACE_PATHS.get(obj._meta.label_lower, ()):
        *hops, last = path.split("__")
        target = obj
        for hop in hops:
            if getattr(target, target._meta.get_field(hop).attname) is None:
                target = None
                break
            target = getattr(target, hop)
        if target is None:
            continue
        value = target.pk if last == "pk" else getattr(target, f"{last}_id")
        if value is not None:
            result.add(value)
    return result


class ScopedModelForm(forms.ModelForm):
    """Checks that the rows chosen in ``same_workspace_fields`` belong to the object's workspace
    (set by the admin: foreign keys the model's ``clean`` does not check, many-to-many fields)."""

    same_workspace_fields: tuple[str, ...] = ()

    def workspace_id(self) -> int | None:
        model = self._meta.model
        for path in WORKSPACE_PATHS.get(model._meta.label_lower, ()):
            if path == "pk":
                return self.instance.pk
            hop, _sep, rest = path.partition("__")
            if hop in self.fields:
                value = self.cleaned_data.get(hop)
            elif getattr(self.instance, model._meta.get_field(hop).attname) is not None:
                value = getattr(self.instance, hop)
            else:
                value = None
            if value is None or value.pk is None:
                continue
            return value.pk if not rest else next(iter(workspace_ids_of(value)), None)
        return None

    def clean(self):
        cleaned = super().clean()
        names = [name for name in self.same_workspace_fields if cleaned.get(name)]
        workspace_id = self.workspace_id() if names else None
        if workspace_id is None:
            return cleaned
        for name in names:
            value = cleaned[name]
            pks = {value.pk} if isinstance(value, Model) else {row.pk for row in value}
            related = self._meta.model._meta.get_field(name).related_model
            found = scope(related._default_manager.filter(pk__in=pks), [workspace_id]).count()
            if found != len(pks):
                if related is get_user_model():
                    message = _("Every user must be a member of this workspace.")
                else:
                    message = _("Every choice must belong to this workspace.")
                self.add_error(name, message)
        return cleaned


class WorkspaceListFilter(admin.SimpleListFilter):
    """Filter by workspace, offering only the workspaces the user administers."""

    title = _("workspace")
    parameter_name = "workspace"

    def lookups(self, request, model_admin):
        workspaces = scope(Workspace.objects.only("name"), admin_workspace_ids(request))
        return [(str(workspace.pk), workspace.name) for workspace in workspaces]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit():
            return queryset.none()
        return scope(queryset, [int(value)])
