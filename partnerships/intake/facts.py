"""What the site read in a press release: facts, each tied to the words it came from.

The contract between the readers (``partnerships.intake.read``), the corpus scoring
(``partnerships.intake.scoring``) and the review in the admin
(``partnerships.intake.review``). A reading never touches the database; matching its
names to existing records and saving a draft are the review's work.

Each fact has a ``kind`` (one of ``KINDS``), a ``value`` (a flat dict of plain strings,
numbers and booleans, keys as listed in ``KINDS``; dates ``YYYY-MM-DD``, times ``HH:MM``,
amounts as decimal strings), the ``start``/``end`` character offsets in
``Reading.text`` of the sentence (or phrase) it was read from, and a ``confidence``
between 0 and 1. Facts that refer to each other name the other by its text (a
participation names its person by ``person``; a signatory its agreement by the
agreement's ``ref``), so a reviewer who edits a name edits it once.
"""

from dataclasses import dataclass, field

# kind → the keys of its value (the first ones identify it when scoring; see scoring.py)
KINDS: dict[str, tuple[str, ...]] = {
    # the conference itself
    "title": ("text",),
    "theme": ("text",),
    "start_date": ("date",),
    "end_date": ("date",),
    "start_time": ("time",),
    "end_time": ("time",),
    "time_zone": ("name",),  # an IANA zone, from the city: "Asia/Hong_Kong"
    "venue": ("text",),
    "city": ("text",),
    "summary": ("text",),
    # the source
    "publisher": ("text",),  # "PRNewswire"
    "dateline": ("text",),  # "HONG KONG"
    "published_on": ("date",),
    # who organized it: role is an events.OrganizerRole value
    "organizer": ("organization", "role"),
    # the agenda: kind is an events.SessionKind value; date/start_time optional
    "session": ("title", "kind", "date", "start_time"),
    # people: a person's post at an organization (organization may be "")
    "person": ("name",),
    "position": ("person", "title", "organization"),
    # role is an events.ParticipationRole value; remote for a video address
    "participation": ("person", "role", "remote", "session"),
    "remark": ("person", "text"),  # what they said, reported
    "quote": ("person", "text"),  # their own words, in quotation marks
    # organizations named anywhere (short_name optional)
    "organization": ("name", "short_name"),
    # agreements: ref is a short key other facts use ("a1", "a2"…); kind is a
    # partnerships.AgreementKind value; value/currency optional (currency ISO 4217)
    "agreement": ("ref", "title", "kind", "value", "currency"),
    "party": ("agreement", "organization"),
    "signatory": ("agreement", "person", "organization"),
    # key figures: qualifier is an events.KeyFigureQualifier value ("" for exact)
    "key_figure": ("value", "qualifier", "unit", "currency", "label", "as_of"),
    "caption": ("text",),
}


@dataclass
class Fact:
    kind: str
    value: dict
    start: int = 0
    end: int = 0
    confidence: float = 1.0

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind of fact: {self.kind!r}")


@dataclass
class Reading:
    """A release as read: its plain text (HTML already reduced to text), the language
    it is written in ("en", "zh-hans", "zh-hant") and the facts found, in the order of
    the text. ``warnings`` are for the reviewer ("no date found")."""

    text: str
    language: str = "en"
    facts: list[Fact] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def of(self, kind: str) -> list[Fact]:
        return [fact for fact in self.facts if fact.kind == kind]
