"""The production server (``make serve``: nginx in front of gunicorn) on SQLite, under
editors saving and visitors reading at once, and under clients that send their request
a byte at a time. Runs in the SQLite pass.
"""

import re
import socket
import sqlite3
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.e2e.conftest import UNVERIFIED
from tests.production import (
    ProductionServer,
    StaffBrowser,
    collect_static,
    form_value,
    require_server_tools,
)

pytestmark = pytest.mark.sqlite_only  # a load test of SQLite

WRITERS = 4
READERS = 8
SECONDS = 8
PUBLIC_PAGES = ["/en/", "/en/events/", "/en/people/", "/en/organizations/", "/en/partnerships/"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_server_tools()
    folder = tmp_path_factory.mktemp("serve-under-load")
    static_root = collect_static(tmp_path_factory.getbasetemp())
    running = ProductionServer(folder, f"sqlite:///{folder / 'db.sqlite3'}", static_root)
    running.prepare(demo=True).start()
    yield running
    running.stop()


def test_writers_and_readers_at_once_get_no_errors_and_lose_no_save(server):
    staff = StaffBrowser(server).sign_in()
    deadline = time.monotonic() + SECONDS
    statuses = Counter()
    acknowledged = []
    lock = threading.Lock()

    def write(number):
        tab = staff.another_tab()
        count = 0
        while time.monotonic() < deadline:
            name = f"Load topic {number}-{count}"
            _status, page = tab.request("/admin/events/topic/add/")
            status, _page = tab.request(
                "/admin/events/topic/add/",
                {
                    "csrfmiddlewaretoken": form_value(page, "csrfmiddlewaretoken"),
                    "name_en": name,
                    "slug": f"load-topic-{number}-{count}",
                },
            )
            with lock:
                statuses[("save", status)] += 1
                if status == 302:
                    acknowledged.append(name)
            count += 1

    def read(number):
        count = number
        while time.monotonic() < deadline:
            status, _page = server.get(PUBLIC_PAGES[count % len(PUBLIC_PAGES)])
            with lock:
                statuses[("read", status)] += 1
            count += 1

    with ThreadPoolExecutor(WRITERS + READERS) as pool:
        jobs = [pool.submit(write, n) for n in range(WRITERS)]
        jobs += [pool.submit(read, n) for n in range(READERS)]
        for job in jobs:
            job.result()

    saves, reads = statuses[("save", 302)], statuses[("read", 200)]
    print(f"\n{saves / SECONDS:.1f} saves/s, {reads / SECONDS:.1f} reads/s, {dict(statuses)}")
    assert {key for key in statuses if key[1] not in (200, 302)} == set(), dict(statuses)
    assert saves > 0 and reads > 0
    database = re.sub("^sqlite:///", "", server.env["DATABASE_URL"])
    with sqlite3.connect(database) as connection:
        stored = {row[0] for row in connection.execute("SELECT name FROM events_topic")}
    assert set(acknowledged) <= stored
    assert len(acknowledged) == saves


def test_slow_clients_do_not_shut_others_out(server):
    """Clients that send one header byte a second (slowloris); /healthz still answers."""
    slow = []
    for _ in range(50):
        sock = UNVERIFIED.wrap_socket(socket.create_connection(("127.0.0.1", server.port)))
        sock.send(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        slow.append(sock)
    stop = threading.Event()

    def trickle():
        while not stop.is_set():
            for sock in slow:
                try:
                    sock.send(b"X")
                except OSError:
                    pass
            stop.wait(1)

    trickler = threading.Thread(target=trickle)
    trickler.start()
    try:
        times = []
        for _ in range(8):
            started = time.monotonic()
            status, _page = server.get("/healthz", timeout=5)
            times.append(time.monotonic() - started)
            assert status == 200
            time.sleep(0.5)
        assert max(times) < 1, times
    finally:
        stop.set()
        trickler.join()
        for sock in slow:
            sock.close()


def test_a_large_request_body_reaches_the_application(server):
    """nginx keeps bodies larger than its memory buffer in a folder of its own, written by
    its workers (another user when started as root): an upload must reach Django, which
    here refuses it for want of a CSRF token (403), not fail in nginx (500)."""
    staff = StaffBrowser(server)
    status, _page = staff.request("/admin/login/", {"payload": "x" * 300_000})
    assert status == 403
