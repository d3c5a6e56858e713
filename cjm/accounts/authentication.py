"""``Authorization: Token <key>`` with an optional expiry and a last-used time.

``CJM_TOKEN_DAYS`` (default: none) makes a token stop working that many days after it was made
(401 "Token has expired."; ``POST auth/token/`` or the settings page then gives a new one). Each
successful use stamps ``ApiTokenUse.last_used_at``, at most once a minute per user (a cache key
keeps busy integrations from writing on every request), once the request's transaction commits.
"""

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from cjm.accounts.selectors.users import api_token_expired
from cjm.accounts.services.users import api_token_used

TOUCH_EVERY_SECONDS = 60


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if api_token_expired(token):
            raise AuthenticationFailed(_("Token has expired."))
        if cache.add(f"cjm:token-used:{user.pk}", 1, timeout=TOUCH_EVERY_SECONDS):
            # After the request's work commits (at once outside a transaction): a busy
            # integration's requests keep their query counts, and a rollback drops the stamp.
            user_id = user.pk
            transaction.on_commit(lambda: api_token_used(user_id=user_id))
        return user, token
