"""The exchange endpoints of the REST API (API_CONTRACT.md, "Sharing and exchange").

- ``GET journeys/{id}/export/?format=json|csv|xlsx``: the file; any member may export.
- ``GET schemas/journey.v1.json``: the JSON Schema of the exchange document.
- ``POST workspaces/{id}/journey-imports/``: a JSON document as the body, or a ``.json``,
  ``.csv`` or ``.xlsx`` file as multipart ``file``: 201 ``{"journey", "title", "warnings"}``,
  or 400 ``{"detail", "errors": [{"pointer", "message"}]}`` and nothing created. Editors only.
"""

import json

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from cjm.core.api.parsers import JSONParser
from cjm.core.api.schema import ERROR_401, ERROR_429, list_errors, write_errors
from cjm.core.scoping import workspace_get
from cjm.core.uploads import check_upload

from .responses import FORMATS, XLSX_TYPE, document_response
from .schema import SCHEMA_FILE
from .selectors import export_filename, journey_export_get
from .uploads import import_upload, upload_kind
from .validation import MAX_BYTES, ImportRejected, Problem


class JourneyExportView(APIView):
    def perform_content_negotiation(self, request, force=False):
        # ``?format=`` names the file's format here, not a renderer: always answer JSON errors.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        parameters=[OpenApiParameter("format", str, enum=list(FORMATS), default="json")],
        responses={
            (200, "application/json"): OpenApiTypes.OBJECT,
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, XLSX_TYPE): OpenApiTypes.BINARY,
            **list_errors(),
        },
        summary="The whole map as a file (JSON exchange document, CSV or XLSX table)",
    )
    def get(self, request, pk: int) -> HttpResponse:
        fmt = request.query_params.get("format", "json")
        if fmt not in FORMATS:
            return Response(
                {"format": [_("Choose one of: json, csv, xlsx.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        journey, document = journey_export_get(user=request.user, pk=pk)
        return document_response(document, fmt, lambda ext: export_filename(journey, ext))


class JourneySchemaView(APIView):
    @extend_schema(
        responses={200: OpenApiTypes.OBJECT, 401: ERROR_401, 429: ERROR_429},
        summary="JSON Schema of the exchange format v1",
    )
    def get(self, request) -> Response:
        return Response(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def problems_response(problems: list[Problem]) -> Response:
    return Response(
        {
            "detail": _("The map was not imported; nothing was changed."),
            "errors": [problem.as_dict() for problem in problems],
        },
        status=status.HTTP_400_BAD_REQUEST,
    )


class JourneyImportView(APIView):
    parser_classes = [JSONParser, MultiPartParser]
    max_body_size = MAX_BYTES

    @extend_schema(
        request={
            "application/json": OpenApiTypes.OBJECT,
            "multipart/form-data": OpenApiTypes.OBJECT,
        },
        responses={
            **write_errors(),
            201: OpenApiTypes.OBJECT,
            400: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description='`{"detail", "errors": [{"pointer", "message"}]}`; nothing created.',
            ),
        },
        summary="Import a map (exchange JSON, or a CSV/XLSX table in the export's layout)",
    )
    def post(self, request, pk: int) -> Response:
        workspace = workspace_get(user=request.user, pk=pk)
        title = ""
        if request.content_type.startswith("multipart/"):
            upload = request.FILES.get("file")
            if upload is None:
                return Response({"file": [_("Choose a file.")]}, status=400)
            try:  # size (CJM_UPLOAD_MAX_MB, at most MAX_BYTES here) and type by content
                check_upload(upload, kinds={upload_kind(upload.name or "")}, max_bytes=MAX_BYTES)
            except ValidationError as error:
                return problems_response([Problem("", error.message_dict["file"][0])])
            raw, filename = upload.read(), upload.name or "upload.json"
            title = str(request.data.get("title", ""))[:200]
        else:
            raw, filename = json.dumps(request.data).encode("utf-8"), "body.json"
        try:
            result = import_upload(
                actor=request.user, workspace=workspace, raw=raw, filename=filename, title=title
            )
        except ImportRejected as rejected:
            return problems_response(rejected.problems)
        return Response(
            {
                "journey": result.journey.pk,
                "title": result.journey.title,
                "warnings": [warning.as_dict() for warning in result.warnings],
            },
            status=status.HTTP_201_CREATED,
        )
