"""Addresses of the public pages, reversed once per process.

``reverse()`` walks the URL resolver each time (about 20 µs): a list page of twenty
cards and its frame reversed 29 addresses. The frame's fixed addresses (``home``,
``events:list``) are reversed once; a record's address (``events:detail`` with its
slug) is reversed once with a stand-in slug and then put together around each slug,
quoted as ``reverse()`` quotes it. Kept per script prefix, URLconf and language (each
language's addresses have their own prefix: ``/zh-hans/events/``), and forgotten whenever
a setting changes (tests override ``ROOT_URLCONF``).
"""

import re
from urllib.parse import quote

from django.conf import settings
from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language

_reversed: dict = {}

# The ``uslug`` converter's pattern (events/converters.py); a slug of another shape goes
# to ``reverse()``, which refuses it as it should.
SLUG = re.compile(r"[-\w]+")
STAND_IN = "0stand0in0slug0"
# As ``reverse()`` quotes a path (django/urls/resolvers.py).
SAFE = RFC3986_SUBDELIMS + "/~:@"


def _where() -> tuple:
    return get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF, get_language()


def fixed_url(name: str) -> str:
    """``reverse(name)`` for an address without arguments."""
    key = (*_where(), name)
    found = _reversed.get(key)
    if found is None:
        found = _reversed[key] = reverse(name)
    return found


def _around(name: str) -> tuple:
    """The address of ``name`` before and after its slug, here (``()``: no shortcut)."""
    key = (*_where(), name, "slug")
    around = _reversed.get(key)
    if around is None:
        parts = reverse(name, kwargs={"slug": STAND_IN}).split(STAND_IN)
        around = _reversed[key] = tuple(parts) if len(parts) == 2 else ()
    return around


def _put_together(name: str, around: tuple, slug: str) -> str:
    if type(slug) is not str or not SLUG.fullmatch(slug) or not around:
        # (a slug the address cannot hold, or the stand-in showed twice: no shortcut)
        return reverse(name, kwargs={"slug": slug})
    if slug.isascii():  # letters, digits, "_" and "-": quoting leaves them as they are
        return around[0] + slug + around[1]
    return around[0] + quote(slug, safe=SAFE) + around[1]


def slug_url(name: str, slug: str) -> str:
    """``reverse(name, kwargs={"slug": slug})``, put together around the slug."""
    return _put_together(name, _around(name), slug)


def slug_urls(name: str):
    """``slug_url(name, …)`` as a function of the slug, with where the addresses are
    (script prefix, URLconf, language) read once, now: for code that writes a hundred
    addresses of one kind in one language (an API answer)."""
    around = _around(name)
    return lambda slug: _put_together(name, around, slug)


def forget(**kwargs) -> None:
    _reversed.clear()


setting_changed.connect(forget, dispatch_uid="events.links.forget")
