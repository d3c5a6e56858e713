"""``webhooks/``: a workspace's subscriptions (admins only), ``webhooks/{id}/deliveries/`` and
``webhooks/{id}/ping/``."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from cjm.core.api.schema import crud_schema, list_errors, read_errors, write_errors
from cjm.core.api.viewsets import ServiceModelViewSet
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.webhooks import selectors, services
from cjm.webhooks.api.serializers import (
    DeliverySerializer,
    SubscriptionSerializer,
    SubscriptionUpdateSerializer,
)


@extend_schema_view(**crud_schema(SubscriptionSerializer, tags=["webhooks"]))
class SubscriptionViewSet(ServiceModelViewSet):
    """Webhooks of the workspaces you administer."""

    serializer_class = SubscriptionSerializer
    update_serializer_class = SubscriptionUpdateSerializer
    read_role = Role.ADMIN
    write_role = Role.ADMIN

    def get_queryset(self):
        workspace = self.request.query_params.get("workspace")
        workspace_id = int(workspace) if workspace and workspace.isdigit() else None
        if self.action == "list":
            return selectors.subscription_list(user=self.request.user, workspace_id=workspace_id)
        return selectors.subscription_list(user=self.request.user)

    def get_object(self):
        subscription = selectors.subscription_get(
            user=self.request.user, pk=self.kwargs[self.lookup_field]
        )
        self.check_object_permissions(self.request, subscription)
        return subscription

    def refetch(self, instance):
        return instance

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        require_role(request.user, serializer.validated_data["workspace"].pk, Role.ADMIN)
        instance = self.perform_create(serializer)
        data = dict(self.get_read_serializer(instance).data)
        if not serializer.validated_data.get("secret"):
            data["secret"] = instance.secret
        return Response(data, status=status.HTTP_201_CREATED)

    def perform_create(self, serializer):
        return services.subscription_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        return services.subscription_update(
            actor=self.request.user,
            subscription=serializer.instance,
            **serializer.validated_data,
        )

    def perform_destroy(self, instance) -> None:
        services.subscription_delete(actor=self.request.user, subscription=instance)

    @extend_schema(responses={200: DeliverySerializer(many=True), **list_errors()})
    @action(detail=True, methods=["get"])
    def deliveries(self, request, pk=None):
        subscription = self.get_object()
        page = self.paginate_queryset(selectors.delivery_list(subscription=subscription))
        return self.get_paginated_response(DeliverySerializer(page, many=True).data)

    @extend_schema(request=None, responses={202: None, **write_errors(), **read_errors()})
    @action(detail=True, methods=["post"])
    def ping(self, request, pk=None):
        subscription = self.get_object()
        payload = services.subscription_ping(actor=request.user, subscription=subscription)
        return Response({"id": payload["id"], "event": payload["event"]}, status=202)
