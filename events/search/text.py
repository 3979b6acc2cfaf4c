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

What it buys (SQLite, in process, ``python -m bench.search_tricks``, fastest of 5):
see the figures in ``events/search/__init__.py``'s docstring, which compares each
trick with the plain alternative on the bench databases.
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
