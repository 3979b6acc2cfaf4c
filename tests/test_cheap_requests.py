"""Requests that cost an attacker nothing cost the site little: the page cache is bounded
in bytes, and searches the cache does not answer are limited per address."""

import datetime as dt
import pickle

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.core.cache import cache, caches
from django.test import Client
from django.urls import reverse

from config.cache import SizeBoundedLocMemCache
from config.ratelimit import count_request
from tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db

LIST = reverse("events:list")


@pytest.fixture(autouse=True)
def page_cache_and_limit(settings, django_capture_on_commit_callbacks, time_machine):
    # The clock stopped 20 s into a window: no window ends between a test's requests (a
    # count started again midway would let a request through that the test expects
    # refused).
    time_machine.move_to(dt.datetime(2026, 3, 1, 12, 0, 20, tzinfo=dt.UTC), tick=False)
    settings.PAGE_CACHE_SECONDS = 600
    settings.QUERY_CACHE_SECONDS = 600
    settings.RATE_LIMIT_SEARCHES = "3/60"
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ConferenceFactory(title="Harbour Forum")
    yield
    cache.clear()


def visitor(path, address="203.0.113.7", **extra):
    return Client(REMOTE_ADDR=address, **extra).get(path)


# A cache bounded in bytes.


def bounded_cache(name, max_bytes):
    store = SizeBoundedLocMemCache(
        name, {"OPTIONS": {"MAX_ENTRIES": 100000, "MAX_BYTES": max_bytes}}
    )
    store.clear()
    return store


def held_bytes(store) -> int:
    """The bytes the store holds, counted from its contents."""
    return sum(len(key) + len(value) for key, value in store._cache.items())


def test_storing_many_pages_never_exceeds_the_bound_and_keeps_the_newest():
    store = bounded_cache("bound-many", 1024 * 1024)
    page = b"<p>" + b"x" * 50_000 + b"</p>"
    for number in range(300):  # 15 MB offered to a 1 MB cache
        store.set(f"page-{number}", (200, {}, page + str(number).encode(), '"e"'), 600)
        assert held_bytes(store) <= 1024 * 1024
    kept = [number for number in range(300) if store.get(f"page-{number}") is not None]
    assert len(kept) >= 15
    assert kept == list(range(300 - len(kept), 300))  # the newest, without a gap
    assert store.get("page-299")[2].endswith(b"299")


def test_a_page_read_again_outlives_pages_stored_after_it():
    store = bounded_cache("bound-recent", 200_000)
    for number in range(3):
        store.set(f"page-{number}", b"y" * 50_000)
    assert store.get("page-0") is not None  # read: now the most recent
    for number in range(3, 5):
        store.set(f"page-{number}", b"y" * 50_000)
    assert store.get("page-0") is not None
    assert store.get("page-1") is None


def test_a_value_larger_than_the_bound_is_not_stored_and_replaces_nothing_stale():
    store = bounded_cache("bound-large", 100_000)
    store.set("page", b"old")
    store.set("page", b"z" * 200_000)
    assert store.get("page") is None
    assert held_bytes(store) == 0


def test_replacing_deleting_and_counting_keep_the_size_right():
    store = bounded_cache("bound-account", 100_000)
    store.set("a", b"1" * 40_000)
    store.set("a", b"1" * 10)  # replaced, not added
    store.add("n", 0)
    store.incr("n", 41)
    store.delete("a")
    assert store.get("n") == 41
    assert held_bytes(store) == len(":1:n") + len(pickle.dumps(41, pickle.HIGHEST_PROTOCOL))
    assert held_bytes(store) < store.stored_bytes  # the bound counts some overhead too


def test_the_default_cache_is_bounded_by_the_setting():
    if django_settings.REDIS_URL:
        pytest.skip("Redis is bounded by its maxmemory")
    assert caches["default"].max_bytes == django_settings.PAGE_CACHE_MAX_BYTES


# Searches the page cache does not answer, limited per address.


def test_a_fourth_new_search_in_a_minute_gets_429_with_retry_after():
    for words in ("harbour", "forum", "green"):
        assert visitor(f"{LIST}?q={words}").status_code == 200
    refused = visitor(f"{LIST}?q=finance")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    page = refused.content.decode()
    assert "<h1>Too many searches</h1>" in page
    assert f"paused for {refused['Retry-After']} second" in page
    assert "<nav" in page  # in the site's frame
    assert "Harbour Forum" not in page


def test_other_addresses_cached_pages_and_plain_pages_are_not_limited():
    for words in ("harbour", "forum", "green", "finance"):
        visitor(f"{LIST}?q={words}")
    assert visitor(f"{LIST}?q=finance").status_code == 429
    assert visitor(f"{LIST}?q=finance", address="198.51.100.2").status_code == 200
    cached = visitor(f"{LIST}?q=harbour")  # answered by the page cache
    assert (cached.status_code, cached["X-Page-Cache"]) == (200, "hit")
    for number in range(10):
        assert visitor(f"{LIST}?utm_source={number}").status_code == 200
        assert visitor(f"/en/?fbclid={number}").status_code == 200


def test_one_ipv6_network_counts_as_one_visitor():
    """A host is usually given a whole IPv6 /64: a new address per request is no escape."""
    for number, words in enumerate(("harbour", "forum", "green")):
        assert (
            visitor(f"{LIST}?q={words}", address=f"2001:db8:1:2::{number + 1}").status_code == 200
        )
    assert visitor(f"{LIST}?q=finance", address="2001:db8:1:2:ffff::9").status_code == 429
    assert visitor(f"{LIST}?q=finance", address="2001:db8:1:3::1").status_code == 200


def test_staff_are_not_limited():
    staff = Client(REMOTE_ADDR="203.0.113.7")
    staff.force_login(User.objects.create_user("editor", password="pw", is_staff=True))
    for number in range(8):
        assert staff.get(f"{LIST}?q=word{number}").status_code == 200


def test_a_session_cookie_does_not_get_past_the_limit():
    forged = {"HTTP_COOKIE": f"{django_settings.SESSION_COOKIE_NAME}=made-up"}
    statuses = [visitor(f"{LIST}?q=w{n}", **forged).status_code for n in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


def test_the_limit_can_be_turned_off(settings):
    settings.RATE_LIMIT_SEARCHES = "0"
    assert {visitor(f"{LIST}?q=word{n}").status_code for n in range(8)} == {200}


def test_the_count_starts_again_in_the_next_window():
    start = 6_000_000.0  # a window of 60 s begins here
    assert [count_request("192.0.2.1", 2, 60, now=start + t) for t in (0, 1)] == [0, 0]
    assert count_request("192.0.2.1", 2, 60, now=start + 15) == 45  # seconds to wait
    assert count_request("192.0.2.1", 2, 60, now=start + 59.5) == 1
    assert count_request("192.0.2.9", 2, 60, now=start + 59.5) == 0  # someone else
    assert count_request("192.0.2.1", 2, 60, now=start + 60) == 0  # the next window


def test_behind_a_proxy_the_forwarded_address_is_counted(settings):
    settings.PROXY_COUNT = 1
    proxy = "10.0.0.1"
    for n in range(3):
        visitor(f"{LIST}?q=w{n}", address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.50")
    # A visitor cannot escape by writing an address of their own to the left.
    forged = "192.0.2.99, 203.0.113.50"
    assert visitor(f"{LIST}?q=x", address=proxy, HTTP_X_FORWARDED_FOR=forged).status_code == 429
    other = visitor(f"{LIST}?q=x", address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.51")
    assert other.status_code == 200


def test_behind_a_proxy_sign_in_lock_outs_use_the_same_address(settings):
    """Before, django-axes locked out the proxy's own address: every visitor at once."""
    settings.PROXY_COUNT = 1
    User.objects.create_superuser("editor", "editor@example.org", "right-password-42")

    def sign_in(password, visitor_address):
        return Client().post(
            reverse("admin:login"),
            {"username": "editor", "password": password},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=visitor_address,
        )

    for _ in range(5):
        sign_in("wrong", "203.0.113.50")
    assert sign_in("right-password-42", "203.0.113.50").status_code == 429
    assert sign_in("right-password-42", "203.0.113.51").status_code == 302


def test_a_made_up_session_cookie_does_not_make_plain_pages_free():
    forged = {"HTTP_COOKIE": f"{django_settings.SESSION_COOKIE_NAME}=made-up"}
    statuses = [visitor("/en/", **forged).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    assert visitor("/en/").status_code == 200  # without the cookie: the cached page


def test_tags_never_reach_a_view_even_past_the_page_cache(
    settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0
    settings.RATE_LIMIT_SEARCHES = "0"
    forged = {"HTTP_COOKIE": f"{django_settings.SESSION_COOKIE_NAME}=made-up"}
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(25):  # a second page, so the page links are drawn
            ConferenceFactory(title=f"Forum {number}")
    tagged = visitor(f"{LIST}?utm_source=mail", **forged).content.decode()
    assert 'href="?page=2"' in tagged
    assert "utm_source" not in tagged


# The server's handler finds each view once.


def test_the_server_handler_answers_as_django_does_finding_the_view_once(settings):
    from bench.profile import connections_kept, get, profile_page
    from config.queryparams import ResolveOnceWSGIHandler

    settings.RATE_LIMIT_SEARCHES = "0"
    handler = ResolveOnceWSGIHandler()
    with connections_kept():
        status, page = get(handler, f"{LIST}?q=harbour&utm_source=x")
        assert (status, "Harbour Forum" in page.decode()) == (200, True)
        assert get(handler, LIST.rstrip("/"))[0] == 301  # APPEND_SLASH: no view, redirected
        assert get(handler, "/no-such-page/")[0] == 404
        assert get(handler, "/healthz")[0] == 200  # not a page the page cache resolves
    assert profile_page(LIST, runs=1)["resolves"] == 1


def test_an_anonymous_page_builds_no_session_and_no_message_store(client):
    from config.middleware import is_unused

    response = client.get(LIST)
    assert response.status_code == 200 and not response.cookies
    assert is_unused(response.wsgi_request.session)
    assert is_unused(response.wsgi_request._messages)
    assert client.get(f"{LIST}?q=harbour").status_code == 200  # a counted search: no cookie
    assert not client.cookies


def test_the_policy_built_once_is_the_one_django_csp_builds(client, settings):
    from csp.utils import build_policy

    assert client.get(LIST)["Content-Security-Policy"] == build_policy()
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"]}}
    assert client.get(LIST)["Content-Security-Policy"] == "default-src 'self'"
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"img-src": ["'none'"]}}
    response = client.get(LIST)
    assert response["Content-Security-Policy-Report-Only"] == build_policy(report_only=True)
    assert "img-src 'none'" in response["Content-Security-Policy-Report-Only"]
