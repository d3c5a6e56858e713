"""Tenancy: a workspace is one brand or company; members have a role; teams group members.

Every slice scopes its rows by these tables (``cjm.core.scoping``), so they live in the core,
below every feature. Their app label stays ``cjm`` (tables and migrations as they were); the
writes that change them are the accounts slice's (``cjm.accounts.services``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cjm.core.models import TimeStampedModel
from cjm.core.roles import Role


class Workspace(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="cjm.Membership",
        related_name="workspaces",
        verbose_name=_("members"),
    )

    class Meta:
        app_label = "cjm"
        ordering = ["name", "id"]
        verbose_name = _("workspace")
        verbose_name_plural = _("workspaces")

    def __str__(self) -> str:
        return self.name


class Membership(TimeStampedModel):
    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("workspace")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        app_label = "cjm"
        ordering = ["workspace_id", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["workspace", "user"], name="membership_unique_user"),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.workspace} ({self.role})"


class Team(TimeStampedModel):
    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="teams", verbose_name=_("workspace")
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="teams", blank=True, verbose_name=_("members")
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team lead"),
    )

    class Meta:
        app_label = "cjm"
        ordering = ["name", "id"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(fields=["workspace", "name"], name="team_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
