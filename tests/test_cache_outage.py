"""Redis down: the cache misses and drops writes, the pages are made afresh, no error page.

Redis being down is a closed port: nothing listens where ``REDIS_URL`` points."""

import socket

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.urls import reverse

from config.cache import TolerantRedisCache
from config.ratelimit import count_request
from tests.factories import ConferenceFactory

# Nothing here depends on the database engine (the cluster tests run it all on PostgreSQL).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.sqlite_only]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        }
    }
    settings.PAGE_CACHE_SECONDS = 600
    yield caches["default"]


def test_every_cache_call_answers_as_a_miss(redis_down):
    cache = redis_down
    assert isinstance(cache, TolerantRedisCache)
    assert cache.get("page", "absent") == "absent"
    assert cache.set("page", "content", 30) is None
    assert cache.add("page", "content", 30) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("page") is False
    assert cache.delete("page") is False
    with pytest.raises(ValueError):
        cache.incr("count")


def test_the_search_limit_lets_requests_through(redis_down):
    assert count_request("203.0.113.9", limit=1, seconds=60) == 0
    assert count_request("203.0.113.9", limit=1, seconds=60) == 0


def test_pages_are_served_from_the_database(redis_down):
    with transaction.atomic():
        conference = ConferenceFactory(title="Harbour Forum", publication_status="published")
    for path in (
        reverse("events:list"),
        reverse("events:list") + "?q=Harbour",
        conference.get_absolute_url(),
    ):
        response = Client().get(path)
        assert response.status_code == 200, path
        assert "Harbour Forum" in response.content.decode()
        assert response["X-Page-Cache"] == "miss"
