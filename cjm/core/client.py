"""The client's address, the one rule every door uses (sign-in lockout, API throttles, the public
survey's rate limit, shared-map password attempts).

Behind reverse proxies ``REMOTE_ADDR`` is the nearest proxy. ``CJM_TRUSTED_PROXIES`` says how many
proxies in front of the app append to ``X-Forwarded-For``: with 0 (the default) the header is
ignored, since any client can send one; with N the Nth address from the right is the client (the
one the outermost trusted proxy saw), as DRF's ``NUM_PROXIES`` reads it. Anything a client wrote to
the left of that is never used.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def client_address(request: HttpRequest) -> str:
    """The address of the client that sent ``request`` ("unknown" when there is none)."""
    remote = (request.META.get("REMOTE_ADDR") or "").strip()
    proxies = int(getattr(settings, "CJM_TRUSTED_PROXIES", 0) or 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR") or ""
    if proxies > 0 and forwarded:
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            candidate = addresses[-min(proxies, len(addresses))]
            if _valid(candidate):
                return candidate
    return remote or "unknown"
