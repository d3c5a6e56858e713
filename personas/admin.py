"""Admin of segments and personas (writes through personas.services; scoping: cjm.core.admin)."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from cjm.core.admin import (
    WorkspaceListFilter,
    WorkspaceScopedAdmin,
    actor_for,
    adopt,
    changes_of,
    fields_of,
)
from personas import services
from personas.models import Persona, Segment


@admin.register(Segment)
class SegmentAdmin(WorkspaceScopedAdmin):
    ordering = ("name", "id")
    list_display = ("name", "workspace", "persona_count", "created_at")
    list_select_related = ("workspace",)
    list_filter = (WorkspaceListFilter,)
    search_fields = ("name", "description", "workspace__name")
    autocomplete_fields = ("workspace",)
    fields = ("workspace", "name", "description", "created_at", "updated_at")
    readonly_fields = ("created_at", "updated_at")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(persona_count=Count("personas"))

    @admin.display(description=_("personas"), ordering="persona_count")
    def persona_count(self, obj):
        return obj.persona_count

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "workspace") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        actor = actor_for(request, obj)
        if not change:
            saved = services.segment_create(
                actor=actor, workspace=obj.workspace, **fields_of(form, services.SEGMENT_FIELDS)
            )
        else:
            saved = services.segment_update(
                actor=actor, segment=obj, **changes_of(form, services.SEGMENT_FIELDS)
            )
        adopt(obj, saved)

    def delete_model(self, request, obj):
        services.segment_delete(actor=actor_for(request, obj), segment=obj)


@admin.register(Persona)
class PersonaAdmin(WorkspaceScopedAdmin):
    list_display = ("name", "workspace", "segment", "role_title", "updated_at")
    list_select_related = ("workspace", "segment")
    list_filter = (WorkspaceListFilter, ("segment", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "role_title", "quote", "goals", "needs", "fears")
    autocomplete_fields = ("workspace", "segment", "preferred_channels")
    fieldsets = (
        (None, {"fields": ("workspace", "segment", "name", "role_title", "avatar_url", "quote")}),
        (
            _("Profile"),
            {"fields": ("demographic", "geographic", "psychographic", "socio_economic")},
        ),
        (
            _("Inner world"),
            {"fields": ("goals", "needs", "thoughts", "emotions", "fears", "expectations")},
        ),
        (_("Channels"), {"fields": ("preferred_channels",)}),
        (
            _("History"),
            {
                "fields": ("version", "updated_by", "created_at", "updated_at"),
                "classes": ("collapse",),
            },
        ),
    )
    readonly_fields = ("version", "updated_by", "created_at", "updated_at")
    same_workspace_fields = ("preferred_channels",)
    service_m2m = True

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "workspace") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        actor = actor_for(request, obj)
        if not change:
            saved = services.persona_create(
                actor=actor, workspace=obj.workspace, **fields_of(form, services.PERSONA_FIELDS)
            )
        else:
            changes = changes_of(form, services.PERSONA_FIELDS)
            if not changes:
                return
            saved = services.persona_update(actor=actor, persona=obj, **changes)
        adopt(obj, saved)

    def delete_model(self, request, obj):
        services.persona_delete(actor=actor_for(request, obj), persona=obj)
