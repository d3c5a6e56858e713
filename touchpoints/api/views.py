"""Channels, touchpoints (the register), improvement actions, comments and rating history."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cjm.core.api.etags import ETagMixin
from cjm.core.api.schema import crud_schema, list_errors, read_errors, write_errors
from cjm.core.api.viewsets import ServiceModelViewSet
from cjm.core.roles import Role
from touchpoints import services
from touchpoints.api.serializers import (
    ActionSerializer,
    ActionUpdateSerializer,
    ChannelSerializer,
    ChannelUpdateSerializer,
    CommentSerializer,
    RatingChangeSerializer,
    TouchpointMoveSerializer,
    TouchpointSerializer,
    TouchpointUpdateSerializer,
)
from touchpoints.filters import (
    ActionFilterSet,
    ChannelFilterSet,
    CommentFilterSet,
    RatingChangeFilterSet,
    TouchpointFilterSet,
)
from touchpoints.selectors import (
    action_list,
    channel_list,
    comment_list,
    rating_change_list,
    touchpoint_list,
)


@extend_schema_view(
    **crud_schema(ChannelSerializer, update=ChannelUpdateSerializer, tags=["channels"])
)
class ChannelViewSet(ServiceModelViewSet):
    """Channels of a workspace (website, app, store, ...), online or offline."""

    serializer_class = ChannelSerializer
    update_serializer_class = ChannelUpdateSerializer
    filterset_class = ChannelFilterSet

    def get_queryset(self):
        return channel_list(user=self.request.user)

    def perform_create(self, serializer):
        return services.channel_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        return services.channel_update(
            actor=self.request.user, channel=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance) -> None:
        services.channel_delete(actor=self.request.user, channel=instance)


@extend_schema_view(
    **crud_schema(
        TouchpointSerializer,
        update=TouchpointUpdateSerializer,
        versioned=True,
        tags=["touchpoints"],
    )
)
class TouchpointViewSet(ETagMixin, ServiceModelViewSet):
    """The touchpoint register: every touchpoint of your maps, to filter, sort and edit."""

    serializer_class = TouchpointSerializer
    update_serializer_class = TouchpointUpdateSerializer
    filterset_class = TouchpointFilterSet

    def get_queryset(self):
        return touchpoint_list(user=self.request.user)

    def workspace_id_of(self, obj) -> int:
        return obj.stage.journey.workspace_id

    def perform_create(self, serializer):
        return services.touchpoint_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        return services.touchpoint_update(
            actor=self.request.user,
            touchpoint=serializer.instance,
            expected_version=self.expected_version,
            **serializer.validated_data,
        )

    def perform_destroy(self, instance) -> None:
        services.touchpoint_delete(
            actor=self.request.user, touchpoint=instance, expected_version=self.expected_version
        )

    @extend_schema(
        tags=["touchpoints"],
        request=TouchpointMoveSerializer,
        responses={200: TouchpointSerializer, **write_errors()},
        description=(
            "Move the touchpoint to a 0-based position in its stage, or in another stage of "
            "the same journey (`stage`). Positions stay 0..n-1 in both stages."
        ),
    )
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        touchpoint = self.get_object()
        serializer = TouchpointMoveSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        moved = services.touchpoint_move(
            actor=request.user, touchpoint=touchpoint, **serializer.validated_data
        )
        return Response(self.get_read_serializer(self.refetch(moved)).data)


@extend_schema_view(
    **crud_schema(ActionSerializer, update=ActionUpdateSerializer, versioned=True, tags=["actions"])
)
class ActionViewSet(ETagMixin, ServiceModelViewSet):
    """Improvement actions on touchpoints: what will be done, by whom, by when.

    Editors manage them; the assignee (even a viewer) may change the status of their own."""

    serializer_class = ActionSerializer
    update_serializer_class = ActionUpdateSerializer
    filterset_class = ActionFilterSet
    # The service decides: editors, or the assignee changing only the status.
    write_role = Role.VIEWER

    def get_queryset(self):
        return action_list(user=self.request.user)

    def workspace_id_of(self, obj) -> int:
        return obj.touchpoint.stage.journey.workspace_id

    def perform_create(self, serializer):
        return services.action_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        return services.action_update(
            actor=self.request.user,
            action=serializer.instance,
            expected_version=self.expected_version,
            **serializer.validated_data,
        )

    def perform_destroy(self, instance) -> None:
        services.action_delete(
            actor=self.request.user, action=instance, expected_version=self.expected_version
        )


@extend_schema_view(
    list=extend_schema(
        tags=["comments"], responses={200: CommentSerializer(many=True), **list_errors()}
    ),
    retrieve=extend_schema(tags=["comments"], responses={200: CommentSerializer, **read_errors()}),
    create=extend_schema(tags=["comments"], responses={201: CommentSerializer, **write_errors()}),
    destroy=extend_schema(tags=["comments"], responses={204: None, **write_errors()}),
)
class CommentViewSet(ServiceModelViewSet):
    """Discussion on touchpoints and stages. Members (viewers too) comment; authors delete
    their own comments, editors any."""

    serializer_class = CommentSerializer
    filterset_class = CommentFilterSet
    write_role = Role.VIEWER
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get_queryset(self):
        return comment_list(user=self.request.user)

    def workspace_id_of(self, obj) -> int:
        stage = obj.stage if obj.stage_id else obj.touchpoint.stage
        return stage.journey.workspace_id

    def perform_create(self, serializer):
        return services.comment_create(actor=self.request.user, **serializer.validated_data)

    def perform_destroy(self, instance) -> None:
        services.comment_delete(actor=self.request.user, comment=instance)


@extend_schema_view(
    list=extend_schema(
        tags=["touchpoints"],
        responses={200: RatingChangeSerializer(many=True), **list_errors()},
    ),
    retrieve=extend_schema(
        tags=["touchpoints"], responses={200: RatingChangeSerializer, **read_errors()}
    ),
)
class RatingChangeViewSet(viewsets.ReadOnlyModelViewSet):
    """The rating history of touchpoints (read-only): who changed which rating when."""

    serializer_class = RatingChangeSerializer
    filterset_class = RatingChangeFilterSet
    lookup_value_converter = "int"

    def get_queryset(self):
        return rating_change_list(user=self.request.user)
