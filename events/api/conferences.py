"""``/api/v1/conferences/``: published conferences, filtered, searched and sorted as the
conference list page is (``ConferenceFilter``), and one conference with all its page
shows: organizers, agenda, participants with their posts, remarks and quotes, key
figures, photos with their renditions, topics and source.

Agreements signed at a conference are at ``/api/v1/agreements/?conference=<slug>``
(partnerships is above this app)."""

from django.db.models import Prefetch
from django.http import HttpResponse
from ninja import Query, Router

from ..filters import ConferenceFilter, every_published_conference
from ..languages import columns, only
from ..models import Organizer, Participation, Topic
from ..views import attach_posts, participants_by_role
from . import read
from .answers import answered
from .errors import ERRORS, not_found
from .languages import answer_language
from .pages import PAGE_PARAMETERS, LanguageQuery, PageQuery, filtered, paginate, reads
from .schemas import ConferenceDetail, ConferenceList

router = Router(tags=["conferences"])

# What a conference's summary reads: its own columns shown (in the languages' columns,
# not its search text or body), and for the whole page at once its organizers and topics.
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
SUMMARY_PREFETCH = (
    Prefetch(
        "organizers",
        queryset=Organizer.objects.select_related("organization").only(
            "conference_id", "role", "organization__slug", *columns("organization__name")
        ),
    ),
    Prefetch("topics", queryset=only(Topic.objects, "slug", "name")),
)


def listed_conferences():
    """Published conferences as the list reads them (``every_published_conference``,
    the page's rows, with the columns a summary shows)."""
    return only(every_published_conference(), *SUMMARY_FIELDS)


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
    return {
        **dates(conference),
        "slug": conference.slug,
        "title": conference.title,
        "theme": conference.theme,
        "venue": conference.venue,
        "city": conference.city,
        "country": conference.country,
        "organizers": [
            {
                "organization": read.organization_ref(request, organizer.organization),
                **read.choice(organizer, "role"),
            }
            for organizer in conference.organizers.all()
        ],
        "topics": [read.topic_ref(request, topic) for topic in conference.topics.all()],
        "url": read.api_url(request, "conference-detail", conference.slug),
        "page_url": read.page_url(request, conference),
    }


@router.get("/", response={200: ConferenceList, **ERRORS}, url_name="conference-list")
@reads(*PAGE_PARAMETERS, filterset=ConferenceFilter)
def conference_list(request, response: HttpResponse, filters: Query[ConferenceQuery]):
    """Published conferences, newest first unless sorted (``sort=date|-date|title``)."""
    with answer_language(request, response) as code:
        conferences = filtered(request, ConferenceFilter, listed_conferences())
        # What the rows show, read for the page's rows only (one query per kind).
        conferences = conferences.prefetch_related(*SUMMARY_PREFETCH)
        return answered(
            response,
            ConferenceList,
            {
                "language": code,
                **paginate(
                    request, conferences, lambda rows: [summary(request, row) for row in rows]
                ),
            },
        )


def participant(request, participation) -> dict:
    return {
        "person": read.person_ref(request, participation.person),
        **read.choice(participation, "role"),
        "remote": participation.remote,
        "posts": [read.post(request, position) for position in participation.positions.all()],
        "remarks": participation.remarks,
        "quote": participation.quote,
    }


def agenda(request, conference, participations) -> list[dict]:
    speakers: dict = {}
    for participation in participations:
        speakers.setdefault(participation.session_id, []).append(participation.person)
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
                "speakers": [read.person_ref(request, p) for p in speakers.get(session.pk, [])],
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


@router.get(
    "/{uslug:slug}/", response={200: ConferenceDetail, **ERRORS}, url_name="conference-detail"
)
@reads("lang")
def conference_detail(request, slug: str, response: HttpResponse, query: Query[LanguageQuery]):
    """One published conference, with everything its page shows."""
    with answer_language(request, response) as code:
        conference = (
            every_published_conference()
            .filter(slug=slug)
            .prefetch_related(
                *SUMMARY_PREFETCH,
                "sessions",
                Prefetch(
                    "participations",
                    queryset=Participation.objects.select_related("person").order_by("order", "pk"),
                ),
                "key_figures",
                "media",
            )
            .first()
        )
        if conference is None:
            raise not_found(f"No published conference at {slug[:100]!r}.")
        participations = list(conference.participations.all())
        attach_posts(participations)
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
                "photos": [read.photo(request, item) for item in conference.media.all()],
                "source": {
                    "publisher": conference.source_publisher,
                    "dateline": conference.source_dateline,
                    "date": conference.source_date,
                    "url": conference.source_url,
                },
            },
        )
