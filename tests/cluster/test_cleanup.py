"""The cluster tests stopped from outside (a CI job's time limit, ``timeout``, ``kill``)
stop the cluster they started: no server left running, no folder left behind."""

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.cluster

ROOT = Path(__file__).resolve().parents[2]

WAITING_TEST = """
import json, time

def test_waits(cluster):
    ports = [cluster.pg_port, cluster.redis_port, cluster.store_port, cluster.port,
             *cluster.server_ports]
    print("READY " + json.dumps({"folder": str(cluster.folder), "ports": ports}), flush=True)
    time.sleep(600)
"""


def listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_a_terminated_run_stops_the_cluster_it_started(tmp_path):
    # Before the other cluster tests start theirs (this module sorts first): one cluster
    # at a time on the machine.
    (tmp_path / "test_waiting.py").write_text(textwrap.dedent(WAITING_TEST))
    run = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"),
         "--rootdir", str(ROOT), "-p", "tests.cluster.conftest", "-p", "no:cacheprovider",
         "-q", "-s", str(tmp_path / "test_waiting.py")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    started = None
    try:
        output = []
        for line in run.stdout:
            output.append(line)
            if line.startswith("READY "):
                started = json.loads(line.removeprefix("READY "))
                break
        if started is None:
            run.wait(timeout=30)
            text = "".join(output)
            if "skipped" in text and "needed for these tests" in text:
                pytest.skip("the cluster could not start here")
            pytest.fail(f"The cluster did not start:\n{text[-3000:]}")
        assert all(listening(port) for port in started["ports"])
        run.send_signal(signal.SIGTERM)
        run.wait(timeout=90)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    assert [port for port in started["ports"] if listening(port)] == []
    assert not Path(started["folder"]).exists()
