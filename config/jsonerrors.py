"""Errors under ``/api/`` answered in JSON, whoever made them.

Software reading the API parses JSON; an HTML error page in the middle of it is a parse
error, not a message. The API's own handlers already write ``{"error": {"status": N,
"message": "..."}}`` (a validation error adds ``"fields"``). Errors made elsewhere would
otherwise be the site's pages: Django's 404 for an address no endpoint has, ninja's 405 for
a method the API does not answer, the 400 of a request with a Host the site does not
serve, the 403 of a refused request, the 500 page, the rate limit's 429. This middleware,
first of all, turns any such answer for an ``/api/`` path into the same JSON, keeping its
status and headers (``Allow``, ``Retry-After``, the security and CORS headers).
"""

import functools
import json

from django.conf import settings
from django.http import HttpResponse

from events.api.errors import error_body

API_PREFIX = "/api/"
JSON = "application/json"
CONTENT_TYPE = f"{JSON}; charset=utf-8"  # as the API's own answers (ninja's)
# Said once for every client: the API's messages are for developers, in English.
MESSAGES = {
    400: "Bad request.",
    403: "Forbidden.",
    404: "Not found: no API address matches this path.",
    405: "Method not allowed: the API answers GET, HEAD and OPTIONS only.",
    429: "Too many requests: wait the seconds Retry-After gives, then ask again.",
    500: "Server error: the request was not answered. Try again later.",
    503: "Service unavailable: try again later.",
}
# Headers that describe the body replaced: written again for the JSON.
BODY_HEADERS = frozenset({"content-type", "content-length", "content-encoding"})


def is_api_path(path: str) -> bool:
    return path.startswith(API_PREFIX)


def message_for(status: int) -> str:
    if status in MESSAGES:
        return MESSAGES[status]
    return MESSAGES[500] if status >= 500 else MESSAGES[400]


def json_error(status: int, message: str | None = None, fields: dict | None = None):
    """The API's error answer, in the shape of its own (events/api/errors.py):
    ``{"error": {"status", "message", "fields"}}``, ``fields`` naming the query
    parameters at fault, if any."""
    body = error_body(status, message or message_for(status), fields)
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=CONTENT_TYPE
    )


def is_json(response) -> bool:
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return content_type == JSON or content_type.endswith("+json")


def as_json(response) -> HttpResponse:
    """``response`` (an error page) as the API's JSON error, its other headers kept."""
    answer = json_error(response.status_code)
    for name, value in response.headers.items():
        if name.lower() not in BODY_HEADERS:
            answer[name] = value
    answer.cookies = response.cookies
    return answer


class JsonErrorsMiddleware:
    """First in ``MIDDLEWARE``: it sees the errors of every other middleware too (a bad
    Host is refused by the HTTPS redirect, before anything else runs). The cost for a
    page is one comparison of its status."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and is_api_path(request.path_info)
            and not is_json(response)
            and not (settings.DEBUG and response.status_code == 500)  # the traceback page
        ):
            return as_json(response)
        return response


def api_aware(default_view, status: int):
    """Django's error view ``default_view`` for the site's pages; the JSON error for API
    paths, without drawing the HTML page first (``handler404`` and friends in
    config/urls.py: a scanner's 404s under /api/ cost no template)."""

    @functools.wraps(default_view)
    def view(request, exception=None, **kwargs):
        if is_api_path(request.path_info):
            return json_error(status)
        return default_view(request, exception, **kwargs)

    return view
