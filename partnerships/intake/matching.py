"""Names read in a release matched to people and organizations already in the directory.

A name matches a record when it is one of the record's names as names are compared
(``events.services.folded``: case, width and the two Chinese scripts folded): a person's
name in any language or their name in another script, an organization's name, short
name or other names. Failing that, a name within ``NEAR`` of one of them (rapidfuzz) is
offered as a near match, never chosen by itself; so is a Chinese name inside another
(江苏省委 in 中共江苏省委). Candidates come from the search text,
which holds every name folded the same way, so a match reads a few rows, not the
directory.
"""

import unicodedata
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz

from events.languages import text_columns, texts_of
from events.models import Organization, Person
from events.services import folded

# A near match scores this much or more (rapidfuzz, 0–100) against one of the names.
NEAR = 88
SHOWN = 5
POOL = 200

HOW = {
    "name": _("same name"),
    "other_script": _("same name in the other script"),
    "name_alt": _("their name in another script"),
    "short_name": _("its short name"),
    "alias": _("one of its other names"),
    "near": _("a similar name"),
}


@dataclass
class Match:
    record: Person | Organization
    how: str  # a key of HOW
    score: float  # 100 for one of its names

    @property
    def exact(self) -> bool:
        return self.how != "near"

    @property
    def reason(self) -> str:
        return str(HOW[self.how])


def names_of(record) -> list[tuple[str, str]]:
    """``(name, how)`` for each of the record's names."""
    if isinstance(record, Person):
        found = [(name, "name") for name in texts_of(record, "name")]
        return [*found, (record.name_alt, "name_alt")]
    found = [(name, "name") for name in texts_of(record, "name")]
    found += [(name, "short_name") for name in texts_of(record, "short_name")]
    return found + [(alias.name, "alias") for alias in record.aliases.all()]


def plain(name: str) -> str:
    """A name folded in case, width and spaces but not in script: 陳 and 陈 stay apart."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def is_cjk(text: str) -> bool:
    return any("\u3400" <= character <= "\u9fff" for character in text)


def contains_cjk(one: str, other: str) -> bool:
    """A Chinese name of three characters or more inside the other: 江苏省委 in
    中共江苏省委 (a short form a release uses); near, never the same."""
    shorter, longer = sorted((one, other), key=len)
    return len(shorter) >= 3 and is_cjk(shorter) and shorter in longer


def words_of(key: str) -> list[str]:
    """The parts of a folded name worth looking for in search text: words of three
    characters or more, and a Chinese name as a whole and in runs of three."""
    words = [word for word in key.split() if len(word) >= 3]
    # A Chinese name: each run of three characters too, so that 香港贸发局 finds 贸发局.
    if is_cjk(key) and len(key) > 3:
        words += [key[i : i + 3] for i in range(min(len(key) - 2, 10))]
    return words or [key]


# The columns that hold a record's names (as ``names_of`` reads them).
NAME_COLUMNS = {
    Person: (*text_columns(Person, "name"), "name_alt"),
    Organization: (
        *text_columns(Organization, "name"),
        *text_columns(Organization, "short_name"),
        "aliases__name",
    ),
}


def candidates(model, name: str, key: str) -> list:
    """The records to compare with the name: first those with it as one of their names
    (as written or folded, in any case) and those whose search text holds it whole,
    then those sharing a word with it, ``POOL`` of each at most. Cutting one pool by
    primary key before comparing would miss an exact name among many that share a word."""
    exact = Q()
    for name_column in NAME_COLUMNS[model]:
        exact |= Q(**{f"{name_column}__iexact": name.strip()})
        exact |= Q(**{f"{name_column}__iexact": key})
    words = Q()
    for word in words_of(key):
        words |= Q(search_text__contains=word)
    records = model._default_manager.order_by("pk")
    if model is Organization:
        records = records.prefetch_related("aliases")
    found = {}
    for holds in (exact, Q(search_text__contains=key), words):
        for record in records.filter(holds).distinct()[:POOL]:
            found.setdefault(record.pk, record)
    return list(found.values())


def matches(model, name: str) -> list[Match]:
    """Records of ``model`` (Person or Organization) that ``name`` may be, best first:
    the records it names exactly, then near ones."""
    key = folded(name)
    if not key:
        return []
    found = []
    for record in candidates(model, name, key):
        best = None
        for other, how in names_of(record):
            other_key = folded(other)
            if not other_key:
                continue
            if other_key == key:
                if plain(other) != plain(name):
                    how = "other_script"
                best = Match(record, how, 100)
                break
            score = max(fuzz.ratio(key, other_key), fuzz.token_sort_ratio(key, other_key))
            if contains_cjk(key, other_key):
                score = max(score, NEAR)
            if score >= NEAR and (best is None or score > best.score):
                best = Match(record, "near", score)
        if best is not None:
            found.append(best)
    found.sort(key=lambda match: (not match.exact, -match.score, match.record.pk))
    return found[:SHOWN]
