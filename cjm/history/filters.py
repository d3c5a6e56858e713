"""The audit log's one FilterSet: the API's ``changes/`` and the activity feed page."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as django_filters

from cjm.core import changes
from cjm.core.api.filtersets import ApiFilterSet, workspace_filter, workspace_members
from cjm.history.models import ChangeRecord, ChangeRecordJourney

OBJECT_TYPE_CHOICES = [(name, name) for name in changes.OBJECT_TYPES]


class ChangeRecordFilterSet(ApiFilterSet):
    workspace = workspace_filter()
    journey = django_filters.NumberFilter(
        method="filter_journey", min_value=1, label=_("Journey id: changes of this map.")
    )
    object_type = django_filters.ChoiceFilter(choices=OBJECT_TYPE_CHOICES)
    object_id = django_filters.NumberFilter(min_value=1)
    since = django_filters.IsoDateTimeFilter(
        field_name="at", lookup_expr="gte", label=_("Changes at or after this moment.")
    )
    until = django_filters.IsoDateTimeFilter(
        field_name="at", lookup_expr="lte", label=_("Changes at or before this moment.")
    )
    actor = django_filters.ModelChoiceFilter(
        queryset=workspace_members, label=_("User id: changes made by this person.")
    )
    source = django_filters.ChoiceFilter(choices=[(source, source) for source in changes.SOURCES])

    class Meta:
        model = ChangeRecord
        fields = []

    def filter_journey(self, queryset, name, value):
        several = ChangeRecordJourney.objects.filter(journey_id=value).values("record_id")
        return queryset.filter(Q(journey_id=value) | Q(pk__in=several))
