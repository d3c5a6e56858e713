"""The caller's own notifications: list (newest first, ``?unread=true``, ``?kind=``), one, mark
one read, mark all read. Another person's notification is a 404."""

from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from cjm.core.api.schema import list_errors, read_errors
from cjm.notifications import selectors, services
from cjm.notifications.kinds import Kind
from cjm.notifications.models import Notification

BOOLEANS = {"true": True, "1": True, "false": False, "0": False}


class NotificationSerializer(serializers.ModelSerializer):
    read = serializers.SerializerMethodField()
    text = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "created_at",
            "read",
            "text",
            "url",
            "object_type",
            "object_id",
            "workspace",
        ]
        read_only_fields = fields

    def get_read(self, obj) -> bool:
        return obj.read_at is not None

    def get_text(self, obj) -> str:
        return obj.text


LIST_PARAMETERS = [
    OpenApiParameter("unread", bool, description="Only the unread ones."),
    OpenApiParameter("kind", str, enum=Kind.values, description="Only this kind."),
]
READ_ALL = inline_serializer("NotificationsReadAll", {"marked": serializers.IntegerField()})


@extend_schema_view(
    list=extend_schema(
        tags=["notifications"],
        parameters=LIST_PARAMETERS,
        responses={200: NotificationSerializer(many=True), **list_errors()},
    ),
    retrieve=extend_schema(
        tags=["notifications"], responses={200: NotificationSerializer, **read_errors()}
    ),
)
class NotificationViewSet(viewsets.ReadOnlyModelViewSet):
    """Your own notifications, newest first."""

    serializer_class = NotificationSerializer
    lookup_value_converter = "int"
    filter_backends: list = []

    def get_queryset(self):
        params = self.request.query_params
        unread = params.get("unread", "false").lower()
        if unread not in BOOLEANS:
            raise ValidationError({"unread": ["Use true or false."]})
        kind = params.get("kind") or None
        if kind is not None and kind not in Kind.values:
            raise ValidationError({"kind": [f"Unknown kind; one of {', '.join(Kind.values)}."]})
        return selectors.notification_list(
            user=self.request.user, unread=BOOLEANS[unread], kind=kind
        )

    @extend_schema(
        tags=["notifications"],
        request=None,
        responses={200: NotificationSerializer, **read_errors()},
    )
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = selectors.notification_get(user=request.user, pk=int(pk))
        notification = services.notification_mark_read(
            actor=request.user, notification=notification
        )
        return Response(self.get_serializer(notification).data)

    @extend_schema(tags=["notifications"], request=None, responses={200: READ_ALL})
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        marked = services.notifications_mark_all_read(actor=request.user)
        return Response({"marked": marked}, status=status.HTTP_200_OK)
