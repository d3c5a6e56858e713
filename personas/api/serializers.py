"""Serializers of segments and personas. The workspace is fixed once created."""

from rest_framework import serializers

from cjm.core.api.fields import StrictModelSerializer, WorkspaceScopedPrimaryKeyField
from cjm.core.tenancy import Workspace
from personas.models import Persona, Segment
from touchpoints.models import Channel


class SegmentSerializer(StrictModelSerializer):
    workspace = WorkspaceScopedPrimaryKeyField(
        queryset=Workspace.objects.all(), workspace_path="pk"
    )

    class Meta:
        model = Segment
        fields = ["id", "workspace", "name", "description", "created_at", "updated_at"]
        validators = []


class SegmentUpdateSerializer(SegmentSerializer):
    class Meta(SegmentSerializer.Meta):
        read_only_fields = ["workspace"]


class PersonaSerializer(StrictModelSerializer):
    workspace = WorkspaceScopedPrimaryKeyField(
        queryset=Workspace.objects.all(), workspace_path="pk"
    )
    segment = WorkspaceScopedPrimaryKeyField(
        queryset=Segment.objects.all(), allow_null=True, required=False
    )
    preferred_channels = WorkspaceScopedPrimaryKeyField(
        queryset=Channel.objects.all(), many=True, required=False
    )

    class Meta:
        model = Persona
        fields = [
            "id",
            "workspace",
            "segment",
            "name",
            "role_title",
            "avatar_url",
            "demographic",
            "geographic",
            "psychographic",
            "socio_economic",
            "goals",
            "needs",
            "thoughts",
            "emotions",
            "fears",
            "expectations",
            "quote",
            "preferred_channels",
            "version",
            "updated_by",
            "created_at",
            "updated_at",
        ]
        validators = []


class PersonaUpdateSerializer(PersonaSerializer):
    class Meta(PersonaSerializer.Meta):
        read_only_fields = ["workspace"]


class PersonaBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Persona
        fields = ["id", "name", "segment", "avatar_url"]
        read_only_fields = fields
