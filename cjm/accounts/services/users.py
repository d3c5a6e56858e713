"""Writes a user makes about themselves: the interface language and their API token.

No workspace role is involved: every signed-in user may change their own settings, and only
their own (``actor`` is the user).
"""

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from cjm.accounts.models import ApiTokenUse, UserPreference
from cjm.accounts.selectors.users import api_token_expired


def _require_user(actor: User) -> None:
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied("Sign in first.")


@transaction.atomic
def user_language_set(*, actor: User, language: str) -> UserPreference:
    """Save the interface language of ``actor`` ("" forgets it: the browser decides again)."""
    _require_user(actor)
    if language not in {"", *(code for code, _name in settings.LANGUAGES)}:
        raise ValidationError({"language": [_("Choose one of the offered languages.")]})
    preference, _created = UserPreference.objects.select_for_update().get_or_create(user=actor)
    preference.language = language
    preference.full_clean()
    preference.save()
    return preference


@transaction.atomic
def api_token_create(*, actor: User) -> Token:
    """Give ``actor`` a new API token; an existing one stops working at once (rotation)."""
    _require_user(actor)
    Token.objects.filter(user=actor).delete()
    ApiTokenUse.objects.filter(user=actor).delete()
    return Token.objects.create(user=actor)


@transaction.atomic
def api_token_obtain(*, actor: User) -> Token:
    """The API token of ``actor`` (who just proved who they are), created on first use; an
    existing token is returned as it is (``api_token_create`` rotates it)."""
    _require_user(actor)
    token, _created = Token.objects.get_or_create(user=actor)
    if api_token_expired(token):  # CJM_TOKEN_DAYS: an expired token is replaced
        token.delete()
        ApiTokenUse.objects.filter(user=actor).delete()
        token = Token.objects.create(user=actor)
    return token


@transaction.atomic
def api_token_revoke(*, actor: User) -> bool:
    """Delete the API token of ``actor``: clients using it get 401. False when there was none."""
    _require_user(actor)
    deleted, _rows = Token.objects.filter(user=actor).delete()
    return bool(deleted)


def api_token_used(*, user_id: int) -> None:
    """Stamp the time a user's API token was last used (bookkeeping of the authentication, not
    a change of content: no change record)."""
    ApiTokenUse.objects.update_or_create(user_id=user_id, defaults={"last_used_at": timezone.now()})
