"""Which rows a bench run measures: ``BENCH_ROWS=API,home`` keeps the rows whose name
holds one of these words (and the references), to measure a part of the site without the
whole run; unset, every row. (A plain module: bench/run.py reads it without Django.)"""

import os

ROWS = [word.strip() for word in os.environ.get("BENCH_ROWS", "").split(",") if word.strip()]


def chosen(rows: dict) -> dict:
    """``rows`` as BENCH_ROWS narrows them (all of them when it is not set)."""
    if not ROWS:
        return rows
    return {name: path for name, path in rows.items() if any(word in name for word in ROWS)}
