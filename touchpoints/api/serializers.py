"""Serializers of channels, touchpoints, improvement actions, comments and rating history.

Response serializers carry every field; ``*UpdateSerializer`` classes are the PUT/PATCH bodies,
where the parent (``stage``, ``touchpoint``, ``workspace``) and the position are fixed: moving is
``POST touchpoints/{id}/move/``.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cjm.core.api.fields import (
    StrictCharField,
    StrictIntegerField,
    StrictModelSerializer,
    WorkspaceMemberField,
    WorkspaceScopedPrimaryKeyField,
)
from cjm.core.display import display_name
from cjm.core.tenancy import Team, Workspace
from cjm.models import Stage
from touchpoints.models import Channel, Comment, ImprovementAction, RatingChange, Touchpoint

MAX_POSITION = 100_000


# --- Channels ------------------------------------------------------------------------------


class ChannelSerializer(StrictModelSerializer):
    workspace = WorkspaceScopedPrimaryKeyField(
        queryset=Workspace.objects.all(), workspace_path="pk"
    )

    class Meta:
        model = Channel
        fields = ["id", "workspace", "name", "kind", "medium", "created_at", "updated_at"]
        # Uniqueness per workspace is checked by the service (full_clean) as a field error.
        validators = []


class ChannelUpdateSerializer(ChannelSerializer):
    class Meta(ChannelSerializer.Meta):
        read_only_fields = ["workspace"]


# --- Touchpoints ---------------------------------------------------------------------------


class TouchpointSerializer(StrictModelSerializer):
    stage = WorkspaceScopedPrimaryKeyField(
        queryset=Stage.objects.all(), workspace_path="journey__workspace_id"
    )
    journey = serializers.IntegerField(source="stage.journey_id", read_only=True)
    workspace = serializers.IntegerField(source="stage.journey.workspace_id", read_only=True)
    channel = WorkspaceScopedPrimaryKeyField(
        queryset=Channel.objects.all(), allow_null=True, required=False
    )
    owner = WorkspaceMemberField(allow_null=True, required=False)
    team = WorkspaceScopedPrimaryKeyField(
        queryset=Team.objects.all(), allow_null=True, required=False
    )
    position = StrictIntegerField(
        min_value=0,
        max_value=MAX_POSITION,
        required=False,
        help_text="0-based order within the stage; on create, later touchpoints shift down "
        "(default: last).",
    )
    channel_name = serializers.SerializerMethodField()
    owner_name = serializers.SerializerMethodField()
    team_name = serializers.SerializerMethodField()
    open_action_count = serializers.IntegerField(read_only=True)
    has_overdue_action = serializers.BooleanField(read_only=True)

    class Meta:
        model = Touchpoint
        fields = [
            "id",
            "stage",
            "journey",
            "workspace",
            "name",
            "description",
            "channel",
            "channel_name",
            "category",
            "owner",
            "owner_name",
            "team",
            "team_name",
            "rating",
            "importance",
            "is_critical",
            "customer_reaction",
            "position",
            "open_action_count",
            "has_overdue_action",
            "version",
            "updated_by",
            "created_at",
            "updated_at",
        ]
        validators = []

    @extend_schema_field(serializers.CharField())
    def get_channel_name(self, obj) -> str:
        return obj.channel.name if obj.channel_id else ""

    @extend_schema_field(serializers.CharField())
    def get_owner_name(self, obj) -> str:
        return display_name(obj.owner) if obj.owner_id else ""

    @extend_schema_field(serializers.CharField())
    def get_team_name(self, obj) -> str:
        return obj.team.name if obj.team_id else ""


class TouchpointUpdateSerializer(TouchpointSerializer):
    rating_note = StrictCharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=300,
        help_text="Why the rating changed (kept in the rating history).",
    )

    class Meta(TouchpointSerializer.Meta):
        fields = [*TouchpointSerializer.Meta.fields, "rating_note"]
        read_only_fields = ["stage", "position"]


class MoveSerializer(serializers.Serializer):
    position = StrictIntegerField(
        min_value=0,
        max_value=MAX_POSITION,
        help_text="The new 0-based position; the siblings in between shift (clamped to the end).",
    )


class TouchpointMoveSerializer(MoveSerializer):
    stage = WorkspaceScopedPrimaryKeyField(
        queryset=Stage.objects.all(),
        workspace_path="journey__workspace_id",
        required=False,
        help_text="Another stage of the same journey to move to (default: the current stage).",
    )


# --- Improvement actions -------------------------------------------------------------------


class ActionSerializer(StrictModelSerializer):
    touchpoint = WorkspaceScopedPrimaryKeyField(
        queryset=Touchpoint.objects.all(), workspace_path="stage__journey__workspace_id"
    )
    stage = serializers.IntegerField(source="touchpoint.stage_id", read_only=True)
    journey = serializers.IntegerField(source="touchpoint.stage.journey_id", read_only=True)
    assignee = WorkspaceMemberField(allow_null=True, required=False)
    assignee_name = serializers.SerializerMethodField()
    is_overdue = serializers.BooleanField(read_only=True)
    done_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text=(
            "When the work was really done: sent with (or after) status done; never in the "
            "future; default now. Cleared when the action is no longer done."
        ),
    )

    class Meta:
        model = ImprovementAction
        fields = [
            "id",
            "touchpoint",
            "stage",
            "journey",
            "title",
            "description",
            "assignee",
            "assignee_name",
            "due_date",
            "status",
            "done_at",
            "is_overdue",
            "created_by",
            "version",
            "updated_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_by"]
        validators = []

    @extend_schema_field(serializers.CharField())
    def get_assignee_name(self, obj) -> str:
        return display_name(obj.assignee) if obj.assignee_id else ""


class ActionUpdateSerializer(ActionSerializer):
    class Meta(ActionSerializer.Meta):
        read_only_fields = ["created_by", "touchpoint"]


# --- Comments and rating history -----------------------------------------------------------


class CommentSerializer(StrictModelSerializer):
    touchpoint = WorkspaceScopedPrimaryKeyField(
        queryset=Touchpoint.objects.all(),
        workspace_path="stage__journey__workspace_id",
        allow_null=True,
        required=False,
        help_text="The touchpoint discussed (give exactly one of touchpoint and stage).",
    )
    stage = WorkspaceScopedPrimaryKeyField(
        queryset=Stage.objects.all(),
        workspace_path="journey__workspace_id",
        allow_null=True,
        required=False,
        help_text="The stage discussed (give exactly one of touchpoint and stage).",
    )
    author_name = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = ["id", "touchpoint", "stage", "author", "author_name", "body", "created_at"]
        read_only_fields = ["author"]

    @extend_schema_field(serializers.CharField())
    def get_author_name(self, obj) -> str:
        return display_name(obj.author) if obj.author_id else ""


class RatingChangeSerializer(serializers.ModelSerializer):
    changed_by_name = serializers.SerializerMethodField()

    class Meta:
        model = RatingChange
        fields = [
            "id",
            "touchpoint",
            "changed_by",
            "changed_by_name",
            "changed_at",
            "from_rating",
            "to_rating",
            "note",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_changed_by_name(self, obj) -> str:
        return display_name(obj.changed_by) if obj.changed_by_id else ""
