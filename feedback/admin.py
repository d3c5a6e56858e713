"""Admin of surveys, responses, reviews and feedback settings (writes through the feedback
services; workspace scoping: cjm.core.admin). Invitations and answers are read-only here:
they arrive from customers and integrators, and the answer's fatigue / single-use rules live in
the services."""

from django.contrib import admin

from cjm.core.admin import (
    WORKSPACE_PATHS,
    WorkspaceListFilter,
    WorkspaceScopedAdmin,
    actor_for,
    adopt,
    changes_of,
    fields_of,
)
from feedback import services
from feedback.models import FeedbackSettings, Invitation, Response, Review, Survey
from feedback.services.reviews import REVIEW_FIELDS
from feedback.services.settings import SETTINGS_FIELDS
from feedback.services.surveys import SURVEY_FIELDS

# Tell the admin's workspace scoping where these rows belong (it fails closed otherwise).
WORKSPACE_PATHS.update(
    {
        "feedback.survey": ("workspace",),
        "feedback.invitation": ("workspace",),
        "feedback.response": ("workspace",),
        "feedback.review": ("workspace",),
        "feedback.feedbacksettings": ("workspace",),
    }
)


@admin.register(Survey)
class SurveyAdmin(WorkspaceScopedAdmin):
    list_display = ("name", "workspace", "kind", "scope", "is_active", "created_at")
    list_select_related = ("workspace",)
    list_filter = (WorkspaceListFilter, "kind", "scope", "is_active")
    search_fields = ("name", "question_ru", "question_en")
    autocomplete_fields = ("workspace",)
    fields = ("workspace", "name", *sorted(SURVEY_FIELDS - {"name"}), "public_token", "created_at")
    readonly_fields = ("public_token", "created_at")
    same_workspace_fields = ("journey", "stage", "touchpoint", "channel")

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "workspace") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        actor = actor_for(request, obj)
        if not change:
            fields = fields_of(form, SURVEY_FIELDS)
            saved = services.survey_create(
                actor=actor,
                workspace=obj.workspace,
                name=fields.pop("name"),
                kind=fields.pop("kind"),
                **fields,
            )
        else:
            changes = changes_of(form, SURVEY_FIELDS)
            if not changes:
                return
            saved = services.survey_update(actor=actor, survey=obj, **changes)
        adopt(obj, saved)

    def delete_model(self, request, obj):
        services.survey_delete(actor=actor_for(request, obj), survey=obj)


@admin.register(Invitation)
class InvitationAdmin(WorkspaceScopedAdmin):
    read_only = True
    list_display = ("customer_external_id", "survey", "language", "expires_at", "used_at")
    list_select_related = ("survey",)
    list_filter = (WorkspaceListFilter, "language")
    search_fields = ("customer_external_id", "survey__name")


@admin.register(Response)
class ResponseAdmin(WorkspaceScopedAdmin):
    read_only = True
    list_display = ("created_at", "survey", "kind", "score", "sentiment", "customer_external_id")
    list_select_related = ("survey",)
    list_filter = (WorkspaceListFilter, "kind", "sentiment", "origin")
    search_fields = ("comment", "improve_text", "value_text", "customer_external_id")
    date_hierarchy = "created_at"

    def has_delete_permission(self, request, obj=None):
        return self.may_administer(request, obj)  # removing spam is allowed

    def delete_model(self, request, obj):
        services.response_delete(actor=actor_for(request, obj), response=obj)


@admin.register(Review)
class ReviewAdmin(WorkspaceScopedAdmin):
    list_display = ("published_at", "source", "grade", "sentiment", "trust_level", "workspace")
    list_select_related = ("workspace",)
    list_filter = (WorkspaceListFilter, "source", "trust_level", "sentiment")
    search_fields = ("text", "author", "external_id")
    autocomplete_fields = ("workspace",)
    fields = ("workspace", *sorted(REVIEW_FIELDS - {"stage"}), "sentiment", "sentiment_score")
    readonly_fields = ("sentiment", "sentiment_score")
    same_workspace_fields = ("touchpoint",)

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "workspace") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        actor = actor_for(request, obj)
        if not change:
            saved = services.review_create(
                actor=actor, workspace=obj.workspace, **fields_of(form, REVIEW_FIELDS)
            )
        else:
            changes = changes_of(form, REVIEW_FIELDS)
            if not changes:
                return
            saved = services.review_update(actor=actor, review=obj, **changes)
        adopt(obj, saved)

    def delete_model(self, request, obj):
        services.review_delete(actor=actor_for(request, obj), review=obj)


@admin.register(FeedbackSettings)
class FeedbackSettingsAdmin(WorkspaceScopedAdmin):
    list_display = ("workspace", "fatigue_days", "suggest_min_answers", "suggest_window_days")
    list_select_related = ("workspace",)
    autocomplete_fields = ("workspace",)
    fields = ("workspace", *sorted(SETTINGS_FIELDS))

    def get_readonly_fields(self, request, obj=None):
        return ("workspace",) if obj else ()

    def save_model(self, request, obj, form, change):
        saved = services.feedback_settings_update(
            actor=actor_for(request, obj),
            workspace=obj.workspace,
            **fields_of(form, SETTINGS_FIELDS),
        )
        adopt(obj, saved)

    def may_delete(self, obj) -> bool:
        return False  # a workspace always has settings (the defaults until changed)
