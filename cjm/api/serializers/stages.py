"""Serializers of stages (columns of a map), lanes (rows) and lane cells."""

from rest_framework import serializers

from cjm.choices import CELL_TEXT_MAX, EMOTION_MAX, EMOTION_MIN
from cjm.core.api.fields import (
    StrictCharField,
    StrictIntegerField,
    StrictModelSerializer,
    WorkspaceScopedPrimaryKeyField,
)
from cjm.models import Journey, Lane, LaneCell, Stage

MAX_POSITION = 100_000


def position_field(parent: str) -> StrictIntegerField:
    return StrictIntegerField(
        min_value=0,
        max_value=MAX_POSITION,
        required=False,
        help_text=f"0-based order within the {parent}; on create, the later ones shift "
        "(default: last). Change it afterwards with the move action.",
    )


class StageSerializer(StrictModelSerializer):
    journey = WorkspaceScopedPrimaryKeyField(queryset=Journey.objects.all())
    position = position_field("journey")

    class Meta:
        model = Stage
        fields = [
            "id",
            "journey",
            "name",
            "description",
            "position",
            "moment_of_truth",
            "purchase_phase",
            "version",
            "updated_by",
            "created_at",
            "updated_at",
        ]
        validators = []


class StageUpdateSerializer(StageSerializer):
    class Meta(StageSerializer.Meta):
        read_only_fields = ["journey", "position"]


class LaneSerializer(StrictModelSerializer):
    journey = WorkspaceScopedPrimaryKeyField(queryset=Journey.objects.all())
    position = position_field("journey")

    class Meta:
        model = Lane
        fields = [
            "id",
            "journey",
            "kind",
            "name",
            "position",
            "is_hidden",
            "version",
            "updated_by",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {"kind": {"required": False}}
        validators = []


class LaneUpdateSerializer(LaneSerializer):
    class Meta(LaneSerializer.Meta):
        read_only_fields = ["journey", "kind", "position"]


class LaneCellSerializer(StrictModelSerializer):
    class Meta:
        model = LaneCell
        fields = ["id", "lane", "stage", "text", "emotion_score", "version", "updated_at"]
        read_only_fields = fields


class LaneCellWriteSerializer(serializers.Serializer):
    """The body of ``PUT lanes/{id}/cells/{stage_id}/``: what to write into the cell."""

    text = StrictCharField(required=False, allow_blank=True, max_length=CELL_TEXT_MAX)
    emotion_score = StrictIntegerField(
        required=False,
        allow_null=True,
        min_value=EMOTION_MIN,
        max_value=EMOTION_MAX,
        help_text="Only on the emotions lane: the customer's mood at this stage.",
    )
