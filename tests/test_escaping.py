"""Whatever staff type comes out harmless on every page, feed, calendar, sitemap and JSON-LD."""

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

import icalendar
import pytest

from events.models import OrganizationAlias, Topic
from tests.factories import (
    AgreementDocumentFactory,
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
from tests.sitemaps import sitemap_documents

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'&</title><!--'
# A line break and a property, to try to forge calendar and feed entries.
INJECTION = "\r\nX-INJECTED:1\r\nEND:VEVENT"


def payload(field: str) -> str:
    return f"{field} {PAYLOAD}"


@pytest.fixture
def hostile(db):
    conference = ConferenceFactory(
        title=payload("title") + INJECTION,
        theme=payload("theme"),
        summary=payload("summary"),
        body=payload("body"),
        venue=payload("venue"),
        city=payload("city"),
        country=payload("country"),
        source_publisher=payload("publisher"),
        source_dateline=payload("dateline"),
        source_url="javascript:alert(document.cookie)",
    )
    conference.topics.add(Topic.objects.create(name=payload("topic")))
    organizer = OrganizerFactory(
        conference=conference,
        organization__name=payload("organization"),
        organization__short_name="<b>X</b>",
        organization__city=payload("org city"),
        organization__website="JaVaScRiPt:alert(2)",
        organization__description=payload("description"),
    )
    OrganizationAlias.objects.create(organization=organizer.organization, name=payload("alias"))
    post = PositionFactory(
        person__name=payload("person"),
        person__name_alt=payload("name alt"),
        person__honorific="<img src=x onerror=1>",
        person__bio=payload("bio"),
        organization=organizer.organization,
        title=payload("post"),
    )
    session = SessionFactory(
        conference=conference,
        title=payload("session") + INJECTION,
        description=payload("agenda") + INJECTION,
        date=conference.start_date,
        start_time=dt.time(9, 0),
    )
    participation = ParticipationFactory(
        conference=conference,
        person=post.person,
        session=session,
        remarks=payload("remarks"),
        quote=payload("quote"),
    )
    participation.positions.add(post)
    KeyFigureFactory(conference=conference, label=payload("figure"), unit="<i>u</i>")
    photo = MediaItemFactory(
        conference=conference,
        caption=payload("caption"),
        alt_text=payload("alt"),
        credit=payload("credit"),
    )
    agreement = AgreementFactory(
        conference=conference,
        title=payload("agreement"),
        summary=payload("agreement summary"),
        place=payload("place"),
    )
    agreement.photos.add(photo)
    party = PartyFactory(agreement=agreement, organization=organizer.organization)
    SignatoryFactory(agreement=agreement, person=post.person, party=party, position=post)
    AgreementDocumentFactory(
        agreement=agreement, title=payload("document"), url="javascript:alert(3)"
    )
    return conference, agreement, post.person, organizer.organization


def page_urls(hostile):
    conference, agreement, person, organization = hostile
    return [
        "/en/",
        "/en/events/",
        "/en/events/?q=script",
        conference.get_absolute_url(),
        "/en/partnerships/",
        agreement.get_absolute_url(),
        "/en/people/",
        person.get_absolute_url(),
        "/en/organizations/",
        organization.get_absolute_url(),
    ]


def test_every_page_escapes_what_staff_typed(client, hostile):
    for url in page_urls(hostile):
        content = client.get(url).content.decode()
        assert "<script>alert" not in content, url
        assert "<img src=x" not in content, url
        assert "<b>X</b>" not in content and "<i>u</i>" not in content, url
        assert "</title><!--" not in content, url
        assert "&lt;script&gt;alert" in content, url


def test_javascript_urls_are_never_links(client, hostile):
    for url in page_urls(hostile):
        content = client.get(url).content.decode()
        assert not re.search(r"href\s*=\s*[\"']?\s*javascript:", content, re.IGNORECASE), url


def test_json_ld_stays_inside_its_block_and_keeps_the_text(client, hostile):
    conference, agreement, person, organization = hostile
    for obj, name in ((conference, "title"), (person, "person"), (organization, "organization")):
        content = client.get(obj.get_absolute_url()).content.decode()
        (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
        assert "<" not in block and ">" not in block
        data = json.loads(block)
        data = data.get("mainEntity", data)  # a person's or organization's profile page
        assert data["name"].startswith(payload(name))
        assert "sameAs" not in block  # the javascript: website is left out


def test_feed_escapes_titles_and_cannot_be_forged(client, hostile):
    response = client.get("/en/events/feed/")

    root = ET.fromstring(response.content)
    entries = root.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 1
    title = entries[0].find("{http://www.w3.org/2005/Atom}title").text
    assert PAYLOAD in title
    # The summary is HTML to a feed reader: the staff text in it must be escaped there.
    summary = entries[0].find("{http://www.w3.org/2005/Atom}summary").text
    assert "<script" not in summary and "<img" not in summary
    assert "&lt;script&gt;" in summary


@pytest.mark.parametrize("which", ["one", "all"])
def test_calendars_escape_text_and_cannot_be_forged(client, hostile, which):
    conference = hostile[0]
    url = f"/en/events/{conference.slug}.ics" if which == "one" else "/en/events/calendar.ics"

    body = client.get(url).content

    calendar = icalendar.Calendar.from_ical(body)
    events = calendar.walk("VEVENT")
    # The conference's own file has its timed agenda item too; the calendar of all does not.
    assert len(events) == (2 if which == "one" else 1)
    assert not any("X-INJECTED" in event for event in events)
    assert b"\r\nX-INJECTED:1" not in body
    assert str(events[0]["SUMMARY"]).startswith(payload("title"))
    if which == "one":
        assert str(events[1]["SUMMARY"]).startswith(payload("session"))


def test_sitemap_stays_well_formed(client, hostile):
    locations = [
        node.text
        for document in sitemap_documents(client)
        for node in ET.fromstring(document).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    assert len(locations) > 20
    assert all(location.startswith("http://testserver/") for location in locations)
    assert not any("<" in location or '"' in location for location in locations)


def test_the_admin_escapes_staff_text_too(admin_client, hostile):
    from django.urls import reverse

    conference, agreement, person, organization = hostile
    urls = [
        reverse("admin:events_conference_changelist"),
        reverse("admin:events_conference_change", args=[conference.pk]),
        reverse("admin:partnerships_agreement_change", args=[agreement.pk]),
        reverse("admin:events_person_change", args=[person.pk]),
        reverse("admin:events_organization_change", args=[organization.pk]),
        reverse("admin:events_mediaitem_changelist"),
        reverse("admin:events_keyfigure_changelist"),
    ]
    for url in urls:
        content = admin_client.get(url).content.decode()
        assert "<script>alert" not in content, url
        assert "<img src=x" not in content, url

    saved = admin_client.post(
        reverse("admin:events_organization_change", args=[organization.pk]),
        {
            "name_en": organization.name,
            "slug": organization.slug,
            "kind": "other",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
        follow=True,
    )
    assert "was changed successfully" in saved.content.decode()
    assert "<script>alert" not in saved.content.decode()


def test_a_javascript_url_cannot_even_be_saved_through_the_admin(admin_client):
    from django.urls import reverse

    response = admin_client.post(
        reverse("admin:events_organization_add"),
        {
            "name": "Sneaky",
            "slug": "",
            "kind": "other",
            "website": "javascript:alert(1)",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )

    assert response.context["adminform"].form.errors["website"] == ["Enter a valid URL."]
