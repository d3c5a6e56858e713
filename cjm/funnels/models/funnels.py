"""Funnel reports: what was asked (definition), each customer's progress, and each run's result.

A *definition* is the part of a report request that decides each customer's progress: the
journey, the date range, the conversion window and the channel filter. Its customers' progress is
materialized (one row per customer who entered the first stage) together with the *watermark*:
the id of the last event taken into account. A new report for the same definition reprocesses
only the customers with events that arrived after the watermark (see docs/funnels.md).
The segment filter only selects customers, so it is applied when the progress is aggregated.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cjm.core.models import TimeStampedModel, VersionedModel
from cjm.funnels.choices import (
    DEFAULT_CONVERSION_WINDOW_DAYS,
    MAX_CONVERSION_WINDOW_DAYS,
    JobStatus,
    RunMode,
)
from cjm.funnels.fields import IntegerListField


class FunnelDefinition(models.Model):
    journey = models.ForeignKey(
        "cjm.Journey",
        on_delete=models.CASCADE,
        related_name="funnel_definitions",
        verbose_name=_("journey"),
    )
    date_from = models.DateField(_("from (UTC date)"))
    date_to = models.DateField(_("to (UTC date, inclusive)"))
    conversion_window_days = models.PositiveSmallIntegerField(
        _("conversion window, days"),
        default=DEFAULT_CONVERSION_WINDOW_DAYS,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_CONVERSION_WINDOW_DAYS)],
    )
    channel = models.ForeignKey(
        "touchpoints.Channel",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="funnel_definitions",
        verbose_name=_("channel"),
    )
    is_standard = models.BooleanField(
        _("recompute nightly"),
        default=False,
        help_text=_("Recomputed every night while the journey is active."),
    )
    # The materialized progress: rows of generation ``generation`` (the id of the report whose
    # full run wrote them) reflect every event with id <= ``watermark``, computed with the
    # journey's stages and touchpoints of ``signature``; another signature means a full recompute.
    generation = models.BigIntegerField(_("generation"), null=True, blank=True, editable=False)
    watermark = models.BigIntegerField(_("arrival watermark"), default=0, editable=False)
    signature = models.CharField(_("signature"), max_length=40, blank=True, editable=False)
    # PostgreSQL: customers per (reached, week of entry, exit touchpoint), see funnels/summary.py
    summary = models.JSONField(_("summary"), null=True, blank=True, editable=False)
    computed_at = models.DateTimeField(_("computed"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        app_label = "cjm"
        ordering = ["journey_id", "-date_to", "id"]
        verbose_name = _("funnel definition")
        verbose_name_plural = _("funnel definitions")
        constraints = [
            models.UniqueConstraint(
                fields=["journey", "date_from", "date_to", "conversion_window_days"],
                condition=models.Q(channel__isnull=True),
                name="funneldefinition_unique_all_channels",
            ),
            models.UniqueConstraint(
                fields=["journey", "date_from", "date_to", "conversion_window_days", "channel"],
                condition=models.Q(channel__isnull=False),
                name="funneldefinition_unique_channel",
            ),
            models.CheckConstraint(
                condition=models.Q(date_from__lte=models.F("date_to")),
                name="funneldefinition_date_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.journey} {self.date_from}..{self.date_to}"

    def clean(self) -> None:
        errors = {}
        if self.date_from and self.date_to and self.date_from > self.date_to:
            errors["date_to"] = _("The end date is before the start date.")
        if (
            self.channel_id
            and self.journey_id
            and self.channel.workspace_id != self.journey.workspace_id
        ):
            errors["channel"] = _("The channel belongs to another workspace.")
        if errors:
            raise ValidationError(errors)


class FunnelProgress(models.Model):
    """How far one customer got in one definition's funnel (only customers who entered S1).

    ``offsets`` holds t2-t1, t3-t1, ... in microseconds for the stages reached after the first
    (so ``len(offsets) == reached - 1``). ``exit_touchpoint_id`` is set when the customer left
    before the last stage; ``entry_channel_id`` is the channel of the event that defined t1.
    No database foreign keys (bulk rewrites of a million rows skip the checks); Django's deletion
    collector still removes the rows with their definition or customer.
    """

    pk = models.CompositePrimaryKey("definition_id", "generation", "customer_id")
    definition = models.ForeignKey(
        FunnelDefinition,
        on_delete=models.CASCADE,
        related_name="progress",
        db_constraint=False,
        db_index=False,
    )
    generation = models.BigIntegerField(_("generation"))
    customer = models.ForeignKey(
        "cjm.Customer",
        on_delete=models.CASCADE,
        related_name="funnel_progress",
        db_constraint=False,
        db_index=False,
    )
    reached = models.PositiveSmallIntegerField(_("stages reached"))
    entered_at = models.DateTimeField(_("entered the first stage"))
    offsets = IntegerListField(_("offsets, microseconds"))
    exit_touchpoint_id = models.BigIntegerField(_("exit touchpoint"), null=True, blank=True)
    entry_channel_id = models.BigIntegerField(_("entry channel"), null=True, blank=True)
    # Funnels with steps: the stage (index in the funnel's stage order) through which each
    # reached step was reached; ``offsets`` then holds the times of path[1:]. NULL: a straight
    # funnel, whose path is its first ``reached`` stages.
    path = IntegerListField(_("path"), null=True, blank=True)

    class Meta:
        app_label = "cjm"
        verbose_name = _("funnel progress")
        verbose_name_plural = _("funnel progress")

    def __str__(self) -> str:
        return f"{self.customer_id}: {self.reached}"


class FunnelReport(models.Model):
    """One run of a definition, optionally for one segment: status, progress and the result."""

    definition = models.ForeignKey(
        FunnelDefinition,
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("definition"),
    )
    journey = models.ForeignKey(
        "cjm.Journey",
        on_delete=models.CASCADE,
        related_name="funnel_reports",
        verbose_name=_("journey"),
        db_index=False,  # covered by (journey, created_at)
    )
    segment = models.ForeignKey(
        "personas.Segment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="funnel_reports",
        verbose_name=_("segment"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    status = models.CharField(
        _("status"), max_length=7, choices=JobStatus.choices, default=JobStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    mode = models.CharField(_("mode"), max_length=11, choices=RunMode.choices, blank=True)
    error = models.TextField(_("error"), blank=True)
    result = models.JSONField(_("result"), null=True, blank=True, editable=False)
    customers_processed = models.PositiveIntegerField(_("customers processed"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    # Not a column: set on the report ``funnel_report_run`` returns; True when older progress
    # rows now wait for the prune job (which the task queues).
    progress_to_prune: bool = False

    class Meta:
        app_label = "cjm"
        ordering = ["-created_at", "-id"]
        verbose_name = _("funnel report")
        verbose_name_plural = _("funnel reports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=JobStatus.values), name="funnelreport_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="funnelreport_progress_range"
            ),
        ]
        indexes = [
            models.Index(fields=["journey", "created_at"], name="funnelreport_journey_created"),
        ]

    def __str__(self) -> str:
        return f"{self.definition} ({self.status})"


class ManualFunnel(VersionedModel):
    """Counts per stage typed in for a period, for businesses without event tracking
    (1000 contacts -> 300 -> 100 deals). Shown the same way as a computed report."""

    journey = models.ForeignKey(
        "cjm.Journey",
        on_delete=models.CASCADE,
        related_name="manual_funnels",
        verbose_name=_("journey"),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("to (inclusive)"))
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        app_label = "cjm"
        ordering = ["journey_id", "-date_to", "id"]
        verbose_name = _("manual funnel")
        verbose_name_plural = _("manual funnels")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_from__lte=models.F("date_to")),
                name="manualfunnel_date_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.journey} {self.date_from}..{self.date_to}"

    def clean(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValidationError({"date_to": _("The end date is before the start date.")})


class ManualFunnelCount(TimeStampedModel):
    manual_funnel = models.ForeignKey(
        ManualFunnel, on_delete=models.CASCADE, related_name="counts", verbose_name=_("funnel")
    )
    stage = models.ForeignKey(
        "cjm.Stage",
        on_delete=models.CASCADE,
        related_name="manual_funnel_counts",
        verbose_name=_("stage"),
    )
    customers = models.PositiveIntegerField(_("customers"))

    class Meta:
        app_label = "cjm"
        ordering = ["manual_funnel_id", "stage__position"]
        verbose_name = _("manual funnel count")
        verbose_name_plural = _("manual funnel counts")
        constraints = [
            models.UniqueConstraint(
                fields=["manual_funnel", "stage"], name="manualfunnelcount_unique_stage"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stage}: {self.customers}"
