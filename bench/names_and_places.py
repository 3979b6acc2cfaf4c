"""What issue 17's search and sorting changes cost on the list pages: the people and
organization lists in each language (pinyin order in Chinese), and searches naming a
place (which stand for all its names) against searches that do not.

    DATABASE_URL=sqlite:///bench/.data/full.sqlite3 .venv/bin/python -m bench.names_and_places

In process, page cache off and remembered answers (counts, the places' names) on, as a
visitor's second request would find them; each page warmed once, timed ``BENCH_RUNS``
times (5) in ``BENCH_ROUNDS`` rounds (3) taking the pages in turns; the fastest kept,
ms. Runs on a checkout without the changes too (every language is English there), to
compare with what was.
"""

import os
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))

PAGES = [
    ("people list", "people:list", {}, ["en", "zh-hans", "zh-hant"]),
    ("people list, Z-A", "people:list", {"sort": "-name"}, ["en", "zh-hans"]),
    ("organization list", "organizations:list", {}, ["en", "zh-hans", "zh-hant"]),
    ("conference list, q=nanjing (a place)", "events:list", {"q": "nanjing"}, ["en"]),
    ("conference list, q=南京 (a place)", "events:list", {"q": "南京"}, ["en"]),
    ("conference list, q=hong kong (a place)", "events:list", {"q": "hong kong"}, ["en"]),
    ("conference list, q=forum (no place)", "events:list", {"q": "forum"}, ["en"]),
    ("agreement list, q=nanjing (a place)", "partnerships:list", {"q": "nanjing"}, ["en"]),
    ("people list, q=nanjing (a place)", "people:list", {"q": "nanjing"}, ["en"]),
]


def main() -> None:
    settings.PAGE_CACHE_SECONDS = 0
    settings.SECURE_SSL_REDIRECT = False
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.RATE_LIMIT_SEARCHES = "0"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    client = Client()
    timings: dict = {}

    def get(url_name, params, code):
        with translation.override(code):
            started = time.perf_counter()
            response = client.get(reverse(url_name), params)
            elapsed = time.perf_counter() - started
        assert response.status_code == 200, (url_name, params, code, response.status_code)
        return elapsed

    for _name, url_name, params, codes in PAGES:
        for code in codes:
            get(url_name, params, code)  # warm
    for _round in range(ROUNDS):
        for name, url_name, params, codes in PAGES:
            for code in codes:
                best = min(get(url_name, params, code) for _ in range(RUNS))
                key = (name, code)
                timings[key] = min(timings.get(key, best), best)
    for (name, code), seconds in timings.items():
        print(f"{name:42} {code:8} {seconds * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
