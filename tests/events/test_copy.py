"""Starting a conference from an earlier one: a draft with its organizers, topics, place,
time zone and agenda outline, and nothing else."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from events.models import Conference, KeyFigure, MediaItem, Organizer, Participation, Session
from tests.factories import (
    ConferenceFactory,
    KeyFigureFactory,
    MediaItemFactory,
    OrganizerFactory,
    ParticipationFactory,
    SessionFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:events_conference_changelist")


def signed_in(role) -> Client:
    user = User.objects.create_user(f"{role.lower()}-copier", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)
    return client


def start_from(client, *conferences):
    return client.post(
        CHANGELIST,
        {"action": "start_from_this", "_selected_action": [c.pk for c in conferences]},
    )


def published_original() -> Conference:
    original = ConferenceFactory(
        title="Nanjing Week in Hong Kong",
        theme="Gathering in Hong Kong for a Better Future",
        summary="Six fields of opening up.",
        start_date=dt.date(2023, 2, 8),
        start_time=dt.time(9, 30),
        end_date=dt.date(2023, 2, 9),
        venue="Hong Kong Convention and Exhibition Centre",
        city="Hong Kong",
        country="China",
        time_zone="Asia/Hong_Kong",
        source_publisher="Xinhua",
        source_dateline="HONG KONG",
        source_date=dt.date(2023, 2, 9),
        publication_status="published",
    )
    original.topics.set([TopicFactory(name="Green finance"), TopicFactory(name="Trade")])
    OrganizerFactory(conference=original, role="organizer", order=0)
    OrganizerFactory(conference=original, role="supporter", order=1)
    SessionFactory(
        conference=original,
        title="Video address",
        kind="video_address",
        order=0,
        start_time=dt.time(9, 30),
        description="By Han Liming.",
    )
    SessionFactory(conference=original, title="Signing ceremony", kind="ceremony", order=3)
    ParticipationFactory(conference=original)
    KeyFigureFactory(conference=original)
    MediaItemFactory(conference=original)
    return original


def test_a_copy_is_a_draft_with_the_outline_and_nothing_else():
    original = published_original()
    counts = (Participation.objects.count(), KeyFigure.objects.count(), MediaItem.objects.count())

    response = start_from(signed_in("Editor"), original)

    copy = Conference.objects.exclude(pk=original.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:events_conference_change", args=[copy.pk])
    assert copy.title == "Nanjing Week in Hong Kong (copy)"
    assert copy.slug not in ("", original.slug)
    assert copy.publication_status == "draft" and copy.published_at is None
    assert (copy.venue, copy.city, copy.country, copy.time_zone) == (
        "Hong Kong Convention and Exhibition Centre",
        "Hong Kong",
        "China",
        "Asia/Hong_Kong",
    )
    # Dates are the original's, for the editor to change; the message says so.
    assert (copy.start_date, copy.start_time, copy.end_date) == (
        dt.date(2023, 2, 8),
        dt.time(9, 30),
        dt.date(2023, 2, 9),
    )
    assert any(
        "Its dates are the original's" in str(m) for m in get_messages(response.wsgi_request)
    )
    assert (copy.theme, copy.summary, copy.source_publisher, copy.source_dateline) == (
        "",
        "",
        "",
        "",
    )
    assert copy.source_date is None
    assert sorted(copy.topics.values_list("name", flat=True)) == ["Green finance", "Trade"]
    assert list(copy.organizers.values_list("organization", "role", "order")) == list(
        original.organizers.values_list("organization", "role", "order")
    )
    assert list(
        copy.sessions.values_list("title", "kind", "order", "start_time", "description")
    ) == [
        ("Video address", "video_address", 0, None, ""),
        ("Signing ceremony", "ceremony", 3, None, ""),
    ]
    assert (
        Participation.objects.count(),
        KeyFigure.objects.count(),
        MediaItem.objects.count(),
    ) == counts
    assert not copy.participations.exists()
    # The original is as it was.
    assert original.organizers.count() == 2 and original.sessions.count() == 2
    assert Organizer.objects.count() == 4 and Session.objects.count() == 4


def test_a_copy_is_in_history_and_not_public(client):
    original = published_original()
    start_from(signed_in("Publisher"), original)
    copy = Conference.objects.exclude(pk=original.pk).get()

    [version] = Version.objects.get_for_object(copy)
    assert version.revision.comment == f"Started from “{original}” (id {original.pk})."
    assert version.revision.user.username == "publisher-copier"
    assert client.get(copy.get_absolute_url()).status_code == 404


def test_a_copy_starts_from_one_conference():
    first, second = ConferenceFactory(), ConferenceFactory()

    response = start_from(signed_in("Editor"), first, second)

    assert "Select one conference to start a new one from." in [
        str(m) for m in get_messages(response.wsgi_request)
    ]
    assert Conference.objects.count() == 2


def test_a_long_title_still_fits_with_its_suffix():
    original = ConferenceFactory(title="x" * 300)

    start_from(signed_in("Editor"), original)

    copy = Conference.objects.exclude(pk=original.pk).get()
    assert len(copy.title) == 300 and copy.title.endswith(" (copy)")
