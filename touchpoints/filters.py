"""FilterSets of channels, touchpoints, actions, comments and rating history (API lists), and
of the touchpoint register page (``TouchpointRegisterFilterSet``)."""

import django_filters as plain_filters
from django import forms
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as django_filters

from cjm.core.api.filtersets import ApiFilterSet, scoped, workspace_filter, workspace_members
from cjm.core.tenancy import Team, Workspace
from cjm.models import Journey, Stage
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


# --- The register page (touchpoints:touchpoint_list) --------------------------------------


class TouchpointRegisterFilterSet(plain_filters.FilterSet):
    """The filters of the touchpoint register: choices come from the page's workspace only.

    ``owner`` is "me", "none" (no person) or a member's id; ``team`` is "none" or a team id;
    ``critical``, ``overdue`` are "yes"/"no"; ``actions`` is "none" or "open"; ``sort`` is ""
    (map order), "importance" (most important first) or "rating" (worst first). Invalid values
    are shown as errors on the filter bar and ignored.
    """

    YES_NO = [("yes", _("Yes")), ("no", _("No"))]

    q = plain_filters.CharFilter(method="filter_q", max_length=200, label=_("Search"))
    journey = plain_filters.ModelChoiceFilter(
        field_name="stage__journey", queryset=Journey.objects.none(), label=_("Journey")
    )
    stage = plain_filters.ModelChoiceFilter(queryset=Stage.objects.none(), label=_("Stage"))
    rating = plain_filters.MultipleChoiceFilter(
        choices=Rating.choices, label=_("Rating"), widget=forms.CheckboxSelectMultiple
    )
    owner = plain_filters.ChoiceFilter(method="filter_owner", choices=(), label=_("Owner"))
    team = plain_filters.ChoiceFilter(method="filter_team", choices=(), label=_("Team"))
    channel = plain_filters.ModelChoiceFilter(queryset=Channel.objects.none(), label=_("Channel"))
    category = plain_filters.ChoiceFilter(choices=TouchpointCategory.choices, label=_("Category"))
    critical = plain_filters.ChoiceFilter(
        method="filter_critical", choices=YES_NO, label=_("Critical")
    )
    overdue = plain_filters.ChoiceFilter(
        method="filter_overdue", choices=YES_NO, label=_("Overdue action")
    )
    actions = plain_filters.ChoiceFilter(
        method="filter_actions",
        choices=[("none", _("No open action")), ("open", _("With open actions"))],
        label=_("Improvement actions"),
    )
    sort = plain_filters.ChoiceFilter(
        method="filter_sort",
        choices=[("importance", _("Most important first")), ("rating", _("Worst rating first"))],
        empty_label=_("Map order"),
        label=_("Sort"),
    )

    class Meta:
        model = Touchpoint
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, workspace=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        from cjm.core.tenancy import Membership

        self.workspace = workspace
        self.filters["journey"].queryset = Journey.objects.filter(workspace=workspace)
        stages = Stage.objects.filter(journey__workspace=workspace).select_related("journey")
        journey_id = (data or {}).get("journey", "")
        if str(journey_id).isdigit():
            stages = stages.filter(journey_id=journey_id)
        self.filters["stage"].queryset = stages.order_by("journey__title", "journey_id", "position")
        self.filters["channel"].queryset = Channel.objects.filter(workspace=workspace)
        members = (
            Membership.objects.filter(workspace=workspace)
            .select_related("user")
            .order_by("user__first_name", "user__last_name", "user__username")
        )
        self.filters["owner"].extra["choices"] = [
            ("me", _("Me")),
            ("none", _("Nobody")),
            *((str(m.user_id), m.user.get_full_name() or m.user.get_username()) for m in members),
        ]
        self.filters["owner"].extra["empty_label"] = _("Anyone")
        teams = Team.objects.filter(workspace=workspace).order_by("name")
        self.filters["team"].extra["choices"] = [
            ("none", _("No team")),
            *((str(t.pk), t.name) for t in teams),
        ]
        self.filters["team"].extra["empty_label"] = _("Any team")
        for name, label in (
            ("journey", _("All journeys")),
            ("stage", _("All stages")),
            ("channel", _("All channels")),
            ("category", _("All categories")),
            ("critical", _("Any")),
            ("overdue", _("Any")),
            ("actions", _("Any")),
        ):
            self.filters[name].extra["empty_label"] = label

    @property
    def form(self):
        form = super().form
        form.fields["stage"].label_from_instance = lambda stage: f"{stage.journey} · {stage}"
        return form

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset.alias(rating_rank=RATING_RANK))

    def filter_q(self, queryset, name, value):
        for word in value.split()[:10]:
            queryset = queryset.filter(Q(name__icontains=word) | Q(description__icontains=word))
        return queryset

    def filter_owner(self, queryset, name, value):
        if value == "me":
            return queryset.filter(owner_id=getattr(self.request.user, "pk", None))
        if value == "none":
            return queryset.filter(owner__isnull=True)
        return queryset.filter(owner_id=int(value))

    def filter_team(self, queryset, name, value):
        if value == "none":
            return queryset.filter(team__isnull=True)
        return queryset.filter(team_id=int(value))

    def filter_critical(self, queryset, name, value):
        return queryset.filter(is_critical=value == "yes")

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(has_overdue_action=value == "yes")

    def filter_actions(self, queryset, name, value):
        if value == "none":
            return queryset.filter(open_action_count=0)
        return queryset.filter(open_action_count__gt=0)

    def filter_sort(self, queryset, name, value):
        if value == "importance":
            return queryset.order_by("-importance", "rating_rank", "stage__journey__title", "id")
        return queryset.order_by("rating_rank", "-importance", "stage__journey__title", "id")
