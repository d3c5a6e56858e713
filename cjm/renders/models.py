"""One rendering of a journey map to a file: asked for by a member, made by a Celery job,
kept for a day under ``MEDIA_ROOT/renders/`` and downloaded through a view that checks
membership (never a public media URL)."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEEP_FOR = datetime.timedelta(days=1)


class RenderFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    PNG = "png", "PNG"


class RenderStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


CONTENT_TYPES = {RenderFormat.PDF: "application/pdf", RenderFormat.PNG: "image/png"}


class MapRender(models.Model):
    journey = models.ForeignKey(
        "cjm.Journey", on_delete=models.CASCADE, related_name="renders", verbose_name=_("journey")
    )
    format = models.CharField(_("format"), max_length=8, choices=RenderFormat.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=RenderStatus.choices, default=RenderStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    file = models.FileField(_("file"), upload_to="renders/", blank=True, max_length=255)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), db_index=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("map export")
        verbose_name_plural = _("map exports")

    def __str__(self) -> str:
        return f"{self.journey_id} {self.format} {self.status}"

    def save(self, *args, **kwargs) -> None:
        if self.expires_at is None:
            self.expires_at = self.created_at + KEEP_FOR
        super().save(*args, **kwargs)

    @property
    def is_running(self) -> bool:
        return self.status in (RenderStatus.PENDING, RenderStatus.RUNNING)

    @property
    def is_ready(self) -> bool:
        return self.status == RenderStatus.DONE and bool(self.file)
