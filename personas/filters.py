"""FilterSets of segments and personas: the API lists and the persona library page."""

from django.utils.translation import gettext_lazy as _
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
    """The one FilterSet of the persona list: ``personas/`` in the API and the persona library
    page, which passes its ``workspace`` (choices of that workspace) and ``lenient=True``."""

    search_fields = ("name", "role_title", "goals", "needs", "fears", "expectations", "quote")
    workspace = workspace_filter()
    segment = django_filters.ModelChoiceFilter(queryset=scoped(Segment), label=_("Segment"))
    channel = django_filters.ModelChoiceFilter(field_name="preferred_channels", queryset=_channels)
    ordering = django_filters.OrderingFilter(fields=("name", "created_at", "updated_at"))

    # What the persona library's filter bar shows.
    PAGE_FIELDS = ("segment",)

    class Meta:
        model = Persona
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, workspace=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        if workspace is not None:
            self.filters["segment"].queryset = Segment.objects.filter(workspace=workspace)
            self.filters["segment"].extra["empty_label"] = _("All segments")
            self.rebuild_fields("segment")
