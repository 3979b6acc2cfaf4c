"""The API for other software: JSON errors, CORS, the per-address limit, conditional
requests and the page cache."""

import datetime as dt
import json

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client

from tests.factories import TopicFactory

pytestmark = pytest.mark.django_db

ORIGIN = "https://dashboard.example.net"


def error_of(response) -> dict:
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)["error"]


# JSON errors under /api/, whoever made them.


def test_an_address_no_endpoint_has_is_a_json_404(client):
    response = client.get("/api/v1/nope/")
    assert response.status_code == 404
    assert error_of(response) == {
        "status": 404,
        "message": "Not found: no API address matches this path.",
        "fields": {},
    }
    assert client.get("/api/nothing").status_code == 404  # no slash, no redirect either
    assert error_of(client.get("/api/nothing"))["status"] == 404


def test_pages_keep_their_html_error_pages(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "<nav" in response.content.decode()


def test_a_host_the_site_does_not_serve_is_a_json_400(client, settings):
    settings.SECURE_SSL_REDIRECT = True  # refused by the redirect, before anything else
    for secure in (False, True):
        response = client.get("/api/v1/nope/", HTTP_HOST="evil.example.com", secure=secure)
        assert response.status_code == 400
        assert error_of(response) == {"status": 400, "message": "Bad request.", "fields": {}}
    assert "default-src 'none'" in response["Content-Security-Policy"]  # over HTTPS
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.fixture
def error_urls(settings):
    settings.ROOT_URLCONF = "tests.api.error_urls"


def test_a_failing_endpoint_is_a_json_500(error_urls):
    response = Client(raise_request_exception=False).get("/api/test/broken/")
    assert response.status_code == 500
    assert error_of(response)["message"].startswith("Server error")
    assert "a bug" not in response.content.decode()
    page = Client(raise_request_exception=False).get("/test/broken/")
    assert page.status_code == 500 and page["Content-Type"].startswith("text/html")


def test_a_refused_request_is_a_json_403_and_other_error_pages_become_json(client, error_urls):
    assert error_of(client.get("/api/test/refused/")) == {
        "status": 403,
        "message": "Forbidden.",
        "fields": {},
    }
    gone = client.get("/api/test/gone/")
    assert gone.status_code == 410
    assert error_of(gone) == {"status": 410, "message": "Bad request.", "fields": {}}
    assert b"<h1>" not in gone.content


def test_a_method_the_api_does_not_answer_is_a_json_405(client):
    for method in (client.post, client.put, client.delete, client.patch):
        response = method("/api/v1/topics/", HTTP_ORIGIN=ORIGIN)
        assert response.status_code == 405
        assert error_of(response)["status"] == 405
        assert "GET" in response["Allow"]
        assert response["Access-Control-Allow-Origin"] == "*"  # a browser may read why


def test_a_bad_parameter_keeps_the_apis_own_error_with_its_fields(client):
    response = client.get("/api/v1/topics/?page=zero")
    assert response.status_code == 400
    error = error_of(response)
    assert error["status"] == 400 and "page" in error["fields"]


# CORS: any origin may read the API with GET; the pages are not shared.


def test_any_origin_may_read_the_api(client):
    TopicFactory(name="Green finance")
    response = client.get("/api/v1/topics/", HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    exposed = {name.strip() for name in response["Access-Control-Expose-Headers"].split(",")}
    assert {"ETag", "Last-Modified", "Retry-After"} <= exposed
    assert "origin" in response["Vary"].lower()


def test_a_preflight_request_is_answered_for_get_only(client):
    response = client.options(
        "/api/v1/topics/",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert response.status_code == 200 and response.content == b""
    assert response["Access-Control-Allow-Origin"] == "*"
    methods = {name.strip() for name in response["Access-Control-Allow-Methods"].split(",")}
    assert methods == {"GET", "HEAD", "OPTIONS"}
    assert "if-none-match" in response["Access-Control-Allow-Headers"]
    assert int(response["Access-Control-Max-Age"]) > 0


def test_a_head_request_gets_the_headers_of_the_get(client):
    TopicFactory(name="Green finance")
    get = client.get("/api/v1/topics/")
    head = client.head("/api/v1/topics/", HTTP_ORIGIN=ORIGIN)
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == get["ETag"]
    assert head["Content-Type"] == get["Content-Type"]
    assert head["Access-Control-Allow-Origin"] == "*"


def test_api_answers_may_be_embedded_by_other_origins_and_pages_may_not(client):
    assert client.get("/api/v1/topics/")["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert client.get("/api/v1/nope/")["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert client.get("/en/")["Cross-Origin-Resource-Policy"] == "same-origin"


def test_pages_get_no_cors_headers(client):
    for path in ("/en/", "/en/events/", "/robots.txt"):
        response = client.get(path, HTTP_ORIGIN=ORIGIN)
        assert response.status_code == 200
        assert not any(name.lower().startswith("access-control-") for name in response.headers)
    preflight = client.options(
        "/en/events/", HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert "Access-Control-Allow-Origin" not in preflight


# The per-address limit: every API request counts, cached answers too.


@pytest.fixture
def api_limit(settings, time_machine):
    """3 requests a minute, with the clock stopped mid-window, so that no window can end
    between two requests of a test."""
    time_machine.move_to(dt.datetime(2026, 3, 1, 12, 0, 20, tzinfo=dt.UTC), tick=False)
    settings.RATE_LIMIT_API = "3/60"
    cache.clear()
    yield
    cache.clear()


def api_visitor(path, address="203.0.113.7", **extra):
    return Client(REMOTE_ADDR=address, **extra).get(path)


def test_the_fourth_request_in_a_minute_gets_a_json_429_with_retry_after(api_limit):
    statuses = [api_visitor("/api/v1/topics/").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    refused = api_visitor("/api/v1/topics/", HTTP_ORIGIN=ORIGIN)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "40"  # the window opened 20 s ago
    error = error_of(refused)
    assert error["status"] == 429
    assert "at most 3 in 60 seconds" in error["message"] and "40 seconds" in error["message"]
    assert refused["Access-Control-Allow-Origin"] == "*"  # a browser's script may read it
    assert api_visitor("/api/v1/topics/", address="198.51.100.2").status_code == 200
    assert api_visitor("/en/events/").status_code == 200  # the pages are not counted


def test_cached_answers_count_too(api_limit, settings):
    settings.PAGE_CACHE_SECONDS = 600
    answers = [api_visitor("/api/v1/topics/") for _ in range(3)]
    assert [answer.get("X-Page-Cache") for answer in answers] == ["miss", "hit", "hit"]
    assert api_visitor("/api/v1/topics/").status_code == 429


def test_errors_staff_and_made_up_cookies_count_alike(api_limit):
    """The API shows staff what it shows anyone: no exception, and no session read."""
    staff = Client(REMOTE_ADDR="203.0.113.7")
    staff.force_login(User.objects.create_user("editor", password="pw", is_staff=True))
    forged = Client(REMOTE_ADDR="203.0.113.7", HTTP_COOKIE="sessionid=made-up")
    assert api_visitor("/api/v1/nope/").status_code == 404
    assert staff.get("/api/v1/topics/").status_code == 200
    assert forged.get("/api/v1/topics/").status_code == 200
    assert staff.get("/api/v1/topics/").status_code == 429


def test_the_next_window_starts_the_count_again(api_limit, time_machine):
    for _ in range(3):
        api_visitor("/api/v1/topics/")
    assert api_visitor("/api/v1/topics/").status_code == 429
    time_machine.shift(dt.timedelta(seconds=40))
    assert api_visitor("/api/v1/topics/").status_code == 200


def test_the_api_limit_can_be_turned_off(api_limit, settings):
    settings.RATE_LIMIT_API = "0"
    assert {api_visitor("/api/v1/topics/").status_code for _ in range(8)} == {200}
