"""Which webhook URLs may be called: public (global) addresses only, unless
``settings.WEBHOOKS_ALLOW_PRIVATE``.

A URL is checked when it is saved and again at every delivery: the host is resolved, every
address it resolves to must be global, and the delivery connects to the address checked here (a
second lookup could answer differently: DNS rebinding).
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _


class UrlRefused(Exception):
    """The URL may not be called; the message says why (shown to the user)."""


def _addresses(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise UrlRefused(_("The host name cannot be resolved.")) from exc
    return list(dict.fromkeys(info[4][0] for info in infos))


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(url: str) -> tuple[str, int, str]:
    """``(host, port, address)`` to connect to, or UrlRefused. ``address`` is checked: every
    address the host resolves to is public (unless private ones are allowed)."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UrlRefused(_("Enter a valid URL.")) from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UrlRefused(_("Use an http or https URL."))
    addresses = _addresses(parts.hostname, port)
    if not addresses:
        raise UrlRefused(_("The host name cannot be resolved."))
    if not settings.WEBHOOKS_ALLOW_PRIVATE and not all(_is_public(a) for a in addresses):
        raise UrlRefused(
            _(
                "The URL points to a private, loopback or link-local address; "
                "webhooks go to public addresses only."
            )
        )
    return parts.hostname, port, addresses[0]
