"""What ``search_text`` holds and what a search term becomes: pure functions, no database.

The one place that defines the stored format. A change here changes what every row
should hold: add a migration that recomputes ``search_text`` with a frozen copy of the
new functions (as ``events/migrations/0008_search_text_cjk_pairs.py`` does).

**Case and width folding.** NFKC then ``casefold()``: ``ＡＢＣ``, ``ABC`` and ``abc`` are
one word, and so are the full-width digits of Chinese text and their ASCII forms.

**Two-character CJK words (the pair token).** A trigram index (SQLite FTS5's trigram
tokenizer, PostgreSQL's ``pg_trgm``) finds terms of three characters or more. Chinese
words are mostly two characters (南京, 金融, 香港), so the stored text also lists each
pair of neighbouring CJK characters followed by ``PAIR_MARK``, a private-use character
that no real text holds: ``南京⟨mark⟩`` has three characters, is in the index, and is
there exactly when ``南京`` is in the text. A two-character CJK term is looked for as
that token (``indexed_term``).

What the pair token buys, measured against the plain alternative (the two characters
looked for as themselves, which no trigram index can narrow): first pages of searched
lists and the lookup alone, in ms, on the full bench databases (100,000 people, 20,000
conferences, 50,000 agreements), fastest of 7 runs in 5 rounds, 2026-12-01:

    term                              SQLite: token  plain   PostgreSQL: token  plain
    conference list, 南京                       26.1   47.4                28.7   52.8
    agreement list, 金融                        18.1   40.0                22.7   40.8
    people list, 陈之 (rare)                    13.5   23.5                19.5   17.7
    people holding 陈之 (lookup alone)           1.0   18.6                 1.0   16.6
    people holding 之常 (8 % of them)            6.6   18.4                 4.3   16.8

So it pays wherever a list reaches people or organizations through a Chinese word (a
conference or agreement list: 1.8-2.2x) and for the lookup itself (up to 18x). A list's
own rows gain less: the people list on SQLite (13.5 against 23.5 ms), not measurably on
PostgreSQL (its planner walks that list instead), nor the organization list (10,000
rows) on either. On the small bench database (1,000 people) nothing either way (8-25
ms whichever). Figures from

    DATABASE_URL=sqlite:///bench/.data/full.sqlite3 .venv/bin/python -m bench.search_tricks

("as built" against "no pairs"; for PostgreSQL run it inside ``tests/with-postgres.sh``
after ``migrate`` and ``seed_bulk``). A shared 2-core machine: differences under ~30 %
between single figures are noise.
"""

import re
import unicodedata

# A trigram index finds terms of this many characters or more.
TRIGRAM = 3

PAIR_MARK = "\ue000"  # a private-use character: never in real text
CJK_RUN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]{2,}")

# A search box gives at most this many words, each at most this long.
MAX_WORDS, MAX_WORD_LENGTH = 10, 100


def normalize(text: str) -> str:
    """Full-width forms folded (``ＡＢＣ`` → ``abc``), case folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def cjk_pairs(text: str) -> list[str]:
    """The pair tokens of this (normalized) text, sorted: each two neighbouring CJK
    characters followed by ``PAIR_MARK``."""
    return sorted(
        {run[i : i + 2] + PAIR_MARK for run in CJK_RUN.findall(text) for i in range(len(run) - 1)}
    )


def searchable(text: str) -> str:
    """What ``search_text`` holds for this text: it normalized, then its CJK pairs."""
    text = normalize(text)
    return " ".join([text, *pairs]) if (pairs := cjk_pairs(text)) else text


def words(value: str) -> list[str]:
    """The terms of a search box: at most ten words, each at most 100 characters,
    normalized as stored."""
    return [word[:MAX_WORD_LENGTH] for word in normalize(value).split()[:MAX_WORDS]]


def is_cjk_pair(term: str) -> bool:
    return len(term) == 2 and CJK_RUN.fullmatch(term) is not None


def indexed_term(term: str) -> str | None:
    """What a trigram index is asked for to find rows holding this (normalized) term:
    the term itself from three characters, a CJK pair as its pair token, otherwise
    None (one character, or two that are not both CJK: a scan finds those)."""
    if len(term) >= TRIGRAM:
        return term
    if is_cjk_pair(term):
        return term + PAIR_MARK
    return None
