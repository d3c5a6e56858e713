"""Throttling for token clients (integrations); browser sessions are not throttled.

Rates live in ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]``: ``token`` per user for token-
authenticated requests, ``token_obtain`` per client address for ``POST auth/token/``.
"""

from rest_framework.authentication import TokenAuthentication
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class TokenRateThrottle(UserRateThrottle):
    scope = "token"

    def allow_request(self, request, view):
        if not isinstance(request.successful_authenticator, TokenAuthentication):
            return True
        return super().allow_request(request, view)


class TokenObtainRateThrottle(AnonRateThrottle):
    """Password guessing through the token endpoint: per client address."""

    scope = "token_obtain"
