"""The site's URLconf plus API paths that fail on purpose, for tests/api/test_api_http.py."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("a bug in an endpoint")


def refused(request):
    raise PermissionDenied


def page_error(request):
    """An error answered as an HTML page, as a library's view might."""
    return HttpResponse("<h1>Gone</h1>", status=410)


urlpatterns = [
    path("api/test/broken/", broken),
    path("api/test/refused/", refused),
    path("api/test/gone/", page_error),
    path("test/broken/", broken),
    *site_urlpatterns,
]
