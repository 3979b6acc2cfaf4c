"""What each search trick buys: list pages searched with it and with the plain
alternative, on one database, in process (page cache off, remembered counts on).

    DATABASE_URL=sqlite:///bench/.data/full.sqlite3 .venv/bin/python -m bench.search_tricks

(``bench/.data/*.sqlite3`` are built by ``make bench``; any database works.) Modes:

- ``as built``: the common/rare split and the CJK pair tokens, as the site runs.
- ``index only``: every term from the index (no split; ``COMMON = 0``).
- ``walk only``: every term by walking the list (no split; ``COMMON`` huge); on
  PostgreSQL, where the planner chooses, this and the one above are the same query.
- ``no pairs``: a two-character CJK term is looked for as itself, which a trigram index
  cannot narrow (SQLite scans the column; PostgreSQL's LIKE gets no trigram).

Each page is warmed once and timed ``BENCH_RUNS`` times (5), in ``BENCH_ROUNDS`` rounds
(3) taking the modes in turns, so that a shared machine slowing down for a minute slows
every mode alike; the fastest is kept. Prints one table (ms) and, with ``--json``, the
figures.
"""

import json
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

import events.search  # noqa: E402
from events.models import Person  # noqa: E402
from events.search import postgres, sqlite, text  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))

PAGES = {
    "people, common word (chen)": "/en/people/?q=chen",
    "people, rare word (陈之常)": "/en/people/?q=陈之常",
    "people, common CJK pair (之常)": "/en/people/?q=之常",
    "people, rare CJK pair (陈之)": "/en/people/?q=陈之",
    "conferences, common word (nanjing)": "/en/events/?q=nanjing",
    "conferences, CJK pair (南京)": "/en/events/?q=南京",
    "conferences, rare word (zhichang)": "/en/events/?q=zhichang",
    "agreements, common word (finance)": "/en/partnerships/?q=finance",
    "agreements, CJK pair (金融)": "/en/partnerships/?q=金融",
    "organizations, common word (association)": "/en/organizations/?q=association",
    "organizations, CJK pair (协会)": "/en/organizations/?q=协会",
}
# The lookup alone, without a page around it: how many people hold the term.
COUNTS = {"count people, CJK pair (之常)": "之常", "count people, rare CJK pair (陈之)": "陈之"}


def no_pairs(term):
    return None if len(term) < text.TRIGRAM else term


MODES = {
    "as built": {},
    "index only": {(events.search, "COMMON"): 0},
    "walk only": {(events.search, "COMMON"): 10**12},
    "no pairs": {(sqlite, "indexed_term"): no_pairs, (postgres, "indexed_term"): no_pairs},
}


def timed(call) -> float:
    call()  # warm: templates, connections, the OS cache
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return round(min(times), 1)


def measure_mode(client: Client, patches: dict) -> dict:
    saved = {key: getattr(*key) for key in patches}
    for (module, name), value in patches.items():
        setattr(module, name, value)
    try:
        figures = {}
        for name, path in PAGES.items():

            def page(path=path):
                response = client.get(path)
                assert response.status_code == 200, path

            figures[name] = timed(page)
        for name, term in COUNTS.items():
            figures[name] = timed(
                lambda term=term: Person.objects.filter(search_text__term=term).count()
            )
        return figures
    finally:
        for (module, name), value in saved.items():
            setattr(module, name, value)


def main() -> None:
    settings.PAGE_CACHE_SECONDS = 0
    settings.SECURE_SSL_REDIRECT = False
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.RATE_LIMIT_SEARCHES = "0"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    modes = MODES
    client = Client()
    results = {mode: {} for mode in modes}
    for _ in range(ROUNDS):
        for mode, patches in modes.items():
            for name, ms in measure_mode(client, patches).items():
                results[mode][name] = min(ms, results[mode].get(name, ms))
    if "--json" in sys.argv:
        json.dump(results, sys.stdout, indent=2, ensure_ascii=False)
        return
    people = Person.objects.count()
    print(f"{connection.vendor}, {people:,} people; ms, fastest of {RUNS} × {ROUNDS} rounds")
    print(f"{'':44}" + "".join(f"{mode:>12}" for mode in modes))
    for name in [*PAGES, *COUNTS]:
        print(f"{name:44}" + "".join(f"{results[mode][name]:>12}" for mode in modes))


if __name__ == "__main__":
    main()
