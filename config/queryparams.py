"""The query parameters a public page reads, and nothing else.

A public view declares what it reads: a list's filter set names its fields and sort,
pagination adds ``page``, a function view says so with ``@reads_query(...)``. Anything
else in the query string (``utm_source``, ``fbclid``, a random key added to get past a
cache) changes nothing on the page, so it is dropped before the view runs: the page
cache keeps one entry per page the site can actually show, links drawn from the request
(``{% querystring %}``) carry no tracking tags, and the page for ``?utm=x`` is the page
without it.
"""

import functools

from django.core.handlers.wsgi import WSGIHandler
from django.http import QueryDict
from django.urls import Resolver404, get_resolver, set_urlconf


def reads_query(*names: str):
    """Declares the query parameters a function view reads (the rest are dropped)."""

    def declare(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            return view(*args, **kwargs)

        wrapper.query_parameters = frozenset(names)
        return wrapper

    return declare


def filterset_parameters(filterset_class) -> frozenset[str]:
    """Each filter's parameter, or its suffixed ones (``date_after``, ``date_before``)."""
    names = set()
    for name, filter_ in filterset_class.base_filters.items():
        widget = filter_.extra.get("widget") or filter_.field_class.widget
        suffixes = getattr(widget, "suffixes", None)
        if suffixes:
            names.update(f"{name}_{suffix}" if suffix else name for suffix in suffixes)
        else:
            names.add(name)
    return frozenset(names)


@functools.cache
def class_view_parameters(view_class) -> frozenset[str]:
    names = set(getattr(view_class, "query_parameters", ()))
    filterset_class = getattr(view_class, "filterset_class", None)
    if filterset_class is not None:
        names |= filterset_parameters(filterset_class)
    if getattr(view_class, "paginate_by", None):
        names.add(view_class.page_kwarg)
    return frozenset(names)


def view_parameters(view) -> frozenset[str]:
    """What ``view`` (as a URL pattern holds it) reads; a view that declares nothing
    reads nothing."""
    declared = getattr(view, "query_parameters", None)
    if declared is not None:
        return frozenset(declared)
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return class_view_parameters(view_class)
    return frozenset()


def read_query(request) -> QueryDict | None:
    """The parameters of ``request`` that its view reads, in a canonical order (by name;
    the values of one name in the order given, as the last one counts). ``None`` when no
    view answers the path: a redirect (``APPEND_SLASH``) must keep the whole query."""
    if not hasattr(request, "_read_query"):
        urlconf = getattr(request, "urlconf", None)
        try:
            match = get_resolver(urlconf).resolve(request.path_info)
        except Resolver404:
            request._read_query = None
        else:
            request._resolved = (request.path_info, urlconf, match)
            names = view_parameters(match.func)
            query = QueryDict(mutable=True)
            for name in sorted(names & request.GET.keys()):
                query.setlist(name, request.GET.getlist(name))
            query._mutable = False
            request._read_query = query
    return request._read_query


def keep_read_parameters(request) -> None:
    """Drop the parameters the view does not read, from ``GET`` and the query string."""
    query = read_query(request)
    if query is None:
        return
    request.GET = query
    request.META["QUERY_STRING"] = query.urlencode()


class ResolveOnceWSGIHandler(WSGIHandler):
    """Django's WSGI handler, except that the view is found once per request: the match
    ``read_query`` made (before the page cache, for an anonymous page) is used again when
    the path and URLconf are still the same, instead of resolving the path a second time."""

    def resolve_request(self, request):
        path, urlconf, match = getattr(request, "_resolved", (None, None, None))
        if match is None or path != request.path_info:
            return super().resolve_request(request)
        if urlconf != getattr(request, "urlconf", None):
            return super().resolve_request(request)
        if urlconf is not None:
            set_urlconf(urlconf)
        request.resolver_match = match
        return match
