"""Serializers of webhooks (``secret`` is write-only; a generated one is shown once, in the
answer to the creation)."""

from rest_framework import serializers

from cjm.core.api.fields import (
    StrictBooleanField,
    StrictCharField,
    StrictChoiceField,
    StrictModelSerializer,
    StrictURLField,
    WorkspaceScopedPrimaryKeyField,
)
from cjm.core.tenancy import Workspace
from cjm.webhooks.models import Delivery, Event, Subscription


class SubscriptionSerializer(StrictModelSerializer):
    workspace = WorkspaceScopedPrimaryKeyField(
        queryset=Workspace.objects.all(), workspace_path="pk"
    )
    url = StrictURLField(max_length=500)
    events = serializers.ListField(child=StrictChoiceField(choices=Event.choices), min_length=1)
    secret = StrictCharField(
        write_only=True,
        required=False,
        allow_blank=True,
        min_length=16,
        max_length=128,
        help_text="The HMAC key; generated (and returned once, as `secret`) when left out.",
    )
    is_active = StrictBooleanField(required=False)

    class Meta:
        model = Subscription
        fields = [
            "id",
            "workspace",
            "url",
            "events",
            "is_active",
            "secret",
            "consecutive_failures",
            "paused_at",
            "created_at",
        ]
        read_only_fields = ["consecutive_failures", "paused_at", "created_at"]
        validators = []


class SubscriptionUpdateSerializer(SubscriptionSerializer):
    class Meta(SubscriptionSerializer.Meta):
        read_only_fields = ["workspace", "consecutive_failures", "paused_at", "created_at"]


class DeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = Delivery
        fields = [
            "id",
            "delivery_id",
            "event",
            "attempt",
            "status_code",
            "duration_ms",
            "error",
            "ok",
            "will_retry",
            "created_at",
        ]
