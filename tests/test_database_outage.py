"""PostgreSQL restarted and then down, under the production server: a restart costs no
request; while it is down, cached pages are still served, other pages get the site's
503 page, and /healthz says 503; when it is back, so is everything.

Runs in the PostgreSQL pass (tests/with-postgres.sh); it starts and stops a cluster of
its own, as that script does.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.e2e.conftest import free_port
from tests.production import (
    ProductionServer,
    StaffBrowser,
    collect_static,
    missing,
    require_server_tools,
)

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))

pytestmark = pytest.mark.postgres_only


class Cluster:
    """A throwaway PostgreSQL cluster that the test can stop and start."""

    def __init__(self, folder: Path):
        if not (PG_BIN / "pg_ctl").exists():
            missing(f"PostgreSQL server binaries in {PG_BIN}")
        self.folder = folder
        self.port = free_port()
        self.as_postgres = []
        if os.geteuid() == 0:
            # initdb and pg_ctl refuse to run as root.
            shutil.chown(folder, user="postgres")
            self.as_postgres = ["runuser", "-u", "postgres", "--"]
        self.pg_ctl("initdb", "-o", "-U postgres -A trust -E UTF8 --locale=C.UTF-8")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def pg_ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.as_postgres, str(PG_BIN / "pg_ctl"), "-D", str(self.folder / "data"), *args],
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        self.pg_ctl(
            *("-l", str(self.folder / "server.log"), "-w", "start"),
            *("-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"),
        )

    def stop(self) -> None:
        self.pg_ctl("-m", "fast", "-w", "stop")


@pytest.fixture
def cluster():
    # Not under pytest's temporary folder, which the postgres user may not enter.
    running = Cluster(Path(tempfile.mkdtemp(prefix="outage-postgres-")))
    running.start()
    yield running
    subprocess.run(
        [*running.as_postgres, str(PG_BIN / "pg_ctl"), "-D", str(running.folder / "data")]
        + ["-m", "immediate", "stop"],
        capture_output=True,
    )
    shutil.rmtree(running.folder, ignore_errors=True)


@pytest.fixture
def server(cluster, tmp_path_factory):
    require_server_tools()
    folder = tmp_path_factory.mktemp("outage-server")
    static_root = collect_static(tmp_path_factory.getbasetemp())
    # One worker, so that "the next request" is that worker's first since the restart.
    running = ProductionServer(folder, cluster.url, static_root, workers=1)
    running.prepare(demo=True).start()
    yield running
    running.stop()


def test_a_restart_costs_no_request_and_an_outage_no_cached_page(cluster, server):
    staff = StaffBrowser(server).sign_in()
    assert server.get("/en/")[0] == 200
    assert server.fetch("/en/")[1].get("X-Page-Cache") == "hit"

    cluster.stop()
    cluster.start()
    # The worker's kept connection died with the server; it is checked and replaced.
    assert server.get("/en/people/")[0] == 200
    assert server.get("/healthz")[0] == 200

    cluster.stop()
    status, headers, page = server.fetch("/en/")
    assert (status, headers.get("X-Page-Cache")) == (200, "hit")
    status, headers, page = server.fetch("/en/organizations/")
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert "Back in a moment" in page
    assert 'class="site-name"' in page  # the site's own frame
    assert server.get("/healthz")[0] == 503
    # Signed in, the session is read from the database before any view runs.
    status, page = staff.request("/en/")
    assert status == 503
    assert "Back in a moment" in page
    status, page = staff.request("/admin/")
    assert status == 503

    cluster.start()
    assert server.get("/en/organizations/")[0] == 200
    assert server.get("/healthz")[0] == 200
    assert '" 500 ' not in server.log_text()
