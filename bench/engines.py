"""The public pages under Django's template engine and under Jinja2, side by side.

    .venv/bin/python -m bench.engines         (on bench/.data/full.sqlite3, 20,000 conferences)
    BENCH_RUNS=15 BENCH_ENGINES_REF=<commit> DATABASE_URL=… .venv/bin/python -m bench.engines

The public templates are Jinja2 now (config/templating.py); their Django-engine versions
are taken from git, at the last commit that had them (``BENCH_ENGINES_REF`` names another)
and loaded by a Django engine configured as the site's was, with the template tags of
``events/templatetags/events.py`` (kept for both engines). Each page is requested through
Django's WSGI handler (every middleware, the page cache off) with one engine, then with the
other, in turn, ``BENCH_RUNS`` times; the fastest of each is kept. The views, queries and
context are the same for both; only the engine that draws them differs (and how the filter
forms are drawn: Django's form renderer then, a Jinja2 macro now).
"""

import io
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes
from wsgiref.util import setup_testing_defaults

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / '.data' / 'full.sqlite3'}")
os.environ.setdefault("MEDIA_ROOT", str(ROOT / "bench" / ".data" / "full.media"))

import django  # noqa: E402

django.setup()

from django import template  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.template.backends import jinja2 as stock_jinja2  # noqa: E402
from django.template.utils import EngineHandler  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.urls import resolve  # noqa: E402

from bench.inprocess import sample_paths  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "10"))
FOLDERS = ["config/templates", "events/templates", "partnerships/templates"]


def last_django_templates() -> str:
    """The last commit whose public pages were Django templates."""
    removed = subprocess.run(
        ["git", "rev-list", "-1", "HEAD", "--", "config/templates/base.html"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return f"{removed}^"


def django_templates(ref: str, into: Path) -> list[Path]:
    archive = subprocess.run(
        ["git", "archive", "--format=tar", ref, *FOLDERS], cwd=ROOT, capture_output=True
    )
    if archive.returncode:
        raise SystemExit(archive.stderr.decode())
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return [into / "config/templates/overrides", *(into / folder for folder in FOLDERS)]


def django_engine(dirs: list[Path]) -> dict:
    """The site's TEMPLATES as they were: one Django engine for every page."""
    return {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": dirs,
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
            ],
        },
    }


def use(engines: EngineHandler) -> None:
    # Every lookup (views, render_to_string, the error pages) goes through the one
    # handler django.template.engines; each engine keeps its own compiled templates.
    template.engines.__dict__ = engines.__dict__


def get(handler: WSGIHandler, path: str) -> float:
    route, _, query = path.partition("?")
    # As a WSGI server gives it: the path decoded, its bytes as Latin-1.
    route = unquote_to_bytes(route).decode("iso-8859-1")
    environ = {"PATH_INFO": route, "QUERY_STRING": query, "wsgi.input": io.BytesIO()}
    setup_testing_defaults(environ)
    status = []
    started = time.perf_counter()
    b"".join(handler(environ, lambda s, headers, exc_info=None: status.append(s)))
    elapsed = (time.perf_counter() - started) * 1000
    if not status[0].startswith("200"):
        raise SystemExit(f"{path} answered {status[0]}")
    return elapsed


def unrendered(path: str):
    """The page's response before its template is drawn: its view called directly."""
    route, _, query = path.partition("?")
    request = RequestFactory().get(unquote(route), QueryDict(query))
    request.user = AnonymousUser()
    match = resolve(request.path_info)
    response = match.func(request, *match.args, **match.kwargs)
    response.rendered_content  # noqa: B018 (reads the context's querysets once)
    return response


def render_time(response) -> float:
    started = time.perf_counter()
    response.rendered_content  # noqa: B018
    return (time.perf_counter() - started) * 1000


def signal_check_cost(rounds: int = 2000) -> tuple[float, float]:
    """Microseconds to render the same small template through Django's stock Jinja2
    Template and through ours (which sends template_rendered when someone listens)."""
    from config.templating import Template

    engine = template.engines["jinja2"]
    compiled = engine.env.from_string("<p>{{ a }} and {{ b }}</p>")
    ours, stock = Template(compiled, engine), stock_jinja2.Template(compiled, engine)
    best = {"ours": float("inf"), "stock": float("inf")}
    for _ in range(7):
        for name, tmpl in (("stock", stock), ("ours", ours)):
            started = time.perf_counter()
            for _ in range(rounds):
                tmpl.render({"a": 1, "b": "x"})
            best[name] = min(best[name], (time.perf_counter() - started) * 1e6 / rounds)
    return best["stock"], best["ours"]


def main() -> None:
    settings.PAGE_CACHE_SECONDS = 0
    settings.SECURE_SSL_REDIRECT = False
    settings.RATE_LIMIT_SEARCHES = 0
    settings.ALLOWED_HOSTS = ["*"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    ref = os.environ.get("BENCH_ENGINES_REF") or last_django_templates()
    paths = sample_paths()
    paths["conference list, searched"] = "/en/events/?q=nanjing"
    with tempfile.TemporaryDirectory() as folder:
        old = EngineHandler([django_engine(django_templates(ref, Path(folder)))])
        new = EngineHandler(settings.TEMPLATES)
        handler = WSGIHandler()
        print(f"{RUNS} runs each, fastest kept; Django templates from {ref}")
        print(f"{'':<46}{'whole page, ms':^27}  {'template drawing, ms':^27}")
        print(f"{'page':<46}" + f"{'Django':>9}{'Jinja2':>9}{'ratio':>9}  " * 2)
        for name, path in paths.items():
            page = {"django": float("inf"), "jinja2": float("inf")}
            drawing = dict(page)
            response = unrendered(path)
            for run in range(RUNS + 1):
                for engine, engines in (("django", old), ("jinja2", new)):
                    use(engines)
                    elapsed, drawn = get(handler, path), render_time(response)
                    if run:  # the first run of each warms templates and caches
                        page[engine] = min(page[engine], elapsed)
                        drawing[engine] = min(drawing[engine], drawn)
            print(
                f"{name:<46}"
                + "".join(
                    f"{times['django']:>9.2f}{times['jinja2']:>9.2f}"
                    f"{times['django'] / times['jinja2']:>9.2f}  "
                    for times in (page, drawing)
                )
            )
        use(new)
    stock, ours = signal_check_cost()
    print(
        f"A small template through Django's Jinja2 Template: {stock:.2f} µs; through ours "
        f"(template_rendered when listened to; nobody listens here): {ours:.2f} µs"
    )


if __name__ == "__main__":
    sys.exit(main())
