"""Dates outside 1900–2200 are refused by the models, and a value already stored that
far out (written past validation) crashes no public page, calendar, feed or sitemap."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.test import Client
from django.urls import reverse

from events.models import Conference, KeyFigure, MediaItem, Position
from partnerships.models import Agreement
from tests.admin_forms import CONFERENCE_INLINES, conference_form, empty_inlines
from tests.factories import (
    AgreementFactory,
    ConferenceFactory,
    KeyFigureFactory,
    MediaItemFactory,
    OrganizerFactory,
    ParticipationFactory,
    PartyFactory,
    PositionFactory,
    SessionFactory,
    SignatoryFactory,
)
from tests.sitemaps import SECTIONS

pytestmark = pytest.mark.django_db

LATEST = dt.date(9999, 12, 31)
EARLIEST = dt.date(1, 1, 1)
LATEST_MOMENT = dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.UTC)
EARLIEST_MOMENT = dt.datetime(1, 1, 1, 0, 0, tzinfo=dt.UTC)


def extreme_site(day: dt.date, with_times: bool):
    """A published conference, agreement, post, figure and photo all dated ``day``,
    stored with ``.update()`` (as raw SQL or an old import would, past validation)."""
    conference = ConferenceFactory(title="Far-off Forum", start_time=dt.time(9))
    SessionFactory(conference=conference, start_time=dt.time(9), end_time=dt.time(10))
    organizer = OrganizerFactory(conference=conference)
    participation = ParticipationFactory(conference=conference)
    position = PositionFactory(person=participation.person, organization=organizer.organization)
    participation.positions.add(position)
    agreement = AgreementFactory(title="Far-off Agreement", conference=conference)
    PartyFactory(agreement=agreement, organization=organizer.organization)
    SignatoryFactory(agreement=agreement, person=participation.person)
    KeyFigureFactory(conference=conference)
    MediaItemFactory(conference=conference)
    moment = {dt.date.max: LATEST_MOMENT, dt.date.min: EARLIEST_MOMENT}[day]
    # Times that, moved to UTC, fall outside what a datetime can hold.
    if with_times and day == dt.date.max:
        times = {"start_time": dt.time(23, 59), "time_zone": "America/Los_Angeles"}
    elif with_times:
        times = {"start_time": dt.time(0, 0), "time_zone": "Asia/Hong_Kong"}
    else:
        times = {"start_time": None}
    times["end_time"] = times["start_time"]
    Conference.objects.filter(pk=conference.pk).update(
        start_date=day, end_date=day, source_date=day, **times
    )
    Agreement.objects.filter(pk=agreement.pk).update(signed_on=day)
    Position.objects.filter(pk=position.pk).update(start_date=day, end_date=day)
    KeyFigure.objects.filter(conference=conference).update(as_of=day)
    MediaItem.objects.filter(conference=conference).update(taken_on=day)
    if day == dt.date.min:  # published long ago
        Conference.objects.filter(pk=conference.pk).update(published_at=moment)
        Agreement.objects.filter(pk=agreement.pk).update(published_at=moment)
    else:  # published now, never unpublished
        Conference.objects.filter(pk=conference.pk).update(unpublish_at=moment)
        Agreement.objects.filter(pk=agreement.pk).update(unpublish_at=moment)
    conference.refresh_from_db()
    agreement.refresh_from_db()
    return conference, agreement, participation.person, organizer.organization


@pytest.mark.parametrize("with_times", [True, False], ids=["timed", "all-day"])
@pytest.mark.parametrize("day", [LATEST, EARLIEST], ids=["9999-12-31", "0001-01-01"])
def test_no_public_surface_crashes_on_an_extreme_date_already_stored(day, with_times):
    conference, agreement, person, organization = extreme_site(day, with_times)
    surfaces = [
        "/en/",
        reverse("events:list"),
        f"{reverse('events:list')}?when=upcoming",
        f"{reverse('events:list')}?when=past",
        f"{reverse('events:list')}?sort=date",
        f"{reverse('events:list')}?year=2200",
        conference.get_absolute_url(),
        reverse("events:ics", kwargs={"slug": conference.slug}),
        reverse("events:calendar"),
        reverse("events:feed"),
        reverse("partnerships:list"),
        agreement.get_absolute_url(),
        person.get_absolute_url(),
        reverse("people:list"),
        organization.get_absolute_url(),
        reverse("organizations:list"),
        reverse("sitemap"),
        *[reverse("sitemap-section", kwargs={"section": section}) for section in SECTIONS],
    ]
    client = Client(raise_request_exception=False)
    for path in surfaces:
        response = client.get(path)
        assert response.status_code == 200, path
    calendar = client.get(reverse("events:calendar")).content.decode()
    assert "SUMMARY;LANGUAGE=en:Far-off Forum" in calendar
    assert "Far-off Forum" in client.get(reverse("events:feed")).content.decode()
    assert "Far-off Agreement" in client.get(agreement.get_absolute_url()).content.decode()
    if day == LATEST and not with_times:  # no day after 9999-12-31: a length instead
        assert "DURATION:P1D" in calendar


@pytest.mark.parametrize("day", [LATEST, EARLIEST], ids=["9999-12-31", "0001-01-01"])
def test_the_admin_lists_and_opens_records_with_an_extreme_date(day, admin_client):
    conference, agreement, person, organization = extreme_site(day, with_times=True)
    for model, record in [("events/conference", conference), ("partnerships/agreement", agreement)]:
        listed = admin_client.get(reverse(f"admin:{model.replace('/', '_')}_changelist"))
        assert listed.status_code == 200, model
        opened = admin_client.get(
            reverse(f"admin:{model.replace('/', '_')}_change", args=[record.pk])
        )
        assert opened.status_code == 200, model
    person_page = admin_client.get(reverse("admin:events_person_change", args=[person.pk]))
    assert person_page.status_code == 200


# Refused by the models, with a clear message in the admin.

OUT_OF_RANGE = "Give a date between 1 January 1900 and 31 December 2200."


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (lambda: ConferenceFactory.build(), "start_date"),
        (lambda: ConferenceFactory.build(), "end_date"),
        (lambda: ConferenceFactory.build(), "source_date"),
        (lambda: ConferenceFactory.build(), "published_at"),
        (lambda: ConferenceFactory.build(), "unpublish_at"),
        (lambda: AgreementFactory.build(conference=None), "signed_on"),
        (lambda: AgreementFactory.build(conference=None), "published_at"),
        (lambda: AgreementFactory.build(conference=None), "unpublish_at"),
        (lambda: KeyFigureFactory.build(conference=ConferenceFactory()), "as_of"),
        (lambda: PositionFactory.build(person=PositionFactory().person), "start_date"),
        (lambda: PositionFactory.build(person=PositionFactory().person), "end_date"),
        (lambda: MediaItemFactory.build(conference=ConferenceFactory()), "taken_on"),
    ],
)
@pytest.mark.parametrize(
    "day", [dt.date(1899, 12, 31), dt.date(2201, 1, 1), EARLIEST, LATEST], ids=str
)
def test_every_content_date_outside_1900_to_2200_is_refused(record, field, day):
    instance = record()
    if isinstance(instance._meta.get_field(field), models.DateTimeField):
        value = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
    else:
        value = day
    if field == "end_date" and hasattr(instance, "start_date"):
        instance.start_date = min(instance.start_date or day, day)
    setattr(instance, field, value)
    with pytest.raises(ValidationError) as refused:
        instance.full_clean(exclude={"image", "slug"})
    assert OUT_OF_RANGE in refused.value.message_dict[field]


def test_the_ends_of_the_range_are_accepted():
    for day in (dt.date(1900, 1, 1), dt.date(2200, 12, 31)):
        conference = ConferenceFactory.build(start_date=day, end_date=day, source_date=day)
        conference.full_clean(exclude={"slug"})


def test_the_admin_explains_a_date_out_of_range_and_saves_nothing(admin_client):
    url = reverse("admin:events_conference_add")
    data = {
        **conference_form(title="Typo Forum", start_date="20233-02-08"),
        **empty_inlines(*CONFERENCE_INLINES),
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert not Conference.objects.filter(title="Typo Forum").exists()
    data["start_date"] = "2233-02-08"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert OUT_OF_RANGE in response.content.decode()
    assert not Conference.objects.filter(title="Typo Forum").exists()
    data["start_date"] = "0001-01-01"
    response = admin_client.post(url, data)
    assert OUT_OF_RANGE in response.content.decode()
    assert not Conference.objects.filter(title="Typo Forum").exists()
