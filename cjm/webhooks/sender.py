"""One HTTP POST of a signed payload to a checked address (no Django models here).

The connection goes to the address ``urlguard.resolve`` checked, with the URL's host name in the
``Host`` header and, for https, in SNI and the certificate check.
"""

import hashlib
import hmac
import http.client
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from cjm.webhooks import urlguard

USER_AGENT = "cjm-webhooks/1"


def signature(secret: str, body: bytes) -> str:
    """The ``X-CJM-Signature`` header: ``sha256=<hex HMAC-SHA256 of the raw body>``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    duration_ms: int
    error: str

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300

    @property
    def retryable(self) -> bool:
        """A 5xx, a 429, a connection error or a time-out is tried again; a refused URL or
        another 4xx is not."""
        if self.status_code is None:
            return not self.error.startswith(REFUSED)
        return self.status_code >= 500 or self.status_code == 429


REFUSED = "refused: "


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, address: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, address: str, *args, **kwargs):
        super().__init__(*args, context=ssl.create_default_context(), **kwargs)
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(url: str, body: bytes, headers: dict[str, str], *, timeout: float) -> Outcome:
    """POST ``body`` to ``url``; never raises for network trouble (the outcome says it)."""
    started = time.monotonic()

    def outcome(status: int | None, error: str = "") -> Outcome:
        return Outcome(status, int((time.monotonic() - started) * 1000), error[:500])

    try:
        host, port, address = urlguard.resolve(url)
    except urlguard.UrlRefused as exc:
        return outcome(None, REFUSED + str(exc))
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    cls = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    connection = cls(address, host, port, timeout=timeout)
    try:
        connection.request(
            "POST",
            path,
            body=body,
            headers={"Content-Type": "application/json", "User-Agent": USER_AGENT, **headers},
        )
        response = connection.getresponse()
        response.read(65536)
        return outcome(response.status)
    except TimeoutError:
        return outcome(None, "timeout")
    except (OSError, http.client.HTTPException) as exc:
        return outcome(None, f"{type(exc).__name__}: {exc}")
    finally:
        connection.close()
