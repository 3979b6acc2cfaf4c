"""What the list pages cost in process, and what their rows cost to read, three ways.

    DATABASE_URL=sqlite:///bench/.data/full.sqlite3 .venv/bin/python -m bench.lists

Prints two tables (``--json`` for the figures as JSON, ``--pages`` for the first only):

- **pages**: each list page rendered through the test client with the page cache off,
  fastest of ``BENCH_RUNS`` (after one warm-up), and its queries. ``--against DIR``
  times another checkout's code on the same database beside it ("before"), in a
  second process, the two taking turns request by request so that the machine's
  noise falls on both alike.
- **reads**: the twenty rows of each list's first page, read (and every value the card
  shows touched) in three ways, taken in turn, fastest of ``BENCH_RUNS`` each:
  ``prefetch`` (model instances and ``prefetch_related``, as the lists read before),
  ``lean`` (``events/cards.py``: the columns shown and the related names as one JSON
  list per row), and ``stored card`` (an estimate of a card kept precomputed per record:
  one text column read per row and decoded; nothing of the kind is stored).

Nothing is written to the database.
"""

import json
import os
import subprocess
import sys
import time
from functools import partial

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Prefetch  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from events.models import Conference, Organization, Organizer, Person, Position  # noqa: E402
from partnerships.models import Agreement, Party  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "30"))

PAGES = {
    "home": "/en/",
    "conference list": "/en/events/",
    "conference list, searched": "/en/events/?q=nanjing",
    "agreement list": "/en/partnerships/",
    "people list": "/en/people/",
    "organization list": "/en/organizations/",
}


class Pages:
    """Requests pages through the test client, with the page cache off."""

    def __init__(self):
        settings.PAGE_CACHE_SECONDS = 0
        settings.SECURE_SSL_REDIRECT = False
        settings.ALLOWED_HOSTS = ["testserver"]
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        self.client = Client()

    def queries(self, path: str) -> int:
        response = self.client.get(path)  # warm: templates, connections, the OS cache
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            self.client.get(path)
        return len(queries)  # now: the next request clears the log

    def ms(self, path: str) -> float:
        started = time.perf_counter()
        self.client.get(path)
        return (time.perf_counter() - started) * 1000


def serve_pages() -> None:
    """``--serve``: answer ``queries PATH`` and ``ms PATH`` lines, one a line, so that
    another process can time this checkout's pages in turn with its own."""
    pages = Pages()
    for line in sys.stdin:
        how, path = line.split()
        print(getattr(pages, how)(path), flush=True)


def page_figures(runs: int, against: str | None) -> dict:
    """This checkout's pages; with ``against``, another checkout's too, served by a
    second process and timed in turn with these, request by request."""
    pages = Pages()
    other = None
    if against:
        other = subprocess.Popen(
            [sys.executable, __file__, "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": against},
            cwd=against,
        )

    def ask(how: str, path: str) -> float:
        other.stdin.write(f"{how} {path}\n")
        other.stdin.flush()
        return float(other.stdout.readline())

    figures = {}
    for name, path in PAGES.items():
        figure = {"queries": pages.queries(path), "times": []}
        if other:
            figure |= {"other queries": int(ask("queries", path)), "other times": []}
        for _ in range(runs):
            figure["times"].append(pages.ms(path))
            if other:
                figure["other times"].append(ask("ms", path))
        figures[name] = {
            "ms": round(min(figure.pop("times")), 2),
            "queries": figure["queries"],
        }
        if other:
            figures[name]["other"] = {
                "ms": round(min(figure["other times"]), 2),
                "queries": figure["other queries"],
            }
    if other:
        other.stdin.close()
        other.wait()
    return figures


# The reads as the lists made them before events/cards.py (kept here to compare).
def prefetched_conferences(keys):
    rows = Conference._base_manager.filter(pk__in=keys).prefetch_related(
        Prefetch("organizers", queryset=Organizer.objects.select_related("organization")),
        "topics",
        "media",
    )
    return [
        (
            c.title,
            [o.organization.name for o in c.organizers.all()],
            next(iter(c.media.all()), None),
        )
        for c in rows
    ]


def prefetched_agreements(keys):
    rows = (
        Agreement._base_manager.filter(pk__in=keys)
        .select_related("conference")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("organization"))
        )
    )
    return [(a.title, [p.organization.name for p in a.parties.all()]) for a in rows]


def prefetched_people(keys):
    rows = Person._base_manager.filter(pk__in=keys).prefetch_related(
        Prefetch("positions", queryset=Position.objects.select_related("organization"))
    )
    return [(p.name, [[x.title, x.organization.name] for x in p.positions.all()]) for p in rows]


def prefetched_organizations(keys):
    rows = Organization._base_manager.filter(pk__in=keys).prefetch_related("aliases")
    return [(o.name, [a.name for a in o.aliases.all()]) for o in rows]


def lean(model, cards, names):
    def read(keys):
        rows = cards(model._base_manager.filter(pk__in=keys))
        return [(row.title if model in TITLED else row.name, getattr(row, names)) for row in rows]

    return read


TITLED = (Conference, Agreement)


def stored(model, cards, names):
    """A precomputed card: one stored text per record, read with the row and decoded.
    Estimated by reading a text column of similar size (``search_text``) and decoding
    cards made beforehand from the lean read."""

    def prepare(keys):
        return {
            row.pk: json.dumps(
                {
                    "title": getattr(row, "title", None) or getattr(row, "name", ""),
                    "names": getattr(row, names),
                    "photo": getattr(row, "card_photo", None) and row.card_photo.fields["id"],
                }
            )
            for row in cards(model._base_manager.filter(pk__in=keys))
        }

    def read(keys, prepared):
        rows = model._base_manager.filter(pk__in=keys).values_list("pk", "search_text")
        return [json.loads(prepared[pk]) for pk, _text in rows]

    return prepare, read


def read_figures(runs: int) -> dict:
    from events.cards import conference_cards, organization_rows, person_rows
    from partnerships.views import agreement_cards

    lists = {
        "conference list": (
            Conference.objects.published(),
            prefetched_conferences,
            Conference,
            conference_cards,
            "organizer_names",
        ),
        "agreement list": (
            Agreement.objects.published(),
            prefetched_agreements,
            Agreement,
            agreement_cards,
            "party_names",
        ),
        "people list": (
            Person.objects.public(),
            prefetched_people,
            Person,
            person_rows,
            "post_lines",
        ),
        "organization list": (
            Organization.objects.public(),
            prefetched_organizations,
            Organization,
            organization_rows,
            "alias_names",
        ),
    }
    figures = {}
    for name, (listed, prefetched, model, cards, names) in lists.items():
        keys = list(listed.values_list("pk", flat=True)[:20])
        lean_read = lean(model, cards, names)
        prepare, stored_read = stored(model, cards, names)
        prepared = prepare(keys)
        ways = {
            "prefetch": partial(prefetched, keys),
            "lean": partial(lean_read, keys),
            "stored card": partial(stored_read, keys, prepared),
        }
        counts = {}
        for way, read in ways.items():
            with CaptureQueriesContext(connection) as queries:
                read()
            counts[way] = len(queries)
        times = {way: [] for way in ways}
        for _ in range(runs):  # in turn, so that the machine's noise falls on each alike
            for way, read in ways.items():
                started = time.perf_counter()
                read()
                times[way].append((time.perf_counter() - started) * 1000)
        figures[name] = {
            way: {"ms": round(min(times[way]), 3), "queries": counts[way]} for way in ways
        }
    return figures


def main() -> None:
    if "--serve" in sys.argv:
        serve_pages()
        return
    against = sys.argv[sys.argv.index("--against") + 1] if "--against" in sys.argv else None
    # --pages: the pages only (a checkout without events/cards.py has no lean reads).
    results = {
        "conferences": Conference.objects.count(),
        "pages": page_figures(RUNS, against),
        "reads": {} if "--pages" in sys.argv else read_figures(RUNS),
    }
    if "--json" in sys.argv:
        json.dump(results, sys.stdout, indent=2)
        return
    print(f"{results['conferences']} conferences; fastest of {RUNS} runs")
    if against:
        print(f"\n{'page':<28}{'before ms':>10}{'queries':>8}{'after ms':>10}{'queries':>8}")
        print(f"{'':<28}{'(' + against + ')':>18}{'(this checkout)':>18}")
    else:
        print(f"\n{'page':<28}{'ms':>10}{'queries':>8}")
    for name, figure in results["pages"].items():
        cells = f"{figure['ms']:>10.2f}{figure['queries']:>8}"
        if against:
            other = figure["other"]
            cells = f"{other['ms']:>10.2f}{other['queries']:>8}" + cells
        print(f"{name:<28}{cells}")
    if not results["reads"]:
        return
    print(
        f"\n{'first page of 20 rows':<22}"
        + "".join(f"{w:>22}" for w in ("prefetch", "lean", "stored card"))
    )
    for name, ways in results["reads"].items():
        cells = "".join(
            f"{ways[w]['ms']:>12.3f} ms {ways[w]['queries']:>2} q"
            for w in ("prefetch", "lean", "stored card")
        )
        print(f"{name:<22}{cells}")


if __name__ == "__main__":
    main()
