"""The production server as ``make serve`` runs it (config/serve.py: nginx in front of
gunicorn), started by a test on a database of its own, and a staff member's browser
session against it, for tests that need real processes, sockets and locks.

Without nginx (or openssl) these tests skip on a laptop; in CI (CI=true) a missing
piece is a failure instead.
"""

import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from config.cluster import manage
from config.serve import self_signed_certificate
from tests.e2e.conftest import UNVERIFIED, free_port, missing

ROOT = Path(__file__).resolve().parents[1]
STAFF_PASSWORD = "load-Test-password-42"


def require_server_tools() -> None:
    if not shutil.which(os.environ.get("NGINX", "nginx")):
        missing("nginx (apt-get install nginx)")
    if not shutil.which("openssl"):
        missing("openssl")


class ProductionServer:
    def __init__(self, folder: Path, database_url: str, static_root: Path, workers: int = 3):
        self.folder = folder
        self.port = free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        self.cert, self.key = self_signed_certificate(folder)
        self.workers = workers
        self.env = {
            **{
                k: v
                for k, v in os.environ.items()
                if not k.startswith("DJANGO_") and k not in ("REDIS_URL", "DATABASE_URL")
            },
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_SECRET_KEY": "production-server-tests-only-secret-key-0123456789",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(folder / "media"),
            "STATIC_ROOT": str(static_root),
            "DJANGO_SUPERUSER_USERNAME": "staff",
            "DJANGO_SUPERUSER_PASSWORD": STAFF_PASSWORD,
            "DJANGO_SUPERUSER_EMAIL": "staff@example.org",
            # Many sign-ins from one address in a few seconds are the test, not an attack.
            "AXES_FAILURE_LIMIT": "1000",
        }
        self.log = open(folder / "server.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = None

    def manage(self, *args: str) -> str:
        return manage(self.env, *args).stdout

    def prepare(self, demo: bool = True) -> "ProductionServer":
        self.manage("migrate", "--noinput")
        self.manage("createsuperuser", "--noinput")
        if demo:
            self.manage("load_demo")
        return self

    def start(self) -> "ProductionServer":
        """The command line ``make serve`` ends with."""
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "config.serve"),
                *("--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers)),
                *("--certfile", str(self.cert), "--keyfile", str(self.key)),
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.get("/healthz")[0] == 200:
                return self
            time.sleep(0.2)
        raise RuntimeError(f"the production server did not start:\n{self.log_text()}")

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.log.close()

    def log_text(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text()[-5000:]

    def get(self, path: str, timeout: float = 10) -> tuple[int, str]:
        status, _headers, body = self.fetch(path, timeout)
        return status, body

    def fetch(self, path: str, timeout: float = 10) -> tuple[int, dict, str]:
        """Status, headers and page of an anonymous visitor's GET (status 0: no answer)."""
        try:
            with urllib.request.urlopen(
                self.url + path, timeout=timeout, context=UNVERIFIED
            ) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return 0, {}, ""


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class StaffBrowser:
    """A staff member's cookies, signed in to the admin of a running server."""

    def __init__(self, server: ProductionServer):
        self.server = server
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=UNVERIFIED),
            urllib.request.HTTPCookieProcessor(self.cookies),
            NoRedirects,
        )

    def another_tab(self) -> "StaffBrowser":
        """The same signed-in session (a sign-in costs the password hash's full price)."""
        tab = StaffBrowser(self.server)
        for cookie in self.cookies:
            tab.cookies.set_cookie(cookie)
        return tab

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(
            self.server.url + path, data=body, headers={"Referer": self.server.url + path}
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def sign_in(self) -> "StaffBrowser":
        _status, page = self.request("/admin/login/")
        status, _page = self.request(
            "/admin/login/?next=/admin/",
            {
                "csrfmiddlewaretoken": form_value(page, "csrfmiddlewaretoken"),
                "username": "staff",
                "password": STAFF_PASSWORD,
                "next": "/admin/",
            },
        )
        assert status == 302, "staff sign-in failed"
        return self


def form_value(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page) or re.search(
        rf'value="([^"]*)" name="{name}"', page
    )
    assert found, f"no {name} on the page"
    return found.group(1)


def collect_static(folder: Path) -> Path:
    """The hashed and compressed static files collectstatic makes, once for many servers."""
    static_root = folder / "static"
    if not (static_root / "staticfiles.json").exists():
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SECRET_KEY": "collectstatic-only",
                "STATIC_ROOT": str(static_root),
            },
            check=True,
        )
    return static_root


def uses_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def fresh_database(folder: Path, name: str):
    """A database URL for a server of the test's own: a new SQLite file, or a new database
    on the PostgreSQL server this test run uses. Yields the URL; drops it afterwards."""
    if not uses_postgres():
        yield f"sqlite:///{folder / 'db.sqlite3'}"
        return
    import psycopg

    url = os.environ["DATABASE_URL"]
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
