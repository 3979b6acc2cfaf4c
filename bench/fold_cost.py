"""What folding simplified and traditional Chinese costs: ``normalize`` (what a save
stores and a search box becomes) with and without the fold, against OpenCC's own
phrase conversion, µs per call, pure Python (no database).

    .venv/bin/python -m bench.fold_cost

Each figure is the best of 5 runs of ``NUMBER`` calls. Texts: a search term, a
person's search text (name, name in Chinese, a post), and a conference's (title,
theme, summary and a body of about 2,000 characters, mixed English and Chinese).
"""

import os
import timeit
import unicodedata

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only")

import django  # noqa: E402

django.setup()

import opencc  # noqa: E402

from events.search import text  # noqa: E402

NUMBER = 2000
PERSON = "Chen Zhichang 陳之常 Mayor of Nanjing 南京市市長"
BODY = (
    "The Nanjing Metropolitan Area promotion conference was held in Hong Kong. "
    "南京都市圈（香港）投資推介會在香港舉行，簽署合作項目三十八個，總投資額三百八十八億美元。"
) * 14
TEXTS = {
    "a search term (韓立明)": "韓立明",
    "a search term (nanjing)": "nanjing",
    "a person's text (40 chars)": PERSON,
    "a conference's text (2,000 chars)": "南京都市圈推介會 Nanjing Metropolitan Area " + BODY,
}


def unfolded(value: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


def best(function, value) -> float:
    runs = timeit.repeat(lambda: function(value), number=NUMBER, repeat=5)
    return min(runs) / NUMBER * 1e6


def main() -> None:
    build = timeit.timeit(lambda: (text.script_table.cache_clear(), text.script_table()), number=3)
    phrases = opencc.OpenCC("t2s")
    print(f"the fold's table, made once per process: {build / 3 * 1000:.0f} ms")
    print(f"{'text':36} {'no fold':>9} {'fold':>9} {'OpenCC t2s':>11} {'searchable':>11}")
    for name, value in TEXTS.items():
        print(
            f"{name:36} {best(unfolded, value):9.1f} {best(text.normalize, value):9.1f}"
            f" {best(phrases.convert, value):11.1f} {best(text.searchable, value):11.1f}"
        )


if __name__ == "__main__":
    main()
