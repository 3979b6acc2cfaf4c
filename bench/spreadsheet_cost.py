"""What spreadsheets cost in the admin: exports of organizations and people (with two
posts each) as CSV and XLSX, and an import of new people with posts (the preview, then
the confirm), in seconds and queries, on a fresh SQLite database.

    .venv/bin/python -m bench.spreadsheet_cost [ROWS]

ROWS (2,000 by default) organizations and people are exported; half as many people are
imported. Each figure is one run, through the admin's own views (Django's test client,
signed in as a superuser), so it includes the page's own work.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FOLDER = Path(tempfile.mkdtemp(prefix="spreadsheet-bench-"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings",
    DJANGO_SECRET_KEY="benchmark-only",
    DATABASE_URL=f"sqlite:///{FOLDER / 'db.sqlite3'}",
    MEDIA_ROOT=str(FOLDER / "media"),
)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402

from events.models import Organization, Person, Position  # noqa: E402
from tests.spreadsheets import (  # noqa: E402
    XLSX_FORMAT,
    confirm,
    csv_bytes,
    errors_of,
    export,
    preview,
)


def timed(call):
    count = 0

    def counted(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with connection.execute_wrapper(counted):
        result = call()
    return result, time.perf_counter() - started, count


def main(rows: int) -> None:
    call_command("migrate", verbosity=0)
    organizations = Organization.objects.bulk_create(
        Organization(name_en=f"Organization {n}", name_zh_hans=f"机构{n}", slug=f"o-{n}")
        for n in range(rows)
    )
    people = Person.objects.bulk_create(
        Person(name_en=f"Person {n}", name_zh_hans=f"人物{n}", slug=f"p-{n}") for n in range(rows)
    )
    Position.objects.bulk_create(
        [
            Position(person=person, organization=organizations[n], title_en="Director", order=0)
            for n, person in enumerate(people)
        ]
        + [
            Position(person=person, organization=organizations[-n - 1], title_en="Member", order=1)
            for n, person in enumerate(people)
        ]
    )
    user = User.objects.create_superuser("bench", "bench@example.org", "x")
    client = Client()
    client.force_login(user)
    export(client, Person)  # the first request's own costs

    print(f"{'what':<48} {'seconds':>8} {'queries':>8}")
    for model in (Organization, Person):
        for name, file_format in (("CSV", "0"), ("XLSX", XLSX_FORMAT)):
            _, seconds, queries = timed(lambda m=model, f=file_format: export(client, m, f))
            label = f"export {rows:,} {model._meta.verbose_name_plural} as {name}"
            print(f"{label:<48} {seconds:>8.2f} {queries:>8}")

    new = rows // 2
    table = [["name_en", "name_zh_hans", "posts_en"]] + [
        [f"New person {n}", f"新人物{n}", f"Director, 机构{n}; Member, Organization {n + 1}"]
        for n in range(new)
    ]
    shown, seconds, queries = timed(lambda: preview(client, Person, csv_bytes(table)))
    assert shown.status_code == 200 and not errors_of(shown), (shown, errors_of(shown)[:3])
    print(f"{f'import {new:,} new people with 2 posts: preview':<48} {seconds:>8.2f} {queries:>8}")
    _, seconds, queries = timed(lambda: confirm(client, Person, shown))
    print(f"{'   and confirm':<48} {seconds:>8.2f} {queries:>8}")
    table = export(client, Person).content
    _, seconds, queries = timed(lambda: preview(client, Person, table))
    label = f"round trip: preview of {Person.objects.count():,} unchanged people"
    print(f"{label:<48} {seconds:>8.2f} {queries:>8}")


if __name__ == "__main__":
    setup_test_environment()  # the client keeps each page's context (the confirm form)
    with override_settings(
        ALLOWED_HOSTS=["testserver"],
        SECURE_SSL_REDIRECT=False,
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        SPREADSHEET_IMPORT_MAX_ROWS=100_000,  # (measured past the limit too)
    ):
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
