"""The shapes of the API's answers (ninja Schemas, which the OpenAPI schema shows).

Texts are given in the requested language with the site's fallbacks (a record's
translated field read while that language is active: events/languages.py). A choice
(a role, a kind) is given as its value, which stays the same in every language, and its
``*_label`` in the requested language. Every record links to its API address (``url``)
and to its public page (``page_url``)."""

import datetime as dt

from ninja import Schema


class Page(Schema):
    """The paging keys of every list."""

    language: str
    count: int
    next: str | None
    previous: str | None


# --- Short references to a record, as other records name it.


class TopicRef(Schema):
    slug: str
    name: str
    url: str


class OrganizationRef(Schema):
    slug: str
    name: str
    url: str


class PersonRef(Schema):
    slug: str
    name: str
    url: str


class ConferenceRef(Schema):
    slug: str
    title: str
    start_date: dt.date
    end_date: dt.date | None
    url: str


class Post(Schema):
    """A post a person holds: its title at an organization."""

    title: str
    organization: OrganizationRef


# --- Topics.


class TopicOut(TopicRef):
    pass


class TopicList(Page):
    results: list[TopicOut]


class TopicDetail(TopicOut):
    language: str


# --- Conferences.


class Organizer(Schema):
    organization: OrganizationRef
    role: str
    role_label: str


class Dates(Schema):
    """When a conference is held, in its own time zone (an IANA name): the times are
    given when set, as ISO 8601 with the zone's offset."""

    start_date: dt.date
    end_date: dt.date | None
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    time_zone: str


class ConferenceSummary(Dates):
    slug: str
    title: str
    theme: str
    venue: str
    city: str
    country: str
    organizers: list[Organizer]
    topics: list[TopicRef]
    url: str
    page_url: str


class ConferenceList(Page):
    results: list[ConferenceSummary]


class AgendaItem(Schema):
    title: str
    kind: str
    kind_label: str
    date: dt.date
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    description: str
    speakers: list[PersonRef]


class Participant(Schema):
    person: PersonRef
    role: str
    role_label: str
    remote: bool
    posts: list[Post]
    remarks: str
    quote: str


class KeyFigure(Schema):
    """A number the conference reported: "more than 5,720 Hong Kong-funded projects"
    is ``qualifier`` more_than, ``value`` "5720.00", ``label`` the projects. ``value`` is
    a decimal in a string (no rounding through floating point)."""

    label: str
    value: str
    qualifier: str
    qualifier_label: str
    currency: str
    unit: str
    as_of: dt.date | None


class Rendition(Schema):
    width: int
    height: int
    webp: str | None
    fallback: str | None


class Photo(Schema):
    caption: str
    alt: str
    credit: str
    taken_on: dt.date | None
    width: int | None
    height: int | None
    url: str
    renditions: list[Rendition]


class Source(Schema):
    publisher: str
    dateline: str
    date: dt.date | None
    url: str


class ConferenceDetail(ConferenceSummary):
    language: str
    summary: str
    body: str
    agenda: list[AgendaItem]
    participants: list[Participant]
    key_figures: list[KeyFigure]
    photos: list[Photo]
    source: Source


# --- People.


class PersonSummary(Schema):
    slug: str
    name: str
    name_alt: str
    honorific: str
    posts: list[Post]
    url: str
    page_url: str


class PersonList(Page):
    results: list[PersonSummary]


class Appearance(Schema):
    conference: ConferenceRef
    role: str
    role_label: str
    remote: bool
    remarks: str


class PersonDetail(PersonSummary):
    language: str
    bio: str
    conferences: list[Appearance]


# --- Organizations.


class OrganizationSummary(Schema):
    slug: str
    name: str
    short_name: str
    aliases: list[str]
    kind: str
    kind_label: str
    city: str
    region: str
    country: str
    website: str
    url: str
    page_url: str


class OrganizationList(Page):
    results: list[OrganizationSummary]


class Member(Schema):
    person: PersonRef
    title: str


class Organized(Schema):
    conference: ConferenceRef
    role: str
    role_label: str


class OrganizationDetail(OrganizationSummary):
    language: str
    description: str
    people: list[Member]
    conferences_organized: list[Organized]
    # Published conferences where its people spoke (by a post held there), not
    # organized by it: the page's "Represented at".
    conferences_attended: list[ConferenceRef]
