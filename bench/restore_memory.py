"""Peak memory of `restore`: a gzip bomb, and the demo site's own backup.

    .venv/bin/python -m bench.restore_memory

Each restore runs as `manage.py restore` in a process of its own, on a fresh SQLite
database and media folder, and its peak resident memory (ru_maxrss) is printed with
its outcome. The bomb is 1 MB of gzip that expands to 1.1 GB of zeros: as one member,
then as eleven.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.archives import gzip_bomb  # noqa: E402


def manage(env: dict, *args) -> tuple[int, float, str, float]:
    """Exit code, peak memory in MB, last line of output and seconds of one command."""
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.stdout.close()
    seconds = time.monotonic() - started
    lines = [line for line in output.splitlines() if line.strip()]
    last = lines[-1] if lines else ""
    return os.waitstatus_to_exitcode(status), usage.ru_maxrss / 1024, last, seconds


def fresh_site(folder: Path) -> dict:
    folder.mkdir()
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": "benchmark-only",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
    }
    code, *_ = manage(env, "migrate", "--noinput", "-v0")
    assert code == 0, f"migrate failed: {_}"
    return env


def main() -> None:
    # Peak memory is per process (wait4): building the bomb here is not counted.
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        bomb = folder / "bomb.tar.gz"
        gzip_bomb(bomb, {"media/media/0123456789abcdef0123456789abcdef.jpg": 1100 * 2**20})
        print(f"bomb: {bomb.stat().st_size / 2**20:.1f} MB compressed, 1100 MB expanded")
        code, peak, last, seconds = manage(fresh_site(folder / "a"), "restore", str(bomb))
        print(f"restore of the bomb: exit {code}, peak {peak:.0f} MB, {seconds:.1f} s: {last}")
        # The same 1.1 GB in eleven files of 100 MB, each below the limit for one file.
        spread = folder / "spread.tar.gz"
        gzip_bomb(spread, {f"media/media/{n:032x}.jpg": 100 * 2**20 for n in range(11)})
        code, peak, last, seconds = manage(fresh_site(folder / "s"), "restore", str(spread))
        print(f"restore of 11 × 100 MB: exit {code}, peak {peak:.0f} MB, {seconds:.1f} s: {last}")

        env = fresh_site(folder / "b")
        manage(env, "load_demo")
        demo = folder / "demo.tar.gz"
        manage(env, "backup", str(demo))
        print(f"demo backup: {demo.stat().st_size / 2**10:.0f} KB")
        code, peak, last, seconds = manage(fresh_site(folder / "c"), "restore", str(demo))
        print(f"restore of the demo: exit {code}, peak {peak:.0f} MB, {seconds:.1f} s: {last}")


if __name__ == "__main__":
    main()
