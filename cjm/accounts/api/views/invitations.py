"""Invitations: ``workspaces/{id}/invitations/`` (list, invite, revoke) and
``invitations/accept/`` (a signed-in user joins with the invitation's role)."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from cjm.accounts import services
from cjm.accounts.api.serializers import (
    InvitationAcceptedSerializer,
    InvitationAcceptSerializer,
    InvitationCreatedSerializer,
    InvitationCreateSerializer,
    InvitationSerializer,
)
from cjm.accounts.models import Invitation
from cjm.accounts.selectors.people import invitation_list
from cjm.accounts.services.invitations import invitation_url
from cjm.core.api.schema import DetailSerializer, list_errors, write_errors
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.scoping import workspace_get

ERROR_410 = OpenApiResponse(
    DetailSerializer, description="The invitation was already used, revoked, or has expired."
)


class InvitationGoneError(exceptions.APIException):
    status_code = status.HTTP_410_GONE
    default_detail = "This invitation was already used, revoked, or has expired."
    default_code = "gone"


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


class InvitationListView(APIView):
    """Invitations of a workspace, newest first (members read; admins invite)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["workspaces"],
        responses={200: InvitationSerializer(many=True), **list_errors()},
        description="Every invitation of the workspace with its status; never a token or link.",
    )
    def get(self, request, workspace_id: int):
        workspace = workspace_get(user=request.user, pk=workspace_id)
        invitations = invitation_list(workspace=workspace, pending_only=False)
        return Response(InvitationSerializer(invitations, many=True).data)

    @extend_schema(
        tags=["workspaces"],
        request=InvitationCreateSerializer,
        responses={201: InvitationCreatedSerializer, **write_errors()},
        description=(
            "Invite an e-mail address with a role (admins). The answer carries the link (`url`) "
            "and its `token`; the invitee gets them by e-mail too. An existing member: 400."
        ),
    )
    def post(self, request, workspace_id: int):
        workspace = workspace_get(user=request.user, pk=workspace_id)
        require_role(request.user, workspace.pk, Role.ADMIN)
        serializer = InvitationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        (invitation,) = services.invitation_create(
            actor=request.user,
            workspace=workspace,
            emails=[serializer.validated_data["email"]],
            role=serializer.validated_data["role"],
            base_url=_base_url(request),
        )
        invitation.url = invitation_url(invitation, _base_url(request))
        data = InvitationCreatedSerializer(invitation).data
        return Response(data, status=status.HTTP_201_CREATED)


class InvitationDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["workspaces"],
        responses={204: None, **write_errors()},
        description="Revoke a pending invitation (admins): its link stops working.",
    )
    def delete(self, request, workspace_id: int, invitation_id: int):
        workspace = workspace_get(user=request.user, pk=workspace_id)
        invitation = Invitation.objects.filter(workspace=workspace, pk=invitation_id).first()
        if invitation is None:
            raise exceptions.NotFound("No such object.")
        services.invitation_revoke(actor=request.user, invitation=invitation)
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvitationAcceptView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["workspaces"],
        request=InvitationAcceptSerializer,
        responses={200: InvitationAcceptedSerializer, 410: ERROR_410, **write_errors()},
        description="Join the invitation's workspace with its role, as the signed-in user.",
    )
    def post(self, request):
        serializer = InvitationAcceptSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            membership = services.invitation_accept(
                user=request.user, token=serializer.validated_data["token"]
            )
        except Invitation.DoesNotExist:
            raise exceptions.NotFound("No such invitation.") from None
        except services.InvitationGone:
            raise InvitationGoneError() from None
        data = {"workspace": membership.workspace_id, "role": membership.role}
        return Response(InvitationAcceptedSerializer(data).data)
