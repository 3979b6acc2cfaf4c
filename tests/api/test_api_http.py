"""The API for other software: JSON errors, CORS, the per-address limit, conditional
requests and the page cache."""

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ORIGIN = "https://dashboard.example.net"


def error_of(response) -> dict:
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)["error"]


# JSON errors under /api/, whoever made them.


def test_an_address_no_endpoint_has_is_a_json_404(client):
    response = client.get("/api/v1/nope/")
    assert response.status_code == 404
    assert error_of(response) == {
        "status": 404,
        "message": "Not found: no API address matches this path.",
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
        assert error_of(response) == {"status": 400, "message": "Bad request."}
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
    assert error_of(client.get("/api/test/refused/")) == {"status": 403, "message": "Forbidden."}
    gone = client.get("/api/test/gone/")
    assert gone.status_code == 410
    assert error_of(gone) == {"status": 410, "message": "Bad request."}
    assert b"<h1>" not in gone.content
