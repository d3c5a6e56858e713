"""Admin of channels, touchpoints, rating history, improvement actions and comments.

Writes go through touchpoints.services, so a rating changed here lands in the rating history and
an action marked done gets its done date. Scoping: cjm.core.admin.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from cjm.core.admin import (
    ScopedModelForm,
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
from cjm.core.roles import Role
from touchpoints import services
from touchpoints.choices import OPEN_ACTION_STATUSES, ActionStatus, Rating
from touchpoints.models import Channel, Comment, ImprovementAction, RatingChange, Touchpoint

VERSION_FIELDS = ("version", "updated_by", "created_at", "updated_at")
RATING_COLOURS = {
    Rating.EXCELLENT: "#2e7d32",
    Rating.SO_SO: "#f9a825",
    Rating.AWFUL: "#c62828",
    Rating.UNRATED: "#9e9e9e",
}


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("no", _("Not overdue"))]

    def queryset(self, request, queryset):
        overdue = Q(status__in=OPEN_ACTION_STATUSES, due_date__lt=timezone.localdate())
        if self.value() == "yes":
            return queryset.filter(overdue)
        if self.value() == "no":
            return queryset.exclude(overdue)
        return queryset


@admin.register(Channel)
class ChannelAdmin(WorkspaceScopedAdmin):
    ordering = ("name", "id")
    list_display = ("name", "workspace", "kind", "medium", "touchpoint_count")
    list_select_related = ("workspace",)
    list_filter = (WorkspaceListFilter, "kind", "medium")
    search_fields = ("name", "workspace__name")
    autocomplete_fields = ("workspace",)
    fields = ("workspace", "name", "kind", "medium", "created_at", "updated_at")
    readonly_fields = ("created_at", "updated_at")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(touchpoint_count=Count("touchpoints"))

    @admin.display(description=_("touchpoints"), ordering="touchpoint_count")
    def touchpoint_count(self, obj):
        return obj.touchpoint_count

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "workspace") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        actor = actor_for(request, obj)
        if not change:
            saved = services.channel_create(
                actor=actor, workspace=obj.workspace, **fields_of(form, services.CHANNEL_FIELDS)
            )
        else:
            saved = services.channel_update(
                actor=actor, channel=obj, **changes_of(form, services.CHANNEL_FIELDS)
            )
        adopt(obj, saved)

    def delete_model(self, request, obj):
        services.channel_delete(actor=actor_for(request, obj), channel=obj)


class ImprovementActionInline(ScopedTabularInline):
    model = ImprovementAction
    fields = ("title", "assignee", "due_date", "status", "done_at")
    readonly_fields = ("done_at",)
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("assignee")


class RatingChangeInline(ScopedTabularInline):
    model = RatingChange
    fields = ("changed_at", "from_rating", "to_rating", "changed_by", "note")
    readonly_fields = fields
    read_only = True
    verbose_name_plural = _("rating history")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")


@admin.register(Touchpoint)
class TouchpointAdmin(WorkspaceScopedAdmin):
    ordering = ("stage_id", "position")
    list_display = (
        "name",
        "stage",
        "journey",
        "channel",
        "owner",
        "team",
        "rating_badge",
        "importance",
        "is_critical",
        "open_actions",
        "position",
    )
    list_select_related = ("stage__journey", "channel", "owner", "team")
    list_filter = (
        WorkspaceListFilter,
        "rating",
        "is_critical",
        "category",
        "customer_reaction",
        ("stage__journey", admin.RelatedOnlyFieldListFilter),
        ("channel", admin.RelatedOnlyFieldListFilter),
        ("team", admin.RelatedOnlyFieldListFilter),
        ("owner", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = (
        "name",
        "description",
        "stage__name",
        "stage__journey__title",
        "owner__username",
        "team__name",
    )
    autocomplete_fields = ("stage", "channel", "team")
    fieldsets = (
        (None, {"fields": ("stage", "position", "name", "description", "category", "channel")}),
        (_("Responsibility"), {"fields": ("owner", "team")}),
        (
            _("Assessment"),
            {"fields": ("rating", "importance", "is_critical", "customer_reaction")},
        ),
        (_("History"), {"fields": VERSION_FIELDS, "classes": ("collapse",)}),
    )
    readonly_fields = ("position", *VERSION_FIELDS)
    inlines = (ImprovementActionInline, RatingChangeInline)
    actions = ("mark_critical",)

    def get_queryset(self, request):
        open_actions = Count("actions", filter=Q(actions__status__in=OPEN_ACTION_STATUSES))
        return super().get_queryset(request).annotate(open_actions=open_actions)

    @admin.display(description=_("journey"), ordering="stage__journey__title")
    def journey(self, obj):
        return obj.stage.journey

    @admin.display(description=_("rating"), ordering="rating")
    def rating_badge(self, obj):
        colour = RATING_COLOURS.get(obj.rating, RATING_COLOURS[Rating.UNRATED])
        return format_html(
            '<span style="color: {}">&#9679;</span> {}', colour, obj.get_rating_display()
        )

    @admin.display(description=_("open actions"), ordering="open_actions")
    def open_actions(self, obj):
        return obj.open_actions

    def get_readonly_fields(self, request, obj=None):
        # Moving a touchpoint to another stage is done on the map (touchpoint_move).
        return (*self.readonly_fields, "stage") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        actor = actor_for(request, obj)
        if not change:
            saved = services.touchpoint_create(
                actor=actor, stage=obj.stage, **fields_of(form, services.TOUCHPOINT_FIELDS)
            )
        else:
            changes = changes_of(form, services.TOUCHPOINT_FIELDS)
            if not changes:
                return
            note = admin_note(request) if actor is None else ""
            saved = services.touchpoint_update(
                actor=actor, touchpoint=obj, rating_note=note, **changes
            )
        adopt(obj, saved)

    def delete_model(self, request, obj):
        services.touchpoint_delete(actor=actor_for(request, obj), touchpoint=obj)

    def save_formset(self, request, form, formset, change):
        touchpoint = form.instance
        actor = actor_for(request, touchpoint)
        save_formset_with(
            formset,
            create=lambda f: services.action_create(
                actor=actor, touchpoint=touchpoint, **fields_of(f, services.ACTION_FIELDS)
            ),
            update=lambda f: services.action_update(
                actor=actor, action=f.instance, **changes_of(f, services.ACTION_FIELDS)
            ),
            delete=lambda action: services.action_delete(actor=actor, action=action),
        )

    @admin.action(description=_("Mark selected touchpoints as critical"), permissions=["change"])
    def mark_critical(self, request, queryset):
        def write(touchpoint):
            actor = actor_for(request, touchpoint)
            note = admin_note(request) if actor is None else ""
            services.touchpoint_update(
                actor=actor, touchpoint=touchpoint, rating_note=note, is_critical=True
            )

        self.run_service(
            request,
            queryset.filter(is_critical=False),
            write,
            _("%(count)d touchpoints marked as critical."),
        )


@admin.register(RatingChange)
class RatingChangeAdmin(WorkspaceScopedAdmin):
    """The rating history is written by the touchpoint services only."""

    read_only = True
    list_display = ("touchpoint", "from_rating", "to_rating", "changed_by", "changed_at", "note")
    list_select_related = ("touchpoint", "changed_by")
    list_filter = (WorkspaceListFilter, "to_rating", "from_rating")
    search_fields = ("touchpoint__name", "note", "changed_by__username")
    date_hierarchy = "changed_at"


@admin.register(ImprovementAction)
class ImprovementActionAdmin(WorkspaceScopedAdmin):
    list_display = (
        "title",
        "touchpoint",
        "journey",
        "assignee",
        "due_date",
        "status",
        "is_overdue",
        "done_at",
    )
    list_select_related = ("touchpoint__stage__journey", "assignee")
    list_filter = (
        WorkspaceListFilter,
        "status",
        OverdueFilter,
        "due_date",
        ("assignee", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("title", "description", "touchpoint__name", "assignee__username")
    autocomplete_fields = ("touchpoint",)
    fields = (
        "touchpoint",
        "title",
        "description",
        "assignee",
        "due_date",
        "status",
        "done_at",
        "created_by",
        *VERSION_FIELDS,
    )
    readonly_fields = ("done_at", "created_by", *VERSION_FIELDS)
    actions = ("mark_done",)

    @admin.display(description=_("journey"), ordering="touchpoint__stage__journey__title")
    def journey(self, obj):
        return obj.touchpoint.stage.journey

    @admin.display(description=_("overdue"), boolean=True)
    def is_overdue(self, obj):
        return obj.is_overdue

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "touchpoint") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        actor = actor_for(request, obj)
        if not change:
            saved = services.action_create(
                actor=actor, touchpoint=obj.touchpoint, **fields_of(form, services.ACTION_FIELDS)
            )
        else:
            changes = changes_of(form, services.ACTION_FIELDS)
            if not changes:
                return
            saved = services.action_update(actor=actor, action=obj, **changes)
        adopt(obj, saved)

    def delete_model(self, request, obj):
        services.action_delete(actor=actor_for(request, obj), action=obj)

    @admin.action(description=_("Mark selected actions as done"), permissions=["change"])
    def mark_done(self, request, queryset):
        def write(action):
            services.action_update(
                actor=actor_for(request, action), action=action, status=ActionStatus.DONE
            )

        self.run_service(
            request,
            queryset.exclude(status=ActionStatus.DONE),
            write,
            _("%(count)d actions marked as done."),
        )


class CommentForm(ScopedModelForm):
    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and (
            bool(cleaned.get("touchpoint")) == bool(cleaned.get("stage"))
        ):
            raise ValidationError(_("A comment is on a touchpoint or on a stage."))
        return cleaned


@admin.register(Comment)
class CommentAdmin(WorkspaceScopedAdmin):
    form = CommentForm
    list_display = ("short_body", "on", "journey", "author", "created_at")
    list_select_related = ("touchpoint__stage__journey", "stage__journey", "author")
    list_filter = (WorkspaceListFilter,)
    search_fields = ("body", "author__username", "touchpoint__name", "stage__name")
    autocomplete_fields = ("touchpoint", "stage")
    fields = ("touchpoint", "stage", "body", "author", "created_at", "updated_at")
    readonly_fields = ("author", "created_at", "updated_at")

    @admin.display(description=_("comment"))
    def short_body(self, obj):
        return Truncator(obj.body).chars(80)

    @admin.display(description=_("on"))
    def on(self, obj):
        return obj.touchpoint or obj.stage

    @admin.display(description=_("journey"))
    def journey(self, obj):
        return (obj.touchpoint.stage if obj.touchpoint_id else obj.stage).journey

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "touchpoint", "stage") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:  # only the text changes; the form has validated it
            super().save_model(request, obj, form, change)
            return
        saved = services.comment_create(
            actor=actor_for(request, obj, Role.VIEWER),
            body=obj.body,
            touchpoint=obj.touchpoint,
            stage=obj.stage,
        )
        adopt(obj, saved)

    def delete_model(self, request, obj):
        services.comment_delete(actor=actor_for(request, obj), comment=obj)
