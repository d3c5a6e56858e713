"""Customers: the list and search box, segment and attributes, and the omnichannel timeline."""

from django_filters import rest_framework as django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action

from cjm.core.api.filtersets import ApiFilterSet, scoped, workspace_filter
from cjm.core.api.permissions import WorkspaceRolePermission
from cjm.core.api.schema import list_errors, read_errors, write_errors
from cjm.funnels import selectors
from cjm.funnels.api.serializers.events import CustomerSerializer, TimelineEventSerializer
from cjm.funnels.models import Customer
from cjm.funnels.services.events import customer_update
from personas.models import Segment


class CustomerFilterSet(ApiFilterSet):
    workspace = workspace_filter()
    segment = django_filters.ModelChoiceFilter(queryset=scoped(Segment))
    search_fields = ("external_id",)

    class Meta:
        model = Customer
        fields = ["workspace", "segment"]


@extend_schema_view(
    list=extend_schema(
        tags=["customers"],
        description="Customers known from their events; `search` matches the external id.",
        responses={200: CustomerSerializer(many=True), **list_errors()},
    ),
    retrieve=extend_schema(
        tags=["customers"], responses={200: CustomerSerializer, **read_errors()}
    ),
    update=extend_schema(
        tags=["customers"],
        request=CustomerSerializer,
        responses={200: CustomerSerializer, **write_errors()},
    ),
    partial_update=extend_schema(
        tags=["customers"],
        request=CustomerSerializer,
        responses={200: CustomerSerializer, **write_errors()},
    ),
)
class CustomerViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = CustomerSerializer
    filterset_class = CustomerFilterSet
    lookup_value_converter = "int"
    permission_classes = [*viewsets.GenericViewSet.permission_classes, WorkspaceRolePermission]

    def get_queryset(self):
        return selectors.customer_list(user=self.request.user)

    def workspace_id_of(self, obj) -> int:
        return obj.workspace_id

    def perform_update(self, serializer):
        serializer.instance = customer_update(
            actor=self.request.user, customer=serializer.instance, **serializer.validated_data
        )

    @extend_schema(
        tags=["customers"],
        operation_id="customers_timeline",
        responses={200: TimelineEventSerializer(many=True), **list_errors()},
        description=(
            "Every event of the customer across channels and journeys, in time order (oldest "
            "first)."
        ),
    )
    @action(detail=True, methods=["get"], url_path="timeline", filterset_class=None)
    def timeline(self, request, pk=None):
        customer = self.get_object()
        page = self.paginate_queryset(selectors.customer_timeline(customer=customer))
        return self.get_paginated_response(TimelineEventSerializer(page, many=True).data)
