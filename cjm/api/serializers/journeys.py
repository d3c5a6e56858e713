"""Serializers of journeys: the list summary, the create/update bodies and the whole map."""

from rest_framework import serializers

from cjm.api.serializers.stages import LaneCellSerializer, LaneSerializer, StageSerializer
from cjm.core.api.fields import (
    StrictBooleanField,
    StrictCharField,
    StrictModelSerializer,
    WorkspaceScopedPrimaryKeyField,
)
from cjm.core.tenancy import Workspace
from cjm.models import Journey
from personas.api.serializers import PersonaBriefSerializer
from personas.models import Persona, Segment
from touchpoints.api.serializers import TouchpointSerializer

JOURNEY_FIELDS = [
    "id",
    "workspace",
    "title",
    "description",
    "segment",
    "personas",
    "state",
    "status",
    "version",
    "created_by",
    "updated_by",
    "created_at",
    "updated_at",
]


class JourneyWriteFieldsMixin(serializers.Serializer):
    segment = WorkspaceScopedPrimaryKeyField(
        queryset=Segment.objects.all(), allow_null=True, required=False
    )
    personas = WorkspaceScopedPrimaryKeyField(
        queryset=Persona.objects.all(), many=True, required=False
    )


class JourneySerializer(JourneyWriteFieldsMixin, StrictModelSerializer):
    """A journey as lists show it, with counts of what is on the map."""

    workspace = WorkspaceScopedPrimaryKeyField(
        queryset=Workspace.objects.all(), workspace_path="pk"
    )
    stage_count = serializers.IntegerField(read_only=True)
    touchpoint_count = serializers.IntegerField(read_only=True)
    awful_count = serializers.IntegerField(read_only=True, help_text="Touchpoints rated awful.")
    open_action_count = serializers.IntegerField(
        read_only=True, help_text="Improvement actions open or in progress."
    )

    class Meta:
        model = Journey
        fields = [
            *JOURNEY_FIELDS,
            "stage_count",
            "touchpoint_count",
            "awful_count",
            "open_action_count",
        ]
        read_only_fields = ["created_by"]
        validators = []


class JourneyCreateSerializer(JourneySerializer):
    stage_names = serializers.ListField(
        child=StrictCharField(max_length=200),
        max_length=100,
        required=False,
        write_only=True,
        help_text="Stages to create, in order.",
    )
    with_standard_lanes = StrictBooleanField(
        required=False,
        default=True,
        write_only=True,
        help_text="Start with the standard lanes (goals, actions, touchpoints, ...).",
    )

    template = StrictCharField(
        max_length=100,
        required=False,
        write_only=True,
        help_text=(
            "Start from a template (an id of GET templates/): its lanes, stages and "
            "touchpoints; stage_names and with_standard_lanes are then ignored."
        ),
    )

    class Meta(JourneySerializer.Meta):
        fields = [*JourneySerializer.Meta.fields, "stage_names", "with_standard_lanes", "template"]


class JourneyUpdateSerializer(JourneySerializer):
    class Meta(JourneySerializer.Meta):
        read_only_fields = ["created_by", "workspace"]


class JourneyCopySerializer(serializers.Serializer):
    title = StrictCharField(max_length=200)
    state = serializers.ChoiceField(
        choices=Journey._meta.get_field("state").choices, required=False
    )


class SegmentBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Segment
        fields = ["id", "name"]
        read_only_fields = fields


class MapStageSerializer(StageSerializer):
    touchpoints = TouchpointSerializer(many=True, read_only=True)

    class Meta(StageSerializer.Meta):
        fields = [*StageSerializer.Meta.fields, "touchpoints"]


class MapLaneSerializer(LaneSerializer):
    cells = LaneCellSerializer(many=True, read_only=True)

    class Meta(LaneSerializer.Meta):
        fields = [*LaneSerializer.Meta.fields, "cells"]


class JourneyMapSerializer(StrictModelSerializer):
    """The whole map: stages in order with their touchpoints, lanes in order with their cells."""

    segment_detail = SegmentBriefSerializer(source="segment", read_only=True, allow_null=True)
    persona_details = PersonaBriefSerializer(source="personas", many=True, read_only=True)
    stages = MapStageSerializer(many=True, read_only=True)
    lanes = MapLaneSerializer(many=True, read_only=True)

    class Meta:
        model = Journey
        fields = [*JOURNEY_FIELDS, "segment_detail", "persona_details", "stages", "lanes"]
        read_only_fields = fields
