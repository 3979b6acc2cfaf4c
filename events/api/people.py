"""``/api/v1/people/``: people with something published (``Person.objects.public()``,
as the people page lists them, by name in the reader's order), filtered, searched and
sorted as that page is (``PersonFilter``); one person with their posts and the published
conferences they took part in."""

from django.db.models import Prefetch
from django.http import HttpResponse
from ninja import Query, Router

from ..cards import related_list
from ..filters import PersonFilter, listed_people
from ..languages import only
from ..models import Participation, Person, Position, live
from . import read
from .answers import answered
from .errors import ERRORS, not_found
from .languages import answer_language
from .pages import PAGE_PARAMETERS, LanguageQuery, PageQuery, filtered, list_answer, reads
from .schemas import PersonDetail, PersonList

router = Router(tags=["people"])

# A person's columns a summary shows (not the search text or biography).
SUMMARY_FIELDS = ("slug", "name", "name_alt", "honorific")
# Each person's posts, read with the row as one JSON list of ``[organization slug, title,
# organization name]`` in the posts' order, each text in the reader's language.
POST_REFS = related_list(
    Position.objects,
    "organization__slug",
    texts=("title", "organization__name"),
    order_by=("order", "id"),
    link="person",
)


def summary_rows(people):
    """People as ``summary`` reads them (``paginate``'s ``cards``)."""
    return only(people, *SUMMARY_FIELDS).annotate(post_refs=POST_REFS)


class PersonQuery(PageQuery):
    """The people page's filters (``?q=陈之常&organization=hktdc&sort=-name``)."""

    q: str | None = None
    organization: str | None = None
    sort: str | None = None


def summary(request, person) -> dict:
    return {
        "slug": person.slug,
        "name": person.name,
        "name_alt": person.name_alt,
        "honorific": person.honorific,
        "posts": [
            read.post_ref(request, title, slug, name) for slug, title, name in person.post_refs
        ],
        "url": read.api_url(request, "person-detail", person.slug),
        "page_url": read.page_url(request, person),
    }


@router.get("/", response={200: PersonList, **ERRORS}, url_name="person-list")
@reads(*PAGE_PARAMETERS, filterset=PersonFilter)
def person_list(request, response: HttpResponse, filters: Query[PersonQuery]):
    """People with something published, by name in the reader's order (pinyin in
    Chinese) unless sorted (``sort=name|-name``)."""
    with answer_language(request, response) as code:
        people = filtered(request, PersonFilter, listed_people())
        return list_answer(request, response, PersonList, code, people, summary, summary_rows)


@router.get("/{uslug:slug}/", response={200: PersonDetail, **ERRORS}, url_name="person-detail")
@reads("lang")
def person_detail(request, slug: str, response: HttpResponse, query: Query[LanguageQuery]):
    """One person: names, posts, and the published conferences they took part in."""
    with answer_language(request, response) as code:
        appearances = (
            Participation.objects.filter(live("conference__"))
            .select_related("conference")
            .order_by("-conference__start_date", "pk")
        )
        person = (
            Person.objects.public()
            .filter(slug=slug)
            .annotate(post_refs=POST_REFS)
            .prefetch_related(Prefetch("participations", queryset=appearances))
            .first()
        )
        if person is None:
            raise not_found(f"No public person at {slug[:100]!r}.")
        return answered(
            response,
            PersonDetail,
            {
                "language": code,
                **summary(request, person),
                "bio": person.bio,
                "conferences": [
                    {
                        "conference": read.conference_ref(request, appearance.conference),
                        **read.choice(appearance, "role"),
                        "remote": appearance.remote,
                        "remarks": appearance.remarks,
                    }
                    for appearance in person.participations.all()
                ],
            },
        )
