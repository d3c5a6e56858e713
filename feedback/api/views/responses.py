"""``responses/``: read, create one (idempotent), ``bulk/``, delete."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cjm.core.api.schema import list_errors, read_errors, write_errors
from cjm.core.api.viewsets import WorkspaceViewSetMixin
from feedback import selectors, services
from feedback.api.filters import ResponseFilter
from feedback.api.schema import BULK_400
from feedback.api.serializers import (
    ResponseBulkResultSerializer,
    ResponseCreateSerializer,
    ResponseSerializer,
)

TAGS = ["feedback"]
IDEMPOTENCY_HEADER = OpenApiParameter(
    name="Idempotency-Key",
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description="Same as `idempotency_key` in the body (the body wins when both are given).",
)


def _bulk_rows(request, data) -> list[dict]:
    if not isinstance(data, list):
        raise serializers.ValidationError(
            {"non_field_errors": [_("Send a JSON array of answers.")]}
        )
    if not 1 <= len(data) <= services.responses.MAX_BULK:
        raise serializers.ValidationError(
            {
                "non_field_errors": [
                    _("Send 1 to %(n)d answers.") % {"n": services.responses.MAX_BULK}
                ]
            }
        )
    rows, errors = [], {}
    for index, item in enumerate(data):
        row = ResponseCreateSerializer(data=item, context={"request": request})
        if row.is_valid():
            rows.append(dict(row.validated_data))
        else:
            errors[index] = row.errors
    if errors:
        raise services.BulkValidationError(errors)
    return rows


@extend_schema_view(
    list=extend_schema(tags=TAGS, responses={200: ResponseSerializer(many=True), **list_errors()}),
    retrieve=extend_schema(tags=TAGS, responses={200: ResponseSerializer, **read_errors()}),
    destroy=extend_schema(tags=TAGS, responses={204: None, **write_errors()}),
)
class ResponseViewSet(
    WorkspaceViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Answers to surveys, newest first, from the public page, invitation links and the API."""

    serializer_class = ResponseSerializer
    filterset_class = ResponseFilter
    max_body_size = 4 * 1024 * 1024

    def get_queryset(self):
        return selectors.response_list(user=self.request.user)

    @extend_schema(
        tags=TAGS,
        request=ResponseCreateSerializer,
        parameters=[IDEMPOTENCY_HEADER],
        responses={
            201: ResponseSerializer,
            200: OpenApiResponse(
                ResponseSerializer, description="Replay: the answer stored under this key."
            ),
            **write_errors(),
        },
    )
    def create(self, request, *args, **kwargs):
        body = ResponseCreateSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        fields = dict(body.validated_data)
        survey = fields.pop("survey")
        self.require_editor(survey.workspace_id)
        key = fields.pop("idempotency_key", None) or request.headers.get("Idempotency-Key") or None
        if key is not None and (len(key) > 200 or "\x00" in key):
            raise serializers.ValidationError({"idempotency_key": [_("At most 200 characters.")]})
        response, created = services.response_create(
            actor=request.user, survey=survey, idempotency_key=key, **fields
        )
        return Response(
            ResponseSerializer(response).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    def destroy(self, request, *args, **kwargs):
        services.response_delete(actor=request.user, response=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        tags=TAGS,
        request=ResponseCreateSerializer(many=True),
        responses={201: ResponseBulkResultSerializer, **write_errors(), 400: BULK_400},
        description=(
            "Up to 1,000 answers (possibly of several surveys of one workspace). All valid or "
            "nothing stored; answers whose `idempotency_key` is already stored count as "
            "`duplicates`."
        ),
    )
    @action(detail=False, methods=["post"])
    def bulk(self, request):
        rows = _bulk_rows(request, request.data)
        workspace_ids = {row["survey"].workspace_id for row in rows}
        if len(workspace_ids) != 1:
            raise serializers.ValidationError(
                {"non_field_errors": [_("All answers of one call must be of one workspace.")]}
            )
        workspace_id = workspace_ids.pop()
        self.require_editor(workspace_id)
        result = services.responses_create_bulk(
            actor=request.user, workspace=rows[0]["survey"].workspace, rows=rows
        )
        return Response(result, status=status.HTTP_201_CREATED)
