"""Throttling for token clients (integrations); browser sessions are not throttled.

Rates live in ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]``: ``token`` per user for token-
authenticated requests, ``token_obtain`` per client address for ``POST auth/token/``. The client
address is ``cjm.core.client.client_address`` (``CJM_TRUSTED_PROXIES``), never a raw
``X-Forwarded-For`` a client could rotate.
"""

from rest_framework.authentication import TokenAuthentication
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from cjm.core.client import client_address


class ClientAddressMixin:
    def get_ident(self, request):
        return client_address(request)


class TokenRateThrottle(ClientAddressMixin, UserRateThrottle):
    scope = "token"

    def allow_request(self, request, view):
        if not isinstance(request.successful_authenticator, TokenAuthentication):
            return True
        return super().allow_request(request, view)


class TokenObtainRateThrottle(ClientAddressMixin, AnonRateThrottle):
    """Password guessing through the token endpoint: per client address."""

    scope = "token_obtain"
