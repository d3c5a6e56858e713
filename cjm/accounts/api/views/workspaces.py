"""Workspaces, their members (``workspaces/{id}/members/``) and teams."""

from django.db.models import OuterRef, Subquery
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from cjm.accounts import services
from cjm.accounts.api.serializers import (
    MembershipSerializer,
    MembershipUpdateSerializer,
    TeamSerializer,
    TeamUpdateSerializer,
    WorkspaceSerializer,
)
from cjm.accounts.selectors import membership_list
from cjm.core.api.permissions import WorkspaceRolePermission
from cjm.core.api.schema import crud_schema, list_errors, read_errors, write_errors
from cjm.core.api.viewsets import ServiceModelViewSet
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.scoping import team_list, workspace_get, workspace_list
from cjm.core.tenancy import Membership
from cjm.filters import MembershipFilterSet, TeamFilterSet, WorkspaceFilterSet


@extend_schema_view(**crud_schema(WorkspaceSerializer, tags=["workspaces"]))
class WorkspaceViewSet(ServiceModelViewSet):
    """Workspaces you are a member of. Anyone signed in may create one (and becomes its admin);
    admins rename it."""

    serializer_class = WorkspaceSerializer
    filterset_class = WorkspaceFilterSet
    write_role = Role.ADMIN
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        user = self.request.user
        role = Membership.objects.filter(workspace=OuterRef("pk"), user_id=user.pk).values("role")
        return workspace_list(user=user).annotate(caller_role=Subquery(role[:1]))

    def workspace_id_of(self, obj) -> int:
        return obj.pk

    def perform_create(self, serializer):
        return services.workspace_create(
            name=serializer.validated_data["name"], creator=self.request.user
        )

    def perform_update(self, serializer):
        return services.workspace_update(
            actor=self.request.user,
            workspace=serializer.instance,
            name=serializer.validated_data.get("name", serializer.instance.name),
        )


WORKSPACE_ID = OpenApiParameter("workspace_id", OpenApiTypes.INT, OpenApiParameter.PATH)
USER_ID = OpenApiParameter("user_id", OpenApiTypes.INT, OpenApiParameter.PATH)


@extend_schema_view(
    list=extend_schema(
        tags=["workspaces"],
        parameters=[WORKSPACE_ID],
        responses={200: MembershipSerializer(many=True), **list_errors()},
    ),
    retrieve=extend_schema(
        tags=["workspaces"],
        parameters=[WORKSPACE_ID, USER_ID],
        responses={200: MembershipSerializer, **read_errors()},
    ),
    create=extend_schema(
        tags=["workspaces"],
        parameters=[WORKSPACE_ID],
        request=MembershipSerializer,
        responses={201: MembershipSerializer, **write_errors()},
        description="Add a member (admins). Posting an existing member changes their role.",
    ),
    update=extend_schema(
        tags=["workspaces"],
        parameters=[WORKSPACE_ID, USER_ID],
        request=MembershipUpdateSerializer,
        responses={200: MembershipSerializer, **write_errors()},
    ),
    partial_update=extend_schema(
        tags=["workspaces"],
        parameters=[WORKSPACE_ID, USER_ID],
        request=MembershipUpdateSerializer,
        responses={200: MembershipSerializer, **write_errors()},
    ),
    destroy=extend_schema(
        tags=["workspaces"],
        parameters=[WORKSPACE_ID, USER_ID],
        responses={204: None, **write_errors()},
        description="Remove a member (admins); their touchpoints and actions lose their owner.",
    ),
)
class MemberViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Members of one workspace: members read, admins add, change roles and remove."""

    serializer_class = MembershipSerializer
    filterset_class = MembershipFilterSet
    permission_classes = [*viewsets.GenericViewSet.permission_classes, WorkspaceRolePermission]
    write_role = Role.ADMIN
    lookup_field = "user_id"

    @property
    def workspace(self):
        if not hasattr(self, "_workspace"):
            self._workspace = workspace_get(user=self.request.user, pk=self.kwargs["workspace_id"])
        return self._workspace

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Membership.objects.none()
        return membership_list(workspace=self.workspace)

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return MembershipUpdateSerializer
        return MembershipSerializer

    def workspace_id_of(self, obj) -> int:
        return obj.workspace_id

    def create(self, request, *args, **kwargs):
        # The role first: a non-admin learns nothing from how the user id is judged.
        require_role(request.user, self.workspace.pk, Role.ADMIN)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = services.membership_set(
            actor=request.user,
            workspace=self.workspace,
            user=serializer.validated_data["user"],
            role=serializer.validated_data["role"],
        )
        data = MembershipSerializer(self.get_queryset().get(pk=membership.pk)).data
        return Response(data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        membership = self.get_object()
        serializer = self.get_serializer(
            membership, data=request.data, partial=kwargs.pop("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        services.membership_set(
            actor=request.user,
            workspace=self.workspace,
            user=membership.user,
            role=serializer.validated_data.get("role", membership.role),
        )
        return Response(MembershipSerializer(self.get_queryset().get(pk=membership.pk)).data)

    def destroy(self, request, *args, **kwargs):
        membership = self.get_object()
        services.membership_remove(
            actor=request.user, workspace=self.workspace, user=membership.user
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(**crud_schema(TeamSerializer, update=TeamUpdateSerializer, tags=["teams"]))
class TeamViewSet(ServiceModelViewSet):
    """Teams group members; a touchpoint may be owned by a team. Admins manage them."""

    serializer_class = TeamSerializer
    update_serializer_class = TeamUpdateSerializer
    filterset_class = TeamFilterSet
    write_role = Role.ADMIN

    def get_queryset(self):
        return team_list(user=self.request.user)

    def perform_create(self, serializer):
        return services.team_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        members = data.pop("members", None)
        return services.team_update(
            actor=self.request.user, team=serializer.instance, members=members, **data
        )

    def perform_destroy(self, instance) -> None:
        services.team_delete(actor=self.request.user, team=instance)
