"""What ``search_text`` holds and what a search term becomes: pure functions, no database.

The one place that defines the stored format. A change here changes what every row
should hold: add a migration that recomputes ``search_text`` with a frozen copy of the
new functions (as ``events/migrations/0008_search_text_cjk_pairs.py`` does).

**Case and width folding.** NFKC then ``casefold()``: ``ＡＢＣ``, ``ABC`` and ``abc`` are
one word, and so are the full-width digits of Chinese text and their ASCII forms.

**Simplified and traditional Chinese folded (``fold_scripts``).** 韓立明 and 韩立明, 澳門
and 澳门, 臺灣, 台灣 and 台湾, 裡, 裏 and 里, 綫, 線 and 线 are one text: every character of a
traditional, Hong Kong or Taiwan form is stored (and searched) as OpenCC's simplified
one. The fold is a table of single characters, made once per process from OpenCC's
``t2s`` conversion (all CJK characters) and its ``hk2s`` and ``tw2s`` variants (the
common block), a character its simplified form: never OpenCC's phrase conversion,
which turns 乾 alone into 干 but leaves 乾隆 as it is, so that a part of a stored word
would no longer be found (a search finds parts of words). A character ``t2s`` gives
as a simplified form is not folded further by a regional variant (``tw2s`` reads 么
as a variant of 幺: simplified text keeps its 么). Folding two characters into one
that simplified text keeps apart (乾 and 干) finds a few rows more, never fewer.
Migrations fold with a frozen copy (``events/migrations/0020_search_text_folds_scripts.py``,
``partnerships/migrations/0015_...``: 7.3 s and 4.7 s on the full bench archive).

What it costs, µs per call (``normalize`` without and with the fold, OpenCC's own
phrase conversion alone for comparison, and the whole of ``searchable``, the fold
included), the best of 5 runs of 2,000 calls, two runs, 2026-12-01:

    text                                  no fold      fold    OpenCC t2s   searchable
    a search term (韓立明)                    0.2        0.5      0.9          1.9-2.0
    a search term (nanjing)                  0.1        0.2      0.7          0.8
    a person's text (40 characters)          0.6        2.8      1.1          5.8-6.2
    a conference's text (2,000 characters)   107-122    232-333  19-28        343-589

So a search pays under a microsecond a term, a person's save 2 µs, a conference's (a
long body) 0.1-0.2 ms of a save that writes several rows; the table is made once per
process at the first fold (58-81 ms). ``str.translate`` reads a dictionary for every
character, where OpenCC's C++ is faster on long texts; but its phrases break finding
parts of words, and the fold must give one character for one. Figures from

    .venv/bin/python -m bench.fold_cost

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

import functools
import re
import unicodedata

import opencc

# A trigram index finds terms of this many characters or more.
TRIGRAM = 3

PAIR_MARK = "\ue000"  # a private-use character: never in real text
CJK_RUN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]{2,}")

# A search box gives at most this many words, each at most this long.
MAX_WORDS, MAX_WORD_LENGTH = 10, 100


# The characters OpenCC's conversions are read for: the CJK blocks (the common block
# and extension A, then the supplementary extensions, which only ``t2s`` maps).
COMMON_CJK = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))
RARE_CJK = ((0x20000, 0x2EBEF), (0x2F800, 0x2FA1F), (0x30000, 0x3134F))
# The conversions read: the standard one first, then the Hong Kong and Taiwan variants.
FOLDS = (("t2s", COMMON_CJK + RARE_CJK), ("hk2s", COMMON_CJK), ("tw2s", COMMON_CJK))


@functools.cache
def script_table() -> dict[int, str]:
    """``str.translate``'s table of the fold: a character → its simplified form, from
    OpenCC, one character at a time (about 20 ms, once per process)."""
    found: dict[str, str] = {}
    for config, blocks in FOLDS:
        characters = [chr(point) for start, end in blocks for point in range(start, end + 1)]
        # One call, a character a line: no phrase spans two lines.
        converted = opencc.OpenCC(config).convert("\n".join(characters)).split("\n")
        simplified = set(found.values())  # (after t2s: its simplified characters)
        for character, simple in zip(characters, converted, strict=True):
            # A variant's reading of a simplified character is not taken (么 stays).
            if len(simple) == 1 and simple != character and character not in simplified:
                found.setdefault(character, simple)
    table = {}
    for character, simple in found.items():
        while simple in found and simple != character:  # to the end of a chain
            simple = found[simple]
        table[ord(character)] = simple
    return table


def fold_scripts(text: str) -> str:
    """Traditional (and Hong Kong and Taiwan variant) characters as simplified ones."""
    return text if text.isascii() else text.translate(script_table())


def normalize(text: str) -> str:
    """Full-width forms folded (``ＡＢＣ`` → ``abc``), case folded, traditional
    characters as simplified (``韓`` → ``韩``), spaces collapsed."""
    return " ".join(fold_scripts(unicodedata.normalize("NFKC", text).casefold()).split())


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


# ``search_text__words``'s value: the terms, each one or several alternatives (a place's
# names, ``places.py``), as one string. Both separators are whitespace to ``str.split``,
# so no term (``words``) or name (``normalize``) holds either.
TERMS_APART, ALTERNATIVES_APART = "\x1e", "\x1f"


def join_terms(terms) -> str:
    """Terms (a string, or a tuple of alternatives) as one lookup value."""
    return TERMS_APART.join(
        ALTERNATIVES_APART.join(term if isinstance(term, tuple) else (term,)) for term in terms
    )


def split_terms(value: str) -> list[tuple[str, ...]]:
    """``join_terms`` undone: each term as a tuple of its alternatives (one or more)."""
    return [tuple(term.split(ALTERNATIVES_APART)) for term in value.split(TERMS_APART)]
