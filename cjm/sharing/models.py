"""Share links of a map and map templates saved in a workspace."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    """About 256 random bits, URL-safe: not guessable, not enumerable."""
    return secrets.token_urlsafe(32)


class ShareLink(models.Model):
    """A read-only link to one map for anyone who has it (no account). Optional expiry and
    password (stored hashed by Django's password hasher); revoked links stay listed."""

    journey = models.ForeignKey("cjm.Journey", on_delete=models.CASCADE, related_name="share_links")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    password = models.CharField(_("password"), max_length=128, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("share link")
        verbose_name_plural = _("share links")

    def __str__(self) -> str:
        return f"share link {self.pk} of journey {self.journey_id}"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def has_password(self) -> bool:
        return bool(self.password)

    def is_live(self, now=None) -> bool:
        now = now or timezone.now()
        return not self.revoked and (self.expires_at is None or self.expires_at > now)


class JourneyTemplate(models.Model):
    """A workspace's own template: the structure of a map (stages, lanes, text cells,
    touchpoints with their channels) as JSON; no owners, ratings or customer data."""

    workspace = models.ForeignKey(
        "cjm.Workspace", on_delete=models.CASCADE, related_name="journey_templates"
    )
    name = models.CharField(_("name"), max_length=200)
    language = models.CharField(_("language"), max_length=8)
    structure = models.JSONField(_("structure"), default=dict)
    source_journey = models.ForeignKey(
        "cjm.Journey", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("map template")
        verbose_name_plural = _("map templates")

    def __str__(self) -> str:
        return self.name
