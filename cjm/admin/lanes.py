"""Admin of lanes (the rows of a map) and their cells (writes through cjm.services.lanes)."""

from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from cjm import services
from cjm.admin.journeys import VERSION_FIELDS
from cjm.choices import LaneKind
from cjm.core.admin import (
    ScopedModelForm,
    ScopedTabularInline,
    WorkspaceListFilter,
    WorkspaceScopedAdmin,
    actor_for,
    adopt,
    changes_of,
    fields_of,
    save_formset_with,
)
from cjm.models import Lane, LaneCell, Stage

_INLINE_LANE = "_cjm_admin_lane"


class LaneCellForm(ScopedModelForm):
    """The stage of an existing cell is fixed (a cell is the crossing of one lane and one stage)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "stage" in self.fields:
            self.fields["stage"].disabled = True


class LaneCellInline(ScopedTabularInline):
    model = LaneCell
    form = LaneCellForm
    fields = ("stage", "text", "emotion_score")
    can_delete = False  # clear the text instead

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("stage")

    def get_formset(self, request, obj=None, **kwargs):
        setattr(request, _INLINE_LANE, obj)
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        lane = getattr(request, _INLINE_LANE, None)
        if db_field.name == "stage" and lane is not None:
            kwargs["queryset"] = Stage.objects.filter(journey_id=lane.journey_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Lane)
class LaneAdmin(WorkspaceScopedAdmin):
    list_display = ("name", "journey", "workspace", "kind", "position", "is_hidden")
    list_select_related = ("journey__workspace",)
    list_filter = (
        WorkspaceListFilter,
        "kind",
        "is_hidden",
        ("journey", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("name", "journey__title")
    autocomplete_fields = ("journey",)
    fields = ("journey", "kind", "name", "position", "is_hidden", *VERSION_FIELDS)
    readonly_fields = ("position", *VERSION_FIELDS)
    inlines = (LaneCellInline,)

    @admin.display(description=_("workspace"), ordering="journey__workspace__name")
    def workspace(self, obj):
        return obj.journey.workspace

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "journey", "kind") if obj else self.readonly_fields

    def may_delete(self, obj):
        """The touchpoints lane stays (hide it instead): touchpoints always have a row."""
        return obj is None or obj.kind != LaneKind.TOUCHPOINTS

    def save_model(self, request, obj, form, change):
        actor = actor_for(request, obj)
        if not change:
            saved = services.lane_create(
                actor=actor,
                journey=obj.journey,
                kind=obj.kind,
                **fields_of(form, services.LANE_FIELDS),
            )
        else:
            changes = changes_of(form, services.LANE_FIELDS)
            if not changes:
                return
            saved = services.lane_update(actor=actor, lane=obj, **changes)
        adopt(obj, saved)

    def delete_model(self, request, obj):
        services.lane_delete(actor=actor_for(request, obj), lane=obj)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset.exclude(kind=LaneKind.TOUCHPOINTS))

    def save_formset(self, request, form, formset, change):
        lane = form.instance
        actor = actor_for(request, lane)

        def write(cell_form):
            return services.lane_cell_set(
                actor=actor,
                lane=lane,
                stage=cell_form.instance.stage,
                text=cell_form.instance.text,
                emotion_score=cell_form.instance.emotion_score,
            )

        save_formset_with(formset, create=write, update=write)


@admin.register(LaneCell)
class LaneCellAdmin(WorkspaceScopedAdmin):
    form = LaneCellForm
    list_display = ("lane", "stage", "journey", "short_text", "emotion_score", "updated_at")
    list_select_related = ("lane__journey", "stage")
    list_filter = (
        WorkspaceListFilter,
        "lane__kind",
        ("lane__journey", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("text", "lane__name", "stage__name", "lane__journey__title")
    autocomplete_fields = ("lane", "stage")
    fields = ("lane", "stage", "text", "emotion_score", *VERSION_FIELDS)
    readonly_fields = VERSION_FIELDS

    @admin.display(description=_("journey"), ordering="lane__journey__title")
    def journey(self, obj):
        return obj.lane.journey

    @admin.display(description=_("text"))
    def short_text(self, obj):
        return Truncator(obj.text).chars(80)

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "lane", "stage") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        saved = services.lane_cell_set(
            actor=actor_for(request, obj),
            lane=obj.lane,
            stage=obj.stage,
            text=obj.text,
            emotion_score=obj.emotion_score,
        )
        adopt(obj, saved)
