"""The public sitemaps at any size: ``/sitemap.xml`` is an index naming each section's
pages, each page within the protocol's limits, read with the same queries however many
records there are, never naming a draft, each entry with its three languages."""

import math
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.template import loader
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from config.pagecache import MAX_PAGE_BYTES
from events.models import Conference, Organization, Person
from partnerships.models import Agreement
from tests.factories import (
    AgreementFactory,
    ConferenceFactory,
    OrganizerFactory,
    ParticipationFactory,
    PartyFactory,
    SignatoryFactory,
)
from tests.sitemaps import SECTIONS, SITEMAP, alternates, sitemap_entries, sitemap_pages

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "zh-hans", "zh-hant")
STATIC_PAGES = 5  # home and the four lists
# The protocol's limits for one file (https://www.sitemaps.org/protocol.html).
MAX_ADDRESSES = 50_000
MAX_BYTES = 50 * 1024 * 1024


def add_records(conferences: int) -> None:
    """``conferences`` published conferences, each with an organizer, a participant and
    an agreement with a party and a signatory: six public records each (a conference,
    an agreement, two people, two organizations)."""
    for _ in range(conferences):
        conference = ConferenceFactory()
        OrganizerFactory(conference=conference)
        ParticipationFactory(conference=conference)
        agreement = AgreementFactory(conference=conference)
        PartyFactory(agreement=agreement)
        SignatoryFactory(agreement=agreement)


def addresses(records, code: str) -> set[str]:
    with translation.override(code):
        return {f"http://testserver{record.get_absolute_url()}" for record in records}


def test_the_index_names_every_page_of_every_section(client, settings):
    settings.SITEMAP_ENTRIES_PER_PAGE = 4
    add_records(3)
    counts = {
        "pages": STATIC_PAGES,
        "conferences": Conference.objects.count(),
        "agreements": Agreement.objects.count(),
        "people": Person.objects.count(),
        "organizations": Organization.objects.count(),
    }
    expected = []
    for section in SECTIONS:
        pages = math.ceil(counts[section] * len(LANGUAGES) / 4)
        expected.append(f"/sitemap-{section}.xml")
        expected += [f"/sitemap-{section}.xml?p={page}" for page in range(2, pages + 1)]

    assert sitemap_pages(client) == expected
    assert client.get("/robots.txt").content.decode().splitlines()[-1] == (
        "Sitemap: http://testserver/sitemap.xml"
    )


def test_a_page_holds_at_most_the_limit_and_the_pages_hold_every_entry_once(client, settings):
    settings.SITEMAP_ENTRIES_PER_PAGE = 4
    add_records(3)  # 9 conference entries: pages of 4, 4 and 1

    sizes = []
    for page in ["/sitemap-conferences.xml", *[f"/sitemap-conferences.xml?p={p}" for p in (2, 3)]]:
        sizes.append(len(ET.fromstring(client.get(page).content).findall(f"{SITEMAP}url")))
    entries = [url.find(f"{SITEMAP}loc").text for url in sitemap_entries(client)]

    assert sizes == [4, 4, 1]
    assert len(entries) == len(set(entries))
    records = [*Conference.objects.all(), *Agreement.objects.all(), *Person.objects.all()]
    for code in LANGUAGES:
        assert addresses(records, code) <= set(entries)
    for past_or_wrong in ["4", "0", "-1", "x", "1.5"]:
        assert client.get(f"/sitemap-conferences.xml?p={past_or_wrong}").status_code == 404
    assert client.get("/sitemap-drafts.xml").status_code == 404


def queries_of(client, url: str) -> int:
    client.get(url)  # per-process caches warmed
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_queries_of_the_index_and_of_each_page_do_not_grow_with_the_records(client):
    pages = ["/sitemap.xml", *[f"/sitemap-{section}.xml" for section in SECTIONS]]
    add_records(1)
    few = {page: queries_of(client, page) for page in pages}
    add_records(12)
    many = {page: queries_of(client, page) for page in pages}

    assert many == few
    # A section's page: a count and its records; the index: a count and the latest
    # change of each section of records.
    assert few["/sitemap-people.xml"] == few["/sitemap-pages.xml"] + 2
    assert few["/sitemap.xml"] == few["/sitemap-pages.xml"] + 2 * 4


def test_no_page_names_a_draft_or_what_only_a_draft_mentions(client):
    add_records(1)
    draft = ConferenceFactory(title="Zebra conference", publication_status="draft")
    OrganizerFactory(conference=draft, organization__name="Zebra organizer")
    ParticipationFactory(conference=draft, person__name="Zebra speaker")
    draft_agreement = AgreementFactory(
        title="Zebra agreement", publication_status="draft", conference=draft
    )
    SignatoryFactory(agreement=draft_agreement, person__name="Zebra signer")
    hidden = [draft, draft_agreement, *Person.objects.filter(name__startswith="Zebra")]
    hidden += Organization.objects.filter(name__startswith="Zebra")

    entries = sitemap_entries(client)
    named = {url.find(f"{SITEMAP}loc").text for url in entries}
    named |= {address for url in entries for address in alternates(url).values()}

    assert len(hidden) == 5
    assert all("zebra" in record.slug for record in hidden)
    assert not any("zebra" in address for address in named)
    assert addresses(Conference.objects.published(), "zh-hant") <= named


def test_each_entry_names_its_page_in_the_three_languages_and_by_default(client):
    add_records(2)
    entries = sitemap_entries(client)

    assert len(entries) == (STATIC_PAGES + 2 * 6) * len(LANGUAGES)
    for url in entries:
        named = alternates(url)
        assert sorted(named) == sorted([*LANGUAGES, "x-default"])
        assert url.find(f"{SITEMAP}loc").text in {named[code] for code in LANGUAGES}
        assert named["x-default"] == named["en"].replace("/en/", "/", 1)
        for code in LANGUAGES:
            assert named[code].startswith(f"http://testserver/{code}/")


def test_a_full_page_stays_well_within_the_protocols_limits(client, settings):
    """The worst entry the site can make: a 200-character Chinese slug (the longest a
    slug may be), five times percent-encoded."""
    ConferenceFactory(slug="会" * 200)
    ConferenceFactory(slug="议" * 200)

    body = client.get("/sitemap-conferences.xml").content
    urls = ET.fromstring(body).findall(f"{SITEMAP}url")
    per_entry = len(body) / len(urls)  # (the document's frame counted in too)
    per_page = settings.SITEMAP_ENTRIES_PER_PAGE

    assert len(urls) == 2 * len(LANGUAGES)
    assert 9_000 < per_entry < 10_000
    assert per_page * (1 + len(LANGUAGES) + 1) <= MAX_ADDRESSES / 4
    assert per_page * per_entry < MAX_BYTES / 2  # room for a longer domain than testserver


def test_a_page_reads_as_djangos_own_sitemap_template_would_write_it(client):
    """The pages are drawn by Jinja2 (config/jinja2/sitemaps/page.xml), faster than
    Django's template, to the same XML."""
    add_records(2)
    ConferenceFactory(slug="南京推介会")
    response = client.get("/sitemap-conferences.xml")

    djangos = loader.get_template("sitemap.xml", using="django").render(response.context)

    def tags(xml: str) -> str:
        return re.sub(r">\s+<", "><", xml.strip())

    assert tags(response.content.decode()) == tags(djangos)
    assert "%E5%8D%97%E4%BA%AC" in djangos


def test_a_full_page_of_the_slugs_the_site_makes_fits_the_page_cache(client, settings):
    """A page the page cache would not keep (over ``MAX_PAGE_BYTES``) is drawn again for
    every crawler: a full page of ordinary entries, on a domain longer than testserver,
    stays within it."""
    for n in range(4):
        ConferenceFactory(slug=f"nanjing-promotion-conference-on-high-quality-development-{n}")
    body = client.get("/sitemap-conferences.xml").content
    urls = ET.fromstring(body).findall(f"{SITEMAP}url")
    # Each entry names its address five times: a real domain adds to each.
    domain = len("https://events.example.org") - len("http://testserver")
    per_entry = len(body) / len(urls) + 5 * domain

    assert settings.SITEMAP_ENTRIES_PER_PAGE * per_entry <= MAX_PAGE_BYTES * 0.8
