"""``changes/``: the audit log, newest first, of the caller's workspaces (viewers may read)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from cjm.core import changes
from cjm.core.api.schema import list_errors, read_errors
from cjm.history import selectors
from cjm.history.filters import ChangeRecordFilterSet
from cjm.history.models import ChangeRecord


class ChangeRecordSerializer(serializers.ModelSerializer):
    fields = serializers.JSONField(
        help_text='{"<field name>": {"old": ..., "new": ...}}: the values before and after.'
    )

    class Meta:
        model = ChangeRecord
        fields = [
            "id",
            "at",
            "actor",
            "source",
            "object_type",
            "object_id",
            "object_repr",
            "verb",
            "fields",
            "workspace",
            "journey",
        ]
        read_only_fields = fields

    source = serializers.ChoiceField(
        choices=list(changes.SOURCES),
        help_text="Where the change came from: ui (pages), api, admin, system (jobs, commands).",
    )
    journey = serializers.IntegerField(
        source="journey_id",
        allow_null=True,
        help_text="The map the change is drawn on (null: several, all or none).",
    )


@extend_schema_view(
    list=extend_schema(
        tags=["changes"], responses={200: ChangeRecordSerializer(many=True), **list_errors()}
    ),
    retrieve=extend_schema(
        tags=["changes"], responses={200: ChangeRecordSerializer, **read_errors()}
    ),
)
class ChangeRecordViewSet(viewsets.ReadOnlyModelViewSet):
    """Who changed what, when and from where (browser, API, admin, system), field by field."""

    serializer_class = ChangeRecordSerializer
    filterset_class = ChangeRecordFilterSet

    def get_queryset(self):
        return selectors.change_list(user=self.request.user)
