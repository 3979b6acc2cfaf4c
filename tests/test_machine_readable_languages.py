"""The feed, calendars, sitemap, JSON-LD and OpenGraph in each of the three languages."""

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from events.models import Conference
from tests.factories import (
    ConferenceFactory,
    OrganizerFactory,
    ParticipationFactory,
    PositionFactory,
    SessionFactory,
)
from tests.sitemaps import sitemap_entries

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "zh-hans", "zh-hant")
TAGS = {"en": "en", "zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def get(client, code, name, *args):
    """The page ``name`` as a reader of ``code`` asks for it (its address under that
    language's prefix, once there are prefixes)."""
    with translation.override(code):
        return client.get(reverse(name, args=args or None))


def get_url(client, code, record):
    with translation.override(code):
        return client.get(record.get_absolute_url())


@pytest.fixture
def forum():
    conference = ConferenceFactory(
        title="南京推介会",
        theme="Investment in Nanjing",
        start_date=dt.date(2026, 11, 18),
        end_date=dt.date(2026, 11, 19),
        start_time=dt.time(9, 30),
        end_time=dt.time(17, 30),
        time_zone="Asia/Macau",
    )
    SessionFactory(
        conference=conference,
        title="开幕式",
        date=dt.date(2026, 11, 18),
        start_time=dt.time(9, 30),
        end_time=dt.time(12, 0),
    )
    return conference


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_feed_is_in_the_readers_language(client, forum, code):
    root = ET.fromstring(get(client, code, "events:feed").content)

    assert root.get(XML_LANG) == TAGS[code]
    (entry,) = root.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "南京推介会"
    assert "Investment in Nanjing" in entry.find(f"{ATOM}summary").text
    with translation.override(code):
        address = forum.get_absolute_url()
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver{address}"


WHEN = {
    "en": "18–19 November 2026, 09:30–17:30 (Macau time)",
    "zh-hans": "2026年11月18日至19日，上午9:30至下午5:30（澳门时间）",
    "zh-hant": "2026年11月18日至19日，上午9:30至下午5:30（澳門時間）",
}
SESSION_WHEN = {
    "en": "18 November 2026, 09:30–12:00 (Macau time)",
    "zh-hans": "2026年11月18日，上午9:30至中午12:00（澳门时间）",
    "zh-hant": "2026年11月18日，上午9:30至中午12:00（澳門時間）",
}
SESSION_SUMMARY = {
    "en": "开幕式 (南京推介会)",
    "zh-hans": "开幕式（南京推介会）",
    "zh-hant": "开幕式（南京推介会）",
}


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_calendar_describes_the_conference_in_the_readers_language(client, forum, code):
    response = get(client, code, "events:ics", forum.slug)

    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    conference = next(event for event in events if str(event["UID"]).startswith("conference-"))
    assert str(conference["SUMMARY"]) == "南京推介会"
    description = conference["DESCRIPTION"]
    assert description.params["LANGUAGE"] == TAGS[code]
    assert str(description).split("\n\n")[:2] == [WHEN[code], "Investment in Nanjing"]
    session = next(event for event in events if str(event["UID"]).startswith("session-"))
    assert str(session["SUMMARY"]) == SESSION_SUMMARY[code]
    assert str(session["DESCRIPTION"]).split("\n\n")[0] == SESSION_WHEN[code]
    assert session["DESCRIPTION"].params["LANGUAGE"] == TAGS[code]


def test_an_english_calendar_says_its_titles_are_english(client, forum):
    events = icalendar.Calendar.from_ical(get(client, "en", "events:calendar").content)

    (event,) = events.walk("VEVENT")
    assert event["SUMMARY"].params["LANGUAGE"] == "en"


def test_a_text_given_in_another_language_is_said_to_be_in_that_one():
    # A record's text knows the language it was found in (events/translation.py), which
    # the feed's and calendars' language marks read.
    record = Conference(title_en="Forum", title_zh_hans="", title_zh_hant="論壇")
    only_english = Conference(title_en="Forum", title_zh_hans=None, title_zh_hant="")

    def language(record, code):
        with translation.override(code):
            return record.title.lang

    assert language(record, "en") == "en"
    assert language(record, "zh-hans") == "zh-hant"  # the other script first
    assert language(record, "zh-hant") == "zh-hant"
    assert language(only_english, "zh-hant") == "en"


def json_ld(response) -> dict:
    block = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(block.group(1))


@pytest.mark.parametrize("code", LANGUAGES)
def test_json_ld_says_the_pages_language(client, forum, code):
    OrganizerFactory(conference=forum, organization__name="Nanjing Municipal Government")
    post = PositionFactory(person__name="Chen Zhichang", title="Mayor of Nanjing")
    ParticipationFactory(conference=forum, person=post.person).positions.add(post)

    event = json_ld(get_url(client, code, forum))
    person = json_ld(get_url(client, code, post.person))
    organization = json_ld(get_url(client, code, post.organization))

    assert (event["@type"], event["inLanguage"], event["name"]) == (
        "Event",
        TAGS[code],
        "南京推介会",
    )
    assert person["@type"] == organization["@type"] == "ProfilePage"
    assert person["inLanguage"] == organization["inLanguage"] == TAGS[code]
    assert person["mainEntity"]["name"] == "Chen Zhichang"
    assert organization["mainEntity"]["name"] == post.organization.name


OG_LOCALES = {
    "en": ("en_US", ["zh_CN", "zh_HK"]),
    "zh-hans": ("zh_CN", ["en_US", "zh_HK"]),
    "zh-hant": ("zh_HK", ["en_US", "zh_CN"]),
}


@pytest.mark.parametrize("code", LANGUAGES)
def test_open_graph_names_the_pages_locale_and_the_others(client, forum, code):
    content = get_url(client, code, forum).content.decode()

    locale, alternates = OG_LOCALES[code]
    assert re.findall(r'<meta property="og:locale" content="([^"]+)">', content) == [locale]
    assert (
        re.findall(r'<meta property="og:locale:alternate" content="([^"]+)">', content)
        == alternates
    )


def test_the_sitemap_lists_each_page_in_each_language_with_its_alternates(client, forum):
    everything = sitemap_entries(client)

    addresses = {}
    for code in LANGUAGES:
        with translation.override(code):
            addresses[code] = f"http://testserver{forum.get_absolute_url()}"
    entries = [url for url in everything if url.find(f"{SITEMAP}loc").text in addresses.values()]
    assert len(entries) == len(LANGUAGES)
    for entry in entries:
        alternates = {
            link.get("hreflang"): link.get("href") for link in entry.findall(f"{XHTML}link")
        }
        assert {code: alternates[code] for code in LANGUAGES} == addresses
        assert alternates["x-default"] == addresses["en"].replace("/en/", "/", 1)
    # Every entry of the sitemap names the page in every language.
    for url in everything:
        hreflangs = sorted(link.get("hreflang") for link in url.findall(f"{XHTML}link"))
        assert hreflangs == sorted([*LANGUAGES, "x-default"])


def queries(client, code, url_of) -> int:
    with translation.override(code):
        url = url_of()
        client.get(url)  # warm per-process caches
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
    return len(captured)


@pytest.mark.parametrize(
    "url_of",
    [
        lambda forum: reverse("events:feed"),
        lambda forum: reverse("events:calendar"),
        lambda forum: reverse("events:ics", args=[forum.slug]),
        lambda forum: reverse("sitemap"),
        lambda forum: reverse("sitemap-section", kwargs={"section": "conferences"}),
        lambda forum: forum.get_absolute_url(),
    ],
    ids=["feed", "calendar", "conference-ics", "sitemap", "sitemap-page", "conference-page"],
)
def test_a_language_adds_no_query(client, forum, url_of):
    counts = {code: queries(client, code, lambda: url_of(forum)) for code in LANGUAGES}

    assert counts["zh-hans"] == counts["zh-hant"] == counts["en"]


def test_a_sitemap_page_reads_only_its_own_records():
    from events.models import Conference
    from events.sitemaps import ConferenceSitemap, PerLanguage

    ConferenceFactory.create_batch(5)
    everything = [
        (conference, code) for conference in Conference.objects.order_by("pk") for code in LANGUAGES
    ]
    pairs = PerLanguage(Conference.objects.order_by("pk"), LANGUAGES)
    assert len(pairs) == 15
    for start, stop in [(0, 4), (4, 8), (2, 3), (3, 15), (14, 15), (0, 15), (7, None)]:
        assert pairs[start:stop] == everything[start:stop], (start, stop)
    assert [pairs[index] for index in range(15)] == everything

    class FourEntriesAPage(ConferenceSitemap):
        limit = 4

    with CaptureQueriesContext(connection) as captured:
        urls = FourEntriesAPage().get_urls(page=2, site=SimpleNamespace(domain="testserver"))
    assert [(url["item"][0].pk, url["item"][1]) for url in urls] == [
        (conference.pk, code) for conference, code in everything[4:8]
    ]
    # Where the pages start (the keys), and the two records of the page, from its key.
    assert len(captured) == 2
    assert captured[1]["sql"].endswith("LIMIT 2")
    assert f'"id" >= {everything[4][0].pk})' in captured[1]["sql"]


@pytest.mark.parametrize("per_page", [1, 2, 3, 4, 5, 7, 15, 16])
def test_a_sitemap_page_read_by_key_holds_what_it_would_by_offset(per_page):
    from events.sitemaps import KeyedPages

    ConferenceFactory.create_batch(5)
    ConferenceFactory(publication_status="draft")
    ConferenceFactory.create_batch(2)
    published = Conference.objects.published().order_by("pk")
    everything = [(conference, code) for conference in published for code in LANGUAGES]
    pairs = KeyedPages(published, LANGUAGES, per_page, "test")

    assert len(pairs) == len(everything) == 21
    pages = [pairs[start : start + per_page] for start in range(0, 21, per_page)]
    assert pages == [everything[start : start + per_page] for start in range(0, 21, per_page)]
    assert pairs[2:3] == everything[2:3]  # (not where a page starts: as PerLanguage reads)
