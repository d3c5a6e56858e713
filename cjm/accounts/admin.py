"""Admin of workspaces, memberships and teams (writes through cjm.accounts.services)."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from cjm.accounts import services
from cjm.accounts.models import Invitation
from cjm.core.admin import (
    ScopedModelForm,
    ScopedTabularInline,
    WorkspaceListFilter,
    WorkspaceScopedAdmin,
    actor_for,
    adopt,
    changes_of,
    forget_admin_workspaces,
    save_formset_with,
)
from cjm.core.roles import Role
from cjm.core.tenancy import Membership, Team, Workspace

LAST_ADMIN = _("A workspace keeps at least one admin.")


class MembershipForm(ScopedModelForm):
    """The member of an existing row is fixed: remove the row and add another instead."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "user" in self.fields:
            self.fields["user"].disabled = True


class MembershipAdminForm(MembershipForm):
    """On its own page a membership may not demote the workspace's last admin (in the
    workspace page, ``MembershipFormSet`` checks all rows together)."""

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        demoted = cleaned.get("role") not in (None, Role.ADMIN)
        if instance.pk and instance.role == Role.ADMIN and demoted:
            others = Membership.objects.filter(workspace_id=instance.workspace_id, role=Role.ADMIN)
            if not others.exclude(pk=instance.pk).exists():
                self.add_error("role", LAST_ADMIN)
        return cleaned


class MembershipFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if self.instance.pk is None or any(self.errors):
            return  # a new workspace's creator becomes its admin
        admins = sum(
            1
            for form in self.forms
            if form not in self.deleted_forms
            and (form.instance.pk or form.has_changed())
            and form.cleaned_data.get("role") == Role.ADMIN
        )
        if not admins:
            raise ValidationError(LAST_ADMIN)


class MembershipInline(ScopedTabularInline):
    model = Membership
    form = MembershipForm
    formset = MembershipFormSet
    fields = ("user", "role", "created_at")
    readonly_fields = ("created_at",)
    any_user_fields = ("user",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


class TeamInline(ScopedTabularInline):
    model = Team
    fields = ("name", "description")
    show_change_link = True


@admin.register(Workspace)
class WorkspaceAdmin(WorkspaceScopedAdmin):
    ordering = ("name", "id")
    list_display = ("name", "slug", "member_count", "journey_count", "created_at")
    search_fields = ("name", "slug")
    fields = ("name", "slug", "created_at", "updated_at")
    readonly_fields = ("created_at", "updated_at")
    inlines = (MembershipInline, TeamInline)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                member_count=Count("memberships", distinct=True),
                journey_count=Count("journeys", distinct=True),
            )
        )

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, obj):
        return obj.member_count

    @admin.display(description=_("journeys"), ordering="journey_count")
    def journey_count(self, obj):
        return obj.journey_count

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "slug") if obj else self.readonly_fields

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else {"slug": ("name",)}

    def has_delete_permission(self, request, obj=None):
        """Deleting a whole brand is for superusers only."""
        return request.user.is_superuser and request.user.is_active and request.user.is_staff

    def save_model(self, request, obj, form, change):
        if not change:
            saved = services.workspace_create(name=obj.name, slug=obj.slug, creator=request.user)
            forget_admin_workspaces(request)
        elif "name" in form.changed_data:
            actor = actor_for(request, obj, Role.ADMIN)
            saved = services.workspace_update(actor=actor, workspace=obj, name=obj.name)
        else:
            return
        adopt(obj, saved)

    def save_formset(self, request, form, formset, change):
        workspace = form.instance
        actor = actor_for(request, workspace, Role.ADMIN)
        if formset.model is Membership:
            save_formset_with(
                formset,
                create=lambda f: services.membership_set(
                    actor=actor,
                    workspace=workspace,
                    user=f.cleaned_data["user"],
                    role=f.cleaned_data["role"],
                ),
                update=lambda f: services.membership_set(
                    actor=actor, workspace=workspace, user=f.instance.user, role=f.instance.role
                ),
                delete=lambda m: services.membership_remove(
                    actor=actor, workspace=workspace, user=m.user
                ),
                # Promote before demoting, so the workspace never lacks an admin midway.
                order=lambda f: f.cleaned_data.get("role") != Role.ADMIN,
            )
        elif formset.model is Team:
            save_formset_with(
                formset,
                create=lambda f: services.team_create(
                    actor=actor,
                    workspace=workspace,
                    name=f.cleaned_data["name"],
                    description=f.cleaned_data.get("description", ""),
                ),
                update=lambda f: services.team_update(
                    actor=actor, team=f.instance, **changes_of(f, services.TEAM_FIELDS)
                ),
                delete=lambda team: services.team_delete(actor=actor, team=team),
            )
        else:  # pragma: no cover - every inline is handled above
            super().save_formset(request, form, formset, change)


@admin.register(Membership)
class MembershipAdmin(WorkspaceScopedAdmin):
    form = MembershipAdminForm
    list_display = ("user", "user_email", "workspace", "role", "created_at")
    list_select_related = ("user", "workspace")
    list_filter = (WorkspaceListFilter, "role")
    search_fields = (
        "user__username",
        "user__email",
        "user__first_name",
        "user__last_name",
        "workspace__name",
    )
    autocomplete_fields = ("workspace",)
    fields = ("workspace", "user", "role", "created_at", "updated_at")
    readonly_fields = ("created_at", "updated_at")
    any_user_fields = ("user",)

    @admin.display(description=_("email"), ordering="user__email")
    def user_email(self, obj):
        return obj.user.email

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "workspace", "user") if obj else self.readonly_fields

    def get_actions(self, request):
        # Members leave one at a time, through the confirmation page (last-admin rule).
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def may_delete(self, obj):
        if obj is not None and obj.role == Role.ADMIN:
            admins = Membership.objects.filter(workspace_id=obj.workspace_id, role=Role.ADMIN)
            return admins.exclude(pk=obj.pk).exists()
        return True

    def save_model(self, request, obj, form, change):
        saved = services.membership_set(
            actor=actor_for(request, obj, Role.ADMIN),
            workspace=obj.workspace,
            user=obj.user,
            role=obj.role,
        )
        adopt(obj, saved)

    def delete_model(self, request, obj):
        services.membership_remove(
            actor=actor_for(request, obj, Role.ADMIN), workspace=obj.workspace, user=obj.user
        )


@admin.register(Team)
class TeamAdmin(WorkspaceScopedAdmin):
    ordering = ("name", "id")
    list_display = ("name", "workspace", "member_count", "created_at")
    list_select_related = ("workspace",)
    list_filter = (WorkspaceListFilter,)
    search_fields = ("name", "description", "workspace__name")
    autocomplete_fields = ("workspace",)
    filter_horizontal = ("members",)
    fields = ("workspace", "name", "description", "lead", "members", "created_at", "updated_at")
    readonly_fields = ("created_at", "updated_at")
    same_workspace_fields = ("members", "lead")
    service_m2m = True

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, obj):
        return obj.member_count

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "workspace") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        actor = actor_for(request, obj, Role.ADMIN)
        members = form.cleaned_data.get("members")
        if not change:
            saved = services.team_create(
                actor=actor,
                workspace=obj.workspace,
                name=obj.name,
                description=obj.description,
                members=members or (),
                lead=obj.lead,
            )
        else:
            saved = services.team_update(
                actor=actor,
                team=obj,
                members=members if "members" in form.changed_data else None,
                **changes_of(form, services.TEAM_FIELDS),
            )
        adopt(obj, saved)

    def delete_model(self, request, obj):
        services.team_delete(actor=actor_for(request, obj, Role.ADMIN), team=obj)


@admin.register(Invitation)
class InvitationAdmin(WorkspaceScopedAdmin):
    """Invitations are made on the people page or through the API; here they are listed and
    revoked (through ``invitation_revoke``)."""

    ordering = ("-created_at", "-id")
    list_display = ("email", "workspace", "role", "status", "expires_at", "invited_by")
    list_select_related = ("workspace", "invited_by")
    list_filter = (WorkspaceListFilter, "role")
    search_fields = ("email", "workspace__name")
    fields = (
        "workspace",
        "email",
        "role",
        "expires_at",
        "invited_by",
        "accepted_at",
        "accepted_by",
        "revoked_at",
    )
    readonly_fields = fields
    actions = ("revoke",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("status"))
    def status(self, obj):
        return obj.status

    @admin.action(description=_("Revoke the selected pending invitations"))
    def revoke(self, request, queryset):
        done = 0
        for invitation in queryset.filter(accepted_at=None, revoked_at=None):
            services.invitation_revoke(
                actor=actor_for(request, invitation, Role.ADMIN), invitation=invitation
            )
            done += 1
        self.message_user(request, _("Invitations revoked: %(count)d.") % {"count": done})
