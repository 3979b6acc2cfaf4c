"""Which rows a bench run measures: ``BENCH_ROWS=API,home`` keeps the rows whose name
holds one of these words (and the references), to measure a part of the site without the
whole run; unset, every row. (A plain module: bench/run.py reads it without Django, and
bench/languages.py loads it by path in trees that do not have it.)"""

import os

ROWS = [word.strip() for word in os.environ.get("BENCH_ROWS", "").split(",") if word.strip()]


def chosen(rows: dict) -> dict:
    """``rows`` as BENCH_ROWS narrows them (all of them when it is not set)."""
    if not ROWS:
        return rows
    return {name: path for name, path in rows.items() if any(word in name for word in ROWS)}


# The pages measured in every language: by bench/run.py (each in Chinese against English,
# through the load test) and by bench/languages.py (in process, against earlier trees).
LANGUAGE_PAGES = (
    "home",
    "conference list",
    "conference list, searched",
    "conference, 30 people/10 agreements/20 photos",
    "agreement list",
    "agreement",
    "people list",
    "person",
    "organization list",
    "organization",
)
