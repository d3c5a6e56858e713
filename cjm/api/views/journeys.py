"""Journeys: the list (a summary per map), the whole map on GET, and copying a map."""

from django.utils.translation import get_language
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from cjm import services
from cjm.api.serializers.journeys import (
    JourneyCopySerializer,
    JourneyCreateSerializer,
    JourneyMapSerializer,
    JourneySerializer,
    JourneyUpdateSerializer,
)
from cjm.api.views.journey_map import IF_NONE_MATCH_PARAMETER, MAP_ETAG_HEADER, map_response
from cjm.core.api.etags import ETagMixin
from cjm.core.api.schema import crud_schema, read_errors, write_errors
from cjm.core.api.viewsets import ServiceModelViewSet
from cjm.filters import JourneyFilterSet
from cjm.selectors import journey_get, journey_list
from cjm.sharing.services import journey_create_from_template

_schema = crud_schema(
    JourneySerializer,
    create=JourneyCreateSerializer,
    update=JourneyUpdateSerializer,
    versioned=True,
    tags=["journeys"],
)
_schema["retrieve"] = extend_schema(
    tags=["journeys"],
    parameters=[MAP_ETAG_HEADER, IF_NONE_MATCH_PARAMETER],
    responses={
        200: JourneyMapSerializer,
        304: OpenApiResponse(description="Not modified: the If-None-Match tag is current."),
        **read_errors(),
    },
    description=(
        "The whole map: stages in order with their touchpoints (in order), lanes in order with "
        "their cells, personas and segment. Its ETag changes whenever anything the map shows "
        "changes; with a current If-None-Match the answer is 304 without a body. Unchanged maps "
        "are served from a cache of their rendered JSON."
    ),
)


@extend_schema_view(**_schema)
class JourneyViewSet(ETagMixin, ServiceModelViewSet):
    """Journey maps. Editors create, change and delete them; viewers read."""

    serializer_class = JourneySerializer
    update_serializer_class = JourneyUpdateSerializer
    filterset_class = JourneyFilterSet
    etag_suffixes = True  # the map's ETag is "<version>.<revision>.<day>"

    def get_queryset(self):
        return journey_list(user=self.request.user)

    def get_serializer_class(self):
        if self.action == "create":
            return JourneyCreateSerializer
        if self.action == "retrieve":
            return JourneyMapSerializer
        if self.action == "copy":
            return JourneyCopySerializer
        return super().get_serializer_class()

    def get_object(self):
        """One journey through its selector (the bare row: GET serves the map by revision)."""
        journey = journey_get(user=self.request.user, pk=int(self.kwargs["pk"]))
        self.check_object_permissions(self.request, journey)
        if self.action in ("update", "partial_update", "destroy"):
            self.check_version(journey)
        return journey

    def retrieve(self, request, *args, **kwargs):
        """The whole map, by revision: 304 or cached JSON (cjm/api/views/journey_map.py)."""
        return map_response(request, pk=int(kwargs["pk"]))

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        template = data.pop("template", None)
        if template:
            data.pop("stage_names", None)
            data.pop("with_standard_lanes", None)
            return journey_create_from_template(
                actor=self.request.user, template=template, language=get_language()[:2], **data
            )
        return services.journey_create(actor=self.request.user, **data)

    def perform_update(self, serializer):
        return services.journey_update(
            actor=self.request.user,
            journey=serializer.instance,
            expected_version=self.expected_version,
            **serializer.validated_data,
        )

    def perform_destroy(self, instance) -> None:
        services.journey_delete(
            actor=self.request.user, journey=instance, expected_version=self.expected_version
        )

    @extend_schema(
        tags=["journeys"],
        request=JourneyCopySerializer,
        responses={201: JourneySerializer, **write_errors()},
        description=(
            "Copy the map (stages, lanes, cells, touchpoints) into a new draft journey, "
            "for example the future state of a current-state map."
        ),
    )
    @action(detail=True, methods=["post"])
    def copy(self, request, pk=None):
        journey = self.get_object()
        serializer = JourneyCopySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        copy = services.journey_copy(
            actor=request.user, journey=journey, **serializer.validated_data
        )
        data = self.get_read_serializer(self.refetch(copy)).data
        return Response(data, status=status.HTTP_201_CREATED)
