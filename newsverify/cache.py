"""A Redis cache that answers as an empty cache while Redis is unreachable, instead of failing the request.

The cache holds only rate-limit counters (API throttles, sign-in attempts). When Redis is down, a
request that counts against a limit should still be served: each operation that cannot reach Redis
logs a warning (at most one every ``WARN_EVERY`` seconds per process) and returns what an empty
cache would, so the limits fail open until Redis is back. Errors other than Redis being unreachable
(a wrong key type, a bug) are not hidden.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
WARN_EVERY = 10.0

F = TypeVar("F", bound=Callable[..., Any])


def _tolerant(empty: Callable[..., Any]) -> Callable[[F], F]:
    """Run the method; if Redis is unreachable, warn and return ``empty(*args, **kwargs)``."""

    def decorate(method: F) -> F:
        @functools.wraps(method)
        def wrapper(self: FailOpenRedisCache, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as exc:
                self._warn(method.__name__, exc)
                return empty(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def _default(key: object, default: object = None, *args: object, **kwargs: object) -> object:
    return kwargs.get("default", default)


def _nothing(*args: object, **kwargs: object) -> None:
    return None


def _false(*args: object, **kwargs: object) -> bool:
    return False


def _no_values(*args: object, **kwargs: object) -> dict[str, object]:
    return {}


def _none_failed(*args: object, **kwargs: object) -> list[str]:
    return []


class FailOpenRedisCache(RedisCache):
    _last_warning = 0.0

    def _warn(self, operation: str, exc: BaseException) -> None:
        now = time.monotonic()
        if now - FailOpenRedisCache._last_warning >= WARN_EVERY:
            FailOpenRedisCache._last_warning = now
            logger.warning(
                "The cache (Redis) is unreachable, so rate limits are not counted until it is back (%s: %s)",
                operation,
                exc,
            )

    add = _tolerant(_false)(RedisCache.add)
    get = _tolerant(_default)(RedisCache.get)
    set = _tolerant(_nothing)(RedisCache.set)
    touch = _tolerant(_false)(RedisCache.touch)
    delete = _tolerant(_false)(RedisCache.delete)
    get_many = _tolerant(_no_values)(RedisCache.get_many)
    has_key = _tolerant(_false)(RedisCache.has_key)
    # An unreachable counter has no value; django-ratelimit reads None as "could not count".
    incr = _tolerant(_nothing)(RedisCache.incr)
    set_many = _tolerant(_none_failed)(RedisCache.set_many)
    delete_many = _tolerant(_nothing)(RedisCache.delete_many)
    clear = _tolerant(_false)(RedisCache.clear)
