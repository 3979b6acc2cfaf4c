"""Deployment checks, headers, cookies, sign-in throttling: what security teams look at."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.factories import AgreementDocumentFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DJANGO_SECRET_KEY": "k8Qz1-v$Lr7pW2xN9!cT4bY6mJ0hS3dF5gA8eU1iO7yR2wQ4tZ6",
    "DJANGO_ALLOWED_HOSTS": "events.example.org",
    "PATH": os.environ.get("PATH", ""),
}


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
    )


def test_deployment_check_reports_nothing_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_a_missing_secret_key_stops_production_with_a_clear_message():
    result = manage("check", DJANGO_SECRET_KEY="")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set." in result.stderr


def test_the_admin_path_is_configurable():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.urls import reverse; "
            "print(reverse('admin:index'))",
        ],
        cwd=ROOT,
        env={**PRODUCTION_ENV, "DJANGO_ADMIN_PATH": "backstage"},
        capture_output=True,
        text=True,
    )

    assert result.stdout.strip() == "/backstage/"


@pytest.fixture
def production_https(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 63072000


def test_plain_http_is_redirected_to_https(client, production_https):
    response = client.get("/en/events/?year=2023")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/en/events/?year=2023"


def test_the_health_check_answers_over_plain_http_for_load_balancers(client, production_https):
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        *("/en/", "/en/events/", "/robots.txt", "/no-such-page/", "/en/events", "/admin/login/"),
        # The JSON API: an answer, its schema and docs, an error.
        *("/api/v1/conferences/", "/api/v1/schema/", "/api/v1/docs/", "/api/v1/nope/"),
    ],
)
def test_responses_carry_the_security_headers(client, production_https, url):
    response = client.get(url, secure=True)

    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "default-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp
    assert response["Strict-Transport-Security"] == ("max-age=63072000; includeSubDomains; preload")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_an_unknown_host_gets_a_400_with_the_headers_too(client, production_https):
    response = client.get("/en/", secure=True, HTTP_HOST="evil.example.com")

    assert response.status_code == 400
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_cookies_are_secure_httponly_samesite_and_host_bound(
    client, production_https, settings, editor
):
    response = client.get(reverse("admin:login"), secure=True)
    signed_in = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": "right-password-42"},
        secure=True,
    )

    for name, cookie in [
        (settings.CSRF_COOKIE_NAME, response.cookies[settings.CSRF_COOKIE_NAME]),
        (settings.SESSION_COOKIE_NAME, signed_in.cookies[settings.SESSION_COOKIE_NAME]),
    ]:
        assert name.startswith("__Host-")
        assert cookie["secure"] and cookie["httponly"], name
        assert cookie["samesite"] == "Lax", name
        assert cookie["path"] == "/", name


def test_an_over_long_upload_name_is_a_404_not_an_error(client):
    assert client.get("/media/media/" + "a" * 400 + ".jpg").status_code == 404


def test_health_check_and_robots_answer_head_requests(client):
    assert client.head("/healthz").status_code == 200
    assert client.head("/robots.txt").status_code == 200


def test_uploaded_files_are_served_so_that_none_can_run_as_a_page(client, media_root):
    page = media_root / "agreements" / "0123456789abcdef0123456789abcdef.html"
    page.parent.mkdir(parents=True)
    page.write_text("<script>alert(document.cookie)</script>")
    # Stored before uploads were checked, and shown on a published agreement.
    AgreementDocumentFactory(url="", file="agreements/0123456789abcdef0123456789abcdef.html")

    response = client.get("/media/agreements/0123456789abcdef0123456789abcdef.html")

    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")


def login(client, password):
    return client.post(
        reverse("admin:login"),
        {"username": "editor", "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR="203.0.113.7",
    )


@pytest.fixture
def editor(db):
    return User.objects.create_superuser("editor", "editor@example.org", "right-password-42")


def test_five_failed_sign_ins_lock_the_user_and_address_out(client, editor):
    for _ in range(4):
        assert login(client, "wrong").status_code == 200  # the form again, with its error

    locked = login(client, "wrong")
    still_locked = login(client, "right-password-42")

    assert locked.status_code == 429
    assert still_locked.status_code == 429
    text = page_text(still_locked)
    assert "Signing in is paused" in text
    assert "too many failed attempts to sign in with this user name" in text
    assert "paused for 15 minutes" in text


def test_the_lock_is_for_that_user_name_and_address_only(client, editor):
    for _ in range(5):
        login(client, "wrong")

    other_address = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": "right-password-42"},
        REMOTE_ADDR="198.51.100.9",
    )

    assert other_address.status_code == 302


def test_a_successful_sign_in_resets_the_count(client, editor):
    for _ in range(4):
        login(client, "wrong")
    assert login(client, "right-password-42").status_code == 302
    client.logout()

    for _ in range(4):
        login(client, "wrong")

    assert login(client, "right-password-42").status_code == 302


def test_the_lock_ends_after_the_cool_off(client, editor, settings, time_machine):
    from datetime import timedelta

    from django.utils import timezone

    time_machine.move_to(timezone.now(), tick=False)
    for _ in range(5):
        login(client, "wrong")
    assert login(client, "right-password-42").status_code == 429

    time_machine.shift(settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    assert login(client, "right-password-42").status_code == 429  # not yet

    # A try during the lock starts the cool-off again.
    time_machine.shift(settings.AXES_COOLOFF_TIME + timedelta(seconds=1))
    assert login(client, "right-password-42").status_code == 302


def test_migration_tools_run_without_a_secret_key():
    result = manage("makemigrations", "--check", "--dry-run", DJANGO_SECRET_KEY="")

    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout
