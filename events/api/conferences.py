"""``/api/v1/conferences/``: published conferences, filtered, searched and sorted as the
conference list page is (``ConferenceFilter``), and one conference with all its page
shows: organizers, agenda, participants with their posts, remarks and quotes, key
figures, photos with their renditions, topics and source.

Agreements signed at a conference are at ``/api/v1/agreements/?conference=<slug>``
(partnerships is above this app)."""

import datetime as dt
import functools
import json
from typing import NamedTuple

from django.http import HttpResponse
from ninja import Query, Router

from ..cards import related_list, roles_and_topics
from ..compiled import TextIs, compile_once, compile_prefetches, given
from ..filters import ConferenceFilter, every_published_conference
from ..languages import current, only, without_originals
from ..models import Conference, MediaItem, Organizer, Participation, ParticipationPost
from ..views import participants_by_role
from . import read
from .answers import answered
from .errors import ERRORS, not_found
from .languages import answer_language
from .pages import PAGE_PARAMETERS, LanguageQuery, PageQuery, filtered, list_answer, reads
from .schemas import ConferenceDetail, ConferenceList

router = Router(tags=["conferences"])

# What a conference's summary reads: its own columns shown (in the languages' columns,
# not its search text or body), and with each row its organizers and topics, read as one
# JSON list each (events/cards.py ``related_list``), not as model instances.
SUMMARY_FIELDS = (
    "slug",
    "title",
    "theme",
    "start_date",
    "end_date",
    "start_time",
    "end_time",
    "time_zone",
    "venue",
    "city",
    "country",
)


@functools.cache
def summary_lists(code: str) -> dict:
    """A conference's organizers and topics as its summary reads them, per language."""
    return roles_and_topics(
        Organizer.objects, Conference.topics.through.objects, "conference", code
    )


def summary_rows(conferences):
    """Conferences as ``summary`` reads them (``paginate``'s ``cards``)."""
    return only(conferences, *SUMMARY_FIELDS).annotate(**summary_lists(current()))


def listed_conferences():
    """Published conferences as the list reads them (``every_published_conference``,
    the page's rows)."""
    return every_published_conference()


class ConferenceQuery(PageQuery):
    """The conference list page's filters (``?year=2023&city=hong-kong&q=…``)."""

    q: str | None = None
    year: str | None = None
    city: str | None = None
    organization: str | None = None
    person: str | None = None
    topic: str | None = None
    when: str | None = None
    sort: str | None = None


def dates(conference) -> dict:
    return {
        "start_date": conference.start_date,
        "end_date": conference.end_date,
        "starts_at": conference.starts_at,
        "ends_at": conference.ends_at,
        "time_zone": conference.time_zone,
    }


def summary(request, conference) -> dict:
    """What a conference's summary says, from a row read by ``summary_rows``."""
    return {
        **dates(conference),
        "slug": conference.slug,
        "title": conference.title,
        "theme": conference.theme,
        "venue": conference.venue,
        "city": conference.city,
        "country": conference.country,
        "organizers": read.organizations_with_roles(
            request, conference.role_rows, Organizer.Role.choices
        ),
        "topics": read.topics_of(request, conference.topic_rows),
        "url": read.api_url(request, "conference-detail", conference.slug),
        "page_url": read.page_url(request, conference),
    }


@router.get("/", response={200: ConferenceList, **ERRORS}, url_name="conference-list")
@reads(*PAGE_PARAMETERS, filterset=ConferenceFilter)
def conference_list(request, response: HttpResponse, filters: Query[ConferenceQuery]):
    """Published conferences, newest first unless sorted (``sort=date|-date|title``)."""
    with answer_language(request, response) as code:
        conferences = filtered(request, ConferenceFilter, listed_conferences())
        return list_answer(
            request, response, ConferenceList, code, conferences, summary, summary_rows
        )


class Participant(NamedTuple):
    """A participant as its answer reads it (``participant_rows``): no model instances,
    the person's name and the texts in the reader's language."""

    pk: int
    order: int
    session_id: int | None
    role: str
    remote: bool
    person_slug: str
    person_name: str
    remarks: str
    quote: str


def participant(request, participation: Participant, posts: dict) -> dict:
    return {
        "person": read.ref(request, PERSON, participation.person_slug, participation.person_name),
        **read.choice_of("role", participation.role, Participation.Role.choices),
        "remote": participation.remote,
        "posts": posts.get(participation.pk, []),
        "remarks": participation.remarks,
        "quote": participation.quote,
    }


ORGANIZATION, PERSON = "organization-detail", "person-detail"
# What the answer shows of a conference's participants, their posts and photos, read
# with its row as one JSON list each (events/cards.py ``related_list``): a conference of
# thirty speakers and twenty photos made about eighty model instances.
DETAIL_LISTS = {
    "participant_rows": related_list(
        Participation.objects,
        "id",
        "order",
        "session_id",
        "role",
        "remote",
        "person__slug",
        texts=("person__name", "remarks", "quote"),
        order_by=("order", "id"),
        link="conference",
    ),
    # ``[participant key, organization slug, title, organization name]``
    "post_rows": related_list(
        ParticipationPost.objects,
        "participation_id",
        "position__organization__slug",
        texts=("position__title", "position__organization__name"),
        order_by=("position__order", "position__id"),
        link="participation__conference",
    ),
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


def participants_of(request, conference) -> tuple[list[Participant], dict]:
    """The conference's participants (``participant_rows``), and each one's posts as the
    answer shows them by the participant's key (``post_rows``)."""
    participants = [
        Participant(pk, order, session, role, bool(remote), slug, name, remarks, quote)
        for pk, order, session, role, remote, slug, name, remarks, quote in (
            conference.participant_rows
        )
    ]
    posts: dict = {}
    for key, slug, title, name in conference.post_rows:
        organization = read.ref(request, ORGANIZATION, slug, name)
        posts.setdefault(key, []).append({"title": title, "organization": organization})
    return participants, posts


class StoredImage:
    """A photo's file as ``read.photo`` reads it: its name and storage."""

    __slots__ = ("name", "storage")

    def __init__(self, name: str, storage):
        self.name, self.storage = name, storage

    @property
    def url(self) -> str:
        return self.storage.url(self.name)


class PhotoRow:
    """A photo as ``read.photo`` reads it, from ``photo_rows``."""

    __slots__ = ("image", "width", "height", "renditions", "taken_on", "caption", "alt", "credit")

    def __init__(self, storage, image, width, height, renditions, taken_on, decorative, *texts):
        self.image = StoredImage(image, storage)
        self.width, self.height = width, height
        # (SQLite keeps a JSON column as text, and a date as text in a JSON list)
        self.renditions = json.loads(renditions) if isinstance(renditions, str) else renditions
        self.taken_on = dt.date.fromisoformat(taken_on) if taken_on else None
        caption, alt_text, self.credit = texts
        self.caption, self.alt = caption, "" if decorative else alt_text


def photos_of(request, conference) -> list[dict]:
    storage = MediaItem._meta.get_field("image").storage
    return [read.photo(request, PhotoRow(storage, *row)) for row in conference.photo_rows]


def agenda(request, conference, participations: list[Participant]) -> list[dict]:
    speakers: dict = {}
    for participation in participations:
        person = read.ref(request, PERSON, participation.person_slug, participation.person_name)
        speakers.setdefault(participation.session_id, []).append(person)
    items = []
    for session in conference.sessions.all():
        session.conference = conference  # its day and times read the conference's
        items.append(
            {
                "title": session.title,
                **read.choice(session, "kind"),
                "date": session.day,
                "starts_at": session.starts_at,
                "ends_at": session.ends_at,
                "description": session.description,
                "speakers": speakers.get(session.pk, []),
            }
        )
    return items


def key_figure(figure) -> dict:
    return {
        "label": figure.label,
        "value": str(figure.value),
        **read.choice(figure, "qualifier"),
        "currency": figure.currency,
        "unit": figure.unit,
        "as_of": figure.as_of,
    }


@functools.cache
def detail_reader(code: str):
    """A published conference by its slug (``given(…, text=slug)``) with what its answer
    shows, built once per language and compiled once, as the pages' detail views are
    (events/views.py ``DetailPage``)."""
    conferences = without_originals(every_published_conference()).defer("search_text")
    conferences = conferences.annotate(**summary_lists(code), **DETAIL_LISTS)
    conferences = conferences.prefetch_related("sessions", "key_figures")
    conferences = compile_prefetches(compile_once(conferences))
    return compile_once(conferences.filter(TextIs("slug"))[:1])


@router.get(
    "/{uslug:slug}/", response={200: ConferenceDetail, **ERRORS}, url_name="conference-detail"
)
@reads("lang")
def conference_detail(request, slug: str, response: HttpResponse, query: Query[LanguageQuery]):
    """One published conference, with everything its page shows."""
    with answer_language(request, response) as code:
        found = list(given(detail_reader(code), text=slug))
        if not found:
            raise not_found(f"No published conference at {slug[:100]!r}.")
        conference = found[0]
        participations, posts = participants_of(request, conference)
        return answered(
            response,
            ConferenceDetail,
            {
                "language": code,
                **summary(request, conference),
                "summary": conference.summary,
                "body": conference.body,
                "agenda": agenda(request, conference, participations),
                # Grouped by role in the roles' order, as the page lists them.
                "participants": [
                    participant(request, p, posts)
                    for _label, group in participants_by_role(participations)
                    for p in group
                ],
                "key_figures": [key_figure(figure) for figure in conference.key_figures.all()],
                "photos": photos_of(request, conference),
                "source": {
                    "publisher": conference.source_publisher,
                    "dateline": conference.source_dateline,
                    "date": conference.source_date,
                    "url": conference.source_url,
                },
            },
        )
