"""FilterSets of channels, touchpoints, actions, comments and rating history: one per list,
used by the API and by the page that shows the same list (``TouchpointFilterSet``: the
touchpoints API and the register)."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from cjm.core.api.filtersets import ApiFilterSet, scoped, workspace_filter, workspace_members
from cjm.core.display import display_name
from cjm.core.scoping import (
    colleague_list,
    member_workspace_ids,
    workspace_member_list,
    workspace_team_list,
)
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


def _no_choices() -> list:
    """Choices filled per request (``TouchpointFilterSet.__init__``): callable, so the OpenAPI
    schema lists no enum for them."""
    return []


@extend_schema_field(OpenApiTypes.STR)
class PersonFilter(django_filters.ChoiceFilter):
    """A member's id, ``me`` (the caller) or ``none`` (nobody)."""


@extend_schema_field(OpenApiTypes.STR)
class TeamFilter(django_filters.ChoiceFilter):
    """A team's id, or ``none`` (no team)."""


class TouchpointOrderingFilter(django_filters.OrderingFilter):
    """``ordering`` with the register's tie-breaks: the most important first among equally
    rated ones and the worst rated first among equally important ones, then map order."""

    THEN = {"importance": ("rating_rank",), "rating_rank": ("-importance",)}
    MAP_ORDER = ("stage__journey__title", "stage__position", "position", "id")

    def filter(self, queryset, value):
        if not value:
            return queryset
        keys = []
        for param in value:
            descending = param.startswith("-")
            field = self.param_map[param.lstrip("-")]
            keys.append(f"-{field}" if descending else field)
            keys.extend(self.THEN.get(field, ()))
        keys.extend(key for key in self.MAP_ORDER if key not in keys)
        return queryset.order_by(*keys)


class TouchpointFilterSet(ApiFilterSet):
    """The one FilterSet of the touchpoint list: the API's ``touchpoints/`` and the register
    page (``touchpoints:touchpoint_list``) filter with it, by the same names.

    ``owner`` is a member's id, ``me`` or ``none`` (nobody); ``team`` a team's id or ``none``;
    ``open_actions`` is ``none`` or ``open``; ``ordering`` is ``importance``, ``rating`` (worst
    first), ``position``, ``name`` or ``updated_at`` (``-`` before it: descending).

    The API passes the request: choices are the caller's workspaces'. The register also passes
    ``workspace`` (choices are that workspace's, with names) and ``lenient=True`` (a value that
    is not valid is shown beside its field and ignored instead of answering 400).
    """

    search_fields = ("name", "description")
    workspace = workspace_filter("stage__journey__workspace")
    journey = django_filters.ModelChoiceFilter(
        field_name="stage__journey", queryset=scoped(Journey), label=_("Journey")
    )
    stage = django_filters.ModelChoiceFilter(
        queryset=scoped(Stage, "journey__workspace_id"), label=_("Stage")
    )
    rating = django_filters.MultipleChoiceFilter(
        choices=Rating.choices, label=_("Rating"), widget=forms.CheckboxSelectMultiple
    )
    owner = PersonFilter(method="filter_owner", choices=_no_choices, label=_("Owner"))
    team = TeamFilter(method="filter_team", choices=_no_choices, label=_("Team"))
    channel = django_filters.ModelChoiceFilter(queryset=scoped(Channel), label=_("Channel"))
    category = django_filters.ChoiceFilter(choices=TouchpointCategory.choices, label=_("Category"))
    is_critical = django_filters.BooleanFilter(label=_("Critical"))
    has_overdue_action = django_filters.BooleanFilter(label=_("Overdue action"))
    open_actions = django_filters.ChoiceFilter(
        method="filter_open_actions",
        choices=[("none", _("No open action")), ("open", _("With open actions"))],
        label=_("Improvement actions"),
    )
    # The outcome cached by the evidence slice (cjm/evidence/models.py, reached by its relation
    # name: no import, the evidence slice stands above this one), current for the done time.
    action_impact = django_filters.ChoiceFilter(
        method="filter_action_impact",
        choices=[
            ("worked", _("A done action worked")),
            ("did_not_work", _("A done action did not work")),
            ("too_early", _("Too early to tell")),
        ],
        label=_("Measured impact"),
        help_text=_("Touchpoints with a done action whose measured impact is this."),
    )
    importance_min = django_filters.NumberFilter(
        field_name="importance",
        lookup_expr="gte",
        min_value=IMPORTANCE_MIN,
        max_value=IMPORTANCE_MAX,
        label=_("Importance at least."),
    )
    ordering = TouchpointOrderingFilter(
        fields=(
            ("importance", "importance"),
            ("rating_rank", "rating"),
            ("position", "position"),
            ("name", "name"),
            ("updated_at", "updated_at"),
        ),
        label=_("Sort"),
        help_text=_("Sort by importance, rating (worst first), position, name or updated_at."),
    )

    # What the register's filter bar shows, in this order (the API takes them all).
    PAGE_FIELDS = (
        "search",
        "journey",
        "stage",
        "owner",
        "team",
        "channel",
        "category",
        "is_critical",
        "has_overdue_action",
        "open_actions",
        "action_impact",
        "ordering",
    )

    class Meta:
        model = Touchpoint
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, workspace=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        self.workspace = workspace
        user = getattr(request, "user", None)
        if workspace is not None:
            people = workspace_member_list(workspace_id=workspace.pk)
            teams = workspace_team_list(workspace_id=workspace.pk)
            self._narrow_to(workspace, data)
        elif user is not None and user.is_authenticated:
            people = colleague_list(user=user)
            teams = Team.objects.filter(workspace_id__in=member_workspace_ids(user))
        else:
            people, teams = get_user_model().objects.none(), Team.objects.none()
        self.filters["owner"].extra["choices"] = lambda: [
            ("me", _("Me")),
            ("none", _("Nobody")),
            *((str(person.pk), display_name(person)) for person in people),
        ]
        self.filters["team"].extra["choices"] = lambda: [
            ("none", _("No team")),
            *((str(team.pk), team.name) for team in teams),
        ]
        self.rebuild_fields(*self.filters)

    def _narrow_to(self, workspace, data) -> None:
        """The register's choices: its workspace's journeys, stages (of the chosen journey) and
        channels, with the empty choice of each select named."""
        self.filters["journey"].queryset = Journey.objects.filter(workspace=workspace)
        stages = Stage.objects.filter(journey__workspace=workspace).select_related("journey")
        journey_id = (data or {}).get("journey", "")
        if str(journey_id).isdigit():
            stages = stages.filter(journey_id=journey_id)
        self.filters["stage"].queryset = stages.order_by("journey__title", "journey_id", "position")
        self.filters["channel"].queryset = Channel.objects.filter(workspace=workspace)
        self.filters["search"].label = _("Search")
        self.filters["ordering"].extra["choices"] = [
            ("-importance", _("Most important first")),
            ("rating", _("Worst rating first")),
        ]
        for name, label in (
            ("journey", _("All journeys")),
            ("stage", _("All stages")),
            ("owner", _("Anyone")),
            ("team", _("Any team")),
            ("channel", _("All channels")),
            ("category", _("All categories")),
            ("open_actions", _("Any")),
            ("action_impact", _("Any")),
            ("ordering", _("Map order")),
        ):
            self.filters[name].extra["empty_label"] = label
        for name in ("is_critical", "has_overdue_action"):
            self.filters[name].extra["widget"] = forms.Select(
                choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))]
            )

    @property
    def form(self):
        form = super().form
        if self.workspace is not None:
            form.fields["stage"].label_from_instance = lambda stage: f"{stage.journey} · {stage}"
        return form

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset.alias(rating_rank=RATING_RANK))

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

    def filter_open_actions(self, queryset, name, value):
        if value == "none":
            return queryset.filter(open_action_count=0)
        return queryset.filter(open_action_count__gt=0)

    def filter_action_impact(self, queryset, name, value):
        measured = ImprovementAction.objects.filter(
            status=ActionStatus.DONE, outcome__outcome=value, outcome__done_at=F("done_at")
        )
        return queryset.filter(pk__in=measured.values("touchpoint_id"))


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
