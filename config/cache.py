"""A per-process cache bounded by the bytes it holds, not only by its number of entries.

Django's local-memory cache culls by count: 2,000 pages of 1 MB each would be 2 GB in
every worker. This one also keeps the total size of what it stores (the pickled values
and their keys) under ``MAX_BYTES``, evicting the least recently used entries first, so
the newest pages stay. A value larger than the whole bound is not stored at all.

With Redis the bound is Redis's own: ``maxmemory`` with ``maxmemory-policy allkeys-lru``;
and Redis being down is a miss, not an error (``TolerantRedisCache``).
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
# What Python spends on an entry besides its bytes (dict slots, the expiry, the objects).
ENTRY_OVERHEAD = 200

# Sizes by cache name, shared like Django's own stores (one per named cache per process).
_sizes: dict[str, dict[str, int]] = {}
_totals: dict[str, list[int]] = {}


class SizeBoundedLocMemCache(LocMemCache):
    def __init__(self, name, params):
        super().__init__(name, params)
        options = params.get("OPTIONS", {})
        self.max_bytes = int(options.get("MAX_BYTES", DEFAULT_MAX_BYTES))
        self._sizes = _sizes.setdefault(name, {})
        self._total = _totals.setdefault(name, [0])

    @property
    def stored_bytes(self) -> int:
        """The size the bound applies to: every entry's value, key and overhead."""
        return self._total[0]

    def _account(self, key, value) -> None:
        size = len(value) + len(key) + ENTRY_OVERHEAD
        self._total[0] += size - self._sizes.get(key, 0)
        self._sizes[key] = size

    def _forget(self, key) -> None:
        self._total[0] -= self._sizes.pop(key, 0)

    def _set(self, key, value, timeout=None):
        size = len(value) + len(key) + ENTRY_OVERHEAD
        if size > self.max_bytes:
            self._delete(key)  # an older value under this key would now be wrong
            return
        self._forget_entry(key)
        while self._cache and self._total[0] + size > self.max_bytes:
            self._evict_oldest()
        super()._set(key, value, timeout)
        self._account(key, value)

    def _forget_entry(self, key) -> None:
        if key in self._cache:
            del self._cache[key]
            self._expire_info.pop(key, None)
            self._forget(key)

    def _evict_oldest(self) -> None:
        # Each read or write moves its key to the front, so the back is least recently used.
        key, _ = self._cache.popitem()
        self._expire_info.pop(key, None)
        self._forget(key)

    def _cull(self):
        if self._cull_frequency == 0:
            self._cache.clear()
            self._expire_info.clear()
            self._sizes.clear()
            self._total[0] = 0
        else:
            for _ in range(len(self._cache) // self._cull_frequency):
                self._evict_oldest()

    def _delete(self, key):
        deleted = super()._delete(key)
        self._forget(key)
        return deleted

    def incr(self, key, delta=1, version=None):
        value = super().incr(key, delta, version)
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            stored = self._cache.get(key)
            if stored is not None:
                self._account(key, stored)
        return value

    def clear(self):
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._sizes.clear()
            self._total[0] = 0


class Outage:
    """A service (Redis, the object store) found not answering, left alone for
    ``seconds`` after each failure: one that hangs then costs one request a timeout, not
    every request. Per process."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.until = 0.0

    def ongoing(self) -> bool:
        return time.monotonic() < self.until

    def began(self) -> None:
        self.until = time.monotonic() + self.seconds


# Redis on the same network answers in well under a millisecond; one that does not
# answer within these is treated as down.
REDIS_TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}


class TolerantRedisCache(RedisCache):
    """Django's Redis cache, except that Redis not answering is a cache miss, not an error.

    The pages, the query answers and the search limit's counts are all things the site
    can do without for a while: with Redis down (restarting, out of reach) every read
    misses, every write is dropped, and pages are made afresh from the database. After a
    failure this process leaves Redis alone for ``RETRY_SECONDS``, so a Redis that times
    out costs one request a timeout, not every request. The connection and socket
    timeouts are short for the same reason (``OPTIONS`` may set others).
    """

    RETRY_SECONDS = 5.0

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**REDIS_TIMEOUTS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self.outage = Outage(self.RETRY_SECONDS)

    def _call(self, method, missing, *args, **kwargs):
        if self.outage.ongoing():
            return missing
        try:
            return method(*args, **kwargs)
        except RedisError as error:
            self.outage.began()
            logger.warning("Redis did not answer (%s): the cache is bypassed.", error)
            return missing

    def get(self, key, default=None, version=None):
        return self._call(super().get, default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, False, key, version)

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, None, keys, version)

    def clear(self):
        return self._call(super().clear, False)

    def incr(self, key, delta=1, version=None):
        # As for a key that is not there: the caller starts counting afresh (and that
        # write is dropped too while Redis is away).
        missing = object()
        value = self._call(super().incr, missing, key, delta, version)
        if value is missing:
            raise ValueError(f"Key {key!r} not found: Redis did not answer.")
        return value
