"""Funnel reports (request -> 202, then poll), breakdowns, drill-down, and manual funnels."""

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cjm.core.api.etags import ETagMixin
from cjm.core.api.permissions import WorkspaceRolePermission
from cjm.core.api.schema import crud_schema, list_errors, read_errors, write_errors
from cjm.funnels import selectors
from cjm.funnels.api.serializers.funnels import (
    BreakdownSerializer,
    DroppedCustomerSerializer,
    FunnelReportRequestSerializer,
    FunnelReportSerializer,
    ManualFunnelSerializer,
    ManualFunnelWriteSerializer,
)
from cjm.funnels.api.views.common import CSVRenderer, int_param
from cjm.funnels.choices import Breakdown
from cjm.funnels.services.funnels import (
    funnel_report_request,
    manual_funnel_create,
    manual_funnel_delete,
    manual_funnel_update,
)
from cjm.selectors import journey_get

JOURNEY_ID = OpenApiParameter("journey_id", int, OpenApiParameter.PATH)
STAGE = OpenApiParameter(
    "stage", int, required=True, description="The stage customers entered and did not leave."
)
TOUCHPOINT = OpenApiParameter(
    "touchpoint", int, required=False, description="Only customers who left at this touchpoint."
)
BY = OpenApiParameter("by", str, required=True, enum=Breakdown.values)


class JourneyScopedMixin:
    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no journey
            return self.serializer_class.Meta.model.objects.none()
        return self.journey_queryset()

    def journey(self):
        return journey_get(user=self.request.user, pk=int(self.kwargs["journey_id"]))


@extend_schema_view(
    list=extend_schema(
        tags=["funnels"],
        operation_id="journeys_funnel_reports_list",
        parameters=[JOURNEY_ID],
        responses={200: FunnelReportSerializer(many=True), **list_errors()},
        description="Funnel reports of the journey, newest first.",
    ),
    create=extend_schema(
        tags=["funnels"],
        operation_id="journeys_funnel_reports_create",
        parameters=[JOURNEY_ID],
        request=FunnelReportRequestSerializer,
        responses={202: FunnelReportSerializer, **write_errors()},
        description=(
            "Ask for a report (editors and admins). It is computed in the background: poll "
            "`url` until `status` is `done` (or `failed`); `progress` goes from 0 to 100. "
            "See docs/funnels.md for the exact definition of every number."
        ),
    ),
)
class JourneyFunnelReportViewSet(
    JourneyScopedMixin, mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = FunnelReportSerializer

    def journey_queryset(self):
        return selectors.funnel_report_list(user=self.request.user, journey=self.journey())

    def get_serializer_class(self):
        if self.action == "create":
            return FunnelReportRequestSerializer
        return FunnelReportSerializer

    def create(self, request, journey_id=None):
        journey = self.journey()
        serializer = FunnelReportRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        report = funnel_report_request(
            actor=request.user, journey=journey, **serializer.validated_data
        )
        report = selectors.funnel_report_get(user=request.user, pk=report.pk)
        data = FunnelReportSerializer(report, context={"request": request}).data
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]})


@extend_schema_view(
    list=extend_schema(
        tags=["funnels"],
        parameters=[OpenApiParameter("journey", int, required=False)],
        responses={200: FunnelReportSerializer(many=True), **list_errors()},
    ),
    retrieve=extend_schema(
        tags=["funnels"],
        responses={200: FunnelReportSerializer, **read_errors()},
        description=(
            "`status` and `progress`; when done, `stages` in journey order (`entered`, "
            "`converted` = entered the next stage, `drop_off_rate`, "
            "`median_seconds_to_convert`), `exit_touchpoints` (most customers first) and the "
            "weekly `trend`."
        ),
    ),
)
class FunnelReportViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = FunnelReportSerializer
    lookup_value_converter = "int"
    permission_classes = [*viewsets.GenericViewSet.permission_classes, WorkspaceRolePermission]
    filterset_class = None

    def get_queryset(self):
        qs = selectors.funnel_report_list(user=self.request.user)
        journey = int_param(self.request, "journey") if self.action == "list" else None
        return qs.filter(journey_id=journey) if journey else qs

    def workspace_id_of(self, obj) -> int:
        return obj.journey.workspace_id

    @extend_schema(
        tags=["funnels"],
        operation_id="funnel_reports_breakdown",
        parameters=[BY],
        responses={200: BreakdownSerializer, **read_errors(), 400: list_errors()[400]},
        description=(
            "The report split by customer segment or by the channel of the first-stage event. "
            "Read from the definition's latest progress (`as_of`)."
        ),
    )
    @action(detail=True, methods=["get"], url_path="breakdown")
    def breakdown(self, request, pk=None):
        report = self.get_object()
        by = request.query_params.get("by", "")
        data = selectors.funnel_breakdown(report=report, by=by)
        return Response(BreakdownSerializer(data).data)

    def _drop_params(self, request) -> dict:
        return {
            "stage": int_param(request, "stage", required=True),
            "touchpoint": int_param(request, "touchpoint"),
        }

    @extend_schema(
        tags=["funnels"],
        operation_id="funnel_reports_dropped_customers",
        parameters=[STAGE, TOUCHPOINT],
        responses={200: DroppedCustomerSerializer(many=True), **list_errors()},
        description="Customers who entered the stage and did not reach the next one.",
    )
    @action(detail=True, methods=["get"], url_path="dropped-customers")
    def dropped_customers(self, request, pk=None):
        report = self.get_object()
        qs = selectors.funnel_dropped_customers(report=report, **self._drop_params(request))
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(DroppedCustomerSerializer(page, many=True).data)

    @extend_schema(
        tags=["funnels"],
        operation_id="funnel_reports_dropped_customers_csv",
        parameters=[STAGE, TOUCHPOINT],
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR, description="CSV, one customer a row."
            ),
            **list_errors(),
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="dropped-customers/csv",
        renderer_classes=[renderers.JSONRenderer, CSVRenderer],
    )
    def dropped_customers_csv(self, request, pk=None):
        report = self.get_object()
        params = self._drop_params(request)
        lines = selectors.funnel_dropped_customers_csv(report=report, **params)
        first = next(lines)  # validation errors surface here, before streaming starts
        response = StreamingHttpResponse(
            _chain(first, lines), content_type="text/csv; charset=utf-8"
        )
        name = f"funnel-{report.pk}-stage-{params['stage']}-dropped.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


def _chain(first, rest):
    yield first
    yield from rest


# --- Manual funnels -----------------------------------------------------------------------

_manual = crud_schema(
    ManualFunnelSerializer, update=ManualFunnelWriteSerializer, versioned=True, tags=["funnels"]
)


@extend_schema_view(
    list=_manual["list"],
    retrieve=_manual["retrieve"],
    update=_manual["update"],
    partial_update=_manual["partial_update"],
    destroy=_manual["destroy"],
)
class ManualFunnelViewSet(
    ETagMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Counts per stage typed in for a period, shown like a computed report."""

    serializer_class = ManualFunnelSerializer
    lookup_value_converter = "int"
    permission_classes = [*viewsets.GenericViewSet.permission_classes, WorkspaceRolePermission]

    def get_queryset(self):
        return selectors.manual_funnel_list(user=self.request.user)

    def workspace_id_of(self, obj) -> int:
        return obj.journey.workspace_id

    def get_read_serializer(self, instance):
        return ManualFunnelSerializer(instance, context=self.get_serializer_context())

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        funnel = self.get_object()
        serializer = ManualFunnelWriteSerializer(
            data=request.data, partial=partial, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        funnel = manual_funnel_update(
            actor=request.user,
            funnel=funnel,
            expected_version=self.expected_version,
            **serializer.validated_data,
        )
        return Response(self.get_read_serializer(self.get_queryset().get(pk=funnel.pk)).data)

    def destroy(self, request, *args, **kwargs):
        manual_funnel_delete(
            actor=request.user, funnel=self.get_object(), expected_version=self.expected_version
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(
        tags=["funnels"],
        operation_id="journeys_manual_funnels_list",
        parameters=[JOURNEY_ID],
        responses={200: ManualFunnelSerializer(many=True), **list_errors()},
    ),
    create=extend_schema(
        tags=["funnels"],
        operation_id="journeys_manual_funnels_create",
        parameters=[JOURNEY_ID],
        request=ManualFunnelWriteSerializer,
        responses={201: ManualFunnelSerializer, **write_errors()},
        description=(
            "Counts per stage for a period, for businesses without event tracking "
            "(1000 contacts -> 300 -> 100 deals); counts may not grow from stage to stage."
        ),
    ),
)
class JourneyManualFunnelViewSet(
    JourneyScopedMixin, mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = ManualFunnelSerializer

    def journey_queryset(self):
        return selectors.manual_funnel_list(user=self.request.user, journey=self.journey())

    def get_serializer_class(self):
        return ManualFunnelWriteSerializer if self.action == "create" else ManualFunnelSerializer

    def create(self, request, journey_id=None):
        journey = self.journey()
        serializer = ManualFunnelWriteSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        funnel = manual_funnel_create(
            actor=request.user, journey=journey, **serializer.validated_data
        )
        funnel = selectors.manual_funnel_get(user=request.user, pk=funnel.pk)
        return Response(
            ManualFunnelSerializer(funnel, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )
