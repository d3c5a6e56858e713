"""Serializers of stages (columns of a map), lanes (rows) and lane cells."""

from rest_framework import serializers

from cjm.choices import CELL_TEXT_MAX, EMOTION_MAX, EMOTION_MIN
from cjm.core.api.fields import (
    StrictBooleanField,
    StrictCharField,
    StrictIntegerField,
    StrictModelSerializer,
    WorkspaceScopedPrimaryKeyField,
)
from cjm.models import Journey, Lane, LaneCell, Stage
from cjm.services.steps import MAX_STEP

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
    step = StrictIntegerField(
        min_value=0,
        max_value=MAX_STEP,
        required=False,
        help_text="Alternative stages (branches) share a step; steps are ordered by their "
        "stages' positions. On create: default the next free step; an existing step adds an "
        "alternative right after its last stage. The stages of a step must stay adjacent "
        "(400 otherwise).",
    )
    is_optional = StrictBooleanField(
        required=False,
        help_text="The step may be skipped. The same for every stage of a step: setting it on "
        "one sets the step. On create: default the step's value (a new step: false).",
    )

    class Meta:
        model = Stage
        fields = [
            "id",
            "journey",
            "name",
            "description",
            "position",
            "step",
            "is_optional",
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
