"""How well the reader reads: its facts against the facts a person wrote down by hand.

A read fact is right when the expected facts hold one of the same kind whose every key
(``KINDS``) has the same value after normalization: case, spacing, quotation marks and
punctuation do not count, numbers compare as numbers ("38800000000" = "38800000000.00"),
and long texts (remarks, quotes, summaries: 40 characters or more on both sides) match
when rapidfuzz's ratio is at least ``FUZZY_RATIO``. Each expected fact matches one read
fact at most, so a fact read twice counts once right and once wrong.

Both sides are compared as the site would save and show them (``as_saved``): a date that
only restates the default the site gives anyway is no fact. A conference whose end date is
its start date is a one-day conference, as one without an end date is (its last day is
``end_date or start_date``); a session dated on the conference's first day is where a
session without a date is (``Session.day``). Writers of expected facts differ on whether
to write these; the saved records do not.

Per kind: true positives (read and expected), false positives (read, not expected),
false negatives (expected, not read), precision and recall; overall, the same summed
over every kind (micro-averaged), so a kind with many facts weighs more.
"""

import json
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rapidfuzz import fuzz

from .facts import KINDS, Fact

FUZZY_RATIO = 90
LONG_TEXT = 40
# The bar the corpus must clear (`manage.py intake_score --check`, `make test`).
OVERALL_MINIMUM = 0.9
KIND_MINIMUM = 0.8


def normalized(value) -> str:
    """A value as compared: "" for nothing, numbers without trailing zeros, text
    case-folded with quotation marks, punctuation and repeated spaces gone."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if re.fullmatch(r"-?\d+(\.\d+)?", text.strip()):
        try:
            return format(Decimal(text.strip()).normalize(), "f")
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            pass
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[\"'“”‘’「」『』«»]", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def same(expected, read) -> bool:
    left, right = normalized(expected), normalized(read)
    if left == right:
        return True
    if min(len(left), len(right)) >= LONG_TEXT:
        return fuzz.ratio(left, right) >= FUZZY_RATIO
    return False


def matches(expected: Fact, read: Fact) -> bool:
    return expected.kind == read.kind and all(
        same(expected.value.get(key), read.value.get(key)) for key in KINDS[expected.kind]
    )


@dataclass
class Tally:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    def __iadd__(self, other: "Tally"):
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives
        return self

    @property
    def precision(self) -> float:
        claimed = self.true_positives + self.false_positives
        return self.true_positives / claimed if claimed else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0


@dataclass
class Score:
    kinds: dict[str, Tally] = field(default_factory=dict)
    missed: list[Fact] = field(default_factory=list)  # expected, not read
    extra: list[Fact] = field(default_factory=list)  # read, not expected

    def __iadd__(self, other: "Score"):
        for kind, tally in other.kinds.items():
            self.kinds.setdefault(kind, Tally()).__iadd__(tally)
        self.missed += other.missed
        self.extra += other.extra
        return self

    @property
    def overall(self) -> Tally:
        total = Tally()
        for tally in self.kinds.values():
            total += tally
        return total

    def failures(self) -> list[str]:
        """What keeps the score under the bar, one line each; empty when it clears it."""
        lines = []
        overall = self.overall
        for name, figure in (("precision", overall.precision), ("recall", overall.recall)):
            if figure < OVERALL_MINIMUM:
                lines.append(f"overall {name} {figure:.3f} < {OVERALL_MINIMUM}")
        for kind, tally in sorted(self.kinds.items()):
            for name, figure in (("precision", tally.precision), ("recall", tally.recall)):
                if figure < KIND_MINIMUM:
                    lines.append(f"{kind} {name} {figure:.3f} < {KIND_MINIMUM}")
        return lines

    def table(self) -> str:
        rows = [("kind", "expected", "read", "right", "precision", "recall")]
        for kind in [kind for kind in KINDS if kind in self.kinds]:
            rows.append(self._row(kind, self.kinds[kind]))
        rows.append(self._row("overall", self.overall))
        widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
        lines = [
            "  ".join(
                cell.ljust(width) if column == 0 else cell.rjust(width)
                for column, (cell, width) in enumerate(zip(row, widths, strict=True))
            )
            for row in rows
        ]
        lines.insert(1, "-" * len(lines[0]))
        lines.insert(len(lines) - 1, "-" * len(lines[0]))
        return "\n".join(lines)

    @staticmethod
    def _row(name: str, tally: Tally) -> tuple[str, ...]:
        return (
            name,
            str(tally.true_positives + tally.false_negatives),
            str(tally.true_positives + tally.false_positives),
            str(tally.true_positives),
            f"{tally.precision:.3f}",
            f"{tally.recall:.3f}",
        )


def as_saved(facts: list[Fact]) -> list[Fact]:
    """``facts`` without the dates that restate the site's defaults: an end date on the
    start date, and a session's date on the conference's first day."""
    start = next((fact.value.get("date") for fact in facts if fact.kind == "start_date"), None)
    if not start:
        return list(facts)
    kept = []
    for fact in facts:
        if fact.kind == "end_date" and fact.value.get("date") == start:
            continue
        if fact.kind == "session" and fact.value.get("date") == start:
            fact = Fact(
                fact.kind, {**fact.value, "date": ""}, fact.start, fact.end, fact.confidence
            )
        kept.append(fact)
    return kept


def score(read: list[Fact], expected: list[Fact]) -> Score:
    """The read facts against the expected ones, per kind, as the site would save both
    (``as_saved``)."""
    read, expected = as_saved(read), as_saved(expected)
    result = Score()
    unmatched = list(read)
    for kind in {fact.kind for fact in [*read, *expected]}:
        result.kinds[kind] = Tally()
    for fact in expected:
        partner = next((other for other in unmatched if matches(fact, other)), None)
        if partner is None:
            result.kinds[fact.kind].false_negatives += 1
            result.missed.append(fact)
        else:
            unmatched.remove(partner)
            result.kinds[fact.kind].true_positives += 1
    for fact in unmatched:
        result.kinds[fact.kind].false_positives += 1
        result.extra.append(fact)
    return result


def facts_of_json(data: list[dict]) -> list[Fact]:
    """Expected facts as the corpus writes them: ``[{"kind": …, "value": {…}}, …]``."""
    return [Fact(item["kind"], dict(item["value"])) for item in data]


@dataclass
class Release:
    name: str
    text: str
    expected: list[Fact]


def corpus(directory: Path) -> list[Release]:
    """The releases of a corpus folder: each ``NN-slug.txt`` with its ``NN-slug.json``."""
    releases = []
    for path in sorted(Path(directory).glob("*.txt")):
        expected = path.with_suffix(".json")
        if not expected.exists():
            raise FileNotFoundError(f"{path.name} has no {expected.name} of expected facts")
        releases.append(
            Release(
                path.stem,
                path.read_text(encoding="utf-8"),
                facts_of_json(json.loads(expected.read_text(encoding="utf-8"))),
            )
        )
    return releases


def score_corpus(directory: Path) -> tuple[Score, dict[str, Score]]:
    """The corpus read and scored: the sum over its releases, and each release's own."""
    from .read import read_release

    total, each = Score(), {}
    for release in corpus(directory):
        each[release.name] = score(read_release(release.text).facts, release.expected)
        total += each[release.name]
    return total, each
