"""Where an uncached page's time goes, measured on the full archive.

    make profile PAGE=/en/events/   (or: .venv/bin/python -m bench.profile /en/events/ /en/people/)

Builds (or reuses) the full benchmark database as ``make bench`` does (``bench.run.seeded``),
then requests each page through Django's own WSGI handler, in this process, as an
anonymous visitor whose page the page cache does not hold (its entry is deleted before
each request; remembered counts and filter menus stay, as in the bench's uncached runs).
Timers hooked at the boundaries of each part (Django's ``execute_wrapper`` and the cursor's
fetches for SQL, the ``QuerySet`` methods, the SQL compiler, the template backends, the
context processors, the URL resolver, each middleware and the view) split every request
into the parts below, each counted once (a query run inside a template counts as SQL
and ORM, not as rendering). A page is requested ``--runs`` times (default 20) and the
fastest request is shown; the timers' own cost is given by the same page timed without
them. A second table gives each middleware's own time in microseconds (fastest of the
runs), the work a request does whatever its page: this is what ``baseline`` pays too.

Nothing here is estimated: each figure is the time measured between two hooks.
"""

import argparse
import functools
import io
import json
import os
import sys
import time
from collections import defaultdict
from contextlib import ExitStack, contextmanager

SQL = "SQL"
BUILDING = "ORM: building querysets"
COMPILING = "ORM: compiling SQL"
RUNNING = "ORM: running querysets (instances, prefetch)"
TEMPLATES = "template rendering"
CONTEXT = "context processors"
RESOLVING = "URL resolving"
REVERSING = "URL reversing"
MIDDLEWARE = "middleware"
VERSION = "content-version check (1 query)"
CONDITIONAL = "ETag and conditional request"
CACHE = "cache reads and writes"
VIEW = "view code"
REST = "the rest (WSGI handler, request, response)"
PARTS = (
    SQL,
    BUILDING,
    COMPILING,
    RUNNING,
    TEMPLATES,
    CONTEXT,
    RESOLVING,
    REVERSING,
    MIDDLEWARE,
    VIEW,
    REST,
)

QUERYSET_BUILDERS = (
    "all",
    "filter",
    "exclude",
    "annotate",
    "alias",
    "order_by",
    "select_related",
    "prefetch_related",
    "only",
    "defer",
    "values",
    "values_list",
    "distinct",
    "reverse",
    "none",
    "union",
    "extra",
    "using",
    "__getitem__",
    "__and__",
    "__or__",
)
QUERYSET_RUNNERS = ("_fetch_all", "count", "exists", "aggregate", "get", "first", "last")


class Clock:
    """Exclusive time per part: entering a part pauses the one it was entered from."""

    def __init__(self):
        self.reset()

    def reset(self):
        self.totals = defaultdict(float)
        self.calls = defaultdict(int)
        self.queries = 0
        self.stack = [REST]
        self.mark = time.perf_counter()

    def enter(self, part: str) -> None:
        now = time.perf_counter()
        outer = self.stack[-1]
        self.totals[outer] += now - self.mark
        if outer != part:
            self.calls[part] += 1  # a resolver resolving its includes is one call
        self.stack.append(part)
        self.mark = now

    def leave(self) -> None:
        now = time.perf_counter()
        self.totals[self.stack.pop()] += now - self.mark
        self.mark = now

    def stop(self) -> dict:
        self.leave()
        return dict(self.totals)


clock = Clock()


def timed(part: str, function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        clock.enter(part)
        try:
            return function(*args, **kwargs)
        finally:
            clock.leave()

    return wrapper


@contextmanager
def patched(owner, name: str, value):
    missing = object()
    before = owner.__dict__.get(name, missing)
    setattr(owner, name, value)
    try:
        yield
    finally:
        if before is missing:
            delattr(owner, name)
        else:
            setattr(owner, name, before)


@contextmanager
def hooks(handler, detailed: bool = True):
    """Timers on ``handler``'s middleware and view, the URL resolver and reverser and the
    context processors; then either (``detailed``) on SQL, the ORM and the templates, or
    on the page cache's own steps. Everything is put back on exit."""
    with ExitStack() as stack:
        for owner, name, part in middleware_chain(handler):
            stack.enter_context(patched(owner, name, timed(part, getattr(owner, name))))
        # The middleware's process_view() and process_template_response() hooks.
        for name in ("_view_middleware", "_template_response_middleware"):
            methods = [timed(middleware_part(m.__self__), m) for m in getattr(handler, name)]
            stack.enter_context(patched(handler, name, methods))
        stack.enter_context(url_and_context_hooks())
        stack.enter_context(orm_and_template_hooks() if detailed else page_cache_hooks())
        yield


def middleware_part(instance) -> str:
    return f"{MIDDLEWARE}: {type(instance).__name__}"


def middleware_chain(handler) -> list[tuple]:
    """``(object, attribute, part)`` for each link of the handler's middleware chain: the
    attribute holds the callable that runs ``part`` (a middleware, or at the end the view)."""
    links = []
    owner, name = handler, "_middleware_chain"
    while True:
        link = getattr(owner, name)
        instance = getattr(link, "__wrapped__", link)  # under convert_exception_to_response
        if getattr(instance, "__self__", None) is handler:  # BaseHandler._get_response
            links.append((owner, name, VIEW))
            return links
        links.append((owner, name, middleware_part(instance)))
        owner, name = instance, "get_response"


@contextmanager
def url_and_context_hooks():
    from django.template import engines
    from django.urls.resolvers import URLResolver

    with ExitStack() as stack:
        resolve, reverse = URLResolver.resolve, URLResolver._reverse_with_prefix
        stack.enter_context(patched(URLResolver, "resolve", timed(RESOLVING, resolve)))
        stack.enter_context(patched(URLResolver, "_reverse_with_prefix", timed(REVERSING, reverse)))
        for backend in engines.all():
            # Django's engine keeps its processors on its Engine, Jinja2's on the backend.
            holder = getattr(backend, "engine", backend)
            processors = tuple(timed(CONTEXT, p) for p in holder.template_context_processors)
            stack.enter_context(patched(holder, "template_context_processors", processors))
        yield


@contextmanager
def page_cache_hooks():
    """The steps of the page cache middleware that are not its own logic: the version
    check, the ETag and conditional answer, the cache's reads and writes (the page's,
    the rate limit's counts and the remembered counts share the cache)."""
    from config import pagecache

    cache = pagecache.page_cache()
    middleware = pagecache.AnonymousPageCacheMiddleware
    with ExitStack() as stack:
        current = timed(VERSION, pagecache.current_version_or_last_known)
        stack.enter_context(patched(pagecache, "current_version_or_last_known", current))
        conditional = timed(CONDITIONAL, pagecache.get_conditional_response)
        stack.enter_context(patched(pagecache, "get_conditional_response", conditional))
        etag = staticmethod(timed(CONDITIONAL, middleware.etag))
        stack.enter_context(patched(middleware, "etag", etag))
        for name in ("get", "set", "add", "incr"):
            stack.enter_context(patched(cache, name, timed(CACHE, getattr(cache, name))))
        yield


@contextmanager
def orm_and_template_hooks():
    from django.db import connections
    from django.db.backends.utils import CursorWrapper
    from django.db.models import query
    from django.db.models.sql import compiler
    from django.template import engines

    def run_sql(execute, sql, params, many, context):
        clock.queries += 1
        clock.enter(SQL)
        try:
            return execute(sql, params, many, context)
        finally:
            clock.leave()

    def fetch(name):
        def method(self, *args):
            clock.enter(SQL)
            try:
                with self.db.wrap_database_errors:
                    return getattr(self.cursor, name)(*args)
            finally:
                clock.leave()

        return method

    with ExitStack() as stack:
        for connection in connections.all():
            stack.enter_context(connection.execute_wrapper(run_sql))
        for name in ("fetchone", "fetchmany", "fetchall"):
            stack.enter_context(patched(CursorWrapper, name, fetch(name)))
        for name in QUERYSET_BUILDERS:
            function = getattr(query.QuerySet, name)
            stack.enter_context(patched(query.QuerySet, name, timed(BUILDING, function)))
        for name in QUERYSET_RUNNERS:
            function = getattr(query.QuerySet, name)
            stack.enter_context(patched(query.QuerySet, name, timed(RUNNING, function)))
        for name in dir(compiler):
            klass = getattr(compiler, name)
            if isinstance(klass, type) and "as_sql" in klass.__dict__:
                stack.enter_context(patched(klass, "as_sql", timed(COMPILING, klass.as_sql)))
        for backend in engines.all():
            template_class = type(backend.from_string(""))
            render = template_class.render
            stack.enter_context(patched(template_class, "render", timed(TEMPLATES, render)))
        yield


# Each request comes from an address of its own, as from a crawler spread over many: the
# search rate limit counts it (its cost is measured) without ever refusing it.
_addresses = iter(range(1, 1 << 24))


def environ_for(path: str) -> dict:
    """A WSGI request as nginx passes it on: an anonymous GET over HTTPS, no cookie."""
    from urllib.parse import unquote_to_bytes, urlsplit

    parts = urlsplit(path)
    number = next(_addresses)
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": unquote_to_bytes(parts.path).decode("latin-1"),
        "QUERY_STRING": parts.query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "HTTP_ACCEPT": "text/html",
        "HTTP_ACCEPT_ENCODING": "gzip",
        "REMOTE_ADDR": f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "https",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


@contextmanager
def connections_kept():
    """As Django's test client does: the handler does not close the database connection
    at the start of a request (with ``CONN_MAX_AGE`` it would not either, and in a test
    the connection holds the test's transaction)."""
    from django.core.signals import request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)


def get(handler, path: str) -> tuple[int, bytes]:
    statuses = []
    response = handler(
        environ_for(path), lambda status, headers, exc_info=None: statuses.append(status)
    )
    body = b"".join(response)
    return int(statuses[0].split()[0]), body


def forget(path: str) -> None:
    """Delete the page cache's entry for ``path``: the next request builds the page."""
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIRequest

    from config.pagecache import AnonymousPageCacheMiddleware, current_version, page_cache
    from config.queryparams import keep_read_parameters

    if not settings.PAGE_CACHE_SECONDS:
        return
    request = WSGIRequest(environ_for(path))
    keep_read_parameters(request)
    page_cache().delete(AnonymousPageCacheMiddleware.key(request, current_version()))


def profile_page(path: str, runs: int = 20) -> dict:
    """The page at ``path`` requested ``runs`` times in each of three ways, in turns: plain,
    with every timer, with the middleware timers only. The fastest of each is kept."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    # A handler of the class the server runs (config/wsgi.py), with its middleware.
    handler = type(import_string(settings.WSGI_APPLICATION))()
    plain, best, middleware = [], None, {}
    with connections_kept():
        for _ in range(2):  # warm: templates compiled, connections open, remembered counts
            forget(path)
            status, _body = get(handler, path)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
        for _ in range(runs):
            forget(path)
            started = time.perf_counter()
            get(handler, path)
            plain.append(time.perf_counter() - started)

            forget(path)
            with hooks(handler, detailed=True):
                clock.reset()
                get(handler, path)
                parts, calls = clock.stop(), dict(clock.calls, queries=clock.queries)
            if best is None or sum(parts.values()) < sum(best[0].values()):
                best = parts, calls

            forget(path)
            with hooks(handler, detailed=False):
                clock.reset()
                get(handler, path)
                for part, seconds in clock.stop().items():
                    if part not in (VIEW, REST, TEMPLATES, REVERSING):
                        name = part.removeprefix(f"{MIDDLEWARE}: ")
                        middleware[name] = min(middleware.get(name, seconds), seconds)
                resolves = clock.calls[RESOLVING]
    parts, calls = best
    grouped = dict.fromkeys(PARTS, 0.0)
    for part, seconds in parts.items():
        grouped[MIDDLEWARE if part.startswith(MIDDLEWARE) else part] += seconds * 1000
    return {
        "path": path,
        "runs": runs,
        "plain_ms": min(plain) * 1000,
        "ms": sum(grouped.values()),
        "parts": grouped,
        "queries": calls["queries"],
        "resolves": calls.get(RESOLVING, 0),
        "reverses": calls.get(REVERSING, 0),
        "middleware_us": {name: seconds * 1e6 for name, seconds in middleware.items()},
        "middleware_resolves": resolves,
    }


def label(result: dict, part: str) -> str:
    if part == SQL:
        return f"SQL ({result['queries']} queries)"
    if part == RESOLVING:
        return f"{RESOLVING} ({result['resolves']} times)"
    if part == REVERSING:
        return f"{REVERSING} ({result['reverses']} links)"
    return part


def profile_table(result: dict) -> list[str]:
    total = result["ms"]
    lines = [
        f"{result['path']}: {result['plain_ms']:.1f} ms a request with the page cache missing"
        f" (fastest of {result['runs']}); with the timers {total:.1f} ms, split as follows",
        f"{'part':<48}{'ms':>8}{'share':>9}",
    ]
    for part, ms in result["parts"].items():
        lines.append(f"{label(result, part):<48}{ms:>8.2f}{ms / total:>8.1%}")
    lines.append(f"{'total':<48}{total:>8.2f}{1:>8.1%}")
    return lines


FRAME_STEPS = (RESOLVING, VERSION, CONDITIONAL, CACHE, CONTEXT)


def middleware_table(results: list[dict]) -> list[str]:
    """Each middleware's own time, and the steps they (and the view) take that any page
    takes, in microseconds; the fastest of the runs for each."""
    header = f"{'the request around the view (µs, fastest)':<44}"
    header += "".join(f"{result['path'][:14]:>15}" for result in results)
    lines = [header]
    names = [name for name in results[0]["middleware_us"] if name not in FRAME_STEPS]
    for name in [*names, *FRAME_STEPS]:
        row = "".join(f"{result['middleware_us'].get(name, 0):>15.0f}" for result in results)
        shown = f"{name} ({results[0]['middleware_resolves']} times)" if name == RESOLVING else name
        lines.append(f"{shown:<44}{row}")
    totals = "".join(f"{sum(result['middleware_us'].values()):>15.0f}" for result in results)
    lines.append(f"{'all of it':<44}{totals}")
    return lines


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("paths", nargs="*", default=["/en/events/"], metavar="PAGE")
    parser.add_argument("--runs", type=int, default=20, help="requests per page (20)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures to FILE")
    parser.add_argument(
        "--database", choices=("full", "small"), default="full", help="bench database (full)"
    )
    arguments = parser.parse_args(argv)

    from bench.run import environment, manage, seeded

    database = seeded(arguments.database, 1.0 if arguments.database == "full" else 0.01)
    manage(database, "collectstatic", "--noinput", "-v0")
    os.environ.update(environment(database))
    # The site's own search limit, not the load test's "off" (each request has an address).
    del os.environ["RATE_LIMIT_SEARCHES"]

    import django

    django.setup()
    results = [profile_page(path, arguments.runs) for path in arguments.paths]
    for result in results:
        print()
        print("\n".join(profile_table(result)))
    print()
    print("\n".join(middleware_table(results)))
    if arguments.json:
        with open(arguments.json, "w") as out:
            json.dump(results, out, indent=2)


if __name__ == "__main__":
    main()
