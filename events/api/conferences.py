"""``/api/v1/conferences/``: published conferences, filtered, searched and sorted as the
conference list page is (``ConferenceFilter``), and one conference with all its page
shows: organizers, agenda, participants with their posts, remarks and quotes, key
figures, photos with their renditions, topics and source.

Agreements signed at a conference are at ``/api/v1/agreements/?conference=<slug>``
(partnerships is above this app)."""

import functools

from django.http import HttpResponse
from ninja import Query, Router

from ..cards import roles_and_topics
from ..compiled import TextIs, compile_once, compile_prefetches, given
from ..conference_rows import CONFERENCE_ROWS, Speaker, photos, speakers
from ..filters import ConferenceFilter, every_published_conference
from ..languages import current, only, without_originals
from ..models import Conference, Organizer, Participation
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


PERSON = "person-detail"


def participant(request, participation: Speaker) -> dict:
    person = participation.person
    return {
        "person": read.ref(request, PERSON, person.slug, person.name),
        **read.choice_of("role", participation.role, Participation.Role.choices),
        "remote": participation.remote,
        "posts": [
            read.post_ref(request, post.title, post.organization.slug, post.organization.name)
            for post in participation.posts
        ],
        "remarks": participation.remarks,
        "quote": participation.quote,
    }


def agenda(request, conference, participations: list[Speaker]) -> list[dict]:
    by_session: dict = {}
    for participation in participations:
        person = read.ref(request, PERSON, participation.person.slug, participation.person.name)
        by_session.setdefault(participation.session_id, []).append(person)
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
                "speakers": by_session.get(session.pk, []),
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
    conferences = conferences.annotate(**summary_lists(code), **CONFERENCE_ROWS)
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
        participations = speakers(conference)
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
                    participant(request, p)
                    for _label, group in participants_by_role(participations)
                    for p in group
                ],
                "key_figures": [key_figure(figure) for figure in conference.key_figures.all()],
                "photos": [read.photo(request, photo) for photo in photos(conference)],
                "source": {
                    "publisher": conference.source_publisher,
                    "dateline": conference.source_dateline,
                    "date": conference.source_date,
                    "url": conference.source_url,
                },
            },
        )
