"""Events in (bulk, track, file import), events and unmapped track calls out, mapping rules."""

from django.utils.translation import gettext as _
from django_filters import rest_framework as django_filters
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from cjm.core.api.filtersets import ApiFilterSet, scoped, workspace_filter
from cjm.core.api.permissions import WorkspaceRolePermission
from cjm.core.api.schema import crud_schema, list_errors, read_errors, write_errors
from cjm.core.api.viewsets import ServiceModelViewSet
from cjm.funnels import selectors
from cjm.funnels.api.serializers.events import (
    BulkEventRowSerializer,
    EventImportCreateSerializer,
    EventImportSerializer,
    EventMappingRuleSerializer,
    EventMappingRuleUpdateSerializer,
    EventSerializer,
    IngestResultSerializer,
    QueuedSerializer,
    TrackCallSerializer,
    TrackResultSerializer,
    UnmappedEventSerializer,
    UnmappedSummarySerializer,
)
from cjm.funnels.api.views.common import ROWS_400, WORKSPACE_PARAMETER, int_param
from cjm.funnels.models import Customer, Event, EventImport, EventMappingRule
from cjm.funnels.services.events import (
    event_import_start,
    event_mapping_rule_create,
    event_mapping_rule_delete,
    event_mapping_rule_update,
    events_bulk_ingest,
    events_track,
    unmapped_events_map_request,
)
from cjm.models import Journey, Stage

BULK_BODY_LIMIT = 20 * 1024 * 1024  # 10,000 events with properties


class EventFilterSet(ApiFilterSet):
    workspace = workspace_filter()
    customer = django_filters.ModelChoiceFilter(queryset=scoped(Customer), method="of_customer")
    stage = django_filters.ModelChoiceFilter(queryset=scoped(Stage, "journey__workspace_id"))
    journey = django_filters.ModelChoiceFilter(
        field_name="stage__journey", queryset=scoped(Journey)
    )
    occurred_after = django_filters.IsoDateTimeFilter(field_name="occurred_at", lookup_expr="gte")
    occurred_before = django_filters.IsoDateTimeFilter(field_name="occurred_at", lookup_expr="lt")

    class Meta:
        model = Event
        fields = ["workspace", "customer", "stage", "journey"]

    def of_customer(self, queryset, name, customer):
        return queryset.filter(pk__in=selectors.events_of_customer(customer).values("pk"))


EVENT_NAME = OpenApiParameter("event_name", str, required=False, description="Only this name.")


@extend_schema_view(
    list=extend_schema(
        tags=["events"],
        description="Stored events, the most recently received first.",
        responses={200: EventSerializer(many=True), **list_errors()},
    )
)
class EventViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Customer events: ingestion (bulk, track) and listing; unmapped track calls."""

    serializer_class = EventSerializer
    filterset_class = EventFilterSet
    max_body_size = BULK_BODY_LIMIT

    def get_queryset(self):
        return selectors.event_list(user=self.request.user)

    @extend_schema(
        tags=["events"],
        operation_id="events_bulk",
        parameters=[WORKSPACE_PARAMETER],
        request=BulkEventRowSerializer(many=True),
        responses={201: IngestResultSerializer, **write_errors(), 400: ROWS_400},
        description=(
            "Store up to 10,000 events, all or nothing. An `event_id` already stored (or "
            "repeated in the body) is counted in `duplicates` and not stored again. Customers "
            "are created on first sight."
        ),
    )
    @action(detail=False, methods=["post"], url_path="bulk", filterset_class=None)
    def bulk(self, request):
        result = events_bulk_ingest(
            actor=request.user,
            rows=request.data,
            workspace_id=int_param(request, "workspace"),
        )
        return Response(IngestResultSerializer(result).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=["events"],
        operation_id="events_track",
        parameters=[WORKSPACE_PARAMETER],
        request=TrackCallSerializer(many=True),
        responses={201: TrackResultSerializer, **write_errors(), 400: ROWS_400},
        description=(
            "Track calls as analytics tools send them (one object, or an array of up to "
            "10,000). Each is mapped to a stage, touchpoint and channel by the workspace's "
            "event mapping rules (`messageId` becomes the `event_id`, `userId` the customer); "
            "calls no rule matches are kept as unmapped events until a rule maps them."
        ),
    )
    @action(detail=False, methods=["post"], url_path="track", filterset_class=None)
    def track(self, request):
        result = events_track(
            actor=request.user,
            calls=request.data,
            workspace_id=int_param(request, "workspace"),
        )
        return Response(TrackResultSerializer(result).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=["events"],
        operation_id="events_unmapped_list",
        parameters=[WORKSPACE_PARAMETER, EVENT_NAME],
        responses={200: UnmappedEventSerializer(many=True), **list_errors()},
        description="Track calls no mapping rule matched, newest first.",
    )
    @action(detail=False, methods=["get"], url_path="unmapped", filterset_class=None)
    def unmapped(self, request):
        name = request.query_params.get("event_name", "")
        if "\x00" in name or len(name) > 200:
            raise ValidationError({"event_name": [_("At most 200 characters, no NUL.")]})
        qs = selectors.unmapped_event_list(
            user=request.user, workspace=int_param(request, "workspace"), event_name=name
        )
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(UnmappedEventSerializer(page, many=True).data)

    @extend_schema(
        tags=["events"],
        operation_id="events_unmapped_summary",
        parameters=[WORKSPACE_PARAMETER],
        responses={200: UnmappedSummarySerializer(many=True), **list_errors()},
        description="Unmapped track calls grouped by event name, most frequent first.",
    )
    @action(detail=False, methods=["get"], url_path="unmapped/summary", filterset_class=None)
    def unmapped_summary(self, request):
        qs = selectors.unmapped_event_summary(
            user=request.user, workspace=int_param(request, "workspace")
        )
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(UnmappedSummarySerializer(page, many=True).data)

    @extend_schema(
        tags=["events"],
        operation_id="events_unmapped_map",
        parameters=[WORKSPACE_PARAMETER],
        request=None,
        responses={202: QueuedSerializer, **write_errors()},
        description=(
            "Apply the current mapping rules to the stored unmapped calls (in the background; "
            "it also happens whenever a rule is created or changed). `workspace` is required."
        ),
    )
    @action(detail=False, methods=["post"], url_path="unmapped/map", filterset_class=None)
    def unmapped_map(self, request):
        workspace_id = int_param(request, "workspace", required=True)
        unmapped_events_map_request(actor=request.user, workspace_id=workspace_id)
        return Response({"detail": _("Queued.")}, status=status.HTTP_202_ACCEPTED)


class RuleFilterSet(ApiFilterSet):
    workspace = workspace_filter()
    search_fields = ("event_name", "property_name", "property_value")

    class Meta:
        model = EventMappingRule
        fields = ["workspace", "event_name", "stage"]


@extend_schema_view(
    **crud_schema(
        EventMappingRuleSerializer,
        update=EventMappingRuleUpdateSerializer,
        tags=["events"],
    )
)
class EventMappingRuleViewSet(ServiceModelViewSet):
    """Rules that map track calls (event name, optionally one property's value) to a stage,
    touchpoint and channel. The most specific rule wins (a property rule before a name-only
    rule); creating or changing a rule maps the stored unmapped calls it now matches."""

    serializer_class = EventMappingRuleSerializer
    update_serializer_class = EventMappingRuleUpdateSerializer
    filterset_class = RuleFilterSet

    def get_queryset(self):
        return selectors.event_mapping_rule_list(user=self.request.user)

    def perform_create(self, serializer):
        return event_mapping_rule_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        return event_mapping_rule_update(
            actor=self.request.user, rule=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance) -> None:
        event_mapping_rule_delete(actor=self.request.user, rule=instance)


class ImportFilterSet(ApiFilterSet):
    workspace = workspace_filter()

    class Meta:
        model = EventImport
        fields = ["workspace", "status"]


@extend_schema_view(
    list=extend_schema(
        tags=["events"], responses={200: EventImportSerializer(many=True), **list_errors()}
    ),
    retrieve=extend_schema(
        tags=["events"], responses={200: EventImportSerializer, **read_errors()}
    ),
    create=extend_schema(
        tags=["events"],
        request={"multipart/form-data": EventImportCreateSerializer},
        responses={202: EventImportSerializer, **write_errors()},
        description=(
            "Upload a CSV or NDJSON file of events; it is imported in the background (poll "
            "`status` and `progress`; `errors` lists bad rows by line)."
        ),
    ),
)
class EventImportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = EventImportSerializer
    filterset_class = ImportFilterSet
    lookup_value_converter = "int"
    permission_classes = [*viewsets.GenericViewSet.permission_classes, WorkspaceRolePermission]
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self):
        return selectors.event_import_list(user=self.request.user)

    def workspace_id_of(self, obj) -> int:
        return obj.workspace_id

    def get_serializer_class(self):
        return EventImportCreateSerializer if self.action == "create" else EventImportSerializer

    def create(self, request):
        serializer = EventImportCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        job = event_import_start(
            actor=request.user,
            workspace=data["workspace"],
            uploaded_file=data["file"],
            format=data.get("format", ""),
            skip_bad_rows=data.get("skip_bad_rows", False),
        )
        job.refresh_from_db()
        return Response(EventImportSerializer(job).data, status=status.HTTP_202_ACCEPTED)
