"""Per-address limits: on searches and filters that the page cache does not answer, and
on every request to the API.

A list with a new ``?q=`` or a new combination of filters runs its queries afresh; a
cached page, or a page without a query the view reads, costs next to nothing and is not
counted (unless a made-up session cookie kept it from the page cache). The counts are
kept in the default cache (so with Redis every server process shares them), in fixed
windows: ``RATE_LIMIT_SEARCHES = "120/60"`` allows 120 in each 60 seconds from one
address; ``"0"`` turns the limit off. Staff are never limited.

The API (``RATE_LIMIT_API = "600/60"``) counts every request to ``/api/``, cached answers
too, from everyone: its answers are the same for staff and visitors (published content
only), so staff gain nothing by an exception, and telling them apart would mean reading
the session (a query) before the page cache, for every request. Other software that
outruns the limit gets a JSON 429 with ``Retry-After``.
"""

import functools
import ipaddress
import math
import time

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.template.response import TemplateResponse

from .jsonerrors import is_api_path, json_error
from .queryparams import read_query


@functools.lru_cache(maxsize=16)  # read on every request; the setting seldom changes
def parse_rate(text: str, setting: str = "RATE_LIMIT_SEARCHES") -> tuple[int, int] | None:
    """``"120/60"`` as ``(120, 60)``; ``None`` when the limit is off (``"0"`` or empty)."""
    text = (text or "").strip()
    if text in {"", "0"}:
        return None
    count, _, seconds = text.partition("/")
    try:
        rate = int(count), int(seconds or 60)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"{setting} must read like 120/60 (requests/seconds), not {text!r}."
        ) from error
    if rate[0] < 0 or rate[1] <= 0:
        raise ImproperlyConfigured(f"{setting} must be positive, not {text!r}.")
    return rate if rate[0] else None


def client_address(request) -> str | None:
    """The visitor's address: ``REMOTE_ADDR``, or behind ``PROXY_COUNT`` proxies of our own
    the address the outermost of them saw, from the right of ``X-Forwarded-For`` (entries
    further left come from the client and may be forged). Login lock-outs use it too."""
    proxies = settings.PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def client_bucket(address: str | None) -> str:
    """What the limit counts: one IPv4 address, or one IPv6 /64 network, since a single
    IPv6 host is usually given a whole /64 and could otherwise change address per request."""
    if not address:
        return "unknown"
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))


def count_request(
    address: str, limit: int, seconds: int, now: float | None = None, scope: str = "searches"
) -> int:
    """Count one request from ``address`` in the window that holds ``now`` (each ``scope``
    counts apart); ``0`` when it is allowed, else the seconds until the next window opens
    (for ``Retry-After``)."""
    now = time.time() if now is None else now
    window = int(now // seconds)
    key = f"ratelimit:{scope}:{seconds}:{window}:{address}"
    counts = caches["default"]
    counts.add(key, 0, timeout=seconds + 1)
    try:
        used = counts.incr(key)
    except ValueError:  # expired (or evicted) between the two calls
        counts.set(key, 1, timeout=seconds + 1)
        used = 1
    if used <= limit:
        return 0
    return max(1, math.ceil((window + 1) * seconds - now))


def is_counted(request) -> bool:
    """A search or filter (a ``GET`` with parameters its view reads), or any page asked
    for with a session cookie that signs no one in (the page cache does not answer those,
    so a made-up cookie would otherwise be a way round it); staff are never counted. The
    API has a limit of its own."""
    if request.method not in {"GET", "HEAD"} or is_api_path(request.path_info):
        return False
    query = read_query(request)
    if query is None:  # no page here: a 404 or a redirect
        return False
    cookie = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not query and not cookie:
        return False  # a plain page without a session: whoever asks, it is not counted
    user = getattr(request, "user", None)
    if user is not None and user.is_staff:
        return False
    signed_out = user is not None and not user.is_authenticated
    return bool(query) or (signed_out and bool(cookie))


class SearchRateLimitMiddleware:
    """After the page cache (a cached page never gets here) and after authentication."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rate = parse_rate(settings.RATE_LIMIT_SEARCHES)
        if rate and is_counted(request):
            retry_after = count_request(client_bucket(client_address(request)), *rate)
            if retry_after:
                return too_many_requests(request, retry_after)
        return self.get_response(request)


def too_many_requests(request, retry_after: int):
    response = TemplateResponse(request, "429.html", {"retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    response.render()
    return response


class ApiRateLimitMiddleware:
    """Before the page cache, so that answers it gives count too; before the language and
    the URL resolver, so that a refused request costs a cache increment and no more.
    Preflight requests are answered above it (CORS) and not counted."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_api_path(request.path_info):
            rate = parse_rate(settings.RATE_LIMIT_API, "RATE_LIMIT_API")
            if rate:
                address = client_bucket(client_address(request))
                retry_after = count_request(address, *rate, scope="api")
                if retry_after:
                    limit, seconds = rate
                    response = json_error(
                        429,
                        f"Too many requests: at most {limit} in {seconds} seconds from one "
                        f"address. Ask again in {retry_after} seconds.",
                    )
                    response["Retry-After"] = str(retry_after)
                    return response
        return self.get_response(request)
