"""Scheduled publishing: a publish time ahead and an unpublish time, honoured everywhere."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.models import Conference, Person
from tests.factories import AgreementFactory, ConferenceFactory, ParticipationFactory
from tests.sitemaps import SECTIONS

pytestmark = pytest.mark.django_db

SECRET = "Quokka-Scheduled"


def later(hours: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(hours=hours)


PUBLIC_URLS = ["/en/", "/en/events/", "/en/partnerships/", "/en/people/", "/en/events/feed/",
               "/en/events/calendar.ics", "/sitemap.xml",
               *[f"/sitemap-{section}.xml" for section in SECTIONS]]  # fmt: skip


@pytest.mark.parametrize(
    ("publish_at", "unpublish_at"),
    [(later(2), None), (later(-48), later(-1))],
    ids=["not yet", "no longer"],
)
def test_outside_its_window_a_record_is_nowhere_public(client, publish_at, unpublish_at):
    conference = ConferenceFactory(
        title=f"{SECRET} conference", published_at=publish_at, unpublish_at=unpublish_at
    )
    participation = ParticipationFactory(conference=conference, person__name=f"{SECRET} Speaker")
    agreement = AgreementFactory(
        title=f"{SECRET} agreement",
        conference=conference,
        published_at=publish_at,
        unpublish_at=unpublish_at,
    )

    for url in PUBLIC_URLS:  # (in any case: addresses are lower case)
        assert SECRET.lower() not in client.get(url).content.decode().lower(), url
    for url in [
        conference.get_absolute_url(),
        agreement.get_absolute_url(),
        participation.person.get_absolute_url(),
    ]:
        assert client.get(url).status_code == 404, url
    assert not Conference.objects.published().exists()
    assert not Person.objects.public().exists()


def test_inside_its_window_a_record_is_public(client):
    conference = ConferenceFactory(
        title=f"{SECRET} conference", published_at=later(-1), unpublish_at=later(24)
    )

    assert client.get(conference.get_absolute_url()).status_code == 200
    assert SECRET in client.get("/en/events/").content.decode()


def test_a_draft_with_a_publish_time_in_the_past_stays_hidden(client):
    conference = ConferenceFactory(publication_status="draft", published_at=later(-5))

    assert client.get(conference.get_absolute_url()).status_code == 404


def test_staff_see_when_a_scheduled_page_goes_public(admin_client):
    scheduled = ConferenceFactory(published_at=timezone.make_aware(dt.datetime(2099, 3, 1, 9, 0)))
    ended = ConferenceFactory(published_at=later(-48), unpublish_at=later(-1))

    scheduled_page = admin_client.get(scheduled.get_absolute_url()).content.decode()
    ended_page = admin_client.get(ended.get_absolute_url()).content.decode()

    assert "<strong>Scheduled</strong>: visitors will see this page from 1 March 2099, 09:00" in (
        scheduled_page
    )
    assert "<strong>Unpublished</strong>: visitors no longer see this page" in ended_page


def test_unpublishing_before_publishing_is_refused():
    conference = ConferenceFactory.build(published_at=later(5), unpublish_at=later(1))

    with pytest.raises(ValidationError) as error:
        conference.full_clean()

    assert error.value.message_dict["unpublish_at"] == [
        "This time has passed or comes before the publish time: clear it or move it later to "
        "publish."
    ]


def test_publishing_keeps_a_publish_time_set_ahead():
    conference = ConferenceFactory(publication_status="draft", published_at=later(3))

    conference.publication_status = "published"
    conference.save()

    assert conference.published_at > timezone.now()
    assert not Conference.objects.published().exists()


def test_publishing_with_an_unpublish_time_already_past_is_refused_not_an_error(admin_client):
    from django.urls import reverse

    conference = ConferenceFactory(publication_status="draft", unpublish_at=later(-1))

    response = admin_client.post(
        reverse("admin:events_conference_changelist"),
        {"action": "publish", "_selected_action": [conference.pk]},
        follow=True,
    )

    assert "was not published: its unpublish time has passed" in response.content.decode()
    conference.refresh_from_db()
    assert conference.publication_status == "draft"
