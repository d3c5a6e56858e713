"""A workspace's webhook subscriptions, the log of their deliveries, and the events sent once."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cjm.core.tenancy import Workspace


class Event(models.TextChoices):
    RATING_CHANGED = "touchpoint.rating_changed", _("Touchpoint rating changed")
    ACTION_CREATED = "action.created", _("Improvement action created")
    ACTION_OVERDUE = "action.overdue", _("Improvement action overdue")
    FUNNEL_REPORT_DONE = "funnel_report.done", _("Funnel report done")
    FEEDBACK_NEGATIVE = "feedback.negative", _("Negative feedback")


PING = "ping"


def new_secret() -> str:
    return secrets.token_hex(32)


class Subscription(models.Model):
    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="webhook_subscriptions"
    )
    url = models.URLField(_("URL"), max_length=500)
    events = models.JSONField(_("events"), default=list)
    secret = models.CharField(_("secret"), max_length=128, default=new_secret)
    is_active = models.BooleanField(_("active"), default=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    paused_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.url


class Delivery(models.Model):
    """One attempt to deliver one payload (``delivery_id`` is the ``X-CJM-Delivery`` header,
    shared by the attempts of one payload)."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    delivery_id = models.UUIDField(db_index=True)
    event = models.CharField(max_length=40)
    attempt = models.PositiveSmallIntegerField(default=1)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True, default="")
    ok = models.BooleanField(default=False)
    will_retry = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["subscription", "-id"])]

    def __str__(self) -> str:
        return f"{self.event} #{self.attempt} {self.status_code or self.error}"


class SentEvent(models.Model):
    """An event that must fire at most once (``action.overdue:<action id>``)."""

    key = models.CharField(max_length=100, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key
