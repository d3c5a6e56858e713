"""A snapshot: a map frozen as it was, with its figures. Never changed once stored."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Snapshot(models.Model):
    """``data``: the map in the shape of ``GET journeys/{id}/`` (``journey_map_data``) plus
    ``metrics`` (``cjm.snapshots.freeze``). Only created and deleted, never updated."""

    journey = models.ForeignKey(
        "cjm.Journey", on_delete=models.CASCADE, related_name="snapshots", verbose_name=_("journey")
    )
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    data = models.JSONField(_("frozen map"), default=dict, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")

    def __str__(self) -> str:
        return self.name
