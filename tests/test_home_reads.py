"""The home page builds its querysets once per process (per day for those that hold the
date) and reads the clock when they run: a conference moves from "Upcoming" to
"Recent" when its day has passed, and a record scheduled to appear shows on time,
however long the process has been answering."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import AgreementFactory, ConferenceFactory, KeyFigureFactory

pytestmark = pytest.mark.django_db


def sections(client) -> tuple[str, str]:
    """The page's "Upcoming" part and everything from "Recent" on."""
    page = client.get(reverse("home")).content.decode()
    upcoming, recent = page.split('id="recent-heading"')
    return upcoming.split('id="upcoming-heading"')[1], recent


def test_a_conference_moves_to_recent_when_its_days_are_over(client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    today = timezone.localdate()
    ConferenceFactory(title="Delta Forum", start_date=today, end_date=today + dt.timedelta(days=1))
    upcoming, recent = sections(client)
    assert "Delta Forum" in upcoming and "Delta Forum" not in recent
    time_machine.shift(dt.timedelta(days=1))  # under way: begun yesterday, ends today
    upcoming, recent = sections(client)
    assert "Delta Forum" in upcoming and "Delta Forum" not in recent
    time_machine.shift(dt.timedelta(days=2))
    upcoming, recent = sections(client)
    assert "Delta Forum" not in upcoming and "Delta Forum" in recent


def test_records_scheduled_to_appear_show_on_time(client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    today = timezone.localdate()
    soon = timezone.now() + dt.timedelta(minutes=30)
    sections(client)  # the querysets are built before the records exist
    past = ConferenceFactory(
        title="Scheduled Summit", start_date=today - dt.timedelta(days=9), published_at=soon
    )
    ConferenceFactory(
        title="Scheduled Fair", start_date=today + dt.timedelta(days=9), published_at=soon
    )
    AgreementFactory(title="Scheduled Accord", conference=past, published_at=soon)
    KeyFigureFactory(conference=past, label="Scheduled delegates")
    page = client.get(reverse("home")).content.decode()
    for name in ("Scheduled Summit", "Scheduled Fair", "Scheduled Accord", "Scheduled delegates"):
        assert name not in page
    time_machine.shift(dt.timedelta(hours=1))
    page = client.get(reverse("home")).content.decode()
    for name in ("Scheduled Summit", "Scheduled Fair", "Scheduled Accord", "Scheduled delegates"):
        assert name in page
