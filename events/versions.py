"""The content version, as events and the apps above it use it: a number that moves
whenever public content may have changed, and answers remembered under it.

The site frame keeps the number (``config.models.ContentVersion``, read and bumped by
``config/pagecache.py``, which also keys whole pages on it) and hands it to this module
from its ``AppConfig.ready()`` (``provide_content_version``). Events defines the seam and
never names the site frame: with nothing provided, nothing is remembered and a change
retires nothing.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches

_current: Callable[[], tuple] | None = None
_changed: Callable[[], None] | None = None


def provide_content_version(current: Callable[[], tuple], changed: Callable[[], None]) -> None:
    """``current()`` → ``(number, changed_at)``; ``changed()`` retires every answer kept
    under the current number once the transaction commits."""
    global _current, _changed
    _current, _changed = current, changed


def current_version():
    """``(number, changed_at)``, or ``None`` when no content version is kept."""
    return _current() if _current is not None else None


def content_changed() -> None:
    """Content changed without a signal (``bulk_create``): retire what was kept, as a
    save would."""
    if _changed is not None:
        _changed()


def versioned_key(prefix: str, version, text: str) -> str:
    """A cache key for ``text`` under a content version: retired when content changes.
    The version's time is part of it, as a restored database starts its numbers again."""
    number, changed_at = version
    digest = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
    return f"{prefix}:{number}:{changed_at.timestamp()}:{digest}"


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def remember(name: str, compute, request=None):
    """``compute()``, kept in the cache until content next changes (``QUERY_CACHE_SECONDS``
    at most). For costly answers that depend only on public content: a list's result
    count, the options of a filter. Off (computed each time) when the setting is 0."""
    if not settings.QUERY_CACHE_SECONDS:
        return compute()
    version = getattr(request, "content_version", None) or current_version()
    if version is None:
        return compute()
    if request is not None:
        request.content_version = version  # read once per request
    key = versioned_key("query", version, name)
    found = cache().get(key)
    if found is None:
        found = (compute(),)
        cache().set(key, found, settings.QUERY_CACHE_SECONDS)
    return found[0]
