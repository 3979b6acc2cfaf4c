"""Each language's uncached pages against the English pages of the site as it was
before it had languages, in process, on the full archive.

    .venv/bin/python -m bench.languages                 (make bench-languages)

Two earlier versions of the site are the references, each unpacked once from git
(``git archive``) into ``bench/.data/<name>/``:

- ``filed``: the site when the languages were asked for (commit ``07e580c``, main
  before the work on uncached pages began): "today's figures" of issue 17;
- ``before``: the site just before the three languages came in (commit ``7deba4f``,
  after that work): what the languages themselves cost.

Both had no language prefix in their addresses and English columns only. Six
processes serve the same pages from the same database (``bench/.data/full.sqlite3``,
built by ``make bench``; only read): the two references in English, and this tree in
English, simplified and traditional Chinese. They take turns request by request, so
that whatever else the machine does falls on all of them alike, and each request's cost
is the CPU time of the process that drew it (SQLite runs in process, so its work
counts). The fastest of ``BENCH_RUNS`` (default 40) requests is kept over
``BENCH_ROUNDS`` (default 3) rounds. The target of issue 17 is each language within
10 % of the figures when it was filed: ``ms ≤ 1.10 × filed ms``.
"""

import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = Path(
    os.environ.get("BENCH_DATABASE", ROOT / "bench" / ".data" / "full.sqlite3")
).resolve()
REFERENCES = {
    "filed": "07e580c",  # main when issue 17 was filed, before issue 16's work
    "before": "7deba4f",  # the last commit before the three languages
}
RUNS = int(os.environ.get("BENCH_RUNS", "40"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
LANGUAGES = ("en", "zh-hans", "zh-hant")
TARGET = 1.10


def own(name: str):
    """This tree's ``bench/<name>.py``, loaded by path: ``--serve`` runs with a reference
    tree first on the path, whose ``bench`` package is older or missing."""
    spec = importlib.util.spec_from_file_location(
        f"bench_own_{name}", Path(__file__).resolve().parent / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PAGES = own("rows").LANGUAGE_PAGES


def paths() -> dict:
    """Each page's address in the active language (none in a tree without prefixes)."""
    from django.urls import reverse

    from events.models import Conference, Organizer, Participation
    from partnerships.models import Agreement

    showcase = Conference.objects.get(slug="bulk-showcase")
    # The same records in every tree, whatever each one's default order.
    agreement = Agreement.objects.published().filter(conference=showcase).order_by("pk")[0]
    person = Participation.objects.filter(conference=showcase).order_by("pk")[0].person
    organizer = Organizer.objects.filter(conference=showcase).order_by("pk")[0]
    return {
        "home": reverse("home"),
        "conference list": reverse("events:list"),
        "conference list, searched": reverse("events:list") + "?q=nanjing",
        "conference, 30 people/10 agreements/20 photos": showcase.get_absolute_url(),
        "agreement list": reverse("partnerships:list"),
        "agreement": agreement.get_absolute_url(),
        "people list": reverse("people:list"),
        "person": person.get_absolute_url(),
        "organization list": reverse("organizations:list"),
        "organization": organizer.organization.get_absolute_url(),
        "bare view": "/bench/baseline/",
    }


def serve(language: str) -> None:
    """``--serve LANG``: draw the pages of the tree this process runs in, answering one
    line per request: ``NAME`` → the CPU ms the request took."""
    sys.path.insert(0, os.getcwd())  # the tree it runs in: its views, templates, models
    client = own("details").setup()  # Django on the benchmark database, no page cache
    from django.utils import translation

    with translation.override(language):
        addresses = paths()
    for address in addresses.values():  # warm: templates, connections, the OS cache
        for _ in range(3):
            response = client.get(address)
            if response.status_code != 200:
                raise SystemExit(f"{address} answered {response.status_code}")
    print(json.dumps(addresses), flush=True)
    for line in sys.stdin:
        address = addresses[line.strip()]
        started = time.process_time()
        client.get(address)
        print((time.process_time() - started) * 1000, flush=True)


class Server:
    def __init__(self, tree: Path, language: str):
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--serve", language],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=tree,
            env={**os.environ, "PYTHONPATH": str(tree), "BENCH_DATABASE": str(DATABASE)},
        )
        self.addresses = json.loads(self.process.stdout.readline())

    def ms(self, page: str) -> float:
        self.process.stdin.write(page + "\n")
        self.process.stdin.flush()
        return float(self.process.stdout.readline())

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def reference_tree(name: str) -> Path:
    tree = ROOT / "bench" / ".data" / f"reference-{name}"
    if not (tree / "manage.py").exists():
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "archive", REFERENCES[name]], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def measure() -> dict:
    servers = {name: Server(reference_tree(name), "en") for name in REFERENCES}
    for language in LANGUAGES:
        servers[language] = Server(ROOT, language)
    return take_turns(servers, RUNS, ROUNDS)


def take_turns(servers: dict, runs: int, rounds: int) -> dict:
    """Each page ``runs`` times a round from each server in turn, request by request;
    the fastest CPU ms of each server and page. Stops the servers."""
    pages = (*PAGES, "bare view")
    best = {name: dict.fromkeys(pages, float("inf")) for name in servers}
    try:
        for round_number in range(rounds):
            print(f"round {round_number + 1} of {rounds}", file=sys.stderr, flush=True)
            for page in pages:
                for _ in range(runs):
                    for name, server in servers.items():
                        best[name][page] = min(best[name][page], server.ms(page))
    finally:
        for server in servers.values():
            server.stop()
    return best


def report(best: dict) -> list[str]:
    """One line a page: each version's ms, and each language's ms as a multiple of the
    reference's (``filed`` for the target, ``before`` for what languages cost)."""
    lines = [
        f"{'uncached page, CPU ms (fastest)':<50}{'filed':>7}{'before':>7}"
        + "".join(f"{language:>8}" for language in LANGUAGES)
        + f"{'× filed':>19}{'× before':>19}  target ≤ {TARGET:.2f}× filed",
    ]
    for page in (*PAGES, "bare view"):
        filed, before = best["filed"][page], best["before"][page]
        times = [best[language][page] for language in LANGUAGES]
        worst = max(times) / filed
        verdict = "reference" if page == "bare view" else ("ok" if worst <= TARGET else "MISSED")
        lines.append(
            f"{page:<50}{filed:>7.2f}{before:>7.2f}"
            + "".join(f"{ms:>8.2f}" for ms in times)
            + "".join(f"{ms / filed:>6.2f}" for ms in times).rjust(19)
            + "".join(f"{ms / before:>6.2f}" for ms in times).rjust(19)
            + f"  {verdict}"
        )
    return lines


def main() -> None:
    if "--serve" in sys.argv:
        serve(sys.argv[sys.argv.index("--serve") + 1])
        return
    if not DATABASE.exists():
        raise SystemExit(f"{DATABASE} is missing: `make bench` builds it.")
    best = measure()
    for line in report(best):
        print(line)
    if "--json" in sys.argv:
        out = Path(sys.argv[sys.argv.index("--json") + 1])
        out.write_text(json.dumps(best, indent=2))


if __name__ == "__main__":
    main()
