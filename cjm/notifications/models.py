"""Notifications, each person's choices about them, and the record of daily digests sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cjm.notifications.kinds import Kind, render_text


class Notification(models.Model):
    """One thing one person should know. ``dedupe_key`` (unique per recipient) makes a producer
    that runs again (a retried job, a replayed signal) create nothing new."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    workspace = models.ForeignKey(
        "cjm.Workspace",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("workspace"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    params = models.JSONField(_("text parameters"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    object_type = models.CharField(_("object type"), max_length=32, blank=True)
    object_id = models.BigIntegerField(_("object id"), null=True, blank=True)
    dedupe_key = models.CharField(max_length=200, null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    digested_at = models.DateTimeField(_("in a digest"), null=True, blank=True)

    # Not stored: set on the rows ``store.create`` returns (the person wants this kind mailed).
    wants_email: bool = False

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=models.Q(dedupe_key__isnull=False),
                name="notification_dedupe_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=Kind.values), name="notification_kind_valid"
            ),
        ]
        indexes = [
            models.Index(
                fields=["recipient", "-created_at"],
                name="notification_recipient_new",
            ),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.kind}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def text(self) -> str:
        """The text in the active language (wrap in ``translation.override`` for another)."""
        return render_text(self.kind, self.params)


class NotificationPreference(models.Model):
    """A person's choice for one kind; without a row the defaults of ``kinds`` hold."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    in_app = models.BooleanField(_("in the app"), default=True)
    email = models.BooleanField(_("by e-mail at once"), default=False)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_pref_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind}"


class DeliveryProfile(models.Model):
    """When a person gets their daily digest: its on/off switch and their time zone (the digest
    goes out at 08:00 there). Without a row: digest on, ``settings.TIME_ZONE``."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="delivery_profile",
        verbose_name=_("user"),
    )
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True, default="")
    digest = models.BooleanField(_("daily digest by e-mail"), default=True)

    class Meta:
        verbose_name = _("notification delivery")
        verbose_name_plural = _("notification delivery")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.time_zone or '-'}"


class DigestSent(models.Model):
    """One row per person and local day a digest went out: a second run that day sends nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_once_per_day")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.day}"
