"""FilterSets of the journeys app (API lists): workspaces, teams, journeys, stages, lanes, cells."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as django_filters

from cjm.choices import JourneyState, JourneyStatus, LaneKind
from cjm.core.api.filtersets import ApiFilterSet, scoped, workspace_filter, workspace_members
from cjm.core.roles import Role
from cjm.core.tenancy import Membership, Team, Workspace
from cjm.models import Journey, Lane, LaneCell, Stage
from personas.models import Persona, Segment


class WorkspaceFilterSet(ApiFilterSet):
    search_fields = ("name", "slug")
    ordering = django_filters.OrderingFilter(fields=("name", "created_at"))

    class Meta:
        model = Workspace
        fields = []


class MembershipFilterSet(ApiFilterSet):
    search_fields = ("user__username", "user__first_name", "user__last_name", "user__email")
    role = django_filters.ChoiceFilter(choices=Role.choices)

    class Meta:
        model = Membership
        fields = []


class TeamFilterSet(ApiFilterSet):
    search_fields = ("name", "description")
    workspace = workspace_filter()
    member = django_filters.ModelChoiceFilter(
        field_name="members", queryset=workspace_members, label=_("Teams with this user.")
    )
    ordering = django_filters.OrderingFilter(fields=("name", "created_at"))

    class Meta:
        model = Team
        fields = []


def _personas(request):
    return scoped(Persona)(request)


def _segments(request):
    return scoped(Segment)(request)


class JourneyFilterSet(ApiFilterSet):
    """The one FilterSet of the journey list: ``journeys/`` in the API and the journey list
    page, which passes its ``workspace`` (choices of that workspace; ``status`` may also be
    ``all``, and with no status the page hides archived maps) and ``lenient=True``."""

    search_fields = ("title", "description")
    workspace = workspace_filter()
    segment = django_filters.ModelChoiceFilter(queryset=_segments, label=_("Segment"))
    persona = django_filters.ModelChoiceFilter(field_name="personas", queryset=_personas)
    state = django_filters.ChoiceFilter(choices=JourneyState.choices)
    status = django_filters.ChoiceFilter(
        choices=JourneyStatus.choices, method="filter_status", label=_("Status")
    )
    ordering = django_filters.OrderingFilter(fields=("title", "status", "created_at", "updated_at"))

    # What the journey list page's filter bar shows.
    PAGE_FIELDS = ("status", "segment")

    class Meta:
        model = Journey
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, workspace=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        self.workspace = workspace
        if workspace is not None:
            self.filters["segment"].queryset = Segment.objects.filter(workspace=workspace)
            self.filters["segment"].extra["empty_label"] = _("All segments")
            self.filters["status"].extra["choices"] = [
                ("all", _("All statuses")),
                *JourneyStatus.choices,
            ]
            self.filters["status"].extra["empty_label"] = _("Not archived")
            self.rebuild_fields("segment", "status")

    def filter_status(self, queryset, name, value):
        return queryset if value == "all" else queryset.filter(status=value)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.workspace is not None and not self.form.cleaned_data.get("status"):
            queryset = queryset.exclude(status=JourneyStatus.ARCHIVED)
        return queryset


class StageFilterSet(ApiFilterSet):
    search_fields = ("name", "description")
    workspace = workspace_filter("journey__workspace")
    journey = django_filters.ModelChoiceFilter(queryset=scoped(Journey))

    class Meta:
        model = Stage
        fields = []


class LaneFilterSet(ApiFilterSet):
    search_fields = ("name",)
    workspace = workspace_filter("journey__workspace")
    journey = django_filters.ModelChoiceFilter(queryset=scoped(Journey))
    kind = django_filters.ChoiceFilter(choices=LaneKind.choices)
    is_hidden = django_filters.BooleanFilter()

    class Meta:
        model = Lane
        fields = []


class LaneCellFilterSet(ApiFilterSet):
    search_fields = ("text",)
    workspace = workspace_filter("lane__journey__workspace")
    journey = django_filters.ModelChoiceFilter(field_name="lane__journey", queryset=scoped(Journey))
    lane = django_filters.ModelChoiceFilter(queryset=scoped(Lane, "journey__workspace_id"))
    stage = django_filters.ModelChoiceFilter(queryset=scoped(Stage, "journey__workspace_id"))

    class Meta:
        model = LaneCell
        fields = []
