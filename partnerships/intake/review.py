"""A reading reviewed in the admin, and the draft saved from what staff accepted.

Each fact of a reading (``facts.Reading``) becomes a form: a box to accept it (ticked)
and its value's fields to edit. People and organizations are matched to the directory
(``matching``): each offers "use the existing record" (chosen when a name is one of its
names) or "create a new one". Facts that name a person, an organization, an agreement
or an agenda item name it through a menu of what the release holds, so a name edited
once is edited everywhere. A name that facts use but no fact of its own introduces gets
one (``review_facts``), so that it can be matched too.

The forms hold no state of their own: the page carries the pasted release, which is read
again on each request (the reader is deterministic), so the same facts come back in the
same order and the posted fields line up with them.

``save_draft`` writes everything accepted in one transaction through the write path
(``partnerships.services``), with one history revision naming the user: a draft
conference, never published, with its organizers, agenda, participants, posts, key
figures and photos, and the agreements signed there (drafts too). A record that its
model refuses (a figure with both a currency and a unit) stops the save: nothing is
written and the reviewer is told why.
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import reversion
from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events.images import SafeImageFormField
from events.languages import DEFAULT, column, text_columns
from events.models import (
    Conference,
    Currency,
    KeyFigure,
    KeyFigureQualifier,
    MediaItem,
    Organization,
    Organizer,
    OrganizerRole,
    Participation,
    ParticipationRole,
    Person,
    Position,
    Session,
    SessionKind,
)
from events.services import folded
from events.uploads import removed_on_failure

from .. import services
from ..models import Agreement, AgreementKind, Party, Signatory
from .facts import KINDS, Fact, Reading
from .matching import Match, matches
from .text import Sentence, sentences
from .widgets import QuickSelect

COMMENT = "Created from a press release."
NEW = "new"
# Longer than this, a fact's passage is a sentence: its value's words are marked in it.
PHRASE = 80
# At most this many facts to review in one release: each posts up to 7 fields, and what
# Django reads of one form is bounded (DATA_UPLOAD_MAX_NUMBER_FIELDS, config/settings.py).
MAX_FACTS = 600
# Photo forms beyond the release's captions (a photo it does not caption).
EXTRA_PHOTOS = 2
# At most this many photo forms in one review (each may upload a large file); captions
# beyond them are listed as left out.
MAX_PHOTOS = 10

ENTITIES = {"person": Person, "organization": Organization}
# Facts that name a person or an organization by the key given.
REFERENCES = {
    "person": ("position", "participation", "remark", "quote", "signatory"),
    "organization": ("organizer", "position", "party", "signatory"),
}

# The page's sections, in order, and the kinds of fact each holds (captions are photos).
SECTIONS = [
    (
        _("The conference"),
        ("title", "theme", "summary", "start_date", "end_date", "start_time", "end_time"),
    ),
    (_("Place"), ("venue", "city", "time_zone")),
    (_("Source"), ("publisher", "dateline", "published_on")),
    (_("Organizations"), ("organization",)),
    (_("People"), ("person",)),
    (_("Organizers"), ("organizer",)),
    (_("Agenda"), ("session",)),
    (_("Posts"), ("position",)),
    (_("Participants"), ("participation",)),
    (_("Remarks and quotes"), ("remark", "quote")),
    (_("Agreements"), ("agreement", "party", "signatory")),
    (_("Key figures"), ("key_figure",)),
]

KIND_LABELS = {
    "title": _("Title"),
    "theme": _("Theme"),
    "start_date": _("Start date"),
    "end_date": _("End date"),
    "start_time": _("Start time"),
    "end_time": _("End time"),
    "time_zone": _("Time zone"),
    "venue": _("Venue"),
    "city": _("City"),
    "summary": _("Summary"),
    "publisher": _("Publisher"),
    "dateline": _("Dateline"),
    "published_on": _("Published on"),
    "organizer": _("Organizer"),
    "session": _("Agenda item"),
    "person": _("Person"),
    "position": _("Post"),
    "participation": _("Participation"),
    "remark": _("Remarks"),
    "quote": _("Quote"),
    "organization": _("Organization"),
    "agreement": _("Agreement"),
    "party": _("Party"),
    "signatory": _("Signatory"),
    "key_figure": _("Key figure"),
    "caption": _("Photo caption"),
}

KEY_LABELS = {
    "text": _("Text"),
    "date": _("Date"),
    "time": _("Time"),
    "name": _("Name"),
    "organization": _("Organization"),
    "role": _("Role"),
    "title": _("Title"),
    "kind": _("Kind"),
    "start_time": _("Start time"),
    "person": _("Person"),
    "remote": _("Took part remotely"),
    "session": _("Agenda item"),
    "short_name": _("Short name"),
    "ref": _("Reference"),
    "value": _("Value"),
    "currency": _("Currency"),
    "agreement": _("Agreement"),
    "qualifier": _("Qualifier"),
    "unit": _("Unit"),
    "label": _("What is counted"),
    "as_of": _("As of"),
}

CHOICES = {
    ("organizer", "role"): OrganizerRole.choices,
    ("participation", "role"): ParticipationRole.choices,
    ("session", "kind"): SessionKind.choices,
    ("agreement", "kind"): AgreementKind.choices,
    ("key_figure", "qualifier"): KeyFigureQualifier.choices,
    ("key_figure", "currency"): [("", "—"), *Currency.choices],
    ("agreement", "currency"): [("", "—"), *Currency.choices],
}
DATES = {"date", "as_of"}
TIMES = {"time", "start_time"}
DECIMALS = {"value"}
LONG_TEXTS = {("summary", "text"), ("remark", "text"), ("quote", "text")}
# The longest text each field takes (the model's column).
MAX_LENGTHS = {
    "title": 300,
    "theme": 300,
    "venue": 300,
    "city": 120,
    "publisher": 200,
    "dateline": 120,
    ("person", "name"): 200,
    ("organization", "name"): 300,
    ("organization", "short_name"): 50,
    ("position", "title"): 200,
    ("session", "title"): 300,
    ("agreement", "title"): 300,
    ("key_figure", "unit"): 60,
    ("key_figure", "label"): 200,
    "caption": 500,
}
# What an accepted fact may leave blank; every other key needs a value.
OPTIONAL = {
    ("organization", "short_name"),
    ("session", "kind"),
    ("session", "date"),
    ("session", "start_time"),
    ("position", "organization"),
    ("participation", "remote"),
    ("participation", "session"),
    ("agreement", "ref"),
    ("agreement", "value"),
    ("agreement", "currency"),
    ("signatory", "organization"),
    ("key_figure", "qualifier"),
    ("key_figure", "unit"),
    ("key_figure", "currency"),
    ("key_figure", "as_of"),
}


def review_facts(reading: Reading) -> list[Fact]:
    """The facts to review: the reading's, captions aside (they go with the photos) and
    a person or organization named twice once, and a person or organization fact for
    each name that facts use without one."""
    named = {kind: Names() for kind in ENTITIES}
    facts = []
    for fact in reading.facts:
        if fact.kind == "caption":
            continue
        if fact.kind in ENTITIES:
            # One box per person or organization, however often the release names it.
            if (fact.value.get("name") or "").strip() in named[fact.kind].labels:
                continue
            named[fact.kind].add(fact.value)
        facts.append(fact)
    extra = []
    for fact in facts:
        for kind, referring in REFERENCES.items():
            name = (fact.value.get(kind) or "").strip() if fact.kind in referring else ""
            if name and named[kind].key_of(name) is None:
                named[kind].add({"name": name})
                extra.append(Fact(kind, {"name": name}, fact.start, fact.end, fact.confidence))
    return facts + extra


class Names:
    """The people (or organizations) of a release, by the name their fact gives; a
    reference finds its record by that name, its short name or either folded."""

    def __init__(self):
        self.keys: list[str] = []
        self.labels: dict[str, str] = {}
        self._lookup: dict[str, str] = {}

    def add(self, value: dict) -> None:
        key = value["name"].strip()
        if key in self.labels:
            return
        self.keys.append(key)
        self.labels[key] = key
        for name in (key, value.get("short_name") or ""):
            if name:
                self._lookup.setdefault(name, key)
                self._lookup.setdefault(folded(name), key)

    def key_of(self, name: str) -> str | None:
        name = (name or "").strip()
        return self._lookup.get(name) or self._lookup.get(folded(name)) if name else None

    def choices(self, blank: bool) -> list[tuple[str, str]]:
        options = [(key, self.labels[key]) for key in self.keys]
        return [("", "—"), *options] if blank else options


@dataclass
class Menus:
    """What references choose among: the release's people, organizations, agreements
    and agenda items."""

    names: dict[str, Names]
    agreements: list[tuple[str, str]]
    sessions: list[tuple[str, str]]

    @classmethod
    def of(cls, facts: list[Fact]) -> "Menus":
        names = {kind: Names() for kind in ENTITIES}
        for fact in facts:
            if fact.kind in ENTITIES:
                names[fact.kind].add(fact.value)
        agreements = [
            (fact.value.get("ref") or str(index), fact.value.get("title") or "")
            for index, fact in enumerate(facts)
            if fact.kind == "agreement"
        ]
        sessions = [
            (fact.value.get("title", ""), fact.value.get("title", ""))
            for fact in facts
            if fact.kind == "session" and fact.value.get("title")
        ]
        return cls(names, agreements, sessions)


def menu(label, choices) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, widget=QuickSelect)


def form_field(kind: str, key: str, menus: Menus) -> forms.Field:
    label = KEY_LABELS.get(key, key)
    if key in ENTITIES and kind != key:
        blank = (kind, key) in OPTIONAL
        return menu(label, menus.names[key].choices(blank))
    if key == "agreement":
        return menu(label, menus.agreements)
    if (kind, key) == ("participation", "session"):
        return menu(label, [("", "—"), *menus.sessions])
    if (kind, key) in CHOICES:
        return menu(label, CHOICES[(kind, key)])
    if key == "remote":
        return forms.BooleanField(label=label)
    if key in DATES:
        return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}))
    if key in TIMES:
        return forms.TimeField(label=label, widget=forms.TimeInput(attrs={"type": "time"}))
    if key in DECIMALS:
        return forms.DecimalField(label=label, min_value=0, max_digits=20, decimal_places=2)
    if (kind, key) == ("time_zone", "name"):
        return forms.CharField(label=label, max_length=64, validators=[known_time_zone])
    if key == "ref":
        return forms.CharField(label=label, widget=forms.HiddenInput)
    most = MAX_LENGTHS.get((kind, key)) or MAX_LENGTHS.get(kind)
    widget = forms.Textarea(attrs={"rows": 3}) if (kind, key) in LONG_TEXTS else None
    return forms.CharField(label=label, max_length=most, widget=widget, strip=True)


def known_time_zone(name: str) -> None:
    if name not in zoneinfo.available_timezones():
        raise ValidationError(gettext("“%(name)s” is not a time zone name.") % {"name": name})


def initial_of(kind: str, key: str, value, menus: Menus):
    if key in ENTITIES and kind != key:
        return menus.names[key].key_of(value or "") or ""
    if key in DATES and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if key in TIMES and value:
        try:
            return dt.time.fromisoformat(value)
        except ValueError:
            return value
    if key in DECIMALS and value not in (None, ""):
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return value
    return value


class FactForm(forms.Form):
    """One fact: accepted (ticked) or not, and its value's fields."""

    accept = forms.BooleanField(label=_("Accept"), required=False, initial=True)

    def __init__(self, fact: Fact, index: int, menus: Menus, text, bounds, data=None):
        super().__init__(data, prefix=f"fact-{index}")
        self.fact = fact
        self.kind_label = KIND_LABELS[fact.kind]
        self.source = source_html(text, fact, bounds)
        self.confidence = round(fact.confidence * 100)
        self.matches: list[Match] = []
        for key in KINDS[fact.kind]:
            self.fields[key] = form_field(fact.kind, key, menus)
            self.fields[key].required = False
            self.initial[key] = initial_of(fact.kind, key, fact.value.get(key), menus)
        if fact.kind in ENTITIES:
            self.key = fact.value["name"].strip()
            self.matches = matches(ENTITIES[fact.kind], fact.value["name"])
            options = [
                (str(match.record.pk), match_label(match, fact.kind)) for match in self.matches
            ]
            options.append((NEW, gettext("Create a new one")))
            confident = [match for match in self.matches if match.exact]
            # One record with the name: it. None: a new one. Namesakes: the reviewer
            # chooses (nothing is chosen for them, so as not to make a third).
            initial = None
            if len(confident) == 1:
                initial = str(confident[0].record.pk)
            elif not confident:
                initial = NEW
            self.fields["match"] = forms.ChoiceField(
                label=gettext("In the directory"),
                choices=options,
                widget=forms.RadioSelect,
                initial=initial,
                error_messages={
                    "required": gettext(
                        "Choose which record this is, or create a new one: more than one "
                        "record has this name."
                    )
                },
            )

    @property
    def value_fields(self):
        return [self[name] for name in self.fields if name not in ("accept", "match")]

    def full_clean(self):
        super().full_clean()
        # A rejected fact is not checked: whatever its fields hold is not saved.
        if self.is_bound and not self.cleaned_data.get("accept"):
            self._errors = ErrorDict()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("accept"):
            return cleaned
        for key in KINDS[self.fact.kind]:
            if (self.fact.kind, key) in OPTIONAL or key == "remote":
                continue
            if cleaned.get(key) in (None, "") and key not in self.errors:
                self.add_error(key, gettext("Give a value, or reject this fact."))
        return cleaned

    @property
    def accepted(self) -> bool:
        return bool(self.cleaned_data.get("accept"))

    def value(self, key: str):
        return self.cleaned_data.get(key)


def match_label(match: Match, kind: str) -> str:
    record = match.record
    if kind == "person":
        posts = ", ".join(str(post) for post in record.positions.all()[:2])
        name = f"{record.name} ({record.name_alt})" if record.name_alt else str(record.name)
        described = f"{name} — {posts}" if posts else name
    else:
        short = f" ({record.short_name})" if record.short_name else ""
        described = f"{record.name}{short}"
    return gettext("Use the existing record: %(record)s (id %(pk)s), %(reason)s") % {
        "record": described,
        "pk": record.pk,
        "reason": match.reason,
    }


def source_html(text: str, fact: Fact, bounds: list[Sentence]) -> str:
    """The sentence (or sentences) a fact came from, with what was read marked
    (``<mark>``): the passage the fact points at, or, when that is longer than a phrase,
    the words of its value in it (a name; a date as written is not), if they are."""
    start, end = max(0, min(fact.start, len(text))), max(0, min(fact.end, len(text)))
    if end <= start:
        return ""
    first = next((s.start for s in bounds if s.start <= start < s.end), start)
    last = next((s.end for s in reversed(bounds) if s.start < end <= s.end), end)
    first, last = min(first, start), max(last, end)
    passage = text[start:end]
    # A long passage (a sentence or more): the words of the value in it, if they are.
    words = len(passage) > PHRASE and sorted(
        (v for v in fact.value.values() if isinstance(v, str) and len(v) > 1 and v in passage),
        key=len,
        reverse=True,
    )
    if words:
        start = start + passage.index(words[0])
        end = start + len(words[0])
    return format_html("{}<mark>{}</mark>{}", text[first:start], text[start:end], text[end:last])


class PhotoForm(forms.Form):
    """A photo for the conference, with the caption the release gives it, if any."""

    image = SafeImageFormField(label=_("Photo"), required=False)
    caption = forms.CharField(label=_("Caption"), max_length=500, required=False)
    alt_text = forms.CharField(
        label=_("Alt text"),
        max_length=300,
        required=False,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    is_decorative = forms.BooleanField(label=_("Decorative"), required=False)
    on_agreements = forms.BooleanField(
        label=_("Also show it on the agreements signed there"), required=False
    )

    def __init__(self, index: int, text, bounds, fact: Fact | None = None, data=None, files=None):
        super().__init__(data, files, prefix=f"photo-{index}")
        self.fact = fact
        self.source = source_html(text, fact, bounds) if fact else ""
        self.confidence = round(fact.confidence * 100) if fact else None
        if fact:
            caption = fact.value.get("text", "")
            self.initial["caption"] = caption
            self.initial["on_agreements"] = any(
                word in caption.lower() for word in ("sign", "签", "簽")
            )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("image"):
            return cleaned
        if not cleaned.get("caption"):
            self.add_error("caption", gettext("A photo needs a caption."))
        if not cleaned.get("alt_text") and not cleaned.get("is_decorative"):
            self.add_error(
                "alt_text", gettext("Describe the image in the alt text, or mark it as decorative.")
            )
        return cleaned


@dataclass
class Review:
    """The forms of one reading, unbound (to show) or bound to a POST (to save)."""

    reading: Reading
    facts: list[FactForm]
    photos: list[PhotoForm]
    # The captions beyond MAX_PHOTOS: no form, said on the page and in the save's message.
    captions_left_out: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, reading: Reading, data=None, files=None) -> "Review":
        facts = review_facts(reading)
        menus = Menus.of(facts)
        text, bounds = reading.text, sentences(reading.text)
        forms_ = [FactForm(fact, i, menus, text, bounds, data) for i, fact in enumerate(facts)]
        captions = reading.of("caption")
        shown, left_out = captions[:MAX_PHOTOS], captions[MAX_PHOTOS:]
        photos = [PhotoForm(i, text, bounds, fact, data, files) for i, fact in enumerate(shown)] + [
            PhotoForm(len(shown) + i, text, bounds, None, data, files)
            for i in range(min(EXTRA_PHOTOS, MAX_PHOTOS - len(shown)))
        ]
        return cls(reading, forms_, photos, [fact.value.get("text", "") for fact in left_out])

    def sections(self):
        for title, kinds in SECTIONS:
            shown = [form for form in self.facts if form.fact.kind in kinds]
            if shown:
                yield title, shown

    def is_valid(self) -> bool:
        # Every form checked (not stopping at the first error), so each shows its errors.
        results = [form.is_valid() for form in [*self.facts, *self.photos]]
        return all(results)

    @property
    def error_count(self) -> int:
        return sum(1 for form in [*self.facts, *self.photos] if form.errors)


class Refused(Exception):
    """The draft could not be saved as reviewed; nothing was written."""


@dataclass
class Outcome:
    conference: Conference
    created: list[str] = field(default_factory=list)
    matched: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def texts(model, name: str, value: str, language: str) -> dict:
    """``value`` in the column of the release's language. English is required where the
    field is: a release in Chinese fills the English column too, until translated."""
    if not value:
        return {}
    if text_columns(model, name) == (name,):
        return {name: value}
    columns = {column(name, language): value}
    if language != DEFAULT and not model._meta.get_field(name).blank:
        columns.setdefault(column(name, DEFAULT), value)
    return columns


def checked(record, exclude=()):
    try:
        record.full_clean(exclude=list(exclude))
    except ValidationError as error:
        messages = [message for messages in error.message_dict.values() for message in messages]
        raise Refused(
            gettext("%(record)s: %(problem)s")
            % {"record": record._meta.verbose_name.capitalize(), "problem": " ".join(messages)}
        ) from error
    return record


def save_draft(review: Review, *, user) -> Outcome:
    """Everything accepted, in one transaction and one revision: a draft conference and
    the draft agreements signed there. ``Refused`` when a record cannot be saved."""
    with removed_on_failure(), services.history(user, COMMENT):
        draft = Draft(review)
        outcome = draft.write()
        if user is not None and reversion.is_registered(Conference):
            # Again, now with their rows: the revision holds them as they start.
            for record in [outcome.conference, *draft.agreements.values()]:
                reversion.add_to_revision(record)
    return outcome


class Draft:
    """The records written from one review, in the order they depend on each other."""

    def __init__(self, review: Review):
        self.review = review
        self.language = review.reading.language
        self.accepted = [form for form in review.facts if form.accepted]
        self.records: dict[tuple[str, str], Person | Organization | None] = {}
        self.agreements: dict[str, Agreement] = {}
        self.sessions: dict[str, Session] = {}
        self.posts: dict[tuple[int, int], Position] = {}
        self.outcome: Outcome | None = None

    def of(self, *kinds) -> list[FactForm]:
        return [form for form in self.accepted if form.fact.kind in kinds]

    def one(self, kind: str, key: str):
        found = self.of(kind)
        return found[0].value(key) if found else None

    def write(self) -> Outcome:
        conference = self.conference()
        self.outcome = Outcome(conference)
        for form in self.review.facts:
            if form.fact.kind in ENTITIES:
                self.entity(form.fact.kind, form.key)
        self.organizers(conference)
        self.agenda(conference)
        self.positions()
        self.participants(conference)
        self.key_figures(conference)
        self.agreements_signed(conference)
        self.photos(conference)
        return self.outcome

    def conference(self) -> Conference:
        title = self.one("title", "text")
        start = self.one("start_date", "date")
        if not title:
            raise Refused(gettext("A conference needs a title: accept or write one."))
        if not start:
            raise Refused(gettext("A conference needs a start date: accept or give one."))
        fields = {}
        for kind, name in [
            ("title", "title"),
            ("theme", "theme"),
            ("summary", "summary"),
            ("venue", "venue"),
            ("city", "city"),
        ]:
            fields.update(texts(Conference, name, self.one(kind, "text"), self.language))
        conference = Conference(
            **fields,
            start_date=start,
            end_date=self.one("end_date", "date"),
            start_time=self.one("start_time", "time"),
            end_time=self.one("end_time", "time"),
            source_publisher=self.one("publisher", "text") or "",
            source_dateline=self.one("dateline", "text") or "",
            source_date=self.one("published_on", "date"),
            publication_status=services.DRAFT,
        )
        if zone := self.one("time_zone", "name"):
            conference.time_zone = zone
        return services.save(checked(conference))

    # People and organizations: matched or new, once each.

    def entity(self, kind: str, key: str | None):
        if not key:
            return None
        if (kind, key) in self.records:
            return self.records[(kind, key)]
        form = next((f for f in self.review.facts if f.fact.kind == kind and f.key == key), None)
        record = None
        if form is not None and form.accepted:
            choice = form.value("match")
            if choice and choice != NEW:
                record = ENTITIES[kind]._default_manager.get(pk=choice)
                self.outcome.matched.append(str(record))
            else:
                record = self.new_entity(kind, form)
                self.outcome.created.append(f"{KIND_LABELS[kind].lower()} “{record}”")
        self.records[(kind, key)] = record
        return record

    def new_entity(self, kind: str, form: FactForm):
        name = form.value("name")
        if kind == "person":
            record = Person(**texts(Person, "name", name, self.language))
        else:
            record = Organization(
                **texts(Organization, "name", name, self.language),
                **texts(Organization, "short_name", form.value("short_name"), self.language),
            )
        return services.save(checked(record))

    def left_out(self, form: FactForm, why: str) -> None:
        self.outcome.left_out.append(f"{form.kind_label.lower()} ({why})")

    def organizers(self, conference):
        seen = set()
        for order, form in enumerate(self.of("organizer")):
            organization = self.entity("organization", form.value("organization"))
            if organization is None or organization.pk in seen:
                self.left_out(form, gettext("its organization was rejected or repeated"))
                continue
            seen.add(organization.pk)
            row = Organizer(
                conference=conference,
                organization=organization,
                role=form.value("role"),
                order=order,
            )
            services.save(checked(row))

    def agenda(self, conference):
        for order, form in enumerate(self.of("session")):
            session = Session(
                conference=conference,
                **texts(Session, "title", form.value("title"), self.language),
                kind=form.value("kind") or SessionKind.SPEECH,
                date=form.value("date"),
                start_time=form.value("start_time"),
                order=order,
            )
            services.save(checked(session))
            self.sessions.setdefault(form.fact.value.get("title", ""), session)
            self.sessions.setdefault(form.value("title"), session)

    def post(self, person, organization, title: str) -> Position | None:
        """The person's post at the organization with this title: theirs already, or new;
        ``None`` for a person the public site shows (a published record names them):
        a new post would show on their page at once, before the draft is published."""
        for held in person.positions.filter(organization=organization):
            if folded(held.title) == folded(title):
                return held
        if person.shown_on_published_record():
            return None
        order = person.positions.count()
        position = Position(
            person=person,
            organization=organization,
            **texts(Position, "title", title, self.language),
            order=order,
        )
        services.save(checked(position))
        self.outcome.created.append(f"{KIND_LABELS['position'].lower()} “{position}”")
        return position

    def positions(self):
        for form in self.of("position"):
            person = self.entity("person", form.value("person"))
            organization = self.entity("organization", form.value("organization"))
            if person is None:
                self.left_out(form, gettext("its person was rejected"))
                continue
            if organization is None:
                self.left_out(form, gettext("a post needs an organization"))
                continue
            position = self.post(person, organization, form.value("title"))
            if position is None:
                self.left_out(
                    form,
                    gettext(
                        "“%(title)s” at %(organization)s: %(person)s is shown on the public "
                        "site, so add it by hand once the draft is published"
                    )
                    % {
                        "title": form.value("title"),
                        "organization": organization,
                        "person": person,
                    },  # fmt: skip
                )
                continue
            self.posts.setdefault((person.pk, organization.pk), position)

    def participants(self, conference):
        rows: dict[tuple[int, str], Participation] = {}
        by_person: dict[int, Participation] = {}
        for form in self.of("participation"):
            person = self.entity("person", form.value("person"))
            if person is None:
                self.left_out(form, gettext("its person was rejected"))
                continue
            role = form.value("role")
            row = rows.get((person.pk, role))
            if row is None:
                row = Participation(conference=conference, person=person, role=role)
                rows[(person.pk, role)] = row
                by_person.setdefault(person.pk, row)
            row.remote = row.remote or bool(form.value("remote"))
            session = self.sessions.get(form.value("session") or "")
            row.session = row.session or session
        said: dict[int, dict[str, list[str]]] = {}
        for form in self.of("remark", "quote"):
            person = self.entity("person", form.value("person"))
            if person is None:
                self.left_out(form, gettext("its person was rejected"))
                continue
            if person.pk not in by_person:
                row = Participation(conference=conference, person=person)
                rows[(person.pk, row.role)] = by_person[person.pk] = row
            said.setdefault(person.pk, {"remark": [], "quote": []})[form.fact.kind].append(
                form.value("text")
            )
        for order, row in enumerate(rows.values()):
            row.order = order
            if by_person.get(row.person.pk) is row and row.person.pk in said:
                for name, kind in (("remarks", "remark"), ("quote", "quote")):
                    joined = "\n\n".join(said[row.person.pk][kind])
                    for attribute, text in texts(
                        Participation, name, joined, self.language
                    ).items():
                        setattr(row, attribute, text)
            services.save(checked(row))
            held = [post for (person, _), post in self.posts.items() if person == row.person.pk]
            if held:
                row.positions.add(*held)

    def key_figures(self, conference):
        for order, form in enumerate(self.of("key_figure")):
            figure = KeyFigure(
                conference=conference,
                value=form.value("value"),
                qualifier=form.value("qualifier") or "",
                currency=form.value("currency") or "",
                **texts(KeyFigure, "unit", form.value("unit") or "", self.language),
                **texts(KeyFigure, "label", form.value("label"), self.language),
                as_of=form.value("as_of"),
                order=order,
            )
            services.save(checked(figure))

    def agreements_signed(self, conference):
        for form in self.of("agreement"):
            value, currency = form.value("value"), form.value("currency") or ""
            agreement = Agreement(
                **texts(Agreement, "title", form.value("title"), self.language),
                kind=form.value("kind"),
                signed_on=conference.start_date,
                **texts(Agreement, "place", self.one("city", "text") or "", self.language),
                conference=conference,
                value_amount=value if currency else None,
                value_currency=currency if value is not None else "",
                publication_status=services.DRAFT,
            )
            if value is not None and not currency:
                self.left_out(form, gettext("its value has no currency"))
            services.save(checked(agreement))
            self.agreements[form.fact.value.get("ref") or form.value("ref") or ""] = agreement
            self.outcome.created.append(f"{KIND_LABELS['agreement'].lower()} “{agreement}”")
        parties: dict[tuple[int, int], Party] = {}

        def party_of(agreement, organization):
            key = (agreement.pk, organization.pk)
            if key not in parties:
                order = sum(1 for k in parties if k[0] == agreement.pk)
                party = Party(agreement=agreement, organization=organization, order=order)
                parties[key] = services.save(checked(party))
            return parties[key]

        for form in self.of("party"):
            agreement = self.agreements.get(form.value("agreement"))
            organization = self.entity("organization", form.value("organization"))
            if agreement is None or organization is None:
                self.left_out(form, gettext("its agreement or organization was rejected"))
                continue
            party_of(agreement, organization)
        signed = set()
        for order, form in enumerate(self.of("signatory")):
            agreement = self.agreements.get(form.value("agreement"))
            person = self.entity("person", form.value("person"))
            if agreement is None or person is None or (agreement.pk, person.pk) in signed:
                self.left_out(form, gettext("its agreement or person was rejected or repeated"))
                continue
            signed.add((agreement.pk, person.pk))
            organization = self.entity("organization", form.value("organization"))
            party = party_of(agreement, organization) if organization else None
            position = self.posts.get((person.pk, organization.pk)) if organization else None
            row = Signatory(
                agreement=agreement, person=person, party=party, position=position, order=order
            )
            services.save(checked(row))

    def photos(self, conference):
        for caption in self.review.captions_left_out:
            self.outcome.left_out.append(
                gettext("the caption “%(caption)s” (more photos than one review takes)")
                % {"caption": caption}
            )
        for order, form in enumerate(self.review.photos):
            image = form.cleaned_data.get("image")
            if not image:
                if form.fact is not None:
                    self.outcome.left_out.append(
                        gettext("the caption “%(caption)s” (no photo was given)")
                        % {"caption": form.cleaned_data.get("caption") or ""}
                    )
                continue
            item = MediaItem(
                conference=conference,
                image=image,
                **texts(MediaItem, "caption", form.cleaned_data["caption"], self.language),
                **texts(MediaItem, "alt_text", form.cleaned_data["alt_text"], self.language),
                is_decorative=form.cleaned_data["is_decorative"],
                order=order,
            )
            services.save(checked(item, exclude=["image"]))
            self.outcome.created.append(f"{gettext('photo')} “{item}”")
            if form.cleaned_data.get("on_agreements"):
                for agreement in self.agreements.values():
                    agreement.photos.add(item)
