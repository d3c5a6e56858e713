"""The cache backend: Django's Redis cache that tolerates Redis being down.

A cache is an optimisation: when Redis is out of reach (restarting, a network blip) a read is a
miss and a write is dropped, with a warning in the log, so pages and the API keep serving from
the database instead of answering 500 (docs/drills.md, "Redis down"). Errors other than an
unreachable server (a bad key, a pickling bug) still raise."""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


def _tolerant(default):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as exc:
                logger.warning("Cache unavailable (%s): %s skipped", exc, method.__name__)
                return default(args, kwargs) if callable(default) else default

        return wrapper

    return decorate


def _default_argument(args, kwargs):
    return kwargs.get("default", args[1] if len(args) > 1 else None)


class TolerantRedisCache(RedisCache):
    add = _tolerant(False)(RedisCache.add)
    get = _tolerant(_default_argument)(RedisCache.get)
    set = _tolerant(None)(RedisCache.set)
    touch = _tolerant(False)(RedisCache.touch)
    delete = _tolerant(False)(RedisCache.delete)
    get_many = _tolerant({})(RedisCache.get_many)
    has_key = _tolerant(False)(RedisCache.has_key)
    incr = _tolerant(None)(RedisCache.incr)
    set_many = _tolerant([])(RedisCache.set_many)
    delete_many = _tolerant(None)(RedisCache.delete_many)
    clear = _tolerant(False)(RedisCache.clear)
