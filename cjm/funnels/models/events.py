"""Customers and their time-stamped events: the raw material of funnels and of the timeline.

Events arrive three ways (bulk API, track API with mapping rules, file import) and are never
updated: replays of an ``event_id`` are counted as duplicates and dropped. The bigserial primary
key doubles as the *arrival watermark* of incremental funnel runs: every event that arrives later
gets a larger id, whatever its ``occurred_at``.

Scale note. At hundreds of millions of rows the events table would be range-partitioned by
``occurred_at`` (one partition per month: ``PARTITION BY RANGE (occurred_at)``), so a report over a
date range scans only its partitions and old months can be detached and archived. PostgreSQL
requires the partition key in every unique index, so idempotency on ``(workspace, event_id)``
would move to a small side table of seen ids (or include ``occurred_at`` in the key, which makes a
replay with a corrected timestamp a new event). The funnel index below stays per partition.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cjm.funnels.choices import ImportFormat, JobStatus
from cjm.funnels.storage import import_storage


class Customer(models.Model):
    """A customer known by the workspace's own external id (CRM id, user id of the site...)."""

    workspace = models.ForeignKey(
        "cjm.Workspace",
        on_delete=models.CASCADE,
        related_name="customers",
        verbose_name=_("workspace"),
        db_index=False,  # covered by the unique (workspace, external_id)
    )
    external_id = models.CharField(_("external id"), max_length=200)
    segment = models.ForeignKey(
        "personas.Segment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="customers",
        verbose_name=_("segment"),
    )
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)
    first_seen_at = models.DateTimeField(_("first seen"), null=True, blank=True)
    last_seen_at = models.DateTimeField(_("last seen"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        app_label = "cjm"
        ordering = ["external_id", "id"]
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "external_id"], name="customer_unique_external_id"
            ),
        ]

    def __str__(self) -> str:
        return self.external_id

    def clean(self) -> None:
        if self.segment_id and self.workspace_id and self.segment.workspace_id != self.workspace_id:
            raise ValidationError({"segment": _("The segment belongs to another workspace.")})


class Event(models.Model):
    """One thing a customer did at a stage of a journey (optionally at a touchpoint, in a channel).

    Indexes are chosen for the funnel queries: ``event_funnel`` on ``(stage, customer,
    occurred_at, event_id)`` serves every step of a report (index-only probes: "first event of
    stage k of this customer at or after t") and the timeline.
    The foreign keys carry no index of their own (each is covered by one of these) and no
    database constraint: every row is checked against the workspace's stages, touchpoints and
    channels when it is ingested (cjm/funnels/rows.py), deletions cascade through Django, and
    the per-row constraint triggers would halve the import rate (BENCHMARKS.md).
    """

    workspace = models.ForeignKey(
        "cjm.Workspace",
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("workspace"),
        db_index=False,  # covered by the unique (workspace, event_id)
        db_constraint=False,
    )
    customer = models.ForeignKey(
        Customer,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("customer"),
        db_index=False,  # the funnel index serves per-customer reads (with the stages)
        db_constraint=False,
    )
    stage = models.ForeignKey(
        "cjm.Stage",
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("stage"),
        db_index=False,  # covered by the funnel index
        db_constraint=False,
    )
    touchpoint = models.ForeignKey(
        "touchpoints.Touchpoint",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("touchpoint"),
        db_index=False,
        db_constraint=False,
    )
    channel = models.ForeignKey(
        "touchpoints.Channel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("channel"),
        db_index=False,
        db_constraint=False,
    )
    occurred_at = models.DateTimeField(_("occurred at"))
    event_id = models.CharField(_("event id"), max_length=200)
    properties = models.JSONField(_("properties"), default=dict, blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now, editable=False)

    class Meta:
        app_label = "cjm"
        ordering = ["occurred_at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.UniqueConstraint(fields=["workspace", "event_id"], name="event_unique_event_id"),
        ]
        # The funnel index is created by migration 0003 (its PostgreSQL form orders event_id
        # with COLLATE "C", which Django's Index cannot express together with INCLUDE):
        #   event_funnel (stage_id, customer_id, occurred_at, event_id COLLATE "C")
        #                INCLUDE (touchpoint_id, channel_id)
        # No index on (customer, occurred_at): the planner would pick it for the funnel probes
        # whenever the visibility map lags (it looks smaller) and they would then be several
        # times slower. A customer's timeline goes through the funnel index too (one range per
        # stage of the workspace: cjm/funnels/selectors/events.py).

    def __str__(self) -> str:
        return self.event_id


class EventMappingRule(models.Model):
    """Maps a track call (event name, optionally one property's value) to a stage of a map.

    The most specific rule wins: rules with a property condition are tried before rules matching
    the event name alone; among equals, the oldest rule wins.
    """

    workspace = models.ForeignKey(
        "cjm.Workspace",
        on_delete=models.CASCADE,
        related_name="event_mapping_rules",
        verbose_name=_("workspace"),
    )
    event_name = models.CharField(_("event name"), max_length=200)
    property_name = models.CharField(_("property"), max_length=200, blank=True)
    property_value = models.CharField(_("property value"), max_length=500, blank=True)
    stage = models.ForeignKey(
        "cjm.Stage",
        on_delete=models.CASCADE,
        related_name="mapping_rules",
        verbose_name=_("stage"),
    )
    touchpoint = models.ForeignKey(
        "touchpoints.Touchpoint",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mapping_rules",
        verbose_name=_("touchpoint"),
    )
    channel = models.ForeignKey(
        "touchpoints.Channel",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mapping_rules",
        verbose_name=_("channel"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        app_label = "cjm"
        ordering = ["event_name", "id"]
        verbose_name = _("event mapping rule")
        verbose_name_plural = _("event mapping rules")
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "event_name", "property_name", "property_value"],
                name="eventmappingrule_unique_match",
            ),
        ]

    def __str__(self) -> str:
        if self.property_name:
            return f"{self.event_name} [{self.property_name}={self.property_value}]"
        return self.event_name

    def clean(self) -> None:
        errors = {}
        if self.property_value and not self.property_name:
            errors["property_name"] = _("Name the property whose value must match.")
        if self.stage_id and self.workspace_id:
            if self.stage.journey.workspace_id != self.workspace_id:
                errors["stage"] = _("The stage belongs to another workspace.")
            elif self.touchpoint_id and self.touchpoint.stage_id != self.stage_id:
                errors["touchpoint"] = _("The touchpoint belongs to another stage.")
        if self.channel_id and self.workspace_id and self.channel.workspace_id != self.workspace_id:
            errors["channel"] = _("The channel belongs to another workspace.")
        if errors:
            raise ValidationError(errors)


class UnmappedEvent(models.Model):
    """A track call no mapping rule matched: kept, listed, and turned into an event once mapped."""

    workspace = models.ForeignKey(
        "cjm.Workspace",
        on_delete=models.CASCADE,
        related_name="unmapped_events",
        verbose_name=_("workspace"),
        db_index=False,  # covered by the unique (workspace, message_id)
    )
    message_id = models.CharField(_("message id"), max_length=200)
    user_id = models.CharField(_("user id"), max_length=200)
    event_name = models.CharField(_("event name"), max_length=200)
    occurred_at = models.DateTimeField(_("occurred at"))
    properties = models.JSONField(_("properties"), default=dict, blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now, editable=False)

    class Meta:
        app_label = "cjm"
        ordering = ["-received_at", "-id"]
        verbose_name = _("unmapped event")
        verbose_name_plural = _("unmapped events")
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "message_id"], name="unmappedevent_unique_message_id"
            ),
        ]
        indexes = [models.Index(fields=["workspace", "event_name"], name="unmappedevent_name")]

    def __str__(self) -> str:
        return f"{self.event_name} ({self.message_id})"


class EventImport(models.Model):
    """A file of events uploaded in the browser and imported by a background job."""

    workspace = models.ForeignKey(
        "cjm.Workspace",
        on_delete=models.CASCADE,
        related_name="event_imports",
        verbose_name=_("workspace"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    file = models.FileField(_("file"), upload_to="%Y/%m/", storage=import_storage)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    format = models.CharField(_("format"), max_length=6, choices=ImportFormat.choices)
    skip_bad_rows = models.BooleanField(_("skip bad rows"), default=False)
    status = models.CharField(
        _("status"), max_length=7, choices=JobStatus.choices, default=JobStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    rows_total = models.PositiveIntegerField(_("rows read"), default=0)
    created_count = models.PositiveIntegerField(_("events created"), default=0)
    duplicate_count = models.PositiveIntegerField(_("duplicates"), default=0)
    error_count = models.PositiveIntegerField(_("bad rows"), default=0)
    errors = models.JSONField(_("row errors"), default=list, blank=True)
    error_message = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        app_label = "cjm"
        ordering = ["-created_at", "-id"]
        verbose_name = _("event import")
        verbose_name_plural = _("event imports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=JobStatus.values), name="eventimport_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(format__in=ImportFormat.values), name="eventimport_format_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="eventimport_progress_range"
            ),
        ]

    def __str__(self) -> str:
        return self.file_name or str(self.file)
