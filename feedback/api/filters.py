"""Query-string filters of the feedback API (``ApiFilterSet``: strict, like every list of the
API); relation filters only offer the caller's objects."""

from django_filters import rest_framework as django_filters

from cjm.core.api.filtersets import ApiFilterSet, scoped, workspace_filter
from cjm.models import Journey, Stage
from feedback.choices import ReviewSource, Sentiment, SurveyKind, TrustLevel
from feedback.models import Response, Review, Survey
from touchpoints.models import Channel, Touchpoint


def touchpoint_filter():
    return django_filters.ModelChoiceFilter(
        queryset=scoped(Touchpoint, "stage__journey__workspace_id")
    )


def stage_filter():
    return django_filters.ModelChoiceFilter(queryset=scoped(Stage, "journey__workspace_id"))


class SurveyFilter(ApiFilterSet):
    workspace = workspace_filter()
    kind = django_filters.ChoiceFilter(choices=SurveyKind.choices)
    touchpoint = touchpoint_filter()
    stage = stage_filter()
    journey = django_filters.ModelChoiceFilter(queryset=scoped(Journey))

    class Meta:
        model = Survey
        fields = ["workspace", "kind", "is_active", "touchpoint", "stage", "journey"]


class ResponseFilter(ApiFilterSet):
    workspace = workspace_filter()
    survey = django_filters.ModelChoiceFilter(queryset=scoped(Survey))
    kind = django_filters.ChoiceFilter(choices=SurveyKind.choices)
    touchpoint = touchpoint_filter()
    stage = stage_filter()
    journey = django_filters.ModelChoiceFilter(queryset=scoped(Journey))
    channel = django_filters.ModelChoiceFilter(queryset=scoped(Channel))
    sentiment = django_filters.ChoiceFilter(choices=Sentiment.choices)
    customer = django_filters.CharFilter(field_name="customer_external_id", max_length=200)
    min_score = django_filters.NumberFilter(
        field_name="score", lookup_expr="gte", min_value=-100, max_value=100
    )
    max_score = django_filters.NumberFilter(
        field_name="score", lookup_expr="lte", min_value=-100, max_value=100
    )
    created_after = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = Response
        fields = ["workspace", "survey", "kind", "touchpoint", "stage", "journey", "channel"]


class ReviewFilter(ApiFilterSet):
    workspace = workspace_filter()
    source = django_filters.ChoiceFilter(choices=ReviewSource.choices)
    trust_level = django_filters.ChoiceFilter(choices=TrustLevel.choices)
    sentiment = django_filters.ChoiceFilter(choices=Sentiment.choices)
    grade = django_filters.NumberFilter(min_value=1, max_value=5)
    touchpoint = touchpoint_filter()
    stage = stage_filter()

    class Meta:
        model = Review
        fields = ["workspace", "source", "trust_level", "sentiment", "grade", "touchpoint", "stage"]
