"""``/api/v1/agreements/``: published agreements, filtered, searched and sorted as the
agreement list page is (``AgreementFilter``), and one agreement with its parties,
signatories, documents, value and photos.

The conference an agreement was signed at is named only when it is live, as the page
names it: a published agreement signed at a draft conference does not reveal it."""

import functools

from django.db.models import Prefetch, Q
from django.http import HttpResponse
from ninja import Query, Router

from events.api import read
from events.api.answers import answered
from events.api.errors import ERRORS, not_found
from events.api.languages import answer_language
from events.api.pages import (
    PAGE_PARAMETERS,
    LanguageQuery,
    PageQuery,
    filtered,
    list_answer,
    reads,
)
from events.cards import roles_and_topics
from events.languages import columns, current, only
from events.models import MediaItem, photo_owner_is_live
from events.templatetags.events import is_web_address

from ..filters import AgreementFilter
from ..models import Agreement, Party, Signatory
from ..views import every_published_agreement
from .schemas import AgreementDetail, AgreementList

router = Router(tags=["agreements"])

# What an agreement's summary reads: its own columns shown, its conference's (named only
# when live), and with each row its parties and topics as one JSON list each
# (events/cards.py ``related_list``), not as model instances.
SUMMARY_FIELDS = (
    "slug",
    "title",
    "kind",
    "status",
    "signed_on",
    "place",
    "value_amount",
    "value_currency",
    "value_is_estimate",
    "conference__slug",
    *columns("conference__title"),
    "conference__start_date",
    "conference__end_date",
    "conference__publication_status",
    "conference__published_at",
    "conference__unpublish_at",
)


@functools.cache
def summary_lists(code: str) -> dict:
    """An agreement's parties and topics as its summary reads them, per language."""
    return roles_and_topics(Party.objects, Agreement.topics.through.objects, "agreement", code)


def summary_rows(agreements):
    """Agreements as ``summary`` reads them (``paginate``'s ``cards``)."""
    agreements = agreements.select_related("conference")
    return only(agreements, *SUMMARY_FIELDS).annotate(**summary_lists(current()))


class AgreementQuery(PageQuery):
    """The agreement list page's filters (``?kind=memorandum&organization=hktdc``)."""

    q: str | None = None
    kind: str | None = None
    organization: str | None = None
    year: str | None = None
    topic: str | None = None
    status: str | None = None
    conference: str | None = None
    sort: str | None = None


def value(agreement) -> dict | None:
    if agreement.value_amount is None:
        return None
    return {
        "amount": str(agreement.value_amount),
        "currency": agreement.value_currency,
        "estimate": agreement.value_is_estimate,
    }


def summary(request, agreement) -> dict:
    """What an agreement's summary says, from a row read by ``summary_rows`` (or with
    ``summary_lists``)."""
    conference = agreement.conference
    return {
        "slug": agreement.slug,
        "title": agreement.title,
        **read.choice(agreement, "kind"),
        **read.choice(agreement, "status"),
        "signed_on": agreement.signed_on,
        "place": agreement.place,
        "value": value(agreement),
        "conference": (
            read.conference_ref(request, conference)
            if conference is not None and conference.is_live
            else None
        ),
        "parties": read.organizations_with_roles(request, agreement.role_rows, Party.Role.choices),
        "topics": read.topics_of(request, agreement.topic_rows),
        "url": read.api_url(request, "agreement-detail", agreement.slug),
        "page_url": read.page_url(request, agreement),
    }


def published_agreements():
    return every_published_agreement().select_related("conference")


@router.get("/", response={200: AgreementList, **ERRORS}, url_name="agreement-list")
@reads(*PAGE_PARAMETERS, filterset=AgreementFilter)
def agreement_list(request, response: HttpResponse, filters: Query[AgreementQuery]):
    """Published agreements, newest signed first unless sorted (``sort=date|-date|title``)."""
    with answer_language(request, response) as code:
        agreements = filtered(request, AgreementFilter, every_published_agreement())
        return list_answer(
            request, response, AgreementList, code, agreements, summary, summary_rows
        )


def signatory(request, signature) -> dict:
    party, position = signature.party, signature.position
    return {
        "person": read.person_ref(request, signature.person),
        **read.choice(signature, "role"),
        "party": read.organization_ref(request, party.organization) if party else None,
        "post": read.post(request, position) if position else None,
    }


def document(request, item) -> dict:
    """The document's address as the page links it: the file the site serves, else
    its web address (only an http(s) one)."""
    if item.file:
        url = read.absolute(request, item.file.url)
    else:
        url = item.url if is_web_address(item.url) else None
    return {"title": item.title, "url": url, **read.choice(item, "language")}


@router.get(
    "/{uslug:slug}/", response={200: AgreementDetail, **ERRORS}, url_name="agreement-detail"
)
@reads("lang")
def agreement_detail(request, slug: str, response: HttpResponse, query: Query[LanguageQuery]):
    """One published agreement, with everything its page shows."""
    with answer_language(request, response) as code:
        # The photos visitors see on the page: those of a live conference, and those
        # of no conference (this agreement, live, shows them).
        photos = MediaItem.objects.filter(Q(conference__isnull=True) | photo_owner_is_live())
        agreement = (
            published_agreements()
            .filter(slug=slug)
            .annotate(**summary_lists(code))
            .prefetch_related(
                Prefetch(
                    "signatories",
                    queryset=Signatory.objects.select_related(
                        "person", "party__organization", "position__organization"
                    ),
                ),
                "documents",
                Prefetch("photos", queryset=photos),
            )
            .first()
        )
        if agreement is None:
            raise not_found(f"No published agreement at {slug[:100]!r}.")
        return answered(
            response,
            AgreementDetail,
            {
                "language": code,
                **summary(request, agreement),
                "summary": agreement.summary,
                "signatories": [signatory(request, s) for s in agreement.signatories.all()],
                "documents": [document(request, item) for item in agreement.documents.all()],
                "photos": [read.photo(request, item) for item in agreement.photos.all()],
            },
        )
