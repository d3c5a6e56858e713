"""FilterSets of channels, touchpoints, actions, comments and rating history (API lists)."""

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as django_filters

from cjm.core.api.filtersets import ApiFilterSet, scoped, workspace_filter, workspace_members
from cjm.models import Journey, Stage, Team, Workspace
from touchpoints.choices import (
    IMPORTANCE_MAX,
    IMPORTANCE_MIN,
    ActionStatus,
    ChannelKind,
    ChannelMedium,
    Rating,
    TouchpointCategory,
)
from touchpoints.models import Channel, Comment, ImprovementAction, RatingChange, Touchpoint

scoped_workspaces = scoped(Workspace, "pk")

# Sorting by rating goes from worst to best: awful, so-so, excellent, then not rated.
RATING_RANK = Case(
    When(rating=Rating.AWFUL, then=Value(1)),
    When(rating=Rating.SO_SO, then=Value(2)),
    When(rating=Rating.EXCELLENT, then=Value(3)),
    default=Value(4),
    output_field=IntegerField(),
)


class ChannelFilterSet(ApiFilterSet):
    search_fields = ("name",)
    workspace = workspace_filter()
    kind = django_filters.ChoiceFilter(choices=ChannelKind.choices)
    medium = django_filters.ChoiceFilter(choices=ChannelMedium.choices)
    ordering = django_filters.OrderingFilter(fields=("name", "kind", "medium"))

    class Meta:
        model = Channel
        fields = []


class TouchpointFilterSet(ApiFilterSet):
    search_fields = ("name", "description")
    workspace = workspace_filter("stage__journey__workspace")
    journey = django_filters.ModelChoiceFilter(
        field_name="stage__journey", queryset=scoped(Journey)
    )
    stage = django_filters.ModelChoiceFilter(queryset=scoped(Stage, "journey__workspace_id"))
    rating = django_filters.MultipleChoiceFilter(choices=Rating.choices)
    category = django_filters.ChoiceFilter(choices=TouchpointCategory.choices)
    owner = django_filters.ModelChoiceFilter(queryset=workspace_members)
    team = django_filters.ModelChoiceFilter(queryset=scoped(Team))
    channel = django_filters.ModelChoiceFilter(queryset=scoped(Channel))
    is_critical = django_filters.BooleanFilter()
    has_overdue_action = django_filters.BooleanFilter()
    importance_min = django_filters.NumberFilter(
        field_name="importance",
        lookup_expr="gte",
        min_value=IMPORTANCE_MIN,
        max_value=IMPORTANCE_MAX,
        label=_("Importance at least."),
    )
    ordering = django_filters.OrderingFilter(
        fields=(
            ("importance", "importance"),
            ("rating_rank", "rating"),
            ("position", "position"),
            ("name", "name"),
            ("updated_at", "updated_at"),
        ),
        label=_("Sort by importance, rating (worst first), position, name or updated_at."),
    )

    class Meta:
        model = Touchpoint
        fields = []

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset.alias(rating_rank=RATING_RANK))


class ActionFilterSet(ApiFilterSet):
    search_fields = ("title", "description")
    workspace = workspace_filter("touchpoint__stage__journey__workspace")
    journey = django_filters.ModelChoiceFilter(
        field_name="touchpoint__stage__journey", queryset=scoped(Journey)
    )
    touchpoint = django_filters.ModelChoiceFilter(
        queryset=scoped(Touchpoint, "stage__journey__workspace_id")
    )
    assignee = django_filters.ModelChoiceFilter(queryset=workspace_members)
    status = django_filters.MultipleChoiceFilter(choices=ActionStatus.choices)
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte")
    ordering = django_filters.OrderingFilter(fields=("due_date", "status", "title", "updated_at"))

    class Meta:
        model = ImprovementAction
        fields = []


class CommentFilterSet(ApiFilterSet):
    search_fields = ("body",)
    workspace = django_filters.ModelChoiceFilter(
        queryset=scoped_workspaces,
        method="filter_workspace",
        label=_("Workspace id: only objects of this workspace."),
    )
    touchpoint = django_filters.ModelChoiceFilter(
        queryset=scoped(Touchpoint, "stage__journey__workspace_id")
    )
    stage = django_filters.ModelChoiceFilter(queryset=scoped(Stage, "journey__workspace_id"))

    class Meta:
        model = Comment
        fields = []

    def filter_workspace(self, queryset, name, value: int):
        return queryset.filter(
            Q(touchpoint__stage__journey__workspace=value) | Q(stage__journey__workspace=value)
        )


class RatingChangeFilterSet(ApiFilterSet):
    workspace = workspace_filter("touchpoint__stage__journey__workspace")
    touchpoint = django_filters.ModelChoiceFilter(
        queryset=scoped(Touchpoint, "stage__journey__workspace_id")
    )
    journey = django_filters.ModelChoiceFilter(
        field_name="touchpoint__stage__journey", queryset=scoped(Journey)
    )

    class Meta:
        model = RatingChange
        fields = []
