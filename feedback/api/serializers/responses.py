"""Survey answers: read, create one, create many."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from feedback.api.fields import (
    LanguageField,
    ScopedPrimaryKeyField,
    StrictCharField,
    StrictIntegerField,
    SurveyKindField,
)
from feedback.choices import Sentiment
from feedback.models import Response, Survey
from feedback.models.responses import COMMENT_MAX
from touchpoints.models import Channel


class ResponseSerializer(serializers.ModelSerializer):
    customer = serializers.CharField(source="customer_external_id")
    kind = SurveyKindField(read_only=True)
    language = LanguageField(read_only=True)
    sentiment = serializers.ChoiceField(
        choices=Sentiment.choices,
        allow_blank=True,
        read_only=True,
        help_text="Of the text: negative, neutral or positive; empty when there is no text.",
    )

    class Meta:
        model = Response
        fields = [
            "id",
            "workspace",
            "survey",
            "kind",
            "score",
            "comment",
            "improve_text",
            "value_text",
            "customer",
            "channel",
            "touchpoint",
            "stage",
            "journey",
            "origin",
            "language",
            "sentiment",
            "sentiment_score",
            "idempotency_key",
            "created_at",
        ]
        read_only_fields = fields


class ResponseCreateSerializer(serializers.Serializer):
    survey = ScopedPrimaryKeyField(queryset=Survey.objects.all())
    score = StrictIntegerField(help_text="NPS 0-10, CSAT 1-5, CES 1-7 (the survey's scale).")
    comment = StrictCharField(max_length=COMMENT_MAX, required=False, allow_blank=True)
    improve_text = StrictCharField(max_length=COMMENT_MAX, required=False, allow_blank=True)
    value_text = StrictCharField(max_length=COMMENT_MAX, required=False, allow_blank=True)
    customer = StrictCharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="The workspace's external customer id (the fatigue rule applies to it).",
    )
    channel = ScopedPrimaryKeyField(queryset=Channel.objects.all(), required=False, allow_null=True)
    language = LanguageField(required=False)
    created_at = serializers.DateTimeField(
        required=False, help_text="When the customer answered (default: now; not in the future)."
    )
    idempotency_key = StrictCharField(
        max_length=200,
        required=False,
        help_text="Your id of this answer: sending it again stores nothing new.",
    )

    def validate(self, attrs):
        low, high = attrs["survey"].scale
        if not low <= attrs["score"] <= high:
            raise serializers.ValidationError(
                {
                    "score": [
                        _("Choose a score from %(low)d to %(high)d.") % {"low": low, "high": high}
                    ]
                }
            )
        return attrs


class ResponseBulkResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    duplicates = serializers.IntegerField()
