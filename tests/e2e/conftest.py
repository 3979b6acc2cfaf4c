"""The production server, a real Chromium, and the checkers the end-to-end tests use.

The server is what ``make serve`` runs: nginx in front of gunicorn, debug off,
whitenoise serving the hashed and compressed static files that collectstatic made, on a
fresh database with the demo content. Chromium is Debian's (/usr/bin/chromium), driven
by Playwright; Playwright's own browser download is never used.

Without Chromium (or Java, or the Nu HTML Checker) these tests skip on a laptop; in CI
(CI=true) a missing piece is a failure instead.
"""

import os
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from config.serve import self_signed_certificate

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ADMIN_PASSWORD = "e2e-Admin-password-42"
REQUIRED = os.environ.get("CI") == "true" or os.environ.get("E2E_REQUIRED") == "1"


def missing(what: str):
    """Skip: ``what`` is not on this machine; in CI (or with E2E_REQUIRED=1), fail."""
    message = f"{what} is needed for these tests"
    if REQUIRED:
        pytest.fail(f"{message} (CI=true turns this skip into a failure)", pytrace=False)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The server's certificate is our own throwaway one.
UNVERIFIED = ssl._create_unverified_context()


class Server:
    """The production configuration under gunicorn, over HTTPS with a self-signed certificate."""

    def __init__(self, base_dir: Path, port: int | None = None, host: str = "127.0.0.1"):
        self.base_dir = base_dir
        self.port = port or free_port()
        self.url = f"https://{host}:{self.port}"
        self.cert, self.key = self_signed_certificate(base_dir)
        self.env = {
            **{
                k: v
                for k, v in os.environ.items()
                if not k.startswith("DJANGO_") and k not in ("REDIS_URL", "DATABASE_URL")
            },
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_SECRET_KEY": "end-to-end-tests-only-secret-key-0123456789",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            # One security header a test may want to read as a browser would see it.
            "DJANGO_HSTS_SECONDS": "63072000",
            "DATABASE_URL": f"sqlite:///{base_dir / 'db.sqlite3'}",
            "MEDIA_ROOT": str(base_dir / "media"),
            "STATIC_ROOT": str(base_dir / "static"),
            "DJANGO_SUPERUSER_USERNAME": "editor",
            "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD,
            "DJANGO_SUPERUSER_EMAIL": "editor@example.org",
        }
        self.log = open(base_dir / "server.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = None
        self.extra = []

    def manage(self, *args: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def prepare(self) -> "Server":
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput")
        self.manage("createsuperuser", "--noinput")
        self.manage("load_demo")
        return self

    def start(self, *extra_processes: list[str]) -> "Server":
        """``make serve``'s server (nginx in front of gunicorn) over HTTPS, and any other
        process (an HTTP listener, say) beside it."""
        if not shutil.which("nginx"):
            missing("nginx (apt-get install nginx)")
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "config.serve", "--workers", "2"),
                *("--bind", f"127.0.0.1:{self.port}"),
                *("--certfile", str(self.cert), "--keyfile", str(self.key)),
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.extra = [
            subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT
            )
            for command in extra_processes
        ]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(
                    f"{self.url}/healthz", timeout=2, context=UNVERIFIED
                ) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):  # busy: retry
                time.sleep(0.2)
        self.log.flush()
        raise RuntimeError(
            "the production server did not start:\n" + Path(self.log.name).read_text()[-3000:]
        )

    def stop(self) -> None:
        for process in [self.process, *self.extra]:
            if process:
                process.terminate()
                process.wait(timeout=10)
        self.log.close()

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(
                self.url + path, timeout=10, context=UNVERIFIED
            ) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def keep_evidence(request, tab, name: str) -> None:
    """A screenshot of a tab whose test failed, beside the others, to see what went wrong."""
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        folder = ROOT / os.environ.get("SCREENSHOTS", "test-results/screenshots")
        folder.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(folder / f"FAILED-{request.node.name}-{name}.png"), full_page=True)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    running = Server(tmp_path_factory.mktemp("production")).prepare().start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        missing(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    """A visitor's fresh browser tab, 1280 px wide."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, accept_downloads=True, ignore_https_errors=True
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    keep_evidence(request, tab, "visitor")
    context.close()


@pytest.fixture
def staff(browser, server, request):
    """A tab signed in to the admin as a superuser, its browser set to English, or to
    the language a test gives (``parametrize("staff", [...], indirect=True)``)."""
    code = getattr(request, "param", "en")
    locales = {"en": "en-GB", "zh-hans": "zh-CN", "zh-hant": "zh-HK"}
    context = browser.new_context(
        viewport={"width": 1280, "height": 1000},
        ignore_https_errors=True,
        locale=locales[code],
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.goto(f"{server.url}/admin/login/")
    tab.fill("#id_username", "editor")
    tab.fill("#id_password", ADMIN_PASSWORD)
    tab.click("input[type=submit]")
    tab.wait_for_url(f"{server.url}/admin/")
    yield tab
    keep_evidence(request, tab, "staff")
    context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    folder = ROOT / os.environ.get("SCREENSHOTS", "test-results/screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def vnu():
    """A function that checks HTML files with the Nu HTML Checker and returns its errors."""
    jar = ROOT / os.environ.get("VNU_JAR", ".cache/npm/node_modules/vnu-jar/build/dist/vnu.jar")
    java = shutil.which("java")
    if not java:
        missing("Java (apt-get install default-jre-headless)")
    if not jar.exists():
        missing(f"the Nu HTML Checker at {jar} (npm install vnu-jar)")

    def check(paths: list[Path]) -> list[str]:
        result = subprocess.run(
            [java, "-jar", str(jar), "--errors-only", "--format", "gnu", *map(str, paths)],
            capture_output=True,
            text=True,
        )
        return [line for line in result.stderr.splitlines() if line.strip()]

    return check
