"""Detail pages build their querysets once per process and read the clock when they run:
a record scheduled to appear or to go shows on time on every detail page, however long
the process has been answering."""

import datetime as dt

import icalendar
import pytest
from django.utils import timezone

from events.ical import calendar_for
from events.models import Conference, Person
from tests.factories import (
    AgreementFactory,
    ConferenceFactory,
    OrganizerFactory,
    ParticipationFactory,
    PartyFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def test_a_queryset_built_before_a_publish_time_finds_the_record_after_it(time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    ConferenceFactory(published_at=timezone.now() + dt.timedelta(hours=1))
    published = Conference.objects.published()
    people = Person.objects.public()

    assert not published.exists()
    time_machine.shift(dt.timedelta(hours=1))
    assert published.all().count() == 1
    assert people.all().count() == 0  # no one took part


def test_every_detail_page_follows_the_publishing_window(client, time_machine, no_page_cache):
    time_machine.move_to(timezone.now(), tick=False)
    now = timezone.now()
    window = {
        "published_at": now + dt.timedelta(hours=1),
        "unpublish_at": now + dt.timedelta(hours=2),
    }
    conference = ConferenceFactory(**window)
    person = ParticipationFactory(conference=conference).person
    organization = OrganizerFactory(conference=conference).organization
    agreement = AgreementFactory(conference=conference, **window)
    PartyFactory(agreement=agreement)
    urls = [
        conference.get_absolute_url(),
        agreement.get_absolute_url(),
        person.get_absolute_url(),
        organization.get_absolute_url(),
    ]

    before = [client.get(url).status_code for url in urls]
    time_machine.shift(dt.timedelta(hours=1))
    during = [client.get(url).status_code for url in urls]
    time_machine.shift(dt.timedelta(hours=1))
    after = [client.get(url).status_code for url in urls]

    assert (before, during, after) == ([404] * 4, [200] * 4, [404] * 4)


def test_conference_page_lists_each_speakers_posts_in_their_order(client):
    conference = ConferenceFactory()
    later_post = PositionFactory(title="Chair", organization__name="Second Org", order=2)
    person = later_post.person
    first_post = PositionFactory(
        person=person, title="Mayor", organization__name="First Org", order=1
    )
    ParticipationFactory(conference=conference, person=person).positions.add(later_post, first_post)
    ParticipationFactory(conference=conference, person__name="No Post Person")

    response = client.get(conference.get_absolute_url())

    html = response.content.decode()
    assert '<ul class="posts"><li>Mayor, First Org</li><li>Chair, Second Org</li></ul>' in html
    performers = {
        p["name"]: p.get("jobTitle") for p in response.context["structured_data"]["performer"]
    }
    assert performers == {person.name: ["Mayor", "Chair"], "No Post Person": None}


def test_calendars_carry_the_zones_icalendar_would_add(rf):
    conferences = [
        ConferenceFactory(start_time=dt.time(9, 30), time_zone=zone)
        for zone in ["Europe/Berlin", "Asia/Hong_Kong", "Europe/Berlin"]
    ]
    request = rf.get("/en/")

    first, again = (calendar_for(conferences, request, "Conferences") for _ in range(2))

    parsed = icalendar.Calendar.from_ical(first)
    ours = sorted(zone.to_ical() for zone in parsed.timezones)
    parsed.subcomponents = [c for c in parsed.subcomponents if c.name != "VTIMEZONE"]
    parsed.add_missing_timezones()
    assert ours == sorted(zone.to_ical() for zone in parsed.timezones)
    zones = icalendar.Calendar.from_ical(first).timezones
    assert sorted(str(zone["TZID"]) for zone in zones) == ["Asia/Hong_Kong", "Europe/Berlin"]
    assert again == first


def test_agreement_page_names_its_conference_only_while_it_is_live(
    client, time_machine, no_page_cache
):
    time_machine.move_to(timezone.now(), tick=False)
    now = timezone.now()
    conference = ConferenceFactory(
        title="Window Conference",
        published_at=now + dt.timedelta(hours=1),
        unpublish_at=now + dt.timedelta(hours=2),
    )
    agreement = AgreementFactory(conference=conference)

    def named() -> bool:
        return "Window Conference" in client.get(agreement.get_absolute_url()).content.decode()

    before = named()
    time_machine.shift(dt.timedelta(hours=1))
    during = named()
    time_machine.shift(dt.timedelta(hours=1))
    assert (before, during, named()) == (False, True, False)


def test_posts_attached_to_a_participation_never_reach_anothers(client):
    from events.models import Participation
    from events.views import attach_posts

    mine = ParticipationFactory()
    mine.positions.add(PositionFactory(person=mine.person, title="Mine"))
    other = ParticipationFactory()
    other.positions.add(PositionFactory(person=other.person, title="Theirs"))
    participations = list(Participation.objects.filter(pk=mine.pk))

    attach_posts(participations)

    posts = participations[0].positions.all()
    assert [post.title for post in posts] == ["Mine"]
    assert [post.title for post in posts.filter(title="Theirs")] == []


def test_organization_page_lists_where_its_people_went_on_time(client, time_machine):
    """ "Represented at" (built once per process) names the published conferences its
    people attended and it did not organize, by the clock of each request."""
    time_machine.move_to(timezone.now(), tick=False)
    post = PositionFactory(organization__name="Guangdong Trade Office")
    organization = post.organization
    scheduled = ConferenceFactory(
        title="Pearl River Forum", published_at=timezone.now() + dt.timedelta(hours=1)
    )
    organized = ConferenceFactory(title="Delta Expo")
    OrganizerFactory(conference=organized, organization=organization)
    for conference in (scheduled, organized):
        ParticipationFactory(conference=conference, person=post.person).positions.add(post)

    def represented_at():
        page = client.get(organization.get_absolute_url()).content.decode()
        rows = page.split('<li class="row">')[1:]
        return [row.split("</a>")[0].split(">")[-1] for row in rows if "Represented ·" in row]

    assert represented_at() == []
    time_machine.shift(dt.timedelta(hours=1))
    assert represented_at() == ["Pearl River Forum"]
