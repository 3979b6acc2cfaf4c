"""The shapes of the agreements' answers (see events/api/schemas.py for the rules)."""

import datetime as dt

from ninja import Schema

from events.api.schemas import (
    ConferenceRef,
    OrganizationRef,
    Page,
    PersonRef,
    Photo,
    Post,
    TopicRef,
)


class PartyOut(Schema):
    organization: OrganizationRef
    role: str
    role_label: str


class Value(Schema):
    """What the agreement is worth: ``amount`` a decimal in a string, ``currency`` an ISO
    4217 code (empty when not money), ``estimate`` whether it is an estimate."""

    amount: str
    currency: str
    estimate: bool


class AgreementSummary(Schema):
    slug: str
    title: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    signed_on: dt.date | None
    place: str
    value: Value | None
    conference: ConferenceRef | None
    parties: list[PartyOut]
    topics: list[TopicRef]
    url: str
    page_url: str


class AgreementList(Page):
    results: list[AgreementSummary]


class SignatoryOut(Schema):
    """A person who signed (``role`` signed) or witnessed (``witnessed``) it, for one of
    its parties, in a post they held."""

    person: PersonRef
    role: str
    role_label: str
    party: OrganizationRef | None
    post: Post | None


class Document(Schema):
    """The agreement's text: a file the site serves, or an address elsewhere."""

    title: str
    url: str | None
    language: str
    language_label: str


class AgreementDetail(AgreementSummary):
    language: str
    summary: str
    signatories: list[SignatoryOut]
    documents: list[Document]
    photos: list[Photo]
