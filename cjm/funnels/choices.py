"""Choices of the events and funnels part of the journeys app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    """Status of a background job (funnel report, file import)."""

    PENDING = "pending", _("Pending")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class RunMode(models.TextChoices):
    FULL = "full", _("Full recompute")
    INCREMENTAL = "incremental", _("Incremental")


class ImportFormat(models.TextChoices):
    CSV = "csv", _("CSV")
    NDJSON = "ndjson", _("NDJSON (one JSON object per line)")


class Breakdown(models.TextChoices):
    SEGMENT = "segment", _("Segment")
    CHANNEL = "channel", _("Channel of the first-stage event")


DEFAULT_CONVERSION_WINDOW_DAYS = 30
MAX_CONVERSION_WINDOW_DAYS = 366
MAX_BULK_EVENTS = 10_000
