"""Read-outs for the map and the charts: touchpoint feedback (with one-click apply of the
suggested rating), the evidence-based emotion curve of a journey, weekly metric series."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cjm.core.api.schema import ERROR_400, list_errors, write_errors
from cjm.core.api.viewsets import WorkspaceViewSetMixin
from cjm.core.scoping import workspace_get
from cjm.selectors import journey_get
from feedback import selectors, services, tasks
from feedback.api.serializers import (
    MetricSeriesSerializer,
    StageEmotionSerializer,
    TouchpointFeedbackSerializer,
)
from feedback.choices import MetricDimension, SurveyKind
from feedback.selectors.metrics import aggregates_refreshed_at
from touchpoints.selectors import touchpoint_get, touchpoint_list

TAGS = ["feedback"]


def _positive_int(request, name: str, *, required: bool) -> int | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        if required:
            raise serializers.ValidationError({name: [_("This parameter is required.")]})
        return None
    if not raw.isdigit() or not 0 < int(raw) < 2**63:
        raise serializers.ValidationError({name: [_("A positive whole number.")]})
    return int(raw)


def touchpoint_summary(touchpoint, found) -> dict:
    return {
        "touchpoint": touchpoint.pk,
        "rating": touchpoint.rating,
        "suggested_rating": found.suggested_rating if found else None,
        "index": found.index if found else None,
        "answers": found.answers if found else 0,
        "reviews": found.reviews if found else 0,
        "min_answers": found.min_answers if found else 0,
        "nps": found.nps if found else None,
        "nps_answers": found.answers_of(SurveyKind.NPS) if found else 0,
        "csat": found.csat if found else None,
        "csat_answers": found.answers_of(SurveyKind.CSAT) if found else 0,
        "ces": found.ces if found else None,
        "ces_answers": found.answers_of(SurveyKind.CES) if found else 0,
        "review_score": found.review_score if found else None,
    }


class TouchpointFeedbackViewSet(WorkspaceViewSetMixin, viewsets.ViewSet):
    """Recent feedback per touchpoint of a journey: for map-card badges and the drawer."""

    @extend_schema(
        tags=TAGS,
        parameters=[OpenApiParameter("journey", OpenApiTypes.INT, required=True)],
        responses={200: TouchpointFeedbackSerializer(many=True), **list_errors()},
    )
    def list(self, request):
        journey = journey_get(
            user=request.user, pk=_positive_int(request, "journey", required=True)
        )
        touchpoints = list(
            touchpoint_list(user=request.user)
            .filter(stage__journey=journey)
            .order_by("stage__position", "position")
        )
        found = selectors.touchpoint_feedback(
            workspace_id=journey.workspace_id, touchpoint_ids=[t.pk for t in touchpoints]
        )
        return Response([touchpoint_summary(t, found.get(t.pk)) for t in touchpoints])

    @extend_schema(
        tags=TAGS,
        request=None,
        responses={200: TouchpointFeedbackSerializer, **write_errors()},
        description=(
            "Set the touchpoint's rating to the suggested one (recorded in its rating history). "
            "400 when there is no suggestion or the rating already matches."
        ),
    )
    @action(detail=True, methods=["post"], url_path="apply-suggested-rating")
    def apply_suggested_rating(self, request, pk=None):
        touchpoint = touchpoint_get(user=request.user, pk=int(pk))
        workspace_id = touchpoint.stage.journey.workspace_id
        self.require_editor(workspace_id)
        updated = services.touchpoint_apply_suggested_rating(
            actor=request.user, touchpoint=touchpoint
        )
        found = selectors.touchpoint_feedback(
            workspace_id=workspace_id, touchpoint_ids=[updated.pk]
        ).get(updated.pk)
        return Response(touchpoint_summary(updated, found))


class StageEmotionViewSet(WorkspaceViewSetMixin, viewsets.ViewSet):
    """The evidence-based emotion curve of a journey next to the hand-set one."""

    @extend_schema(
        tags=TAGS,
        parameters=[OpenApiParameter("journey", OpenApiTypes.INT, required=True)],
        responses={200: StageEmotionSerializer(many=True), **list_errors()},
    )
    def list(self, request):
        journey = journey_get(
            user=request.user, pk=_positive_int(request, "journey", required=True)
        )
        return Response(selectors.journey_emotion_rows(journey=journey))


class MetricViewSet(WorkspaceViewSetMixin, viewsets.ViewSet):
    """Weekly NPS / CSAT / CES from the aggregates (refreshed hourly and on demand)."""

    @extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter("workspace", OpenApiTypes.INT, required=True),
            OpenApiParameter("kind", str, enum=SurveyKind.values, required=True),
            OpenApiParameter("dimension", str, enum=MetricDimension.values),
            OpenApiParameter("object_id", OpenApiTypes.INT),
            OpenApiParameter("weeks", OpenApiTypes.INT, description="1-104, default 12."),
        ],
        responses={200: MetricSeriesSerializer, **list_errors()},
    )
    def list(self, request):
        workspace = workspace_get(
            user=request.user, pk=_positive_int(request, "workspace", required=True)
        )
        kind = request.query_params.get("kind")
        dimension = request.query_params.get("dimension") or MetricDimension.WORKSPACE
        errors = {}
        if kind not in SurveyKind.values:
            errors["kind"] = [_("One of: %s.") % ", ".join(SurveyKind.values)]
        if dimension not in MetricDimension.values:
            errors["dimension"] = [_("One of: %s.") % ", ".join(MetricDimension.values)]
        weeks = _positive_int(request, "weeks", required=False) or 12
        if weeks > 104:
            errors["weeks"] = [_("At most 104 weeks.")]
        if errors:
            raise serializers.ValidationError(errors)
        object_id = _positive_int(request, "object_id", required=False) or 0
        if dimension == MetricDimension.WORKSPACE:
            object_id = 0
        series = selectors.metric_series(
            workspace_id=workspace.pk,
            kind=kind,
            dimension=dimension,
            object_id=object_id,
            weeks=weeks,
        )
        return Response(
            {
                "kind": kind,
                "dimension": dimension,
                "object_id": object_id,
                "refreshed_at": aggregates_refreshed_at(workspace_id=workspace.pk),
                "weeks": series,
            }
        )

    @extend_schema(
        tags=TAGS,
        request=OpenApiTypes.OBJECT,
        responses={
            202: OpenApiResponse(description="Queued (or done, without a broker)."),
            **write_errors(),
            400: ERROR_400,
        },
        description='Recompute the aggregates of a workspace now. Body: `{"workspace": id}`.',
    )
    @action(detail=False, methods=["post"])
    def refresh(self, request):
        raw = request.data.get("workspace") if isinstance(request.data, dict) else None
        if isinstance(raw, bool) or not isinstance(raw, int) or not 0 < raw < 2**63:
            raise serializers.ValidationError({"workspace": [_("A workspace id.")]})
        workspace = workspace_get(user=request.user, pk=raw)
        self.require_editor(workspace.pk)
        tasks.feedback_aggregates_refresh.delay(workspace.pk)
        return Response({"status": "queued"}, status=status.HTTP_202_ACCEPTED)
