"""In-process timings of one database: list first pages, admin changelists, the big
change form, and the queries each makes.

    DATABASE_URL=sqlite:///bulk.sqlite3 .venv/bin/python -m bench.inprocess > full.json

``bench/run.py`` runs it once on a demo-size database and once on the full-size one and
compares the two. Each page is rendered through the test client with the page cache
off (the cost of building the page), warmed once, then timed ``BENCH_RUNS`` times; the
fastest is kept.
"""

import itertools
import json
import os
import random
import re
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib import admin  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.rows import ROWS, chosen  # noqa: E402
from events.models import Conference  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))

# The first page of every public list, plain and as visitors use them.
LISTS = {
    "home": "/en/",
    "conference list": "/en/events/",
    # A filter that leaves a full first page on the small database too (a year there holds
    # fewer than twenty conferences, and fewer cards would flatter the full/small ratio).
    "conference list, filtered": "/en/events/?when=past&sort=title",
    "conference list, searched": "/en/events/?q=nanjing",
    "conference list, searched (Chinese)": "/en/events/?q=%E5%8D%97%E4%BA%AC",
    "agreement list": "/en/partnerships/",
    "agreement list, searched": "/en/partnerships/?q=finance",
    "people list": "/en/people/",
    "people list, searched": "/en/people/?q=chen",
    "organization list": "/en/organizations/",
    "organization list, searched": "/en/organizations/?q=association",
    # The JSON API's lists (issue 18), as other software reads them.
    "API conference list": "/api/v1/conferences/",
    "API conference list, searched": "/api/v1/conferences/?q=nanjing",
    "API agreement list": "/api/v1/agreements/",
    "API people list": "/api/v1/people/",
}


def sample_paths() -> dict:
    """The pages the load test requests, on the seed_bulk database."""
    from events.models import Organizer, Participation
    from partnerships.models import Agreement

    showcase = Conference.objects.get(slug="bulk-showcase")
    agreement = Agreement.objects.published().filter(conference=showcase).first()
    person = Participation.objects.filter(conference=showcase).select_related("person").first()
    organizer = Organizer.objects.filter(conference=showcase).select_related("organization")
    return {
        "home": "/en/",
        "conference list": "/en/events/",
        "conference list, filtered": "/en/events/?year=2023&city=hong-kong",
        "conference list, searched": "/en/events/?q=nanjing",
        # A different search with each request (bench/new_search.lua fills in the term).
        "conference list, a new search each request": "/en/events/?q={term}",
        "conference list, last page": "/en/events/?page=last",
        "conference, 30 people/10 agreements/20 photos": showcase.get_absolute_url(),
        "agreement list": "/en/partnerships/",
        "agreement list, searched": "/en/partnerships/?q=finance",
        "agreement": agreement.get_absolute_url(),
        "people list": "/en/people/",
        "people list, a new search each request": "/en/people/?q={term}",
        "person": person.person.get_absolute_url(),
        "organization list": "/en/organizations/",
        "organization": organizer.first().organization.get_absolute_url(),
    }


def api_sample_paths() -> dict:
    """The API's rows of the load test (issue 18): its list, the same conference as the
    page row, a search, and a new search each request."""
    showcase = Conference.objects.get(slug="bulk-showcase")
    return {
        "API conference list": "/api/v1/conferences/",
        "API conference (the showcase)": f"/api/v1/conferences/{showcase.slug}/",
        "API conference list, searched": "/api/v1/conferences/?q=nanjing",
        "API conference list, a new search each request": "/api/v1/conferences/?q={term}",
    }


def search_terms(limit: int = 20_000) -> list[str]:
    """Search terms drawn from the archive's own words, English and Chinese: words and
    two-word phrases of English conference titles, two- and four-character runs of Chinese
    ones, and people's names (which the conference list finds through the participants).
    The kinds take turns, each shuffled in a fixed order, so that any stretch of the list
    mixes common words (a city) with rare ones (a name), as visitors' searches do."""
    from events.models import Person

    words, phrases, chinese = set(), set(), set()
    for title in Conference.objects.order_by("pk").values_list("title", flat=True)[:limit]:
        english = [word.lower() for word in title.split()]
        words.update(word for word in english if word.isascii() and word.isalpha())
        phrases.update(
            f"{first} {second}"
            for first, second in itertools.pairwise(english)
            if (first + second).isascii() and (first + second).isalpha()
        )
        for run in re.findall(r"[\u4e00-\u9fff]{2,}", title):
            chinese.update(run[i : i + size] for size in (2, 4) for i in range(0, len(run) - 1, 2))
    names = set(Person.objects.order_by("pk").values_list("name", flat=True)[:limit])
    kinds = []
    for kind in (chinese, names, phrases, words):
        ordered = sorted(kind)
        random.Random(16).shuffle(ordered)
        kinds.append(ordered)
    taken = itertools.chain.from_iterable(itertools.zip_longest(*kinds))
    # Terms of three letters at least (or two CJK characters), as the search indexes them.
    kept = (term for term in taken if term and (len(term) >= 3 or not term.isascii()))
    return list(dict.fromkeys(kept))


def measure(client: Client, path: str) -> dict:
    response = client.get(path)  # warm: templates, connections, the OS cache
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    count = len(queries)  # now: the next request clears the log
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    # The fastest run: what the page costs. Slower runs only add the machine's noise.
    return {"path": path, "ms": round(min(times), 2), "queries": count}


def main() -> None:
    settings.PAGE_CACHE_SECONDS = 0
    settings.SECURE_SSL_REDIRECT = False
    settings.RATE_LIMIT_API = "0"
    settings.ALLOWED_HOSTS = ["testserver"]
    # Static file URLs without a collectstatic manifest (the server run has one).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    visitor = Client()
    results = {
        "conferences": Conference.objects.count(),
        "lists": {name: measure(visitor, path) for name, path in chosen(LISTS).items()},
    }
    if ROWS:  # a part measured: the admin's rows only when asked for by name
        json.dump(results, sys.stdout, indent=2, ensure_ascii=False)
        return
    user = User.objects.filter(username="bench").first() or User.objects.create_superuser(
        "bench", password="bench-only-password"
    )
    staff = Client()
    staff.force_login(user)
    changelists = {}
    for model in admin.site._registry:
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        changelists[f"{meta.app_label}.{meta.model_name}"] = measure(staff, url)
    results["changelists"] = changelists
    biggest = (
        Conference.objects.annotate(n=django.db.models.Count("participations"))
        .order_by("-n")
        .values_list("pk", "n")
        .first()
    )
    if biggest:
        url = reverse("admin:events_conference_change", args=[biggest[0]])
        results["change form"] = measure(staff, url) | {"participants": biggest[1]}
    json.dump(results, sys.stdout, indent=2, ensure_ascii=False)


if __name__ == "__main__":
    main()
