"""Serializers of workspaces, their members and teams."""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from cjm.accounts.models import Invitation
from cjm.core.api.fields import (
    StrictModelSerializer,
    WorkspaceMemberField,
    WorkspaceScopedPrimaryKeyField,
)
from cjm.core.roles import Role
from cjm.core.tenancy import Membership, Team, Workspace


class WorkspaceSerializer(StrictModelSerializer):
    role = serializers.ChoiceField(
        source="caller_role",
        choices=Role.choices,
        read_only=True,
        help_text="Your role in this workspace.",
    )

    class Meta:
        model = Workspace
        fields = ["id", "name", "slug", "role", "created_at", "updated_at"]
        read_only_fields = ["slug"]


class MembershipSerializer(StrictModelSerializer):
    user = WorkspaceMemberField(
        queryset=get_user_model().objects.filter(is_active=True),
        help_text=(
            "The user's id: someone who already shares a workspace with you. Anyone else is "
            "invited by e-mail."
        ),
    )
    username = serializers.CharField(source="user.username", read_only=True)
    full_name = serializers.CharField(source="user.get_full_name", read_only=True)

    class Meta:
        model = Membership
        fields = ["user", "username", "full_name", "role", "created_at", "updated_at"]
        extra_kwargs = {"role": {"required": True}}
        validators = []


class MembershipUpdateSerializer(MembershipSerializer):
    class Meta(MembershipSerializer.Meta):
        read_only_fields = ["user"]


class TeamSerializer(StrictModelSerializer):
    workspace = WorkspaceScopedPrimaryKeyField(
        queryset=Workspace.objects.all(), workspace_path="pk"
    )
    members = WorkspaceMemberField(many=True, required=False, help_text="User ids.")
    lead = WorkspaceMemberField(
        required=False, allow_null=True, help_text="The team lead's user id (joins the team)."
    )

    class Meta:
        model = Team
        fields = [
            "id",
            "workspace",
            "name",
            "description",
            "members",
            "lead",
            "created_at",
            "updated_at",
        ]
        validators = []


class TeamUpdateSerializer(TeamSerializer):
    class Meta(TeamSerializer.Meta):
        read_only_fields = ["workspace"]


@extend_schema_serializer(component_name="WorkspaceInvitation")  # feedback has an Invitation too
class InvitationSerializer(serializers.ModelSerializer):
    """An invitation as listed: never its token nor its link."""

    status = serializers.ChoiceField(
        choices=["pending", "accepted", "revoked", "expired"], read_only=True
    )

    class Meta:
        model = Invitation
        fields = [
            "id",
            "email",
            "role",
            "status",
            "expires_at",
            "invited_by",
            "accepted_at",
            "accepted_by",
            "revoked_at",
            "created_at",
        ]
        read_only_fields = fields


@extend_schema_serializer(
    component_name="WorkspaceInvitationCreate"
)  # feedback has an Invitation too
class InvitationCreateSerializer(serializers.Serializer):
    email = serializers.EmailField(help_text="The address to invite.")
    role = serializers.ChoiceField(choices=Role.choices)


@extend_schema_serializer(component_name="WorkspaceInvitationCreated")
class InvitationCreatedSerializer(InvitationSerializer):
    """The answer to the admin who invites: with the link and its token."""

    url = serializers.CharField(read_only=True, help_text="The link that lets the invitee join.")
    token = serializers.CharField(read_only=True)

    class Meta(InvitationSerializer.Meta):
        fields = [*InvitationSerializer.Meta.fields, "url", "token"]
        read_only_fields = fields


class InvitationAcceptSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=64)


class InvitationAcceptedSerializer(serializers.Serializer):
    workspace = serializers.IntegerField(help_text="The workspace joined.")
    role = serializers.ChoiceField(choices=Role.choices, help_text="Your role in it.")
