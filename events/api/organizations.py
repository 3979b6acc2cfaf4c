"""``/api/v1/organizations/``: organizations with something published
(``Organization.objects.public()``, as the organizations page lists them, by name in the
reader's order), filtered, searched and sorted as that page is (``OrganizationFilter``);
one organization with its other names, its public people, the published conferences it
organized and those its people took part in."""

from django.db.models import Prefetch
from django.http import HttpResponse
from ninja import Query, Router

from ..cards import related_list
from ..filters import OrganizationFilter, listed_organizations
from ..languages import only
from ..models import Organization, OrganizationAlias, Organizer, Position, live, person_is_public
from ..views import conferences_attended
from . import read
from .answers import answered
from .errors import ERRORS, not_found
from .languages import answer_language
from .pages import PAGE_PARAMETERS, LanguageQuery, PageQuery, filtered, list_answer, reads
from .schemas import OrganizationDetail, OrganizationList

router = Router(tags=["organizations"])

# An organization's columns a summary shows (not the search text or description).
SUMMARY_FIELDS = (
    "slug",
    "name",
    "short_name",
    "kind",
    "city",
    "region",
    "country",
    "website",
)
# Its other names, read with the row as one JSON list, in the order they were added.
ALIAS_NAMES = related_list(OrganizationAlias.objects, "name", order_by=("id",), link="organization")


def summary_rows(organizations):
    """Organizations as ``summary`` reads them (``paginate``'s ``cards``)."""
    return only(organizations, *SUMMARY_FIELDS).annotate(alias_names=ALIAS_NAMES)


class OrganizationQuery(PageQuery):
    """The organizations page's filters (``?kind=government&city=nanjing``)."""

    q: str | None = None
    kind: str | None = None
    city: str | None = None
    sort: str | None = None


def summary(request, organization) -> dict:
    return {
        "slug": organization.slug,
        "name": organization.name,
        "short_name": organization.short_name,
        "aliases": organization.alias_names,
        **read.choice(organization, "kind"),
        "city": organization.city,
        "region": organization.region,
        "country": organization.country,
        "website": organization.website,
        "url": read.api_url(request, "organization-detail", organization.slug),
        "page_url": read.page_url(request, organization),
    }


@router.get("/", response={200: OrganizationList, **ERRORS}, url_name="organization-list")
@reads(*PAGE_PARAMETERS, filterset=OrganizationFilter)
def organization_list(request, response: HttpResponse, filters: Query[OrganizationQuery]):
    """Organizations with something published, by name in the reader's order unless
    sorted (``sort=name|-name``)."""
    with answer_language(request, response) as code:
        organizations = filtered(request, OrganizationFilter, listed_organizations())
        return list_answer(
            request, response, OrganizationList, code, organizations, summary, summary_rows
        )


@router.get(
    "/{uslug:slug}/", response={200: OrganizationDetail, **ERRORS}, url_name="organization-detail"
)
@reads("lang")
def organization_detail(request, slug: str, response: HttpResponse, query: Query[LanguageQuery]):
    """One organization: its names, its public people and the conferences it organized."""
    with answer_language(request, response) as code:
        people = (
            Position.objects.filter(person_is_public("person"))
            .select_related("person")
            .order_by("order", "pk")
        )
        organized = (
            Organizer.objects.filter(live("conference__"))
            .select_related("conference")
            .order_by("-conference__start_date", "pk")
        )
        organization = (
            Organization.objects.public()
            .filter(slug=slug)
            .annotate(alias_names=ALIAS_NAMES)
            .prefetch_related(
                Prefetch("positions", queryset=people),
                Prefetch("organizer_roles", queryset=organized),
            )
            .first()
        )
        if organization is None:
            raise not_found(f"No public organization at {slug[:100]!r}.")
        organized = [role.conference for role in organization.organizer_roles.all()]
        # "Represented at", as the page has it: where its people spoke, not organized by it.
        attended = (
            conferences_attended()
            .filter(participations__positions__organization=organization)
            .exclude(pk__in=[conference.pk for conference in organized])
        )
        return answered(
            response,
            OrganizationDetail,
            {
                "language": code,
                **summary(request, organization),
                "description": organization.description,
                "people": [
                    {"person": read.person_ref(request, post.person), "title": post.title}
                    for post in organization.positions.all()
                ],
                "conferences_organized": [
                    {
                        "conference": read.conference_ref(request, role.conference),
                        **read.choice(role, "role"),
                    }
                    for role in organization.organizer_roles.all()
                ],
                "conferences_attended": [
                    read.conference_ref(request, conference) for conference in attended
                ],
            },
        )
