"""What a user chooses for themselves, whatever the workspace: the interface language."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from cjm.core.models import TimeStampedModel


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
