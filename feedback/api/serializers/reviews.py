"""Reviews: read, create and correct one, import many."""

from rest_framework import serializers

from cjm.core.tenancy import Workspace
from feedback.api.fields import (
    LanguageField,
    ScopedPrimaryKeyField,
    StrictCharField,
    StrictIntegerField,
)
from feedback.choices import ReviewSource, Sentiment, TrustLevel
from feedback.models import Review
from feedback.models.reviews import REVIEW_TEXT_MAX
from touchpoints.models import Touchpoint


class ReviewSerializer(serializers.ModelSerializer):
    workspace = ScopedPrimaryKeyField(queryset=Workspace.objects.all(), workspace_path="pk")
    source = serializers.ChoiceField(choices=ReviewSource.choices)
    external_id = StrictCharField(max_length=200, required=False, allow_blank=True)
    author = StrictCharField(max_length=200, required=False, allow_blank=True)
    grade = StrictIntegerField(min_value=1, max_value=5, required=False, allow_null=True)
    text = StrictCharField(max_length=REVIEW_TEXT_MAX, required=False, allow_blank=True)
    url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    trust_level = serializers.ChoiceField(choices=TrustLevel.choices, required=False)
    touchpoint = ScopedPrimaryKeyField(
        queryset=Touchpoint.objects.all(),
        workspace_path="stage__journey__workspace_id",
        required=False,
        allow_null=True,
    )
    language = LanguageField(read_only=True)
    sentiment = serializers.ChoiceField(
        choices=Sentiment.choices,
        allow_blank=True,
        read_only=True,
        help_text="Of the text: negative, neutral or positive; empty when there is no text.",
    )

    class Meta:
        model = Review
        fields = [
            "id",
            "workspace",
            "source",
            "external_id",
            "author",
            "grade",
            "text",
            "published_at",
            "url",
            "touchpoint",
            "stage",
            "trust_level",
            "language",
            "sentiment",
            "sentiment_score",
            "created_at",
        ]
        read_only_fields = ["id", "stage", "language", "sentiment", "sentiment_score", "created_at"]
        validators = []  # uniqueness of (source, external_id) is checked by the service


class ReviewUpdateSerializer(ReviewSerializer):
    workspace = serializers.PrimaryKeyRelatedField(read_only=True)


class ReviewRowSerializer(ReviewSerializer):
    """One row of an import: the workspace is given once for the whole call."""

    class Meta(ReviewSerializer.Meta):
        fields = [f for f in ReviewSerializer.Meta.fields if f != "workspace"]

    def get_fields(self):
        fields = super().get_fields()
        fields.pop("workspace", None)
        return fields


class ReviewImportSerializer(serializers.Serializer):
    workspace = ScopedPrimaryKeyField(queryset=Workspace.objects.all(), workspace_path="pk")
    reviews = serializers.ListField(child=serializers.DictField(), min_length=1, max_length=5000)


class ReviewImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    duplicates = serializers.IntegerField()
