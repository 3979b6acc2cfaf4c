"""HTTP around the API's views: ``HEAD`` answered, and CORS for API paths only.

What the API's views answer besides ``GET``: ``HEAD``, as Django's own views do.

django-ninja answers only the methods an operation declares, so a ``HEAD`` (what a
client or a link checker sends to read the headers: ``ETag``, ``Last-Modified``) would
be a 405. Declaring ``HEAD`` on every operation would double the OpenAPI schema; instead
each API view answers it as the ``GET`` it stands for, and the server sends the headers
without the body (gunicorn, as Django's runserver and test client, leaves it out).
"""

import functools

from corsheaders.middleware import CorsMiddleware

from .jsonerrors import is_api_path


def answering_head(view):
    @functools.wraps(view)  # keeps csrf_exempt and the declared query parameters
    def answer(request, *args, **kwargs):
        if request.method != "HEAD":
            return view(request, *args, **kwargs)
        request.method = "GET"
        try:
            return view(request, *args, **kwargs)
        finally:
            request.method = "HEAD"

    return answer


def with_head(urls):
    """``urls`` (an ``include()`` triple: patterns, app name, namespace) with every view
    answering ``HEAD``."""
    patterns, app_name, namespace = urls
    for pattern in patterns:
        pattern.callback = answering_head(pattern.callback)
    return patterns, app_name, namespace


class ApiCorsMiddleware(CorsMiddleware):
    """django-cors-headers' middleware (``CORS_*`` settings), run for API paths only:
    ``CORS_URLS_REGEX`` keeps its headers off the pages anyway, but the library reads
    its settings and matches the pattern on every request (15 µs of each page,
    ``make profile``); a page now costs one prefix test."""

    def __call__(self, request):
        if not is_api_path(request.path_info):
            return self.get_response(request)
        return super().__call__(request)
