"""The MDN HTTP Observatory grades the production server A+.

The scanner (npm @mdn/mdn-http-observatory 1.4.8, installed with --ignore-scripts) looks
at https://localhost/ and http://localhost/, so the server listens on ports 443 and 80
(which needs root, as in CI) with a throwaway certificate that the scanner is told to
trust. Without network, the scanner's HSTS preload list cannot be downloaded; an empty
one stands in (localhost is on no preload list anyway).
"""

import json
import os
import shutil
import socket
import subprocess
import sys

import pytest

from tests.e2e.conftest import ROOT, Server, missing

pytestmark = pytest.mark.e2e

SCANNER = ROOT / os.environ.get("OBSERVATORY", ".cache/npm/node_modules/@mdn/mdn-http-observatory")


def can_bind(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.fixture(scope="module")
def scanner():
    node = shutil.which("node")
    if not node:
        missing("Node.js")
    if not (SCANNER / "src" / "scan.js").exists():
        missing(f"the MDN HTTP Observatory scanner at {SCANNER}")
    preload = SCANNER / "conf" / "hsts-preload.json"
    if not preload.exists():
        preload.write_text("{}")
    return node


@pytest.fixture(scope="module")
def server_on_443(tmp_path_factory):
    if not (can_bind(443) and can_bind(80)):
        missing("ports 443 and 80 (run as root)")
    running = Server(tmp_path_factory.mktemp("observatory"), port=443, host="localhost")
    http_redirect = [
        *(sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "1"),
        *("--bind", "127.0.0.1:80"),
    ]
    running.prepare().start(http_redirect)
    yield running
    running.stop()


def test_observatory_grades_the_production_server_a_plus(scanner, server_on_443):
    result = subprocess.run(
        [scanner, str(SCANNER / "src" / "scan.js"), "localhost"],
        env={**os.environ, "NODE_EXTRA_CA_CERTS": str(server_on_443.cert)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(result.stdout)
    folder = ROOT / "test-results"
    folder.mkdir(exist_ok=True)
    (folder / "observatory.json").write_text(json.dumps(report, indent=2))

    failed = {name: test["result"] for name, test in report["tests"].items() if not test["pass"]}
    assert failed == {}
    assert report["scan"]["grade"] == "A+", report["scan"]
