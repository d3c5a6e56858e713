"""Stages (columns of a map), lanes (rows), their moves, and the cells where they cross."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cjm import services
from cjm.api.serializers.stages import (
    LaneCellSerializer,
    LaneCellWriteSerializer,
    LaneSerializer,
    LaneUpdateSerializer,
    StageSerializer,
    StageUpdateSerializer,
)
from cjm.core.api.etags import IF_MATCH_PARAMETER, ETagMixin
from cjm.core.api.schema import crud_schema, list_errors, read_errors, write_errors
from cjm.core.api.viewsets import ServiceModelViewSet
from cjm.filters import LaneCellFilterSet, LaneFilterSet, StageFilterSet
from cjm.selectors import lane_cell_list, lane_list, stage_get, stage_list
from touchpoints.api.serializers import MoveSerializer


def move_schema(serializer_class, noun: str):
    return extend_schema(
        request=MoveSerializer,
        responses={200: serializer_class, **write_errors()},
        description=(
            f"Move the {noun} to a 0-based position; the others shift so positions stay "
            "0..n-1 (a position past the end moves it last)."
        ),
    )


@extend_schema_view(
    **crud_schema(StageSerializer, update=StageUpdateSerializer, versioned=True, tags=["stages"])
)
class StageViewSet(ETagMixin, ServiceModelViewSet):
    """Stages of journeys, in order. ``position`` on create inserts and shifts the others."""

    serializer_class = StageSerializer
    update_serializer_class = StageUpdateSerializer
    filterset_class = StageFilterSet

    def get_queryset(self):
        return stage_list(user=self.request.user)

    def workspace_id_of(self, obj) -> int:
        return obj.journey.workspace_id

    def perform_create(self, serializer):
        return services.stage_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        return services.stage_update(
            actor=self.request.user,
            stage=serializer.instance,
            expected_version=self.expected_version,
            **serializer.validated_data,
        )

    def perform_destroy(self, instance) -> None:
        services.stage_delete(
            actor=self.request.user, stage=instance, expected_version=self.expected_version
        )

    @move_schema(StageSerializer, "stage")
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        stage = self.get_object()
        serializer = MoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        moved = services.stage_move(
            actor=request.user, stage=stage, position=serializer.validated_data["position"]
        )
        return Response(self.get_read_serializer(self.refetch(moved)).data)


STAGE_ID = OpenApiParameter(
    "stage_id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The stage (column)."
)


@extend_schema_view(
    **crud_schema(LaneSerializer, update=LaneUpdateSerializer, versioned=True, tags=["lanes"])
)
class LaneViewSet(ETagMixin, ServiceModelViewSet):
    """Lanes (rows) of journeys: the standard ones and custom text lanes; rename, hide, reorder."""

    serializer_class = LaneSerializer
    update_serializer_class = LaneUpdateSerializer
    filterset_class = LaneFilterSet

    def get_queryset(self):
        return lane_list(user=self.request.user)

    def workspace_id_of(self, obj) -> int:
        return obj.journey.workspace_id

    def perform_create(self, serializer):
        return services.lane_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        return services.lane_update(
            actor=self.request.user,
            lane=serializer.instance,
            expected_version=self.expected_version,
            **serializer.validated_data,
        )

    def perform_destroy(self, instance) -> None:
        services.lane_delete(
            actor=self.request.user, lane=instance, expected_version=self.expected_version
        )

    @move_schema(LaneSerializer, "lane")
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        lane = self.get_object()
        serializer = MoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        moved = services.lane_move(
            actor=request.user, lane=lane, position=serializer.validated_data["position"]
        )
        return Response(self.get_read_serializer(self.refetch(moved)).data)

    @extend_schema(
        tags=["lanes"],
        parameters=[STAGE_ID, IF_MATCH_PARAMETER],
        request=LaneCellWriteSerializer,
        responses={200: LaneCellSerializer, **write_errors(LaneCellSerializer)},
        description=(
            "Write the cell of this lane at a stage of the same journey (created on first "
            "write). Fields left out keep their value. With If-Match (the cell's ETag, or "
            '`"0"` for a cell not yet written) the write fails with 412 if it changed.'
        ),
    )
    @action(
        detail=True,
        methods=["put"],
        url_path="cells/<int:stage_id>",
    )
    def cell(self, request, pk=None, stage_id=None):
        lane = self.get_object()
        stage = stage_get(user=request.user, pk=int(stage_id))
        serializer = LaneCellWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        cell = services.lane_cell_set(
            actor=request.user,
            lane=lane,
            stage=stage,
            expected_version=self.expected_version,
            **serializer.validated_data,
        )
        response = Response(LaneCellSerializer(cell).data)
        response["ETag"] = cell.etag
        return response

    def stale_representation(self, current) -> dict:
        if self.action == "cell":
            return LaneCellSerializer(current).data
        return super().stale_representation(current)


@extend_schema_view(
    list=extend_schema(
        tags=["lanes"], responses={200: LaneCellSerializer(many=True), **list_errors()}
    ),
    retrieve=extend_schema(tags=["lanes"], responses={200: LaneCellSerializer, **read_errors()}),
)
class LaneCellViewSet(viewsets.ReadOnlyModelViewSet):
    """Cells of lanes (read); write one with ``PUT lanes/{id}/cells/{stage_id}/``."""

    serializer_class = LaneCellSerializer
    filterset_class = LaneCellFilterSet
    lookup_value_converter = "int"

    def get_queryset(self):
        return lane_cell_list(user=self.request.user)
