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
    assert client.get("/en/events/").status_code == 200  # the site itself is still there


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
    result = profile_page("/en/events/", runs=2)
    forget("/en/events/")
    with CaptureQueriesContext(connection) as queries:
        response = Client().get("/en/events/")
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
    middleware = [path.rsplit(".", 1)[1] for path in settings.MIDDLEWARE]
    assert names[: len(middleware)] == middleware  # each one, in the order requests meet them
    assert names[len(middleware) :] == [
        "URL resolving (1 times)",  # once: the handler reuses the page cache's match
        "content-version check (1 query)",
        "ETag and conditional request",
        "cache reads and writes",
        "context processors",
        "all of it",
    ]


def test_targets_of_issue_16_judge_each_row():
    from bench.run import page_checks

    fast = {"p99_ms": 40.0, "non_2xx": 0}
    slow = {"p99_ms": 450.0, "non_2xx": 0}
    # A page the page cache answers when warm: 0.6 of the bare view and p99 under 100 ms.
    assert all(page_checks("/en/events/", fast, slow, 0.7, 0.12))
    assert not all(page_checks("/en/events/", fast, slow, 0.5, 0.12))
    assert not all(page_checks("/en/events/", slow, slow, 0.7, 0.12))
    # Uncached: 0.10 of the bare view and p99 under 500 ms.
    assert not all(page_checks("/en/events/", fast, slow, 0.7, 0.09))
    assert not all(page_checks("/en/events/", fast, {**slow, "p99_ms": 520.0}, 0.7, 0.12))
    # A new search each request is never cached: the uncached targets apply to both runs.
    assert all(page_checks("/en/events/?q={term}", slow, slow, 0.12, 0.12))
    assert not all(page_checks("/en/events/?q={term}", slow, slow, 0.09, 0.12))
    assert not all(page_checks("/en/events/", fast, {**fast, "non_2xx": 3}, 0.7, 0.12))


@pytest.mark.django_db
def test_new_search_terms_come_from_the_archive_in_english_and_chinese(demo):
    from bench.inprocess import search_terms
    from events.models import Conference, Person
    from tests.factories import ConferenceFactory

    ConferenceFactory(title="2024南京贸易洽谈会")
    terms = search_terms()
    assert "南京" in terms and "南京贸易" in terms
    assert len(terms) == len(set(terms)) > 5
    assert any(term.isascii() for term in terms)
    assert any(not term.isascii() for term in terms)
    texts = [*Conference.objects.values_list("title", flat=True)]
    texts += Person.objects.values_list("name", flat=True)
    everything = " ".join(texts).lower()
    assert all(term.lower() in everything for term in terms)


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


@pytest.mark.django_db
def test_api_rows_answer_json_and_can_be_measured_alone(client, monkeypatch):
    import bench.rows
    from bench.inprocess import LISTS, api_sample_paths
    from tests.factories import ConferenceFactory

    ConferenceFactory(title="Bulk showcase")  # what seed_bulk names its big conference
    rows = api_sample_paths()
    assert len(rows) == 4
    lists = {name: path for name, path in LISTS.items() if name.startswith("API")}
    for path in [*rows.values(), *lists.values()]:
        response = client.get(path.replace("{term}", "showcase"))
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith("application/json")
    monkeypatch.setattr(bench.rows, "ROWS", ["API"])
    assert bench.rows.chosen({"home": "/en/", **rows}) == rows
    monkeypatch.setattr(bench.rows, "ROWS", [])
    assert bench.rows.chosen({"home": "/en/"}) == {"home": "/en/"}
