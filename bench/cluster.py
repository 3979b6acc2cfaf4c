"""The cluster row of ``make bench``: two application servers behind nginx against one.

    make bench-cluster           (or: .venv/bin/python -m bench.cluster)

Starts ``make cluster``'s cluster (config/cluster.py: PostgreSQL, Redis, the object store,
two servers of BENCH_CLUSTER_WORKERS gunicorn workers each, the demo content) with two
proxies in front, both nginx over HTTPS: one balancing both servers, one sending
everything to the first. wrk measures the same page through each, in the same run, with
the page cache on (warm, in Redis) and off (every request builds its page; the servers are
restarted with PAGE_CACHE_SECONDS=0), and the ratio two servers / one is printed.

On one machine the two servers share its cores with PostgreSQL, Redis, nginx and wrk:
the ratio says what a second server adds here, not what a second machine would.
"""

import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path

from bench.run import CONNECTIONS, DURATION, RESULTS, say, wrk
from config import cluster as launcher

PAGE = "/en/events/"
WORKERS = int(os.environ.get("BENCH_CLUSTER_WORKERS", "2"))


def missing() -> str | None:
    """What the cluster needs and this machine lacks, if anything."""
    for tool in ("nginx", "redis-server", "openssl", "wrk"):
        if not shutil.which(tool):
            return tool
    if not (launcher.PG_BIN / "initdb").exists():
        return "PostgreSQL 15"
    try:
        import moto.server  # noqa: F401
    except ImportError:
        return "moto[server]"
    return None


def measure() -> dict:
    cluster = launcher.Cluster(f"127.0.0.1:{launcher.free_port()}", servers=2, workers=WORKERS)
    one_port = launcher.free_port()
    results = {}
    with launcher.sigterm_as_interrupt():
        try:
            say("Starting the cluster (two servers) for the cluster row…")
            cluster.start(demo=True)
            cluster.start_proxy("proxy-one", servers=[0], bind=f"127.0.0.1:{one_port}")
            proxies = {"2 servers": cluster.port, "1 server": one_port}
            for mode, seconds in (("warm", "600"), ("uncached", "0")):
                if cluster.env.get("PAGE_CACHE_SECONDS", "600") != seconds:
                    cluster.env["PAGE_CACHE_SECONDS"] = seconds
                    for index in range(2):
                        cluster.stop(cluster.server_name(index))
                    for index in range(2):
                        cluster.start_server(index)
                    time.sleep(6)  # the proxies' fail_timeout: both servers back in their pools
                results[mode] = {}
                for name, port in proxies.items():
                    url = f"https://127.0.0.1:{port}{PAGE}"
                    wrk(url, 2)  # warm up: connections, the page in the cache
                    say(f"  {mode}, {name}: {PAGE}")
                    results[mode][name] = wrk(url, DURATION)
                one, two = results[mode]["1 server"]["rps"], results[mode]["2 servers"]["rps"]
                results[mode]["ratio"] = round(two / one, 2) if one else None
        finally:
            cluster.shutdown()
    return results


def report(results: dict) -> list[str]:
    lines = [
        f"cluster through nginx (HTTPS), {PAGE}, {WORKERS} workers a server",
        f"{'':<24}{'1 server req/s':>16}{'2 servers req/s':>17}{'ratio':>7}{'p99 (2)':>9}",
    ]
    for mode, row in results.items():
        one, two = row["1 server"], row["2 servers"]
        errors = one["non_2xx"] + two["non_2xx"]
        lines.append(
            f"{mode:<24}{one['rps']:>16.0f}{two['rps']:>17.0f}{row['ratio']:>7.2f}"
            f"{two['p99_ms']:>8.1f} ms" + (f"  ({errors} non-2xx answers)" if errors else "")
        )
    return lines


def main() -> None:
    lacking = missing()
    if lacking:
        raise SystemExit(f"{lacking} is needed for the cluster row.")
    results = measure()
    lines = report(results)
    say("")
    say(
        f"Results ({platform.node()}: {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; wrk {CONNECTIONS} connections × {DURATION} s)"
    )
    for line in lines:
        say(line)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "cluster.json"
    out.write_text(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M:%S"), **results}, indent=2))
    say(f"\nWritten: {Path(out).relative_to(launcher.ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
