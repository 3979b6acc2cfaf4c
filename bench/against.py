"""Each uncached page of this tree against the same page of another commit, in process,
on the full archive: what a change bought, measured as ``bench.languages`` measures.

    .venv/bin/python -m bench.against COMMIT [LANGUAGE]    (default: en)

The commit is unpacked once from git (``git archive``) into ``bench/.data/at-COMMIT/``.
Two processes, one per tree, serve the pages of ``bench/rows.py``'s ``LANGUAGE_PAGES``
and the bare view from ``bench/.data/full.sqlite3`` (built by ``make bench``; only read,
so both trees need the same schema). They take turns request by request, each request
timed by the CPU time of the process that drew it, fastest of ``BENCH_RUNS`` (default 20)
over ``BENCH_ROUNDS`` (default 2). Printed: each page's ms in both trees, their ratio,
and each tree's bare view divided by the page (the in-process share of issue 16's ratio).
"""

import os
import subprocess
import sys
from pathlib import Path

from bench import languages

RUNS = int(os.environ.get("BENCH_RUNS", "20"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))


def tree_at(commit: str) -> Path:
    tree = languages.ROOT / "bench" / ".data" / f"at-{commit}"
    if not (tree / "manage.py").exists():
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "archive", commit], cwd=languages.ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def measure(commit: str, language: str) -> dict:
    servers = {
        commit: languages.Server(tree_at(commit), language),
        "this tree": languages.Server(languages.ROOT, language),
    }
    return languages.take_turns(servers, RUNS, ROUNDS)


def report(best: dict, commit: str) -> list[str]:
    this, other = best["this tree"], best[commit]
    lines = [
        f"{'uncached page, CPU ms (fastest)':<50}{commit:>9}{'this tree':>10}{'×':>6}"
        f"{'bare/page':>11}{'bare/page':>11}"
    ]
    for page in this:
        lines.append(
            f"{page:<50}{other[page]:>9.2f}{this[page]:>10.2f}{this[page] / other[page]:>6.2f}"
            f"{other['bare view'] / other[page]:>11.3f}{this['bare view'] / this[page]:>11.3f}"
        )
    return lines


def main() -> None:
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    commit = sys.argv[1]
    language = sys.argv[2] if len(sys.argv) > 2 else "en"
    if not languages.DATABASE.exists():
        raise SystemExit(f"{languages.DATABASE} is missing: `make bench` builds it.")
    for line in report(measure(commit, language), commit):
        print(line)


if __name__ == "__main__":
    main()
