"""``reviews/``: CRUD, negative first, and ``import/``."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cjm.core.api.schema import list_errors, read_errors, write_errors
from cjm.core.api.viewsets import WorkspaceViewSetMixin
from feedback import selectors, services
from feedback.api.filters import ReviewFilter
from feedback.api.schema import BULK_400
from feedback.api.serializers import ReviewImportSerializer, ReviewSerializer
from feedback.api.serializers.reviews import (
    ReviewImportResultSerializer,
    ReviewRowSerializer,
    ReviewUpdateSerializer,
)

TAGS = ["feedback"]


@extend_schema_view(
    list=extend_schema(tags=TAGS, responses={200: ReviewSerializer(many=True), **list_errors()}),
    retrieve=extend_schema(tags=TAGS, responses={200: ReviewSerializer, **read_errors()}),
    create=extend_schema(
        tags=TAGS, request=ReviewSerializer, responses={201: ReviewSerializer, **write_errors()}
    ),
    update=extend_schema(
        tags=TAGS,
        request=ReviewUpdateSerializer,
        responses={200: ReviewSerializer, **write_errors()},
    ),
    partial_update=extend_schema(
        tags=TAGS,
        request=ReviewUpdateSerializer,
        responses={200: ReviewSerializer, **write_errors()},
    ),
    destroy=extend_schema(tags=TAGS, responses={204: None, **write_errors()}),
)
class ReviewViewSet(WorkspaceViewSetMixin, viewsets.ModelViewSet):
    """Reviews from outside sources with trust level and text sentiment; negative first."""

    serializer_class = ReviewSerializer
    filterset_class = ReviewFilter
    max_body_size = 16 * 1024 * 1024

    def get_queryset(self):
        return selectors.review_list(user=self.request.user)

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return ReviewUpdateSerializer
        return ReviewSerializer

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        workspace = fields.pop("workspace")
        self.require_editor(workspace.pk)
        review = services.review_create(actor=request.user, workspace=workspace, **fields)
        return Response(ReviewSerializer(review).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        review = self.get_object()
        self.require_editor(review.workspace_id)
        serializer = self.get_serializer(
            review, data=request.data, partial=kwargs.pop("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        updated = services.review_update(
            actor=request.user, review=review, **serializer.validated_data
        )
        return Response(ReviewSerializer(updated).data)

    def destroy(self, request, *args, **kwargs):
        services.review_delete(actor=request.user, review=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        tags=TAGS,
        request=ReviewImportSerializer,
        responses={201: ReviewImportResultSerializer, **write_errors(), 400: BULK_400},
        description=(
            "Import up to 5,000 reviews into one workspace: all valid or nothing stored. A review "
            "whose `source` + `external_id` is already stored counts as a duplicate."
        ),
    )
    @action(detail=False, methods=["post"], url_path="import")
    def import_reviews(self, request):
        body = ReviewImportSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        workspace = body.validated_data["workspace"]
        self.require_editor(workspace.pk)
        rows, errors = [], {}
        for index, item in enumerate(body.validated_data["reviews"]):
            row = ReviewRowSerializer(data=item, context={"request": request})
            if row.is_valid():
                rows.append(dict(row.validated_data))
            else:
                errors[index] = row.errors
        if errors:
            raise services.BulkValidationError(errors)
        result = services.reviews_import(actor=request.user, workspace=workspace, rows=rows)
        return Response(result, status=status.HTTP_201_CREATED)
