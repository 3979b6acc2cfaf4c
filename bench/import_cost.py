"""What the agreements import costs in the admin, by the number of rows: the preview of
a file that changes nothing (an export imported back), and the preview and confirm of a
file of new agreements (each with a topic, a party and a new signatory). Queries and ms,
SQLite, one run each (a shared 2-core machine: ±30 %).

    DJANGO_SECRET_KEY=x .venv/bin/pytest -q -s -p no:randomly bench/import_cost.py

A pytest module (not collected by ``make test``: its name has no ``test_`` prefix) so
that it runs on the test database with the test suite's settings.
"""

import time

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client

from partnerships.models import Agreement
from tests import factories
from tests.conftest import (  # noqa: F401 (the suite's settings for every test)
    fast_passwords,
    media_root,
    no_page_cache,
    no_rate_limit,
    plain_http,
    plain_static_files,
)
from tests.spreadsheets import confirm, csv_bytes, export, preview, read_csv, totals

pytestmark = pytest.mark.django_db
SIZES = (1, 10, 100)


def signed_agreement():
    agreement = factories.AgreementFactory()
    agreement.topics.add(factories.TopicFactory())
    party = factories.PartyFactory(agreement=agreement)
    factories.SignatoryFactory(agreement=agreement, party=party)


def timed(step, *args):
    """``step(*args)``, its queries counted (all of them: the debug log keeps 9,000)."""
    count = 0

    def counting(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        start = time.perf_counter()
        response = step(*args)
        elapsed = (time.perf_counter() - start) * 1000
    return response, count, elapsed


def test_import_cost():
    user = User.objects.create_user("publisher", is_staff=True)
    user.groups.add(Group.objects.get(name="Publisher"))
    client = Client()
    client.force_login(user)
    print("\nrows  unchanged preview      new preview          confirm")
    for size in SIZES:
        Agreement.objects.filter(title_en__startswith="New ").delete()
        while Agreement.objects.count() < size:
            signed_agreement()
        exported = export(client, Agreement).content
        same, same_queries, same_ms = timed(preview, client, Agreement, exported)
        assert totals(same) == {"skip": size}
        rows = read_csv(exported)
        for row in rows:
            row.update(id="", slug="", title_en="New " + row["title_en"])
            row["signatories"] = "Newly Named Person " + row["title_en"][-6:]
        new = csv_bytes([list(rows[0]), *[list(row.values()) for row in rows]])
        shown, new_queries, new_ms = timed(preview, client, Agreement, new)
        assert totals(shown) == {"new": size}
        _, confirm_queries, confirm_ms = timed(confirm, client, Agreement, shown)
        assert Agreement.objects.filter(title_en__startswith="New ").count() == size
        print(
            f"{size:>4}  {same_queries:>5} q {same_ms:>7.0f} ms  "
            f"{new_queries:>5} q {new_ms:>7.0f} ms  {confirm_queries:>5} q {confirm_ms:>7.0f} ms"
        )
