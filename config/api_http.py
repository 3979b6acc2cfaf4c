"""What the API's views answer besides ``GET``: ``HEAD``, as Django's own views do.

django-ninja answers only the methods an operation declares, so a ``HEAD`` (what a
client or a link checker sends to read the headers: ``ETag``, ``Last-Modified``) would
be a 405. Declaring ``HEAD`` on every operation would double the OpenAPI schema; instead
each API view answers it as the ``GET`` it stands for, and the server sends the headers
without the body (gunicorn, as Django's runserver and test client, leaves it out).
"""

import functools


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
