"""In-process timings of the detail pages, without the page cache: each page's ms, its
queries and their SQL time, beside a bare Django view.

    .venv/bin/python -m bench.details                      this tree
    .venv/bin/python -m bench.details /work/main .         two trees, before and after
    .venv/bin/python -m bench.details --profile person     where one page's time goes

Uses bench/.data/full.sqlite3 (BENCH_DATABASE to choose another; it is only read) and
the pages the load test requests (the showcase conference of seed_bulk: 30 people, 10
agreements, 20 photos; one of its agreements, participants and organizers), in the
language BENCH_LANGUAGE names (en, zh-hans or zh-hant; English by default). Given
several source trees, it runs each in its own process, one after the other, for
BENCH_ROUNDS rounds (default 5), each round timing every page BENCH_RUNS times (default
20); the fastest time of all is kept, so the machine's noise falls on both alike. Times
are the process's CPU time (SQLite runs in process, so its work is included), which other
programs on the machine disturb far less than the clock on the wall.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
DATABASE = Path(os.environ.get("BENCH_DATABASE", ROOT / "bench" / ".data" / "full.sqlite3"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
RUNS = int(os.environ.get("BENCH_RUNS", "20"))
LANGUAGE = os.environ.get("BENCH_LANGUAGE", "en")


def detail_paths() -> dict:
    from events.models import Conference, Organizer, Participation
    from partnerships.models import Agreement

    showcase = Conference.objects.get(slug="bulk-showcase")
    agreement = Agreement.objects.published().filter(conference=showcase).first()
    person = Participation.objects.filter(conference=showcase).select_related("person").first()
    organizer = Organizer.objects.filter(conference=showcase).select_related("organization")
    return {
        "baseline (bare Django view)": "/bench/baseline/",
        "conference (showcase)": showcase.get_absolute_url(),
        "conference .ics": f"{showcase.get_absolute_url().rstrip('/')}.ics",
        "agreement": agreement.get_absolute_url(),
        "person": person.person.get_absolute_url(),
        "organization": organizer.first().organization.get_absolute_url(),
    }


def setup():
    """Django on the benchmark database, the page cache off; a test client."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only")
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    os.environ["MEDIA_ROOT"] = str(DATABASE.with_suffix(".media"))
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    settings.PAGE_CACHE_SECONDS = 0
    settings.SECURE_SSL_REDIRECT = False
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return Client()


def data_ms(path: str) -> float:
    """The view's own work for the page, without drawing it: the record, its prefetches
    and the context (``get_object`` and ``get_context_data``), fastest of BENCH_RUNS."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory
    from django.urls import resolve

    match = resolve(unquote(path))
    view_class = getattr(match.func, "view_class", None)
    if view_class is None or not hasattr(view_class, "get_object"):
        return 0.0
    times = []
    for _ in range(RUNS):
        request = RequestFactory().get(path)
        request.user = AnonymousUser()
        started = time.process_time()
        view = view_class()
        view.setup(request, *match.args, **match.kwargs)
        view.object = view.get_object()
        view.get_context_data(object=view.object)
        times.append((time.process_time() - started) * 1000)
    return min(times)


def worker() -> None:
    """Times every page in this process and prints JSON."""
    # The tree it runs in comes first on the path: its views, templates and models.
    sys.path.insert(0, os.getcwd())
    client = setup()
    from django.db import connection
    from django.utils import translation

    # The pages in one language (BENCH_LANGUAGE: en, zh-hans, zh-hant), their links made in it.
    translation.activate(LANGUAGE)

    results = {}
    for name, path in detail_paths().items():
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        sql_seconds = []

        def timed(execute, sql, params, many, context, sql_seconds=sql_seconds):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                sql_seconds.append(time.perf_counter() - started)

        with connection.execute_wrapper(timed):
            client.get(path)
        times = []
        for _ in range(RUNS):
            # CPU time of this process: on a shared machine, waiting for a core is not
            # the page's cost (the database is in process: SQLite's work is counted).
            started = time.process_time()
            client.get(path)
            times.append((time.process_time() - started) * 1000)
        results[name] = {
            "ms": min(times),
            "data_ms": data_ms(path),
            "queries": len(sql_seconds),
            "sql_ms": sum(sql_seconds) * 1000,
        }
    json.dump(results, sys.stdout)


def run_in(tree: Path) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--worker"], cwd=tree, capture_output=True, text=True
    )
    if output.returncode:
        raise SystemExit(output.stderr)
    return json.loads(output.stdout)


def keep_fastest(best: dict, name: str, row: dict) -> None:
    """Each timing's fastest over the rounds, each on its own (the fastest whole request
    and the fastest view need not come from the same round)."""
    kept = best.setdefault(name, dict(row))
    for key in ("ms", "data_ms", "sql_ms"):
        kept[key] = min(kept[key], row[key])


def main(trees: list[Path]) -> None:
    best: dict[Path, dict] = {tree: {} for tree in trees}
    for _ in range(ROUNDS):
        for tree in trees:  # alternating: each round runs every tree once
            for name, row in run_in(tree).items():
                keep_fastest(best[tree], name, row)
    names = list(best[trees[0]])
    header = f"{'page':30}" + "".join(f"{tree.name[:22]:>42}" for tree in trees)
    print(header)
    print(f"{'':30}" + f"{'ms':>10}{'data ms':>10}{'queries':>10}{'SQL ms':>12}" * len(trees))
    for name in names:
        line = f"{name:30}"
        for tree in trees:
            row = best[tree][name]
            line += (
                f"{row['ms']:>10.2f}{row['data_ms']:>10.2f}{row['queries']:>10}"
                f"{row['sql_ms']:>12.2f}"
            )
        print(line)
    print("(ms: the whole request in process; data ms: get_object + get_context_data)")
    baseline = names[0]
    print()
    for tree in trees:
        base = best[tree][baseline]["ms"]
        ratios = ", ".join(f"{name} {base / best[tree][name]['ms']:.3f}" for name in names[1:])
        print(f"{tree}: ratio to the bare view: {ratios}")


def profile(name: str, limit: int = 40) -> None:
    """Where one page's time goes, under cProfile (100 requests, sorted by own time)."""
    import cProfile
    import pstats

    client = setup()
    from django.utils import translation

    translation.activate(LANGUAGE)
    path = detail_paths()[name]
    client.get(path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(100):
        client.get(path)
    profiler.disable()
    stats = pstats.Stats(profiler).sort_stats(os.environ.get("BENCH_SORT", "tottime"))
    stats.print_stats(int(os.environ.get("BENCH_LIMIT", limit)))


if __name__ == "__main__":
    if "--worker" in sys.argv:
        worker()
    elif "--profile" in sys.argv:
        profile(sys.argv[sys.argv.index("--profile") + 1])
    else:
        main([Path(arg).resolve() for arg in sys.argv[1:]] or [ROOT])
