"""A feed entry or calendar event whose title is not written in the reader's language
says which language it is in (``xml:lang``, ``LANGUAGE=``)."""

import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.urls import reverse
from django.utils import translation

from events.models import Conference
from tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def feed_and_calendar(client, code, conference):
    with translation.override(code):
        feed_url = reverse("events:feed")
        calendar_url = reverse("events:ics", args=[conference.slug])
    # (A request leaves the site's default language active when it ends.)
    feed = ET.fromstring(client.get(feed_url).content)
    calendar = icalendar.Calendar.from_ical(client.get(calendar_url).content)
    (entry,) = feed.findall(f"{ATOM}entry")
    (event,) = calendar.walk("VEVENT")
    return feed, entry, event


def test_a_title_not_written_in_the_readers_language_says_which_one_it_is(client):
    conference = ConferenceFactory(title="Nanjing Promotion Conference")  # English only

    feed, entry, event = feed_and_calendar(client, "zh-hans", conference)
    assert feed.get(XML_LANG) == "zh-Hans"
    assert (entry.get(XML_LANG), entry.find(f"{ATOM}title").text) == (
        "en",
        "Nanjing Promotion Conference",
    )
    assert (event["SUMMARY"].params["LANGUAGE"], str(event["SUMMARY"])) == (
        "en",
        "Nanjing Promotion Conference",
    )
    assert event["DESCRIPTION"].params["LANGUAGE"] == "zh-Hans"

    # Written in traditional characters only: a reader of simplified ones is given those.
    Conference.objects.filter(pk=conference.pk).update(title_zh_hant="南京推介會")
    feed, entry, event = feed_and_calendar(client, "zh-hans", conference)
    assert (entry.get(XML_LANG), entry.find(f"{ATOM}title").text) == ("zh-Hant", "南京推介會")
    assert (event["SUMMARY"].params["LANGUAGE"], str(event["SUMMARY"])) == ("zh-Hant", "南京推介會")

    # In the reader's own language: nothing more to say than the feed does.
    feed, entry, event = feed_and_calendar(client, "zh-hant", conference)
    assert entry.get(XML_LANG) is None
    assert event["SUMMARY"].params["LANGUAGE"] == "zh-Hant"
