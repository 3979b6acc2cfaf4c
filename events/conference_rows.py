"""What a conference's page and its API answer show of its participants, their posts and
its photos (and the page, of its topics), read with the conference's row as one JSON list
each (``CONFERENCE_ROWS``,
events/cards.py ``related_list``) and made into plain tuples and objects here, not model
instances: the showcase conference (30 participants and their people, 20 photos) made
about eighty, most of its page's cost after the SQL.

Translated texts come in the reader's language (or its fallback) as a ``Text`` that knows
its language, as a record's would. The tuples are what the page's card memory keys a
participant's card by (config/templating.py ``shown``)."""

import datetime as dt
import json
from typing import NamedTuple

from .cards import related_list
from .models import MediaItem, Participation, ParticipationPost, Person

CONFERENCE_ROWS = {
    # ``[key, order, session key, role, remote, person's slug, honorific, other-script
    # name, name, remarks, quote]``
    "participant_rows": related_list(
        Participation.objects,
        "id",
        "order",
        "session_id",
        "role",
        "remote",
        "person__slug",
        "person__honorific",
        "person__name_alt",
        texts=("person__name", "remarks", "quote"),
        order_by=("order", "id"),
        link="conference",
    ),
    # ``[participant's key, organization's slug, title, organization's name]``
    "post_rows": related_list(
        ParticipationPost.objects,
        "participation_id",
        "position__organization__slug",
        texts=("position__title", "position__organization__name"),
        order_by=("position__order", "position__id"),
        link="participation__conference",
    ),
    # ``[file, width, height, renditions, taken on, decorative, caption, alternative
    # text, credit]``, in the gallery's order
    "photo_rows": related_list(
        MediaItem.objects,
        "image",
        "width",
        "height",
        "renditions",
        "taken_on",
        "is_decorative",
        texts=("caption", "alt_text", "credit"),
        order_by=("order", "id"),
        link="conference",
    ),
}


class Named(NamedTuple):
    """A topic or organization where a conference names it."""

    slug: str
    name: str


def topics(conference) -> list[Named]:
    """The conference's topics from its ``topic_rows`` (events/cards.py ``topic_list``)."""
    return [Named(slug, name) for slug, name in conference.topic_rows]


class Post(NamedTuple):
    """A participant's post: ``title, organization.name``."""

    title: str
    organization: Named


class NamedPerson(NamedTuple):
    """A participant's person as the page shows and links to them."""

    slug: str
    name: str
    honorific: str
    name_alt: str

    # The person's own rules, which read nothing but these four (its address, and the
    # honorific before an English name).
    display_name = Person.display_name
    get_absolute_url = Person.get_absolute_url


class Speaker(NamedTuple):
    """A participation as the page and the answer read it."""

    pk: int
    order: int
    session_id: int | None
    role: str
    remote: bool
    person: NamedPerson
    remarks: str
    quote: str
    posts: list[Post]


def speakers(conference) -> list[Speaker]:
    """The conference's participants in the agenda's order (``order``, then key), each
    with their posts in their own order."""
    posts: dict = {}
    for key, slug, title, name in conference.post_rows:
        posts.setdefault(key, []).append(Post(title, Named(slug, name)))
    return [
        Speaker(
            key,
            order,
            session,
            role,
            bool(remote),  # (SQLite's JSON has 0 and 1)
            NamedPerson(slug, name, honorific, name_alt),
            remarks,
            quote,
            posts.get(key, []),
        )
        for key, order, session, role, remote, slug, honorific, name_alt, name, remarks, quote in (
            conference.participant_rows
        )
    ]


class StoredImage:
    """A photo's stored file: its name, storage and address."""

    __slots__ = ("name", "storage")

    def __init__(self, name: str, storage):
        self.name, self.storage = name, storage

    @property
    def url(self) -> str:
        return self.storage.url(self.name)


class Photo:
    """A photo as a gallery draws it (``picture`` in events/templatetags/events.py, the
    ``figure`` macro) and the API answers it (``read.photo``)."""

    __slots__ = (
        "image",
        "width",
        "height",
        "renditions",
        "taken_on",
        "caption",
        "alt",
        "alt_text",
        "credit",
    )

    def __init__(self, storage, image, width, height, renditions, taken_on, decorative, *texts):
        self.image = StoredImage(image, storage)
        self.width, self.height = width, height
        # (SQLite keeps a JSON column as text, and a date as text in a JSON list)
        self.renditions = json.loads(renditions) if isinstance(renditions, str) else renditions
        self.taken_on = dt.date.fromisoformat(taken_on) if taken_on else None
        self.caption, self.alt_text, self.credit = texts
        self.alt = "" if decorative else self.alt_text


def photos(conference) -> list[Photo]:
    storage = MediaItem._meta.get_field("image").storage
    return [Photo(storage, *row) for row in conference.photo_rows]
