"""List pages build their querysets (the list's rows, the filter menus') once per process
and read the clock when they run: a record scheduled to appear or to go shows on time on
every list, and as a filter value, however long the process has been answering."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import (
    AgreementFactory,
    ConferenceFactory,
    OrganizerFactory,
    ParticipationFactory,
    PartyFactory,
)

pytestmark = pytest.mark.django_db


def test_every_list_and_filter_follows_the_publishing_window(client, time_machine, settings):
    settings.PAGE_CACHE_SECONDS = 0
    time_machine.move_to(timezone.now(), tick=False)
    now = timezone.now()
    window = {
        "published_at": now + dt.timedelta(hours=1),
        "unpublish_at": now + dt.timedelta(hours=2),
    }
    conference = ConferenceFactory(title="Quokka Summit", **window)
    person = ParticipationFactory(conference=conference, person__name="Quokka Speaker").person
    organization = OrganizerFactory(
        conference=conference, organization__name="Quokka Bureau"
    ).organization
    agreement = AgreementFactory(title="Quokka Accord", conference=conference, **window)
    PartyFactory(agreement=agreement, organization=organization)
    shown = {
        "/en/events/": "Quokka Summit",
        "/en/people/": "Quokka Speaker",
        "/en/organizations/": "Quokka Bureau",
        "/en/partnerships/": "Quokka Accord",
        f"/en/events/?organization={organization.slug}": "Quokka Summit",
        f"/en/events/?person={person.slug}": "Quokka Summit",
        f"/en/partnerships/?conference={conference.slug}": "Quokka Accord",
    }

    def visible() -> dict:
        return {url: text in client.get(url).content.decode() for url, text in shown.items()}

    before = visible()  # (the querysets built now, before the publish time)
    time_machine.shift(dt.timedelta(hours=1, minutes=1))
    during = visible()
    time_machine.shift(dt.timedelta(hours=1))
    after = visible()

    assert before == dict.fromkeys(shown, False)
    assert during == dict.fromkeys(shown, True)
    assert after == dict.fromkeys(shown, False)
