"""Serializers of events, customers, mapping rules, unmapped track calls and file imports.

The bulk and track bodies are validated by the services (plain Python, fast); the serializers
named ``*Row*`` / ``*Call*`` here only document them in the OpenAPI schema.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cjm.core.api.fields import (
    StrictChoiceField,
    StrictModelSerializer,
    WorkspaceScopedPrimaryKeyField,
)
from cjm.core.tenancy import Workspace
from cjm.funnels.choices import ImportFormat
from cjm.funnels.models import Customer, Event, EventImport, EventMappingRule, UnmappedEvent
from cjm.models import Stage
from personas.models import Segment
from touchpoints.models import Channel, Touchpoint

# --- documentation of the ingestion bodies -------------------------------------------------


class BulkEventRowSerializer(serializers.Serializer):
    event_id = serializers.CharField(
        max_length=200, help_text="Your id of the event; a replay with the same id is ignored."
    )
    customer = serializers.CharField(max_length=200, help_text="Your id of the customer.")
    stage = serializers.IntegerField(help_text="A stage of one of your journeys.")
    touchpoint = serializers.IntegerField(
        required=False, allow_null=True, help_text="A touchpoint of that stage."
    )
    channel = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="A channel of the workspace; default: the touchpoint's channel.",
    )
    occurred_at = serializers.DateTimeField(help_text="ISO 8601 with a time zone.")
    segment = serializers.IntegerField(
        required=False, allow_null=True, help_text="Sets the customer's segment."
    )
    properties = serializers.DictField(required=False, help_text="Anything else, kept as is.")


class IngestResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    duplicates = serializers.IntegerField()


class TrackCallSerializer(serializers.Serializer):
    messageId = serializers.CharField(max_length=200)  # noqa: N815 (the analytics tools' name)
    userId = serializers.CharField(max_length=200)  # noqa: N815
    event = serializers.CharField(max_length=200)
    timestamp = serializers.DateTimeField()
    properties = serializers.DictField(required=False)


class TrackResultSerializer(IngestResultSerializer):
    unmapped = serializers.IntegerField(help_text="Calls no mapping rule matched (kept).")


class QueuedSerializer(serializers.Serializer):
    detail = serializers.CharField()


# --- events and customers -------------------------------------------------------------------


class EventSerializer(serializers.ModelSerializer):
    customer_external_id = serializers.CharField(source="customer.external_id", read_only=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "workspace",
            "event_id",
            "customer",
            "customer_external_id",
            "stage",
            "touchpoint",
            "channel",
            "occurred_at",
            "properties",
            "received_at",
        ]
        read_only_fields = fields


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class TimelineEventSerializer(serializers.ModelSerializer):
    """One event of the omnichannel timeline, with the names needed to show it."""

    journey = serializers.SerializerMethodField()
    stage = NamedSerializer()
    touchpoint = NamedSerializer(allow_null=True)
    channel = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "event_id",
            "occurred_at",
            "journey",
            "stage",
            "touchpoint",
            "channel",
            "properties",
        ]
        read_only_fields = fields

    @extend_schema_field(NamedSerializer)
    def get_journey(self, event) -> dict:
        return {"id": event.stage.journey_id, "name": event.stage.journey.title}

    @extend_schema_field(
        serializers.DictField(allow_null=True, help_text="`id`, `name`, `kind` (online/offline)")
    )
    def get_channel(self, event) -> dict | None:
        channel = event.channel
        if channel is None:
            return None
        return {"id": channel.pk, "name": channel.name, "kind": channel.kind}


@extend_schema_field({"type": "object", "additionalProperties": True})
class JSONObjectField(serializers.DictField):
    """A JSON object with any keys and values."""


class CustomerSerializer(StrictModelSerializer):
    segment = WorkspaceScopedPrimaryKeyField(
        queryset=Segment.objects.all(), allow_null=True, required=False
    )
    attributes = JSONObjectField(
        required=False, help_text="Free-form properties of the customer (a JSON object)."
    )

    class Meta:
        model = Customer
        fields = [
            "id",
            "workspace",
            "external_id",
            "segment",
            "attributes",
            "first_seen_at",
            "last_seen_at",
            "created_at",
        ]
        read_only_fields = [
            "workspace",
            "external_id",
            "first_seen_at",
            "last_seen_at",
            "created_at",
        ]


# --- mapping rules and unmapped calls --------------------------------------------------------


class EventMappingRuleSerializer(StrictModelSerializer):
    workspace = WorkspaceScopedPrimaryKeyField(
        queryset=Workspace.objects.all(), workspace_path="pk"
    )
    stage = WorkspaceScopedPrimaryKeyField(
        queryset=Stage.objects.all(), workspace_path="journey__workspace_id"
    )
    touchpoint = WorkspaceScopedPrimaryKeyField(
        queryset=Touchpoint.objects.all(),
        workspace_path="stage__journey__workspace_id",
        allow_null=True,
        required=False,
    )
    channel = WorkspaceScopedPrimaryKeyField(
        queryset=Channel.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = EventMappingRule
        fields = [
            "id",
            "workspace",
            "event_name",
            "property_name",
            "property_value",
            "stage",
            "touchpoint",
            "channel",
            "created_at",
        ]
        validators = []


class EventMappingRuleUpdateSerializer(EventMappingRuleSerializer):
    class Meta(EventMappingRuleSerializer.Meta):
        read_only_fields = ["workspace"]


class UnmappedEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = UnmappedEvent
        fields = [
            "id",
            "workspace",
            "message_id",
            "user_id",
            "event_name",
            "occurred_at",
            "properties",
            "received_at",
        ]
        read_only_fields = fields


class UnmappedSummarySerializer(serializers.Serializer):
    workspace = serializers.IntegerField(source="workspace_id")
    event_name = serializers.CharField()
    calls = serializers.IntegerField()
    last_received_at = serializers.DateTimeField()


# --- file imports --------------------------------------------------------------------------


class EventImportSerializer(serializers.ModelSerializer):
    class Meta:
        model = EventImport
        fields = [
            "id",
            "workspace",
            "file_name",
            "format",
            "skip_bad_rows",
            "status",
            "progress",
            "rows_total",
            "created_count",
            "duplicate_count",
            "error_count",
            "errors",
            "error_message",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields


class FormWorkspaceField(WorkspaceScopedPrimaryKeyField):
    """A workspace id sent as a form field (multipart sends every value as text)."""

    def to_internal_value(self, data):
        if isinstance(data, str) and data.strip().isdigit():
            data = int(data.strip())
        return super().to_internal_value(data)


class EventImportCreateSerializer(serializers.Serializer):
    workspace = FormWorkspaceField(queryset=Workspace.objects.all(), workspace_path="pk")
    file = serializers.FileField(help_text="CSV (with a header row) or NDJSON, UTF-8.")
    format = StrictChoiceField(
        choices=ImportFormat.choices,
        required=False,
        help_text="Default: from the file name (.csv, .ndjson, .jsonl).",
    )
    skip_bad_rows = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Store the good rows and report the bad ones (default: nothing is stored "
        "if any row is bad).",
    )


__all__ = [
    "BulkEventRowSerializer",
    "CustomerSerializer",
    "EventImportCreateSerializer",
    "EventImportSerializer",
    "EventMappingRuleSerializer",
    "EventMappingRuleUpdateSerializer",
    "EventSerializer",
    "IngestResultSerializer",
    "QueuedSerializer",
    "TimelineEventSerializer",
    "TrackCallSerializer",
    "TrackResultSerializer",
    "UnmappedEventSerializer",
    "UnmappedSummarySerializer",
]
