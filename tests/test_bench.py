"""The benchmark's own pieces: its reference views and how it merges its rounds."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.run import fastest


@pytest.mark.django_db
def test_reference_views_answer_without_a_query(client, settings):
    settings.ROOT_URLCONF = "bench.urls"
    assert client.get("/bench/baseline/").content == b"ok"
    with CaptureQueriesContext(connection) as queries:
        floor = client.get("/bench/floor/")
    assert len(queries) == 0
    html = floor.content.decode()
    assert "Skip to main content" in html and 'aria-label="Main"' in html
    assert "<h1>Floor</h1>" in html
    assert client.get("/events/").status_code == 200  # the site itself is still there


def test_rounds_keep_each_timings_fastest_run():
    first = {"conferences": 20, "lists": {"home": {"ms": 30.0, "queries": 9}}}
    second = {"conferences": 20, "lists": {"home": {"ms": 24.5, "queries": 9}}}
    assert fastest(first, second) == {
        "conferences": 20,
        "lists": {"home": {"ms": 24.5, "queries": 9}},
    }
    assert fastest(second, first)["lists"]["home"]["ms"] == 24.5


@pytest.mark.django_db
def test_profile_splits_a_page_into_parts_that_add_up(demo, settings):
    """``make profile``: every part of the table is there, the parts add up to the
    request, and the SQL row counts the queries the page makes."""
    from bench.profile import PARTS, forget, middleware_table, profile_page, profile_table

    settings.PAGE_CACHE_SECONDS = 600  # on, and missed by every profiled request
    settings.RATE_LIMIT_SEARCHES = "120/60"
    result = profile_page("/events/", runs=2)
    forget("/events/")
    with CaptureQueriesContext(connection) as queries:
        response = Client().get("/events/")
    assert response["X-Page-Cache"] == "miss"

    lines = profile_table(result)
    rows = {line[:48].strip(): line[48:].split() for line in lines[2:]}
    labels = [label.split(" (")[0] for label in rows if label != "total"]
    assert labels == [part.split(" (")[0] for part in PARTS]
    assert f"SQL ({len(queries)} queries)" in rows
    shares = [float(share.rstrip("%")) for ms, share in rows.values()]
    assert sum(shares[:-1]) == pytest.approx(100, abs=0.1 * len(PARTS))
    assert shares[-1] == 100
    milliseconds = [float(ms) for ms, share in rows.values()]
    assert sum(milliseconds[:-1]) == pytest.approx(milliseconds[-1], abs=0.01 * len(PARTS))
    assert all(ms >= 0 for ms in milliseconds)
    assert rows["template rendering"][0] != "0.00"

    table = middleware_table([result])
    names = [line[:44].strip() for line in table[1:]]
    assert names[:3] == ["SecurityMiddleware", "CSPMiddleware", "XFrameOptionsMiddleware"]
    assert "AnonymousPageCacheMiddleware" in names and "SessionMiddleware" in names
    assert "URL resolving (2 times)" in names and names[-1] == "all of it"
