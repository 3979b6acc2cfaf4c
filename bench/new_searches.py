"""What a search with a new term costs, by kind of term, in process.

    DATABASE_URL=sqlite:///bench/.data/full.sqlite3 .venv/bin/python -m bench.new_searches

Each list (the conference list, the agreement list and, to compare, the people list) is
requested through Django's test client once for each of ``--terms`` terms of every kind,
each term new to the process (so no page is cached and no count remembered; the filter
menus are, as between the bench's requests), from the bench's own list of search terms
(``bench.inprocess.search_terms``): Chinese runs, people's names, two-word English
phrases and English words of conference titles. Prints the median, 90th percentile and
fastest request of each kind in ms, and its queries' share. Each list gets its own
terms (a term once searched is remembered).

Run it on two checkouts (each on a database migrated by its own code) to compare them.
Nothing is written to the database.
"""

import argparse
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-secret-key-0123456789-abcdefghij")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("RATE_LIMIT_SEARCHES", "0")
os.environ.setdefault("RATE_LIMIT_API", "0")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.inprocess import search_terms  # noqa: E402
from events.models import Person  # noqa: E402

KINDS = ("Chinese", "person's name", "English phrase", "English word")
LISTS = {
    "conference list": "/en/events/",
    "agreement list": "/en/partnerships/",
    "people list": "/en/people/",
    "API conference list": "/api/v1/conferences/",
}


def kind_of(term: str, names: set[str]) -> str:
    if not term.isascii():
        return "Chinese"
    if term.lower() in names:
        return "person's name"
    return "English phrase" if " " in term else "English word"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terms", type=int, default=40, help="terms of each kind (40)")
    options = parser.parse_args()
    names = {name.lower() for name in Person.objects.values_list("name", flat=True)[:20_000]}
    terms = {kind: [] for kind in KINDS}
    for term in search_terms():
        terms[kind_of(term, names)].append(term)
    client = Client()
    client.get("/en/events/")  # the filter menus remembered, as between the bench's requests
    client.get("/en/partnerships/")
    client.get("/en/people/")
    client.get("/api/v1/conferences/")
    print(f"{'list, kind of term':40} {'median':>7} {'p90':>7} {'fastest':>8} {'SQL':>5}")
    for index, (name, path) in enumerate(LISTS.items()):
        for kind in KINDS:
            # Each list its own terms: a term once searched is remembered.
            chosen = terms[kind][index :: len(LISTS)][: options.terms]
            times, sql = [], []
            for term in chosen:
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    response = client.get(path, {"q": term})
                    times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (path, term, response.status_code)
                sql.append(sum(float(query["time"]) for query in queries.captured_queries) * 1000)
            times.sort()
            share = statistics.median(sql) / statistics.median(times)
            print(
                f"{name + ', ' + kind:40} {statistics.median(times):7.1f} "
                f"{times[int(len(times) * 0.9)]:7.1f} {times[0]:8.1f} {share:5.0%}"
            )


if __name__ == "__main__":
    main()
