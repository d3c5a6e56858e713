"""Password guessing: failures counted per account and per client address, in Django's cache
(Redis when ``REDIS_URL`` is set, so every process shares the counters; local memory on the
SQLite ``make run`` path).

After ``CJM_LOGIN_MAX_FAILURES`` failed attempts for one account, or
``CJM_LOGIN_ADDRESS_MAX_FAILURES`` from one address (any accounts), within
``CJM_LOGIN_LOCKOUT_SECONDS``, that account (or address) is locked for
``CJM_LOGIN_LOCKOUT_SECONDS``: even the right password is refused until the lock expires. Both the
sign-in page and ``POST /api/v1/auth/token/`` use it. A success clears the account's count.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from cjm.core.client import client_address

PREFIX = "cjm:lockout"


def _settings() -> tuple[int, int, int]:
    return (
        int(getattr(settings, "CJM_LOGIN_MAX_FAILURES", 10)),
        int(getattr(settings, "CJM_LOGIN_ADDRESS_MAX_FAILURES", 50)),
        int(getattr(settings, "CJM_LOGIN_LOCKOUT_SECONDS", 900)),
    )


def _account(username: str) -> str:
    # Hashed: the cache never holds usernames, and any text makes a valid key.
    return hashlib.sha256(username.strip().casefold().encode()).hexdigest()[:32]


def _keys(request: HttpRequest, username: str) -> list[tuple[str, int]]:
    account_max, address_max, _seconds = _settings()
    return [
        (f"{PREFIX}:account:{_account(username)}", account_max),
        (f"{PREFIX}:address:{client_address(request)}", address_max),
    ]


def is_locked(request: HttpRequest, username: str) -> bool:
    """True while the account or the client's address is locked."""
    return any(cache.get(f"{key}:locked") for key, _limit in _keys(request, username))


def _count(key: str, window: int) -> int:
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def record_failure(request: HttpRequest, username: str) -> bool:
    """Count one failed attempt; True when it locks the account or the address."""
    _account_max, _address_max, seconds = _settings()
    locked = False
    for key, limit in _keys(request, username):
        if _count(key, seconds) >= limit:
            cache.set(f"{key}:locked", 1, timeout=seconds)
            cache.delete(key)
            locked = True
    return locked


def record_success(request: HttpRequest, username: str) -> None:
    cache.delete(f"{PREFIX}:account:{_account(username)}")


def lockout_minutes() -> int:
    return max(1, (_settings()[2] + 59) // 60)
