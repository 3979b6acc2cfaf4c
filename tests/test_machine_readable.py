"""Calendars, feed, sitemap, robots.txt and structured data, for other software."""

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.urls import reverse

from tests.factories import (
    ConferenceFactory,
    MediaItemFactory,
    OrganizerFactory,
    ParticipationFactory,
    PositionFactory,
    SessionFactory,
)
from tests.sitemaps import sitemap_entries

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def json_ld(response) -> dict:
    block = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(block.group(1))


def test_conference_ics_with_time_has_uid_dtstamp_and_zoned_dtstart(client):
    conference = ConferenceFactory(
        title="Nanjing Promotion Conference",
        start_date=dt.date(2023, 2, 8),
        start_time=dt.time(9, 30),
        end_time=dt.time(12, 0),
        venue="Grand Hyatt",
        time_zone="Asia/Hong_Kong",
    )

    response = client.get(reverse("events:ics", args=[conference.slug]))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert "\r\n" in body
    assert "DTSTART;TZID=Asia/Hong_Kong:20230208T093000" in body
    assert "DTEND;TZID=Asia/Hong_Kong:20230208T120000" in body
    assert "BEGIN:VTIMEZONE\r\nTZID:Asia/Hong_Kong" in body
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"conference-{conference.pk}@testserver"
    assert event.decoded("DTSTAMP").tzinfo is not None
    assert event.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(
        2023, 2, 8, 1, 30, tzinfo=dt.UTC
    )
    assert str(event["SUMMARY"]) == "Nanjing Promotion Conference"
    assert str(event["LOCATION"]) == "Grand Hyatt, Hong Kong"


def test_all_day_conference_ics_uses_dates(client):
    conference = ConferenceFactory(start_date=dt.date(2023, 2, 8), end_date=dt.date(2023, 2, 9))

    body = client.get(reverse("events:ics", args=[conference.slug])).content.decode()

    assert "DTSTART;VALUE=DATE:20230208" in body
    assert "DTEND;VALUE=DATE:20230210" in body


def test_calendar_of_all_published_conferences(client):
    ConferenceFactory.create_batch(3)
    ConferenceFactory(publication_status="draft")

    response = client.get(reverse("events:calendar"))

    calendar = icalendar.Calendar.from_ical(response.content)
    assert len(calendar.walk("VEVENT")) == 3
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]


def two_day_forum_with_agenda():
    conference = ConferenceFactory(
        title="Two-day forum",
        start_date=dt.date(2024, 3, 3),
        end_date=dt.date(2024, 3, 4),
        time_zone="Asia/Hong_Kong",
        venue="Convention Centre",
    )
    opening = SessionFactory(
        conference=conference,
        title="Opening",
        date=dt.date(2024, 3, 3),
        start_time=dt.time(9, 0),
        end_time=dt.time(9, 30),
        order=1,
    )
    visit = SessionFactory(
        conference=conference,
        title="Site visit",
        date=dt.date(2024, 3, 4),
        start_time=dt.time(14, 0),
        order=2,
    )
    # Neither dated nor timed: on the page, not in the calendar.
    SessionFactory(conference=conference, title="Undated", start_time=dt.time(10, 0), order=3)
    SessionFactory(conference=conference, title="No time", date=dt.date(2024, 3, 4), order=4)
    return conference, opening, visit


def test_conference_ics_has_an_event_per_dated_and_timed_session(client):
    conference, opening, visit = two_day_forum_with_agenda()

    response = client.get(reverse("events:ics", args=[conference.slug]))

    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert sorted(events) == sorted(
        [
            f"conference-{conference.pk}@testserver",
            f"session-{opening.pk}@testserver",
            f"session-{visit.pk}@testserver",
        ]
    )
    first = events[f"session-{opening.pk}@testserver"]
    assert str(first["SUMMARY"]) == "Opening (Two-day forum)"
    assert first["DTSTART"].params["TZID"] == "Asia/Hong_Kong"
    assert first.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(
        2024, 3, 3, 1, 0, tzinfo=dt.UTC
    )
    assert first.decoded("DTEND").astimezone(dt.UTC) == dt.datetime(
        2024, 3, 3, 1, 30, tzinfo=dt.UTC
    )
    assert str(first["LOCATION"]) == "Convention Centre, Hong Kong"
    assert str(first["RELATED-TO"]) == f"conference-{conference.pk}@testserver"
    second = events[f"session-{visit.pk}@testserver"]
    assert second.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(
        2024, 3, 4, 6, 0, tzinfo=dt.UTC
    )
    assert "DTEND" not in second
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Asia/Hong_Kong"]


def test_session_uids_stay_the_same_when_the_agenda_changes(client):
    conference, opening, visit = two_day_forum_with_agenda()
    url = reverse("events:ics", args=[conference.slug])
    before = client.get(url).content

    opening.title = "Opening ceremony"
    opening.start_time = dt.time(9, 15)
    opening.save()
    SessionFactory(
        conference=conference,
        title="Lunch",
        date=dt.date(2024, 3, 3),
        order=0,
        start_time=dt.time(12, 0),
    )
    after = client.get(url).content

    def uids(body):
        return {
            str(e["SUMMARY"]): str(e["UID"])
            for e in icalendar.Calendar.from_ical(body).walk("VEVENT")
        }

    assert (
        uids(after)["Opening ceremony (Two-day forum)"] == uids(before)["Opening (Two-day forum)"]
    )
    assert uids(after)["Site visit (Two-day forum)"] == uids(before)["Site visit (Two-day forum)"]


def test_calendar_of_all_conferences_has_no_session_events(client):
    two_day_forum_with_agenda()

    calendar = icalendar.Calendar.from_ical(client.get(reverse("events:calendar")).content)

    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == ["Two-day forum"]


def test_atom_feed_lists_published_conferences(client):
    ConferenceFactory(title="南京推介会", theme="Gathering in Hong Kong")

    response = client.get(reverse("events:feed"))

    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    (entry,) = root.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "南京推介会"
    assert (
        entry.find(f"{ATOM}link")
        .get("href")
        .endswith("/en/events/%E5%8D%97%E4%BA%AC%E6%8E%A8%E4%BB%8B%E4%BC%9A/")
    )


def test_sitemap_lists_public_pages(client, demo):
    locations = {url.find(f"{SITEMAP}loc").text for url in sitemap_entries(client)}
    assert "http://testserver/en/events/nanjing-promotion-conference-hong-kong-2023/" in locations
    assert "http://testserver/en/people/han-liming/" in locations
    assert "http://testserver/en/organizations/hktdc/" in locations
    assert (
        "http://testserver/en/partnerships/nanjing-china-merchants-group-strategic-cooperation-2023/"
        in locations
    )
    assert "http://testserver/en/events/" in locations


def test_robots_txt_points_to_the_sitemap_and_does_not_name_the_admin(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Allow: /",
        "Sitemap: http://testserver/sitemap.xml",
    ]


def test_admin_pages_tell_robots_not_to_index_them(client):
    response = client.get("/admin/login/")

    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_conference_json_ld_is_an_event_with_location_organizer_and_performers(client):
    conference = ConferenceFactory(
        title="Nanjing Promotion Conference",
        start_date=dt.date(2023, 2, 8),
        start_time=dt.time(9, 30),
        city="Hong Kong",
        country="China",
    )
    OrganizerFactory(conference=conference, organization__name="Nanjing Municipal Government")
    post = PositionFactory(person__name="Chen Zhichang", title="Mayor of Nanjing")
    ParticipationFactory(conference=conference, person=post.person).positions.add(post)
    MediaItemFactory(conference=conference)

    data = json_ld(client.get(conference.get_absolute_url()))

    assert data["@type"] == "Event"
    assert data["startDate"] == "2023-02-08T09:30:00+08:00"
    assert data["location"]["address"]["addressLocality"] == "Hong Kong"
    assert [o["name"] for o in data["organizer"]] == ["Nanjing Municipal Government"]
    assert data["performer"][0]["name"] == "Chen Zhichang"
    assert data["performer"][0]["jobTitle"] == ["Mayor of Nanjing"]
    assert data["image"][0].startswith("http://testserver/media/media/")


def test_json_ld_cannot_be_broken_out_of(client):
    conference = ConferenceFactory(title='</script><script>alert("x")</script>')

    content = client.get(conference.get_absolute_url()).content.decode()

    assert "<script>alert" not in content
    assert json_ld(client.get(conference.get_absolute_url()))["name"] == (
        '</script><script>alert("x")</script>'
    )


def test_person_and_organization_json_ld(client, demo):
    person_page = json_ld(client.get("/en/people/han-liming/"))
    organization_page = json_ld(client.get("/en/organizations/nanjing-government/"))
    person, organization = person_page["mainEntity"], organization_page["mainEntity"]

    assert person_page["@type"] == organization_page["@type"] == "ProfilePage"
    assert person["@type"] == "Person"
    assert person["alternateName"] == "韩立明"
    assert person["jobTitle"] == ["Member of the Standing Committee", "Secretary"]
    assert organization["@type"] == "Organization"
    assert "Nanjing Municipal Government" in organization["alternateName"]


def test_a_conference_names_each_organizer_as_the_organizations_own_page_does(client, demo):
    """Short name and other names too: the conference page reads the other names with its
    organizers' rows, the organization page from its own."""
    event = json_ld(client.get("/en/events/nanjing-promotion-conference-hong-kong-2023/"))
    organizers = event["organizer"]
    assert any("Nanjing Municipal Government" in o.get("alternateName", []) for o in organizers)
    for organizer in organizers:
        path = organizer["url"].removeprefix("http://testserver")
        assert organizer == json_ld(client.get(path))["mainEntity"]


def test_open_graph_and_canonical_url(client, demo):
    content = client.get(
        "/en/events/nanjing-promotion-conference-hong-kong-2023/?utm_source=newsletter"
    ).content.decode()

    canonical = "http://testserver/en/events/nanjing-promotion-conference-hong-kong-2023/"
    assert f'<link rel="canonical" href="{canonical}">' in content
    assert f'<meta property="og:url" content="{canonical}">' in content
    assert '<meta property="og:type" content="article">' in content
    assert '<meta property="og:title" content="Nanjing Promotion Conference' in content
    assert '<meta property="og:image" content="http://testserver/media/media/' in content


def test_sitemap_lists_each_page_in_every_language_with_its_alternates(client, demo):
    xhtml = "{http://www.w3.org/1999/xhtml}link"
    path = "/events/nanjing-promotion-conference-hong-kong-2023/"

    entries = {url.find(f"{SITEMAP}loc").text: url for url in sitemap_entries(client)}

    for language in ("en", "zh-hans", "zh-hant"):
        entry = entries[f"http://testserver/{language}{path}"]
        alternates = {link.get("hreflang"): link.get("href") for link in entry.iter(xhtml)}
        assert alternates == {
            "en": f"http://testserver/en{path}",
            "zh-hans": f"http://testserver/zh-hans{path}",
            "zh-hant": f"http://testserver/zh-hant{path}",
            "x-default": f"http://testserver{path}",
        }
