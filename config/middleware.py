import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.shortcuts import render
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)


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
