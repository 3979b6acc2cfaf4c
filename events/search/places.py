"""Other names of places, found as the names themselves: a search for "Macau" finds a
conference held in "Macao" (and in 澳门 or 澳門), "HK" one in "Hong Kong".

Looked up when a search is made, not stored with the records: a word (or words, "hong
kong") of the search box that is a name of a place (``events.models.Place``) becomes
"any of that place's names" (``with_other_names``); ``all_words_hold`` finds
a row holding any of them.

Why at search time rather than in every record's search text:

- cost: only a search naming a place pays, and then one lookup of the index for all
  its names (``(a OR b OR c)`` inside the list's one FTS5 query on SQLite, ORed LIKEs
  answered by ``pg_trgm`` on PostgreSQL); the table of names is read once per content
  version (``events.versions.remember``). Stored aliases would make an edit of one
  place's names re-index every conference, agreement and organization there and every
  record holding their text (thousands of rows for Hong Kong), and need one more
  migration of every stored text (which would have to compose with the others);
- correctness: the names a search finds are always the table's current ones (an edit
  counts at once, as the content version moves), and nothing else: a record's text
  holds what it says. A multi-word name ("hong kong") is matched as the words typed
  in that order.

A word that is part of a place's name ("macau" inside "macaulay") is not expanded:
only a whole word (or run of words) equal to a name is. A name shorter than the
index reads (HK) is found by reading the text, as any such term is.

What it costs: first pages of the conference list searched, in process, page cache off
and remembered counts on, ms, fastest of 5 runs in 3 rounds, two runs taking turns
with the checkout before (where a place's name found only itself), 2026-12-01:

    search            full archive: before   after       fifth of it: before   after
    nanjing (a place)               8.1-9.2   10.6-11.8              5.3-5.5    5.6-6.2
    南京 (a place)                   5.3-5.5   10.2-11.7              4.6-5.2    5.8-6.1
    hong kong (a place)             7.1-7.5   11.2-13.0              5.0-5.7    6.2-6.6
    forum (no place)                6.2-6.7    6.1-8.0               4.7-4.9    4.7-5.0

A place's search finds more (南京 now finds the conferences written "Nanjing" too)
and costs up to 5 ms more on the full archive; a search naming no place is as it was.
Figures from ``python -m bench.names_and_places`` (on ``seed_bulk`` databases).
"""

from collections.abc import Iterable

from .text import normalize

# A search term, or a place's names, any of which a row may hold.
Term = str | tuple[str, ...]


def name_table(places: Iterable[Iterable[str]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """For the names of each place (``Place.names()``): each name's words (normalized
    as stored) → all its names, normalized, each once."""
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for names in places:
        every = list(dict.fromkeys(folded for folded in map(normalize, names) if folded))
        # A name holding another ("macao sar", "macao") adds nothing to a search for any
        # of them: fewer names, fewer lookups.
        group = tuple(name for name in every if not any(o != name and o in name for o in every))
        for name in every:
            table.setdefault(tuple(name.split()), group)
    return table


def with_other_names(terms: list[str], table: dict) -> list[Term]:
    """The terms of a search box, a run of them that is a place's name replaced by all
    of that place's names (a tuple); the longest name first, left to right."""
    longest = max(map(len, table), default=0)
    found: list[Term] = []
    start = 0
    while start < len(terms):
        for size in range(min(longest, len(terms) - start), 0, -1):
            group = table.get(tuple(terms[start : start + size]))
            if group:
                found.append(group if len(group) > 1 else group[0])
                start += size
                break
        else:
            found.append(terms[start])
            start += 1
    return found
