"""FilterSets of segments and personas (API lists)."""

from django_filters import rest_framework as django_filters

from cjm.core.api.filtersets import ApiFilterSet, scoped, workspace_filter
from personas.models import Persona, Segment
from touchpoints.models import Channel


class SegmentFilterSet(ApiFilterSet):
    search_fields = ("name", "description")
    workspace = workspace_filter()
    ordering = django_filters.OrderingFilter(fields=("name", "created_at"))

    class Meta:
        model = Segment
        fields = []


def _channels(request):
    return scoped(Channel)(request)


class PersonaFilterSet(ApiFilterSet):
    search_fields = ("name", "role_title", "goals", "needs", "fears", "expectations", "quote")
    workspace = workspace_filter()
    segment = django_filters.ModelChoiceFilter(queryset=scoped(Segment))
    channel = django_filters.ModelChoiceFilter(field_name="preferred_channels", queryset=_channels)
    ordering = django_filters.OrderingFilter(fields=("name", "created_at", "updated_at"))

    class Meta:
        model = Persona
        fields = []
