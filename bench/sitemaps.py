"""How long the sitemap index and each section's pages take to make, on one database
opened read-only (nothing here writes to it).

    DATABASE_URL=sqlite:///bench/.data/full.sqlite3 .venv/bin/python -m bench.sitemaps

Each address through the test client with the page cache off, warmed once, then timed
``BENCH_RUNS`` times (fastest kept): the index, and the first and last page of each
section (a first page is full; at full size the people's are the largest). Where each
page starts and the sections' latest changes are remembered as in production
(``QUERY_CACHE_SECONDS``); ``QUERY_CACHE_SECONDS=0`` times every page as the first one
read after a change of content.
"""

import os
import time
import xml.etree.ElementTree as ET

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only")
os.environ["PAGE_CACHE_SECONDS"] = "0"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.backends.signals import connection_created  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def read_only(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.cursor().execute("PRAGMA query_only = ON")


def measure(client, path: str) -> dict:
    response = client.get(path, HTTP_HOST="example.org")
    assert response.status_code == 200, (path, response.status_code)
    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path, HTTP_HOST="example.org")
            times.append((time.perf_counter() - started) * 1000)
    root = ET.fromstring(response.content)
    return {
        "path": path,
        "ms": round(min(times)),
        "queries": len(captured),
        "entries": len(root.findall(f"{SITEMAP}url")) or len(root.findall(f"{SITEMAP}sitemap")),
        "bytes": len(response.content),
        "root": root,
    }


def main():
    connection_created.connect(read_only)
    settings.ALLOWED_HOSTS = ["*"]
    settings.SECURE_SSL_REDIRECT = False
    client = Client()
    index = measure(client, "/sitemap.xml")
    pages = [loc.text.split("example.org", 1)[1] for loc in index["root"].iter(f"{SITEMAP}loc")]
    first_and_last = {}
    for page in pages:
        section = page.split("?")[0]
        first_and_last.setdefault(section, []).append(page)
    rows = [index]
    for its_pages in first_and_last.values():
        rows.append({**measure(client, its_pages[0]), "pages": len(its_pages)})
        if len(its_pages) > 1:
            rows.append(measure(client, its_pages[-1]))
    print(f"{'address':48} {'pages':>5} {'ms':>6} {'queries':>7} {'entries':>7} {'MB':>6}")
    for row in rows:
        print(
            f"{row['path']:48} {row.get('pages', ''):>5} {row['ms']:>6} {row['queries']:>7}"
            f" {row['entries']:>7} {row['bytes'] / 1_000_000:>6.2f}"
        )


if __name__ == "__main__":
    main()
