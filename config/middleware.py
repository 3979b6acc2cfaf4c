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
from django.http import HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.urls import get_script_prefix, is_valid_path
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import SimpleLazyObject, empty

from .jsonerrors import is_api_path

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


class LanguageMiddleware(LocaleMiddleware):
    """Django's, for a site whose pages all carry their language in the address
    (``/en/``, ``/zh-hans/``, ``/zh-hant/``; config/urls.py).

    - A page's language is its prefix's, whatever the visitor's browser or cookie says.
    - An address without a prefix that names a page (``/events/?q=x``, shared before
      the site had languages) is sent at once, before any view runs, to that page in the
      visitor's language: the language cookie the site set, else the browser's
      ``Accept-Language``, else English. The redirect varies on both; no cache keeps it.
    - The other addresses without a prefix (the sitemap, robots.txt, media) are drawn in
      English, so that the page cache's one entry for each is right for everyone; the
      admin, and a page that does not exist, speak the visitor's language.
    - Reading a page in another language than the visitor's preferred one remembers it
      in the language cookie (so an unprefixed address shared later opens in it). The
      cookie is set here, outside the page cache, which keeps and serves the page as
      for anyone; the answer that sets it is marked private.

    Django's own redirects only after the view answered 404, drawing a 404 page first.
    """

    def process_request(self, request):
        path = request.path_info
        if is_api_path(path):
            # The API has one address for every language and reads the language asked
            # for itself (events/api/languages.py): never redirected, drawn in English.
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
            return None
        language = translation.get_language_from_path(path)
        if language is None:
            preferred = translation.get_language_from_request(request)
            redirect = self.redirect_to(request, preferred)
            if redirect is not None:
                return redirect
            urlconf = getattr(request, "urlconf", None)
            if not path.startswith("/" + settings.ADMIN_PATH) and is_valid_path(path, urlconf):
                language = settings.LANGUAGE_CODE
            else:
                language = preferred
                request.language_from_visitor = True
        else:
            request.language_from_path = True
        translation.activate(language)
        request.LANGUAGE_CODE = language
        return None

    def redirect_to(self, request, language):
        """The redirect of an unprefixed address to its page in ``language``, if the
        address names a page there (or would, with the slash ``APPEND_SLASH`` adds)."""
        urlconf = getattr(request, "urlconf", None)
        with translation.override(language):
            language_path = f"/{language}{request.path_info}"
            if is_valid_path(language_path, urlconf):
                append_slash = False
            elif (
                settings.APPEND_SLASH
                and not language_path.endswith("/")
                and is_valid_path(language_path + "/", urlconf)
            ):
                append_slash = True
            else:
                return None
        script_prefix = get_script_prefix()
        address = request.get_full_path(force_append_slash=append_slash).replace(
            script_prefix, f"{script_prefix}{language}/", 1
        )
        redirect = HttpResponseRedirect(address)
        patch_vary_headers(redirect, ("Accept-Language", "Cookie"))
        patch_cache_control(redirect, private=True)
        return redirect

    def process_response(self, request, response):
        language = getattr(request, "LANGUAGE_CODE", None)
        if language is None:  # a redirect made above
            return response
        if getattr(request, "language_from_visitor", False):
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        elif getattr(request, "language_from_path", False):
            self.remember(request, response, language)
        response.headers.setdefault("Content-Language", language)
        # The page is drawn: what runs after it in this thread (and the next request,
        # until it chooses its own) speaks the site's default language.
        translation.deactivate()
        return response

    @staticmethod
    def remember(request, response, language) -> None:
        """Sets the language cookie to the page's language when the visitor would
        otherwise be given another. (Most requests are answered by the first test or
        two: the cookie already says it, or no cookie and no browser preference.)"""
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if cookie == language:
            return
        if cookie is None and "HTTP_ACCEPT_LANGUAGE" not in request.META:
            if language == settings.LANGUAGE_CODE:
                return
        elif translation.get_language_from_request(request) == language:
            return
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        patch_cache_control(response, private=True)


class SecurityHeadersMiddleware:
    """Headers Django has no setting for: Permissions-Policy, CORP, and no indexing of the
    admin (whose address robots.txt does not give away)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        # The API is open data, read by other sites' pages (CORS): not same-origin only.
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy",
            "cross-origin" if is_api_path(request.path_info) else "same-origin",
        )
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
