"""The benchmark's own pieces: its reference views and how it merges its rounds."""

import pytest
from django.db import connection
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


def test_detail_rounds_keep_each_timings_fastest():
    from bench.details import keep_fastest

    best = {}
    keep_fastest(best, "person", {"ms": 9.0, "data_ms": 4.0, "sql_ms": 0.5, "queries": 5})
    keep_fastest(best, "person", {"ms": 8.0, "data_ms": 4.5, "sql_ms": 0.4, "queries": 5})
    assert best == {"person": {"ms": 8.0, "data_ms": 4.0, "sql_ms": 0.4, "queries": 5}}


@pytest.mark.django_db
def test_detail_bench_times_a_views_own_work(settings):
    from bench.details import data_ms
    from tests.factories import ConferenceFactory

    settings.ALLOWED_HOSTS = ["testserver"]
    conference = ConferenceFactory()
    assert data_ms(conference.get_absolute_url()) > 0
    assert data_ms(f"{conference.get_absolute_url().rstrip('/')}.ics") == 0.0  # not a class
