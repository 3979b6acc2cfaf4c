"""The production configuration itself: health check, static files, uploads, cache."""

import gzip
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.e2e.conftest import ROOT, UNVERIFIED, missing

pytestmark = pytest.mark.e2e


def head(url: str) -> dict:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10, context=UNVERIFIED) as response:
        return {"status": response.status, **dict(response.headers), "body": response.read()}


def test_healthz_answers_200_when_the_database_is_reachable(server):
    assert server.get("/healthz") == (200, "ok\n")


def run_in_django(env: dict, code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_healthz_answers_503_when_the_database_is_not(server, tmp_path):
    env = {**server.env, "DATABASE_URL": f"sqlite:///{tmp_path}/no/such/folder/db.sqlite3"}

    status = run_in_django(
        env,
        "import django; django.setup(); from django.test import Client; "
        "print(Client().get('/healthz', HTTP_HOST='127.0.0.1').status_code)",
    )

    assert status == "503"


def test_debug_is_off_and_errors_use_the_site_design(server):
    status, body = server.get("/en/events/no-such-conference/")

    assert status == 404
    assert "Page not found" in body
    assert "Traceback" not in body and "URLconf" not in body


def test_static_files_are_hashed_compressed_and_cached_forever(server):
    _, home = server.get("/en/")
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home).group(1)

    response = head(server.url + stylesheet)

    assert response["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in response["Cache-Control"]
    assert b"--brand" in gzip.decompress(response["body"])


def test_uploaded_images_cannot_run_as_pages(server):
    _, page = server.get("/en/events/nanjing-promotion-conference-hong-kong-2023/")
    image = re.search(r'src="(/media/media/renditions/[0-9a-f]{32}-\d+\.jpg)"', page).group(1)

    response = head(server.url + image)

    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_cache_uses_redis_when_redis_url_is_set(server, tmp_path):
    redis_server = shutil.which("redis-server")
    if not redis_server:
        missing("redis-server (apt-get install redis-server)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    redis = subprocess.Popen(
        [
            redis_server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        import redis as redis_client

        deadline = time.monotonic() + 15
        while True:
            try:
                redis_client.Redis(port=port).ping()
                break
            except redis_client.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        env = {**server.env, "REDIS_URL": f"redis://127.0.0.1:{port}/0"}
        code = (
            "import django; django.setup(); from django.core.cache import caches; "
            "cache = caches['default']; "
            "cache.set('greeting', '你好', 30); print(type(cache).__name__, cache.get('greeting'))"
        )
        assert run_in_django(env, code) == "TolerantRedisCache 你好"
        without = {k: v for k, v in env.items() if k != "REDIS_URL"}
        assert run_in_django(without, code) == "SizeBoundedLocMemCache 你好"
    finally:
        redis.terminate()
        redis.wait(timeout=10)


def cached_get(server, path: str) -> tuple[str, str]:
    request = urllib.request.Request(server.url + path)
    with urllib.request.urlopen(request, timeout=10, context=UNVERIFIED) as response:
        return response.headers.get("X-Page-Cache", ""), response.read().decode()


THEME = "Gathering in Hong Kong for a Better Future"


def test_a_change_from_another_process_retires_cached_pages_in_every_worker(server):
    """The server runs several workers, each with its own local-memory cache; a change
    saved by another process (here a management command) reaches all of them."""
    slug = "nanjing-promotion-conference-hong-kong-2023"
    # Enough requests for every worker to cache the page: at least six, then until one
    # answers from its cache (the server, not the test, picks the worker of each request).
    for attempt in range(30):
        state, body = cached_get(server, f"/en/events/{slug}/")
        if attempt >= 5 and state == "hit":
            break
    assert state == "hit"
    assert "Nanjing" in body
    rename = (
        "from events.models import Conference; "
        f"c = Conference.objects.get(slug='{slug}'); "
        "c.theme = 'Renamed by another process'; c.save()"
    )
    server.manage("shell", "-c", rename)
    try:
        for _ in range(6):
            state, body = cached_get(server, f"/en/events/{slug}/")
            assert "Renamed by another process" in body
    finally:
        server.manage("shell", "-c", rename.replace("Renamed by another process", THEME))
