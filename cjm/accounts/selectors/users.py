"""Reads of a signed-in user's own settings: saved language and API token."""

import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.utils import timezone
from rest_framework.authtoken.models import Token

from cjm.accounts.models import ApiTokenUse, UserPreference


def user_language_get(*, user: User) -> str:
    """The saved interface language of ``user``, or "" when they never chose one."""
    return (
        UserPreference.objects.filter(user_id=user.pk).values_list("language", flat=True).first()
        or ""
    )


def api_token_get(*, user: User) -> Token | None:
    return Token.objects.filter(user_id=user.pk).first()


def api_token_expires_at(token: Token) -> datetime.datetime | None:
    """When ``token`` stops working (``CJM_TOKEN_DAYS`` after it was made), or None: never."""
    days = getattr(settings, "CJM_TOKEN_DAYS", None)
    if not days:
        return None
    return token.created + datetime.timedelta(days=days)


def api_token_expired(token: Token) -> bool:
    expires_at = api_token_expires_at(token)
    return expires_at is not None and expires_at <= timezone.now()


def api_token_last_used(*, user: User) -> datetime.datetime | None:
    return (
        ApiTokenUse.objects.filter(user_id=user.pk).values_list("last_used_at", flat=True).first()
    )
