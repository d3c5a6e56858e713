"""REST endpoints of map exports (namespace ``renders-api``), mounted under ``/api/v1/``; paths
as API_CONTRACT.md, "Sharing and exchange":

- ``POST journeys/{id}/exports/`` ``{"format": "pdf"|"png"}`` -> 202 the export (any member:
  exporting is reading);
- ``GET exports/{id}/`` -> the export, with ``download_url`` once it is done;
- ``GET exports/{id}/download/`` -> the file, for members of the journey's workspace only.
"""

from django.urls import path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from cjm.core.api.fields import StrictChoiceField
from cjm.core.api.schema import read_errors, write_errors

from .downloads import map_render_file_response
from .models import MapRender, RenderFormat
from .selectors import map_render_get
from .services import map_render_request

app_name = "renders-api"


class MapRenderRequestSerializer(serializers.Serializer):
    format = StrictChoiceField(choices=RenderFormat.choices)


class MapRenderSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = MapRender
        fields = ["id", "journey", "format", "status", "progress", "error", "created_at",
                  "expires_at", "url", "download_url"]  # fmt: skip
        read_only_fields = fields

    def _absolute(self, name: str, pk: int) -> str:
        location = reverse(f"renders-api:{name}", kwargs={"pk": pk})
        request = self.context.get("request")
        return request.build_absolute_uri(location) if request else location

    def get_url(self, render: MapRender) -> str:
        return self._absolute("maprender-detail", render.pk)

    def get_download_url(self, render: MapRender) -> str | None:
        return self._absolute("maprender-download", render.pk) if render.is_ready else None


class JourneyExportsView(APIView):
    @extend_schema(
        request=MapRenderRequestSerializer,
        responses={202: MapRenderSerializer, **write_errors()},
        tags=["exports"],
    )
    def post(self, request, journey_id: int):
        given = MapRenderRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        render = map_render_request(
            actor=request.user, journey_id=journey_id, format=given.validated_data["format"]
        )
        render.refresh_from_db()  # eager Celery (tests, no broker) may have finished it already
        body = MapRenderSerializer(render, context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED)


class MapRenderView(APIView):
    @extend_schema(responses={200: MapRenderSerializer, **read_errors()}, tags=["exports"])
    def get(self, request, pk: int):
        render = map_render_get(user=request.user, pk=pk)
        return Response(MapRenderSerializer(render, context={"request": request}).data)


class FileNegotiation(BaseContentNegotiation):
    """The download answers a file whatever the client accepts (errors stay JSON)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class MapRenderDownloadView(APIView):
    content_negotiation_class = FileNegotiation

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="PDF"),
            (200, "image/png"): OpenApiResponse(OpenApiTypes.BINARY, description="PNG"),
            **read_errors(),
        },
        tags=["exports"],
    )
    def get(self, request, pk: int):
        return map_render_file_response(map_render_get(user=request.user, pk=pk))


urlpatterns = [
    path(
        "journeys/<int:journey_id>/exports/", JourneyExportsView.as_view(), name="journey-exports"
    ),
    path("exports/<int:pk>/", MapRenderView.as_view(), name="maprender-detail"),
    path("exports/<int:pk>/download/", MapRenderDownloadView.as_view(), name="maprender-download"),
]
