"""A per-process cache bounded by the bytes it holds, not only by its number of entries.

Django's local-memory cache culls by count: 2,000 pages of 1 MB each would be 2 GB in
every worker. This one also keeps the total size of what it stores (the pickled values
and their keys) under ``MAX_BYTES``, evicting the least recently used entries first, so
the newest pages stay. A value larger than the whole bound is not stored at all.

With Redis the bound is Redis's own: ``maxmemory`` with ``maxmemory-policy allkeys-lru``.
"""

from django.core.cache.backends.locmem import LocMemCache

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
