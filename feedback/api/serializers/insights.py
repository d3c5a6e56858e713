"""Read-only shapes: touchpoint feedback, the evidence-based emotion curve, metric series."""

from rest_framework import serializers

from feedback.api.fields import SurveyKindField
from feedback.choices import MetricDimension
from touchpoints.choices import Rating


class TouchpointFeedbackSerializer(serializers.Serializer):
    touchpoint = serializers.IntegerField()
    rating = serializers.ChoiceField(choices=Rating.choices, help_text="The manual rating.")
    suggested_rating = serializers.ChoiceField(
        choices=Rating.choices, allow_null=True, help_text="Null: too few answers to suggest."
    )
    index = serializers.FloatField(allow_null=True, help_text="Feedback index 0-100.")
    answers = serializers.IntegerField(help_text="Survey answers in the window.")
    reviews = serializers.IntegerField()
    min_answers = serializers.IntegerField()
    nps = serializers.FloatField(allow_null=True)
    nps_answers = serializers.IntegerField()
    csat = serializers.FloatField(allow_null=True)
    csat_answers = serializers.IntegerField()
    ces = serializers.FloatField(allow_null=True)
    ces_answers = serializers.IntegerField()
    review_score = serializers.FloatField(allow_null=True, help_text="Trust-weighted grade 1-5.")


class StageEmotionSerializer(serializers.Serializer):
    stage = serializers.IntegerField()
    name = serializers.CharField()
    position = serializers.IntegerField()
    hand_set_score = serializers.IntegerField(allow_null=True, help_text="-3..+3 from the map.")
    evidence_score = serializers.FloatField(allow_null=True, help_text="-3..+3 from feedback.")
    answers = serializers.IntegerField()
    reviews = serializers.IntegerField()


class MetricPointSerializer(serializers.Serializer):
    week = serializers.DateField()
    responses = serializers.IntegerField()
    value = serializers.FloatField(allow_null=True)


class MetricSeriesSerializer(serializers.Serializer):
    kind = SurveyKindField()
    dimension = serializers.ChoiceField(choices=MetricDimension.choices)
    object_id = serializers.IntegerField()
    refreshed_at = serializers.DateTimeField(allow_null=True)
    weeks = MetricPointSerializer(many=True)
