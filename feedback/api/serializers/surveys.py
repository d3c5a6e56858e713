"""Surveys, their invitations and stats, and the workspace's feedback settings."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cjm.core.tenancy import Workspace
from cjm.models import Journey, Stage
from feedback.api.fields import (
    LanguageField,
    ScopedPrimaryKeyField,
    StrictBooleanField,
    StrictCharField,
    StrictIntegerField,
    SurveyKindField,
)
from feedback.choices import Language, SurveyScope
from feedback.models import FeedbackSettings, Invitation, Survey
from touchpoints.models import Channel, Touchpoint


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class SurveySerializer(serializers.ModelSerializer):
    workspace = ScopedPrimaryKeyField(queryset=Workspace.objects.all(), workspace_path="pk")
    name = StrictCharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="Seen by your team only. Default: the kind and what it asks about.",
    )
    kind = SurveyKindField()
    scope = serializers.ChoiceField(choices=SurveyScope.choices, required=False)
    question = StrictCharField(
        max_length=300,
        required=False,
        help_text="The question in the survey's default language (write: sets that language).",
    )
    question_ru = StrictCharField(max_length=300, required=False, allow_blank=True)
    question_en = StrictCharField(max_length=300, required=False, allow_blank=True)
    why_question_ru = StrictCharField(max_length=300, required=False, allow_blank=True)
    why_question_en = StrictCharField(max_length=300, required=False, allow_blank=True)
    ask_improve = StrictBooleanField(required=False)
    ask_value = StrictBooleanField(required=False)
    is_active = StrictBooleanField(required=False)
    public_link_enabled = StrictBooleanField(required=False)
    default_language = LanguageField(required=False)
    invitation_valid_days = StrictIntegerField(min_value=1, max_value=365, required=False)
    touchpoint = ScopedPrimaryKeyField(
        queryset=Touchpoint.objects.all(),
        workspace_path="stage__journey__workspace_id",
        required=False,
        allow_null=True,
    )
    stage = ScopedPrimaryKeyField(
        queryset=Stage.objects.all(),
        workspace_path="journey__workspace_id",
        required=False,
        allow_null=True,
    )
    journey = ScopedPrimaryKeyField(queryset=Journey.objects.all(), required=False, allow_null=True)
    channel = ScopedPrimaryKeyField(queryset=Channel.objects.all(), required=False, allow_null=True)
    public_url = serializers.SerializerMethodField()
    responses = serializers.IntegerField(source="response_count", read_only=True, default=0)

    class Meta:
        model = Survey
        fields = [
            "id",
            "workspace",
            "name",
            "kind",
            "scope",
            "question",
            "question_ru",
            "question_en",
            "why_question_ru",
            "why_question_en",
            "ask_improve",
            "ask_value",
            "default_language",
            "touchpoint",
            "stage",
            "journey",
            "channel",
            "is_active",
            "starts_at",
            "ends_at",
            "public_link_enabled",
            "invitation_valid_days",
            "public_url",
            "responses",
            "created_at",
        ]
        read_only_fields = ["id", "public_url", "responses", "created_at"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["question"] = instance.question(instance.default_language)
        return data

    @extend_schema_field(OpenApiTypes.URI)
    def get_public_url(self, survey) -> str:
        return absolute(
            self.context.get("request"),
            reverse("feedback:public_answer", args=[survey.public_token]),
        )

    def service_fields(self) -> dict:
        """Validated data as the survey services take it."""
        data = dict(self.validated_data)
        question = data.pop("question", None)
        if question:
            language = data.get("default_language") or getattr(
                self.instance, "default_language", Language.RU
            )
            data[f"question_{language}"] = question
        return data


class SurveyUpdateSerializer(SurveySerializer):
    """The workspace of a survey and its kind (once answered) are fixed."""

    workspace = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta(SurveySerializer.Meta):
        read_only_fields = [*SurveySerializer.Meta.read_only_fields, "workspace"]


class SurveyStatsSerializer(serializers.Serializer):
    responses = serializers.IntegerField()
    nps = serializers.FloatField(allow_null=True, help_text="NPS surveys: -100..100.")
    csat = serializers.FloatField(allow_null=True, help_text="CSAT surveys: % of answers 4-5.")
    ces = serializers.FloatField(allow_null=True, help_text="CES surveys: mean answer 1-7.")
    promoters = serializers.IntegerField(allow_null=True)
    passives = serializers.IntegerField(allow_null=True)
    detractors = serializers.IntegerField(allow_null=True)
    distribution = serializers.ListField(child=serializers.DictField())


class InvitationSerializer(serializers.ModelSerializer):
    customer = serializers.CharField(source="customer_external_id")
    language = LanguageField(read_only=True)
    url = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()

    class Meta:
        model = Invitation
        fields = ["id", "survey", "customer", "language", "url", "status", "expires_at", "used_at"]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_url(self, invitation) -> str | None:
        """The personal link: only for editors and admins (``show_links`` in the context); a
        viewer gets null, so nobody read-only can answer in a customer's name."""
        if not self.context.get("show_links"):
            return None
        path = reverse("feedback:invitation_answer", args=[invitation.token])
        return absolute(self.context.get("request"), path)

    def get_status(self, invitation) -> str:
        if invitation.used_at:
            return "answered"
        return "open" if invitation.is_usable() else "expired"


class InvitationCreateSerializer(serializers.Serializer):
    customers = serializers.ListField(
        child=StrictCharField(max_length=200), min_length=1, max_length=1000
    )
    language = LanguageField(required=False)


class SkippedSerializer(serializers.Serializer):
    customer = serializers.CharField()
    reason = serializers.CharField()


class InvitationBatchSerializer(serializers.Serializer):
    created = InvitationSerializer(many=True)
    skipped = SkippedSerializer(many=True)


class FeedbackSettingsSerializer(serializers.ModelSerializer):
    fatigue_days = StrictIntegerField(min_value=0, max_value=365, required=False)
    suggest_window_days = StrictIntegerField(min_value=1, max_value=730, required=False)
    suggest_min_answers = StrictIntegerField(min_value=1, max_value=10000, required=False)
    suggest_excellent_from = StrictIntegerField(min_value=0, max_value=100, required=False)
    suggest_awful_below = StrictIntegerField(min_value=0, max_value=100, required=False)

    class Meta:
        model = FeedbackSettings
        fields = [
            "workspace",
            "fatigue_days",
            "suggest_window_days",
            "suggest_min_answers",
            "suggest_excellent_from",
            "suggest_awful_below",
            "weight_anonymous",
            "weight_identified",
            "weight_verified_identity",
            "weight_verified_purchase",
        ]
        read_only_fields = ["workspace"]
