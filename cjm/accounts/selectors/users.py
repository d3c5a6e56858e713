"""Reads of a signed-in user's own settings: saved language and API token."""

from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token

from cjm.accounts.models import UserPreference


def user_language_get(*, user: User) -> str:
    """The saved interface language of ``user``, or "" when they never chose one."""
    return (
        UserPreference.objects.filter(user_id=user.pk).values_list("language", flat=True).first()
        or ""
    )


def api_token_get(*, user: User) -> Token | None:
    return Token.objects.filter(user_id=user.pk).first()
