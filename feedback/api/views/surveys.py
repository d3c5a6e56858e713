"""``surveys/``: CRUD, ``stats/`` and ``invitations/``; ``feedback-settings/{workspace}/``."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cjm.core.api.schema import ERROR_400, list_errors, read_errors, write_errors
from cjm.core.api.viewsets import WorkspaceViewSetMixin
from cjm.core.permissions import has_role
from cjm.core.roles import Role
from cjm.core.scoping import workspace_get
from feedback import selectors, services
from feedback.api.filters import SurveyFilter
from feedback.api.serializers import (
    FeedbackSettingsSerializer,
    InvitationBatchSerializer,
    InvitationCreateSerializer,
    InvitationSerializer,
    SurveySerializer,
    SurveyStatsSerializer,
    SurveyUpdateSerializer,
)

TAGS = ["feedback"]


@extend_schema_view(
    list=extend_schema(tags=TAGS, responses={200: SurveySerializer(many=True), **list_errors()}),
    retrieve=extend_schema(tags=TAGS, responses={200: SurveySerializer, **read_errors()}),
    create=extend_schema(
        tags=TAGS, request=SurveySerializer, responses={201: SurveySerializer, **write_errors()}
    ),
    update=extend_schema(
        tags=TAGS,
        request=SurveyUpdateSerializer,
        responses={200: SurveySerializer, **write_errors()},
    ),
    partial_update=extend_schema(
        tags=TAGS,
        request=SurveyUpdateSerializer,
        responses={200: SurveySerializer, **write_errors()},
    ),
    destroy=extend_schema(tags=TAGS, responses={204: None, **write_errors()}),
)
class SurveyViewSet(WorkspaceViewSetMixin, viewsets.ModelViewSet):
    """NPS / CSAT / CES surveys with their public answer link (`public_url`)."""

    serializer_class = SurveySerializer
    filterset_class = SurveyFilter

    def get_queryset(self):
        return selectors.survey_list(user=self.request.user)

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return SurveyUpdateSerializer
        return SurveySerializer

    def refetched(self, survey):
        return self.get_queryset().get(pk=survey.pk)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = serializer.service_fields()
        workspace = fields.pop("workspace")
        self.require_editor(workspace.pk)
        survey = services.survey_create(actor=request.user, workspace=workspace, **fields)
        data = SurveySerializer(self.refetched(survey), context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        survey = self.get_object()
        self.require_editor(survey.workspace_id)
        serializer = self.get_serializer(
            survey, data=request.data, partial=kwargs.pop("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        updated = services.survey_update(
            actor=request.user, survey=survey, **serializer.service_fields()
        )
        return Response(
            SurveySerializer(self.refetched(updated), context=self.get_serializer_context()).data
        )

    def destroy(self, request, *args, **kwargs):
        survey = self.get_object()
        services.survey_delete(actor=request.user, survey=survey)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(tags=TAGS, responses={200: SurveyStatsSerializer, **read_errors()})
    @action(detail=True, methods=["get"])
    def stats(self, request, pk=None):
        """Number of answers and the survey's metric: NPS, CSAT (%) or CES (mean)."""
        return Response(selectors.survey_stats(survey=self.get_object()))

    @extend_schema(
        tags=TAGS,
        methods=["GET"],
        responses={200: InvitationSerializer(many=True), **list_errors()},
    )
    @extend_schema(
        tags=TAGS,
        methods=["POST"],
        request=InvitationCreateSerializer,
        responses={201: InvitationBatchSerializer, **write_errors()},
        description=(
            "One single-use personal link per customer id. Customers asked within the "
            "workspace's fatigue window are listed in `skipped` with the reason."
        ),
    )
    @action(detail=True, methods=["get", "post"])
    def invitations(self, request, pk=None):
        survey = self.get_object()
        context = self.get_serializer_context()
        # Personal links let anyone answer in a customer's name: editors and admins only.
        context["show_links"] = has_role(request.user, survey.workspace_id, Role.EDITOR)
        if request.method == "GET":
            page = self.paginate_queryset(selectors.invitation_list(survey=survey))
            return self.get_paginated_response(
                InvitationSerializer(page, many=True, context=context).data
            )
        self.require_editor(survey.workspace_id)
        body = InvitationCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        batch = services.invitations_create(
            actor=request.user, survey=survey, **body.validated_data
        )
        data = {
            "created": InvitationSerializer(batch.created, many=True, context=context).data,
            "skipped": [{"customer": c, "reason": r} for c, r in batch.skipped],
        }
        return Response(data, status=status.HTTP_201_CREATED)

    def get_serializer(self, *args, **kwargs):
        if self.action == "invitations":
            kwargs.setdefault("context", self.get_serializer_context())
            return InvitationSerializer(*args, **kwargs)
        return super().get_serializer(*args, **kwargs)


@extend_schema_view(
    retrieve=extend_schema(tags=TAGS, responses={200: FeedbackSettingsSerializer, **read_errors()}),
    partial_update=extend_schema(
        tags=TAGS,
        request=FeedbackSettingsSerializer,
        responses={200: FeedbackSettingsSerializer, **write_errors(), 400: ERROR_400},
    ),
)
class FeedbackSettingsViewSet(
    WorkspaceViewSetMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The workspace's fatigue rule, suggested-rating thresholds and review trust weights
    (looked up by workspace id)."""

    serializer_class = FeedbackSettingsSerializer
    http_method_names = ["get", "patch", "head", "options"]
    pagination_class = None

    def get_object(self):
        workspace = workspace_get(user=self.request.user, pk=self.kwargs["pk"])
        self.workspace = workspace
        return selectors.feedback_settings_for(workspace.pk)

    def partial_update(self, request, *args, **kwargs):
        current = self.get_object()
        self.require_editor(self.workspace.pk)
        serializer = self.get_serializer(current, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        saved = services.feedback_settings_update(
            actor=request.user, workspace=self.workspace, **serializer.validated_data
        )
        return Response(self.get_serializer(saved).data)
