"""Each public page makes the same number of queries however many rows it shows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    AgreementDocumentFactory,
    AgreementFactory,
    ConferenceFactory,
    KeyFigureFactory,
    MediaItemFactory,
    OrganizationAliasFactory,
    OrganizerFactory,
    ParticipationFactory,
    PartyFactory,
    PositionFactory,
    SessionFactory,
    SignatoryFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def queries_for(client, url) -> int:
    client.get(url)  # warm per-process caches (content types, templates)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def full_conference(size: int):
    """A conference with `size` of every related row the page shows."""
    conference = ConferenceFactory()
    conference.topics.add(*TopicFactory.create_batch(size))
    for _ in range(size):
        organizer = OrganizerFactory(conference=conference)
        OrganizationAliasFactory(organization=organizer.organization)
        session = SessionFactory(conference=conference, date=conference.start_date)
        post = PositionFactory()
        participation = ParticipationFactory(
            conference=conference, person=post.person, session=session
        )
        participation.positions.add(post, PositionFactory(person=post.person))
        KeyFigureFactory(conference=conference)
        photo = MediaItemFactory(conference=conference)
        agreement = AgreementFactory(conference=conference)
        PartyFactory(agreement=agreement)
        agreement.photos.add(photo)
    return conference


def full_agreement(size: int):
    agreement = AgreementFactory()
    agreement.topics.add(*TopicFactory.create_batch(size))
    for _ in range(size):
        party = PartyFactory(agreement=agreement)
        post = PositionFactory(organization=party.organization)
        SignatoryFactory(agreement=agreement, person=post.person, party=party, position=post)
        AgreementDocumentFactory(agreement=agreement)
        agreement.photos.add(MediaItemFactory())
    return agreement


def test_conference_page(client):
    one = full_conference(1)
    many = full_conference(12)

    assert queries_for(client, many.get_absolute_url()) == queries_for(
        client, one.get_absolute_url()
    )


def test_agreement_page(client):
    one = full_agreement(1)
    many = full_agreement(12)

    assert queries_for(client, many.get_absolute_url()) == queries_for(
        client, one.get_absolute_url()
    )


def test_person_page(client):
    def person_with(size):
        post = PositionFactory()
        person = post.person
        for _ in range(size):
            PositionFactory(person=person)
            ParticipationFactory(person=person).positions.add(post)
            SignatoryFactory(person=person, position=post, party=PartyFactory())
        return person

    one, many = person_with(1), person_with(12)

    assert queries_for(client, many.get_absolute_url()) == queries_for(
        client, one.get_absolute_url()
    )


def test_organization_page(client):
    def organization_with(size):
        organizer = OrganizerFactory()
        organization = organizer.organization
        for _ in range(size):
            OrganizationAliasFactory(organization=organization)
            OrganizerFactory(organization=organization)
            post = PositionFactory(organization=organization)
            ParticipationFactory(person=post.person).positions.add(post)
            PartyFactory(organization=organization)
        return organization

    one, many = organization_with(1), organization_with(12)

    assert queries_for(client, many.get_absolute_url()) == queries_for(
        client, one.get_absolute_url()
    )


@pytest.mark.parametrize(
    "url", ["/en/", "/en/events/", "/en/partnerships/", "/en/people/", "/en/organizations/"]
)
def test_home_and_lists(client, url):
    full_conference(1)
    full_agreement(1)
    few = queries_for(client, url)

    for _ in range(4):
        full_conference(3)
        full_agreement(3)
    many = queries_for(client, url)

    assert many == few


def test_filtered_list(client):
    full_conference(1)
    url = "/en/events/?q=conference&year=2023&when=past"
    few = queries_for(client, url)
    for _ in range(5):
        full_conference(2)

    assert queries_for(client, url) == few


def two_day_agenda(size: int):
    conference = ConferenceFactory(
        start_date=dt.date(2024, 3, 3), end_date=dt.date(2024, 3, 4), start_time=dt.time(9, 0)
    )
    for index in range(size):
        session = SessionFactory(
            conference=conference,
            date=dt.date(2024, 3, 3 + index % 2),
            start_time=dt.time(10, 0),
            end_time=dt.time(11, 0),
        )
        ParticipationFactory(conference=conference, session=session)
    return conference


@pytest.mark.parametrize("page", ["page", "ics"])
def test_agenda_over_several_days(client, page):
    one, many = two_day_agenda(1), two_day_agenda(12)

    def url(conference):
        if page == "ics":
            return f"/en/events/{conference.slug}.ics"
        return conference.get_absolute_url()

    assert queries_for(client, url(many)) == queries_for(client, url(one))
