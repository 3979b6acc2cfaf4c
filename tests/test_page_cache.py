"""The anonymous page cache: what enters it, what retires it, and 304 answers."""

import datetime as dt
import time

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.http import http_date

from config.pagecache import bump
from config.queryparams import view_parameters
from tests.factories import (
    AgreementFactory,
    ConferenceFactory,
    OrganizationAliasFactory,
    OrganizerFactory,
    ParticipationFactory,
    PersonFactory,
    TopicFactory,
)

# Changes commit for real (``with transaction.atomic():`` in autocommit): pages are retired
# when a change commits, once per transaction, which a test inside one never-committed
# transaction cannot show (the bump already queued there would swallow every later one).
pytestmark = pytest.mark.django_db(transaction=True)

LIST = reverse("events:list")


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def conference():
    with transaction.atomic():
        return ConferenceFactory(title="Harbour Forum", publication_status="published")


@pytest.fixture
def staff_client(client):
    user = User.objects.create_user("editor", password="pw", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def visitor(path, **headers):
    """A request from a visitor who is not signed in (a client with no cookies)."""
    return Client().get(path, headers=headers)


def test_second_anonymous_visit_is_served_from_cache_with_one_query(
    client, conference, django_assert_num_queries
):
    first = visitor(LIST)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(1):  # the content version, nothing else
        second = visitor(LIST)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Harbour Forum" in second.content.decode()
    assert second["Content-Type"] == first["Content-Type"]


def test_editing_a_conference_retires_its_pages(client, conference):
    detail = conference.get_absolute_url()
    for path in (LIST, detail, "/en/"):
        visitor(path)
    with transaction.atomic():
        conference.title = "Harbour Summit"
        conference.save()
    for path in (LIST, detail, "/en/"):
        response = visitor(path)
        assert response["X-Page-Cache"] == "miss"
        assert "Harbour Summit" in response.content.decode()
        assert "Harbour Forum" not in response.content.decode()


@pytest.mark.parametrize("change", ["participant", "organizer", "topic", "alias", "delete"])
def test_related_changes_retire_cached_pages(client, conference, change):
    detail = conference.get_absolute_url()
    visitor(detail)
    with transaction.atomic():
        if change == "participant":
            ParticipationFactory(conference=conference, person=PersonFactory(name="Ada Wong"))
            expected = "Ada Wong"
        elif change == "organizer":
            OrganizerFactory(conference=conference, organization__name="Port Authority")
            expected = "Port Authority"
        elif change == "topic":
            conference.topics.add(TopicFactory(name="Shipping"))
            expected = "Shipping"
        elif change == "alias":
            organizer = OrganizerFactory(conference=conference, organization__name="Port Board")
            visitor(reverse("organizations:list") + "?q=harbourco")
            OrganizationAliasFactory(organization=organizer.organization, name="HarbourCo")
            expected = None
        else:
            conference.delete()
            expected = None
    response = visitor(detail)
    if change == "delete":
        assert response.status_code == 404
    elif change == "alias":
        found = visitor(reverse("organizations:list") + "?q=harbourco")
        assert "Port Board" in found.content.decode()
    else:
        assert expected in response.content.decode()


def test_staff_pages_never_enter_or_come_from_the_cache(staff_client, client, conference):
    draft = ConferenceFactory(title="Secret Plans", publication_status="draft")
    preview = staff_client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert "X-Page-Cache" not in preview
    assert "private" in preview["Cache-Control"]
    staff_list = staff_client.get(LIST)
    assert "X-Page-Cache" not in staff_list
    # The visitor gets neither the draft nor a page rendered for staff.
    assert visitor(draft.get_absolute_url()).status_code == 404
    visitor_list = visitor(LIST)
    assert visitor_list["X-Page-Cache"] == "miss"
    assert "Secret Plans" not in visitor_list.content.decode()
    # And staff still see their own page after a visitor filled the cache.
    staff_again = staff_client.get(LIST)
    assert "X-Page-Cache" not in staff_again


def test_a_draft_answer_is_not_cached_and_publishing_shows_it(client):
    with transaction.atomic():
        draft = ConferenceFactory(title="Soon Forum", publication_status="draft")
    assert visitor(draft.get_absolute_url()).status_code == 404
    assert "Soon Forum" not in visitor(LIST).content.decode()
    with transaction.atomic():
        draft.publication_status = "published"
        draft.save()
    assert visitor(draft.get_absolute_url()).status_code == 200
    assert "Soon Forum" in visitor(LIST).content.decode()


def test_a_scheduled_publish_time_retires_cached_pages_when_it_passes(client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    with transaction.atomic():
        ConferenceFactory(
            title="Timed Forum",
            publication_status="published",
            published_at=timezone.now() + dt.timedelta(minutes=5),
        )
    assert "Timed Forum" not in visitor(LIST).content.decode()
    time_machine.shift(dt.timedelta(minutes=5) - dt.timedelta(microseconds=1))
    assert visitor(LIST)["X-Page-Cache"] == "hit"  # not yet
    time_machine.shift(dt.timedelta(microseconds=1))
    response = visitor(LIST)
    assert response["X-Page-Cache"] == "miss"
    assert "Timed Forum" in response.content.decode()


def test_etag_and_last_modified_answer_304(client, conference, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    first = visitor(LIST)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag and modified
    again = visitor(LIST, if_none_match=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert visitor(LIST, if_modified_since=modified).status_code == 304
    earlier = http_date(time.time() - 3600 * 24 * 365)
    assert visitor(LIST, if_modified_since=earlier).status_code == 200
    # After a change the old validators no longer match.
    time_machine.shift(1)  # Last-Modified has one-second resolution
    with transaction.atomic():
        conference.title = "Harbour Summit"
        conference.save()
    fresh = visitor(LIST, if_none_match=etag)
    assert fresh.status_code == 200
    assert fresh["ETag"] != etag
    assert visitor(LIST, if_modified_since=modified).status_code == 200


def test_304_also_with_the_page_cache_off(client, conference, settings):
    settings.PAGE_CACHE_SECONDS = 0
    first = visitor(LIST)
    assert "X-Page-Cache" not in first
    assert visitor(LIST, if_none_match=first["ETag"]).status_code == 304


def test_other_answers_are_not_cached(client, conference):
    missing = visitor("/en/events/no-such-conference/")
    assert missing.status_code == 404
    assert "X-Page-Cache" not in missing
    assert "X-Page-Cache" not in visitor("/healthz")
    login = visitor(reverse("admin:login"))
    assert "X-Page-Cache" not in login
    assert "X-Page-Cache" not in Client().post(LIST, {"q": "x"})


def test_queries_and_searches_are_cached_separately(client, conference):
    plain = visitor(LIST)
    searched = visitor(LIST + "?q=nothing-matches-this")
    assert searched["X-Page-Cache"] == "miss"
    assert "Harbour Forum" in plain.content.decode()
    assert "Harbour Forum" not in searched.content.decode()


def test_a_bump_from_another_process_retires_pages(client, conference):
    """bump() is what any process (a management command, another server worker) runs."""
    visitor(LIST)
    bump()
    assert visitor(LIST)["X-Page-Cache"] == "miss"


def test_a_cached_page_keeps_the_headers_its_view_set(conference):
    first = visitor("/sitemap.xml")
    hit = visitor("/sitemap.xml")
    assert hit["X-Page-Cache"] == "hit"
    assert hit["X-Robots-Tag"] == first["X-Robots-Tag"]
    assert hit["Content-Type"] == first["Content-Type"]
    assert "Set-Cookie" not in hit


def test_pages_are_retired_at_midnight_when_upcoming_becomes_past(conference, time_machine):
    """Nothing is saved at midnight, yet "upcoming" and "past" change then."""
    from config.models import ContentVersion

    time_machine.move_to(timezone.now(), tick=False)  # no midnight between the two reads
    visitor(LIST)
    next_change = ContentVersion.objects.get().next_change
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert next_change == timezone.make_aware(dt.datetime.combine(tomorrow, dt.time()))


# Query parameters: only those the page's view reads make a page of its own.

PUBLIC_LISTS = ["events:list", "people:list", "organizations:list", "partnerships:list"]


def list_parameters(name):
    """What the list's view reads: its filter set's fields, its sort and its page."""
    return view_parameters(resolve(reverse(name)).func)


@pytest.fixture
def listed():
    """One published record on each list, so that every list has something to show."""
    with transaction.atomic():
        organization = OrganizationAliasFactory().organization
        person = PersonFactory(name="Chen Zhichang")
        conference = ConferenceFactory(title="Harbour Forum")
        OrganizerFactory(conference=conference, organization=organization)
        ParticipationFactory(conference=conference, person=person)
        AgreementFactory(conference=conference)
    return conference


def test_every_filter_of_every_list_is_a_page_of_its_own(listed):
    for name in PUBLIC_LISTS:
        path = reverse(name)
        plain = visitor(path)
        parameters = list_parameters(name)
        assert {"q", "sort", "page"} <= parameters, name
        for parameter in sorted(parameters):
            value = "1" if parameter == "page" else "2023" if parameter == "year" else "zq"
            filtered = visitor(f"{path}?{parameter}={value}")
            assert filtered.status_code == 200, (path, parameter)
            assert filtered["X-Page-Cache"] == "miss", (path, parameter)
            if parameter != "page":  # the first page is the list itself
                assert filtered.content != plain.content, (path, parameter)
            again = visitor(f"{path}?{parameter}={value}&utm_source=mail")
            assert again["X-Page-Cache"] == "hit", (path, parameter)
            assert again.content == filtered.content, (path, parameter)


def test_parameters_no_view_reads_share_one_entry_and_change_nothing(listed):
    plain = visitor(LIST)
    assert plain["X-Page-Cache"] == "miss"
    for query in ("utm_source=news&utm_medium=mail", "fbclid=abc123", "x8f2k=1", "utm=%00"):
        response = visitor(f"{LIST}?{query}")
        assert response["X-Page-Cache"] == "hit", query
        assert response.content == plain.content, query
    for path in (listed.get_absolute_url(), "/en/", reverse("events:calendar")):
        first = visitor(path)
        tagged = visitor(f"{path}?utm_campaign=spring&ref={path}")
        assert tagged["X-Page-Cache"] == "hit", path
        assert tagged.content == first.content, path


def test_the_order_of_parameters_does_not_split_the_cache(listed):
    first = visitor(f"{LIST}?year=2023&city=hong-kong&q=harbour")
    assert first["X-Page-Cache"] == "miss"
    again = visitor(f"{LIST}?q=harbour&utm_source=x&city=hong-kong&year=2023")
    assert again["X-Page-Cache"] == "hit"
    assert "Harbour Forum" in again.content.decode()


def test_a_page_drawn_without_the_cache_is_the_same_with_tracking_tags(listed, settings):
    settings.PAGE_CACHE_SECONDS = 0
    with transaction.atomic():
        for number in range(25):  # a second page, so the page links are drawn
            ConferenceFactory(title=f"Forum {number}")
    plain = visitor(LIST)
    tagged = visitor(f"{LIST}?utm_source=mail&fbclid=abc")
    assert tagged.content == plain.content
    assert 'href="?page=2"' in tagged.content.decode()
    assert "utm_source" not in tagged.content.decode()


def test_a_sitemap_page_is_keyed_on_its_number(listed):
    page = reverse("sitemap-section", kwargs={"section": "conferences"})
    first = visitor(page)
    assert visitor(f"{page}?p=1")["X-Page-Cache"] == "miss"
    assert visitor(f"{page}?utm=1")["X-Page-Cache"] == "hit"
    assert first.status_code == 200


def test_the_sitemap_index_reads_no_query_parameter(listed):
    first = visitor(reverse("sitemap"))
    assert visitor(f"{reverse('sitemap')}?p=2")["X-Page-Cache"] == "hit"
    assert first.status_code == 200


def test_a_redirect_to_the_slashed_address_keeps_the_whole_query(listed):
    response = visitor("/en/events?year=2023&utm_source=mail")
    assert response.status_code == 301
    assert response["Location"] == "/en/events/?year=2023&utm_source=mail"


def test_six_hundred_unique_tags_make_one_entry(listed):
    visitor(LIST)
    hits = {visitor(f"{LIST}?utm={number}")["X-Page-Cache"] for number in range(600)}
    assert hits == {"hit"}


def test_each_language_has_its_own_entry_retired_by_the_same_change(conference):
    from django.utils import translation

    pages = {}
    for code in ("en", "zh-hans", "zh-hant"):
        with translation.override(code):
            pages[code] = conference.get_absolute_url()
    assert len(set(pages.values())) == 3

    first = {code: visitor(page) for code, page in pages.items()}
    second = {code: visitor(page) for code, page in pages.items()}

    for code, tag in (("en", "en"), ("zh-hans", "zh-Hans"), ("zh-hant", "zh-Hant")):
        assert first[code]["X-Page-Cache"] == "miss", code
        assert second[code]["X-Page-Cache"] == "hit", code
        assert f'<html lang="{tag}">' in second[code].content.decode()
    assert len({response["ETag"] for response in second.values()}) == 3

    with transaction.atomic():
        conference.title = "Renamed Forum"
        conference.save()

    for code, page in pages.items():
        response = visitor(page)
        assert response["X-Page-Cache"] == "miss", code
        assert "Renamed Forum" in response.content.decode()


def test_an_unprefixed_address_is_redirected_not_cached(conference):
    path = conference.get_absolute_url().removeprefix("/en")

    for accept, code in (("zh-CN", "zh-hans"), ("zh-TW", "zh-hant"), ("en", "en")):
        response = visitor(path, **{"Accept-Language": accept})
        assert response.status_code == 302
        assert response["Location"] == f"/{code}{path}"
        assert "X-Page-Cache" not in response
