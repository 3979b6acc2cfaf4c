"""The cluster of ``make cluster`` (config/cluster.py), started once for these tests.

Requests go through the proxy in front (HTTPS, self-signed), or straight to one
application server (``server=0`` or ``1``) as that proxy would send them, so that a test
can sign in through one and go on through the other. Without nginx, Redis, openssl,
PostgreSQL 15 or moto these tests skip on a laptop; in CI (CI=true) that is a failure.
"""

import json
import os
import shutil
import textwrap
from html.parser import HTMLParser

import pytest

from tests.e2e.conftest import free_port, missing

ADMIN_USER, ADMIN_PASSWORD = "cluster-admin", "cluster-Admin-password-42"
# The host every request names, through the proxy or not: one site, one page cache.
HOST = "localhost"


@pytest.fixture(scope="session")
def cluster():
    from config import cluster as launcher

    for tool in ("nginx", "redis-server", "openssl"):
        if not shutil.which(tool):
            missing(f"{tool} (apt-get install {tool})")
    if not (launcher.PG_BIN / "initdb").exists():
        missing("PostgreSQL 15 (apt-get install postgresql-15)")
    try:
        import moto.server  # noqa: F401
        import requests  # noqa: F401
    except ImportError:
        missing("moto[server] and requests (pip install -e '.[dev]')")
    os.environ.update(
        DJANGO_SUPERUSER_USERNAME=ADMIN_USER,
        DJANGO_SUPERUSER_PASSWORD=ADMIN_PASSWORD,
        DJANGO_SUPERUSER_EMAIL="admin@example.org",
    )
    running = launcher.Cluster(f"127.0.0.1:{free_port()}", servers=2, workers=2)

    # Stopped from outside (a CI time limit), pytest tears down as after Ctrl-C.
    with launcher.sigterm_as_interrupt():
        try:
            running.start(demo=True)
            yield running
        finally:
            running.shutdown()


class FormFields(HTMLParser):
    """The fields a browser would send with the page's form that holds ``csrfmiddlewaretoken``
    (the first such form), as (name, value) pairs; no file fields, no buttons."""

    def __init__(self, form_id=None):
        super().__init__()
        self.form_id = form_id
        self.fields = []
        self.in_form = False
        self.done = False
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.done:
            return
        if tag == "form" and (self.form_id is None or attrs.get("id") == self.form_id):
            self.in_form = True
        if not self.in_form or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"file", "submit", "button", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields.append(
                (attrs["name"], attrs.get("value", "on" if kind == "checkbox" else ""))
            )
        elif tag == "select":
            self.select = [attrs["name"], None, "multiple" in attrs]
        elif tag == "option" and self.select is not None:
            if "selected" in attrs:
                self.fields.append((self.select[0], attrs.get("value", "")))
                self.select[1] = True
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            value = self.textarea[1]
            self.fields.append((self.textarea[0], value[1:] if value.startswith("\n") else value))
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.in_form:
            self.in_form, self.done = False, True


def form_fields(html: str, form_id=None) -> dict:
    parser = FormFields(form_id)
    parser.feed(html)
    fields = {}
    for name, value in parser.fields:
        fields.setdefault(name, value)
    return fields


class Visitor:
    """One browser: its cookies, its address; each request through the proxy (``server``
    None) or straight to one application server."""

    def __init__(self, cluster, address="203.0.113.10"):
        import requests
        import urllib3

        urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
        self.cluster = cluster
        self.address = address
        self.cookies = {}
        self.http = requests.Session()
        self.http.trust_env = False

    def base(self, server):
        if server is None:
            return f"https://127.0.0.1:{self.cluster.port}", f"{HOST}:{self.cluster.port}"
        return self.cluster.server_url(server), HOST

    def request(self, method, path, server=None, **options):
        base, host = self.base(server)
        headers = {"Host": host, "Referer": f"https://{host}{path}"}
        if server is not None:
            # What the proxy in front adds.
            headers.update({"X-Forwarded-Proto": "https", "X-Forwarded-For": self.address})
        headers.update(options.pop("headers", {}))
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.http.request(
            method,
            base + path,
            headers=headers,
            verify=False,
            allow_redirects=False,
            timeout=60,
            **options,
        )
        for name, value in response.cookies.items():
            if value:
                self.cookies[name] = value
            else:
                self.cookies.pop(name, None)
        return response

    def get(self, path, server=None, **options):
        return self.request("GET", path, server, **options)

    def post(self, path, data, server=None, files=None):
        token = self.cookies.get("__Host-csrftoken")
        return self.request(
            "POST", path, server, data={"csrfmiddlewaretoken": token, **data}, files=files
        )

    def sign_in(self, server=None, username=ADMIN_USER, password=ADMIN_PASSWORD):
        self.get("/admin/login/", server)
        return self.post(
            "/admin/login/?next=/admin/",
            {"username": username, "password": password, "next": "/admin/"},
            server,
        )


def run_in_django(cluster, code: str):
    """Run ``code`` in a Django shell with the cluster's settings; what it prints, as JSON."""
    result = cluster.manage("shell", "-c", textwrap.dedent(code))
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def visitor(cluster):
    return Visitor(cluster)


@pytest.fixture(scope="session")
def editor(cluster):
    """Staff, signed in through the first server."""
    staff = Visitor(cluster, address="203.0.113.20")
    assert staff.sign_in(server=0).status_code == 302
    return staff


def photo_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.effect_noise((1200, 900), 60).convert("RGB").save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()
