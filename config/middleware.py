"""The site's own middleware, and lighter versions of library ones.

The lighter versions do what the library's do, but only the work a request needs
(``make profile`` measures each middleware per request; README has the table): the
content security policy is written once per process, and a request that comes without a
session cookie gets a session and a message store only if something uses them.
"""

import functools
import logging

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.signals import setting_changed
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject, empty

logger = logging.getLogger(__name__)

# What a view may set on a response to change its policy (django-csp's decorators).
PER_RESPONSE_POLICY = tuple(
    f"_csp_{kind}{suffix}" for kind in ("config", "update", "replace") for suffix in ("", "_ro")
)


@functools.cache
def site_policies() -> tuple[tuple[str, str, tuple], ...]:
    """``(header, policy, excluded path prefixes)`` for the enforced policy and the
    report-only one, as django-csp builds them from the settings."""
    policies = []
    for header, setting, report_only in (
        (HEADER, "CONTENT_SECURITY_POLICY", False),
        (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", True),
    ):
        config = getattr(settings, setting, None) or {}
        prefixes = tuple(config.get("EXCLUDE_URL_PREFIXES", None) or ())
        policies.append((header, build_policy(report_only=report_only), prefixes))
    return tuple(policies)


@receiver(setting_changed)
def forget_site_policies(setting, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        site_policies.cache_clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the policy built once per process: the site sets no
    per-view policy and uses no nonce, so every response carries the same header, which
    the library otherwise builds afresh for each (about 100 µs a request). A response
    with a view's own policy, or a request that used a nonce, goes the library's way."""

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in PER_RESPONSE_POLICY
        ):
            return super().process_response(request, response)
        if response.status_code in (404, 500) and settings.DEBUG:
            return response  # the debug pages, as django-csp leaves them
        for (header, policy, prefixes), exempt in zip(
            site_policies(), ("_csp_exempt", "_csp_exempt_ro"), strict=True
        ):
            if (
                policy
                and header not in response
                and getattr(response, exempt, False) is False
                and not request.path_info.startswith(prefixes)
            ):
                response[header] = policy
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


def is_unused(value) -> bool:
    """A lazy object nothing has looked into."""
    return type(value) is SimpleLazyObject and value._wrapped is empty


class LazySessionMiddleware(SessionMiddleware):
    """Django's, except that a request without a session cookie gets its (empty) session
    only when something uses it: an anonymous page that reads no session builds no
    session store and has nothing to save. A session that is used behaves as Django's
    (it is accessed, so ``Vary: Cookie``; saved and sent if something is put in it)."""

    def process_request(self, request):
        session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if session_key:
            request.session = self.SessionStore(session_key)
        else:
            request.session = SimpleLazyObject(self.SessionStore)

    def process_response(self, request, response):
        if is_unused(getattr(request, "session", None)):
            return response  # Django's would find it neither accessed nor modified
        return super().process_response(request, response)


class LazyMessageMiddleware(MessageMiddleware):
    """Django's, except that the message store is built when something adds or reads a
    message: the public pages show none, and a store nobody used has nothing to save."""

    def process_request(self, request):
        request._messages = SimpleLazyObject(functools.partial(default_storage, request))

    def process_response(self, request, response):
        if is_unused(getattr(request, "_messages", None)):
            return response
        return super().process_response(request, response)


class SecurityHeadersMiddleware:
    """Headers Django has no setting for: Permissions-Policy, CORP, and no indexing of the
    admin (whose address robots.txt does not give away)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if request.path.startswith("/" + settings.ADMIN_PATH):
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response


class DatabaseUnavailableMiddleware:
    """A database that does not answer (down, restarting, unreachable, a lock not granted
    in time) gives the site's 503 page with ``Retry-After``, not a 500.

    The page is rendered without a query: its frame reads nothing from the database. The
    page cache (config/pagecache.py) still serves the pages it holds meanwhile."""

    RETRY_AFTER_SECONDS = 30

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_unavailable(exception):
            return None
        return database_unavailable(request, exception)


def is_database_unavailable(exception) -> bool:
    return isinstance(exception, OperationalError | InterfaceError)


def database_unavailable(request, exception):
    """The site's 503 page; it reads nothing from the database."""
    logger.error("Database unavailable for %s: %s", request.path, exception)
    response = render(request, "503.html", status=503)
    response["Retry-After"] = str(DatabaseUnavailableMiddleware.RETRY_AFTER_SECONDS)
    patch_cache_control(response, no_store=True)
    return response
