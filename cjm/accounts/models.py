"""What a user chooses for themselves, whatever the workspace: the interface language."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from cjm.core.models import TimeStampedModel
from cjm.core.roles import Role


class UserPreference(TimeStampedModel):
    """One row per user, made the first time they choose something.

    ``language`` is empty until the user picks one: then the browser's language (or the
    language cookie) decides. A saved language is applied on every page after sign-in
    (``cjm.accounts.middleware.UserLanguageMiddleware``), on any device.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="preference",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("interface language"),
        max_length=10,
        blank=True,
        default="",
        choices=settings.LANGUAGES,
    )

    class Meta:
        app_label = "cjm"
        verbose_name = _("user preference")
        verbose_name_plural = _("user preferences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    language__in=["", *(code for code, _name in settings.LANGUAGES)]
                ),
                name="userpreference_language_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.language or '-'}"


# The session remembers the saved language from sign-in on, so pages need no query for it.
LANGUAGE_SESSION_KEY = "cjm_language"


@receiver(user_logged_in, dispatch_uid="cjm.remember_language")
def remember_language(sender, request, user, **kwargs) -> None:
    """At sign-in, copy the user's saved language (or "" for none) into the session."""
    if request is None or not hasattr(request, "session"):
        return
    language = (
        UserPreference.objects.filter(user=user).values_list("language", flat=True).first() or ""
    )
    request.session[LANGUAGE_SESSION_KEY] = language


def _default_expiry():
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() + timedelta(days=settings.CJM_INVITATION_DAYS)


class Invitation(TimeStampedModel):
    """An e-mail invitation to join a workspace with a role.

    The link carries ``token`` (random, 256 bits): whoever opens it before ``expires_at`` joins,
    once. An accepted, revoked or expired invitation answers "gone" (410).
    """

    workspace = models.ForeignKey(
        "cjm.Workspace",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("workspace"),
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"), default=_default_expiry)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        app_label = "cjm"
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="invitation_role_valid"
            ),
        ]
        indexes = [models.Index(fields=["workspace", "email"])]

    def __str__(self) -> str:
        return f"{self.email} → {self.workspace_id} ({self.role})"

    @property
    def status(self) -> str:
        from django.utils import timezone

        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"


class ApiTokenUse(models.Model):
    """When a user's API token was last used (one row per user, written at most once a minute
    by ``cjm.accounts.authentication.ExpiringTokenAuthentication``); shown on the settings page."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_token_use",
        verbose_name=_("user"),
    )
    last_used_at = models.DateTimeField(_("last used"))

    class Meta:
        app_label = "cjm"
        verbose_name = _("API token use")
        verbose_name_plural = _("API token uses")

    def __str__(self) -> str:
        return f"{self.user}: {self.last_used_at:%Y-%m-%d %H:%M}"
