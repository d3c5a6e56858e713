"""Admin of journeys and stages (writes through cjm.services and touchpoints.services).

Positions of stages, lanes and touchpoints stay dense and unique: they are read-only here, new
rows are appended by the services, and reordering is done on the map.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from cjm import services
from cjm.core.admin import (
    ScopedTabularInline,
    WorkspaceListFilter,
    WorkspaceScopedAdmin,
    actor_for,
    admin_note,
    adopt,
    changes_of,
    fields_of,
    save_formset_with,
)
from cjm.models import Journey, Lane, Stage
from touchpoints import services as touchpoint_services
from touchpoints.models import Touchpoint

VERSION_FIELDS = ("version", "updated_by", "created_at", "updated_at")


class StageInline(ScopedTabularInline):
    model = Stage
    fields = ("position", "name", "moment_of_truth", "purchase_phase")
    readonly_fields = ("position",)
    ordering = ("position",)
    can_delete = False  # deleting a stage deletes its touchpoints: use its own page
    show_change_link = True


class LaneInline(ScopedTabularInline):
    model = Lane
    fields = ("position", "name", "kind", "is_hidden")
    readonly_fields = ("position", "kind")  # lanes added here are custom lanes
    ordering = ("position",)
    can_delete = False
    show_change_link = True


class TouchpointInline(ScopedTabularInline):
    model = Touchpoint
    fields = (
        "position",
        "name",
        "channel",
        "category",
        "owner",
        "team",
        "rating",
        "importance",
        "is_critical",
    )
    readonly_fields = ("position",)
    ordering = ("position",)
    can_delete = False
    show_change_link = True


@admin.register(Journey)
class JourneyAdmin(WorkspaceScopedAdmin):
    ordering = ("title", "id")
    list_display = (
        "title",
        "workspace",
        "segment",
        "state",
        "status",
        "stage_count",
        "updated_at",
    )
    list_select_related = ("workspace", "segment")
    list_filter = (
        WorkspaceListFilter,
        "status",
        "state",
        ("segment", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("title", "description", "workspace__name")
    autocomplete_fields = ("workspace", "segment", "personas")
    fields = (
        "workspace",
        "title",
        "description",
        "segment",
        "personas",
        "state",
        "status",
        "created_by",
        *VERSION_FIELDS,
    )
    readonly_fields = ("created_by", *VERSION_FIELDS)
    same_workspace_fields = ("segment", "personas")
    service_m2m = True
    inlines = (StageInline, LaneInline)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(stage_count=Count("stages"))

    @admin.display(description=_("stages"), ordering="stage_count")
    def stage_count(self, obj):
        return obj.stage_count

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "workspace") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        actor = actor_for(request, obj)
        if not change:
            saved = services.journey_create(
                actor=actor,
                workspace=obj.workspace,
                **fields_of(form, services.JOURNEY_FIELDS),
            )
        else:
            changes = changes_of(form, services.JOURNEY_FIELDS)
            if not changes:
                return
            saved = services.journey_update(actor=actor, journey=obj, **changes)
        adopt(obj, saved)

    def delete_model(self, request, obj):
        services.journey_delete(actor=actor_for(request, obj), journey=obj)

    def save_formset(self, request, form, formset, change):
        journey = form.instance
        actor = actor_for(request, journey)
        if formset.model is Stage:
            save_formset_with(
                formset,
                create=lambda f: services.stage_create(
                    actor=actor, journey=journey, **fields_of(f, services.STAGE_FIELDS)
                ),
                update=lambda f: services.stage_update(
                    actor=actor, stage=f.instance, **changes_of(f, services.STAGE_FIELDS)
                ),
            )
        elif formset.model is Lane:
            save_formset_with(
                formset,
                create=lambda f: services.lane_create(
                    actor=actor, journey=journey, **fields_of(f, services.LANE_FIELDS)
                ),
                update=lambda f: services.lane_update(
                    actor=actor, lane=f.instance, **changes_of(f, services.LANE_FIELDS)
                ),
            )
        else:  # pragma: no cover - every inline is handled above
            super().save_formset(request, form, formset, change)


@admin.register(Stage)
class StageAdmin(WorkspaceScopedAdmin):
    ordering = ("journey_id", "position")
    list_display = (
        "name",
        "journey",
        "workspace",
        "position",
        "moment_of_truth",
        "purchase_phase",
        "touchpoint_count",
    )
    list_select_related = ("journey__workspace",)
    list_filter = (
        WorkspaceListFilter,
        "moment_of_truth",
        "purchase_phase",
        ("journey", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("name", "description", "journey__title")
    autocomplete_fields = ("journey",)
    fields = (
        "journey",
        "name",
        "description",
        "position",
        "moment_of_truth",
        "purchase_phase",
        *VERSION_FIELDS,
    )
    readonly_fields = ("position", *VERSION_FIELDS)
    inlines = (TouchpointInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(touchpoint_count=Count("touchpoints"))

    @admin.display(description=_("workspace"), ordering="journey__workspace__name")
    def workspace(self, obj):
        return obj.journey.workspace

    @admin.display(description=_("touchpoints"), ordering="touchpoint_count")
    def touchpoint_count(self, obj):
        return obj.touchpoint_count

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "journey") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        actor = actor_for(request, obj)
        if not change:
            saved = services.stage_create(
                actor=actor, journey=obj.journey, **fields_of(form, services.STAGE_FIELDS)
            )
        else:
            changes = changes_of(form, services.STAGE_FIELDS)
            if not changes:
                return
            saved = services.stage_update(actor=actor, stage=obj, **changes)
        adopt(obj, saved)

    def delete_model(self, request, obj):
        services.stage_delete(actor=actor_for(request, obj), stage=obj)

    def save_formset(self, request, form, formset, change):
        stage = form.instance
        actor = actor_for(request, stage)
        note = admin_note(request) if actor is None else ""
        fields = touchpoint_services.TOUCHPOINT_FIELDS
        save_formset_with(
            formset,
            create=lambda f: touchpoint_services.touchpoint_create(
                actor=actor, stage=stage, **fields_of(f, fields)
            ),
            update=lambda f: touchpoint_services.touchpoint_update(
                actor=actor, touchpoint=f.instance, rating_note=note, **changes_of(f, fields)
            ),
        )
