"""Drafts stay hidden from visitors; staff preview them at the public URL."""

import pytest

from tests.factories import (
    AgreementFactory,
    ConferenceFactory,
    OrganizerFactory,
    ParticipationFactory,
)

pytestmark = pytest.mark.django_db


def test_published_conference_page_shows_its_title(client):
    conference = ConferenceFactory(title="南京推介会", theme="Gathering in Hong Kong")

    response = client.get(conference.get_absolute_url())

    assert response.status_code == 200
    assert "南京推介会" in response.content.decode()
    assert "Draft" not in response.content.decode()


def test_draft_conference_is_a_404_for_visitors(client):
    conference = ConferenceFactory(publication_status="draft")

    assert client.get(conference.get_absolute_url()).status_code == 404


def test_staff_preview_a_draft_with_a_banner(admin_client):
    conference = ConferenceFactory(title="Not yet announced", publication_status="draft")

    response = admin_client.get(conference.get_absolute_url())

    assert response.status_code == 200
    assert "<strong>Draft</strong>" in response.content.decode()


def test_draft_agreement_is_a_404_for_visitors(client, admin_client):
    agreement = AgreementFactory(publication_status="draft")

    assert client.get(agreement.get_absolute_url()).status_code == 404
    assert admin_client.get(agreement.get_absolute_url()).status_code == 200


def test_people_and_organizations_of_drafts_only_are_a_404(client):
    participation = ParticipationFactory(conference__publication_status="draft")
    organizer = OrganizerFactory(conference=participation.conference)

    assert client.get(participation.person.get_absolute_url()).status_code == 404
    assert client.get(organizer.organization.get_absolute_url()).status_code == 404

    participation.conference.publication_status = "published"
    participation.conference.save()

    assert client.get(participation.person.get_absolute_url()).status_code == 200
    assert client.get(organizer.organization.get_absolute_url()).status_code == 200
