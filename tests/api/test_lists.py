"""The API's lists filter, search and sort as the public pages do, and page through
their rows in a stable order; bad input is a 400 (or a 404 past the last page) with a
JSON body naming the parameter, never a 500."""

import datetime as dt

import pytest

from events.models import Organization
from partnerships.models import Agreement
from tests.factories import (
    AgreementFactory,
    ConferenceFactory,
    OrganizationFactory,
    OrganizerFactory,
    ParticipationFactory,
    PartyFactory,
    PersonFactory,
    PositionFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def slugs(client, url) -> list[str]:
    answer = client.get(url)
    assert answer.status_code == 200, answer.content
    return [row["slug"] for row in answer.json()["results"]]


@pytest.fixture
def archive():
    """Two conferences in two cities and years, with their organizers, speakers, topics
    and agreements."""
    finance = TopicFactory(name="Green finance", slug="green-finance")
    nanjing = OrganizationFactory(
        slug="nanjing-government",
        name_en="Nanjing Municipal Government",
        name_zh_hans="南京市人民政府",
        kind=Organization.Kind.GOVERNMENT,
    )
    hktdc = OrganizationFactory(slug="hktdc", name="HKTDC", city="Hong Kong")
    chen = PersonFactory(slug="chen-zhichang", name_en="Chen Zhichang", name_zh_hans="陈之常")
    lau = PersonFactory(slug="patrick-lau", name="Patrick Lau")
    hong_kong = ConferenceFactory(
        slug="hong-kong-2023", title="Promotion in Hong Kong", start_date=dt.date(2023, 2, 8)
    )
    hong_kong.topics.add(finance)
    OrganizerFactory(conference=hong_kong, organization=nanjing)
    post = PositionFactory(person=chen, organization=nanjing, title="Mayor")
    ParticipationFactory(conference=hong_kong, person=chen).positions.add(post)
    macao = ConferenceFactory(
        slug="macao-2024",
        title="Promotion in Macao",
        city="Macao",
        start_date=dt.date(2024, 5, 1),
    )
    OrganizerFactory(conference=macao, organization=hktdc)
    ParticipationFactory(conference=macao, person=lau)
    strategic = AgreementFactory(
        slug="strategic", title="Strategic agreement", conference=hong_kong
    )
    PartyFactory(agreement=strategic, organization=nanjing)
    strategic.topics.add(finance)
    AgreementFactory(
        slug="memorandum",
        title="Memorandum",
        kind=Agreement.Kind.MEMORANDUM,
        status=Agreement.Status.IN_FORCE,
        conference=macao,
        signed_on=dt.date(2024, 5, 1),
    )


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("", ["macao-2024", "hong-kong-2023"]),
        ("?year=2023", ["hong-kong-2023"]),
        ("?city=macao", ["macao-2024"]),
        ("?organization=nanjing-government", ["hong-kong-2023"]),
        ("?person=patrick-lau", ["macao-2024"]),
        ("?topic=green-finance", ["hong-kong-2023"]),
        ("?sort=date", ["hong-kong-2023", "macao-2024"]),
        ("?sort=title", ["hong-kong-2023", "macao-2024"]),
        ("?q=macao", ["macao-2024"]),
        ("?q=Macau", ["macao-2024"]),  # a place's other name
        ("?q=Chen+Zhichang", ["hong-kong-2023"]),  # a participant's name
        ("?q=陈之常", ["hong-kong-2023"]),
        ("?q=陳之常", ["hong-kong-2023"]),  # traditional finds simplified
        ("?q=南京市人民政府", ["hong-kong-2023"]),  # an organizer's Chinese name
        ("?q=nothing-like-it", []),
        ("?utm_source=x&fbclid=y", ["macao-2024", "hong-kong-2023"]),  # ignored
    ],
)
def test_conference_filters_search_and_sort(client, archive, query, found):
    assert slugs(client, f"/api/v1/conferences/{query}") == found


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("", ["memorandum", "strategic"]),
        ("?kind=memorandum", ["memorandum"]),
        ("?status=in_force", ["memorandum"]),
        ("?organization=nanjing-government", ["strategic"]),
        ("?conference=hong-kong-2023", ["strategic"]),
        ("?topic=green-finance", ["strategic"]),
        ("?year=2024", ["memorandum"]),
        ("?sort=title", ["memorandum", "strategic"]),
        ("?q=南京市人民政府", ["strategic"]),  # a party's name
        ("?q=strategic", ["strategic"]),
    ],
)
def test_agreement_filters_search_and_sort(client, archive, query, found):
    assert slugs(client, f"/api/v1/agreements/{query}") == found


@pytest.mark.parametrize(
    ("url", "found"),
    [
        ("/api/v1/people/", ["chen-zhichang", "patrick-lau"]),
        ("/api/v1/people/?sort=-name", ["patrick-lau", "chen-zhichang"]),
        ("/api/v1/people/?organization=nanjing-government", ["chen-zhichang"]),
        ("/api/v1/people/?q=陳之常", ["chen-zhichang"]),
        ("/api/v1/people/?q=mayor", ["chen-zhichang"]),  # a post's title
        ("/api/v1/organizations/", ["hktdc", "nanjing-government"]),
        ("/api/v1/organizations/?kind=government", ["nanjing-government"]),
        ("/api/v1/organizations/?city=hong-kong", ["hktdc"]),
        ("/api/v1/organizations/?q=南京", ["nanjing-government"]),
        ("/api/v1/organizations/?sort=-name", ["nanjing-government", "hktdc"]),
    ],
)
def test_people_and_organization_filters(client, archive, url, found):
    assert slugs(client, url) == found


def test_pages_cover_every_row_once_in_a_stable_order(client):
    # Twenty-five conferences on one day: the order is kept by the key.
    for number in range(25):
        ConferenceFactory(slug=f"day-{number:02}", start_date=dt.date(2023, 2, 8))

    first = client.get("/api/v1/conferences/?page_size=10").json()
    second = client.get(first["next"].removeprefix("http://testserver")).json()
    third = client.get(second["next"].removeprefix("http://testserver")).json()
    again = client.get("/api/v1/conferences/?page_size=10&page=2").json()

    rows = [row["slug"] for page in (first, second, third) for row in page["results"]]
    assert sorted(rows) == [f"day-{number:02}" for number in range(25)]
    assert len(set(rows)) == 25
    assert [len(page["results"]) for page in (first, second, third)] == [10, 10, 5]
    assert again == second
    assert first["count"] == 25
    assert first["previous"] is None
    assert second["previous"] == "http://testserver/api/v1/conferences/?page=1&page_size=10"
    assert third["next"] is None
    # Newest first, ties newest first too (by the key, in the same direction).
    assert rows == [f"day-{number:02}" for number in reversed(range(25))]


def test_default_page_size_is_twenty(client):
    for number in range(21):
        ConferenceFactory(slug=f"c-{number}")

    page = client.get("/api/v1/conferences/").json()

    assert len(page["results"]) == 20
    assert page["next"] == "http://testserver/api/v1/conferences/?page=2"


def test_an_empty_list_has_its_first_page(client):
    assert client.get("/api/v1/conferences/").json() == {
        "language": "en",
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
    }


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=x", "page"),
        ("page=1.5", "page"),
        ("page_size=0", "page_size"),
        ("page_size=101", "page_size"),
        ("page_size=ten", "page_size"),
        ("year=abc", "year"),
        ("year=99999", "year"),
        ("city=atlantis", "city"),
        ("organization=nobody", "organization"),
        ("organization=%00", "organization"),
        ("person=nobody", "person"),
        ("topic=nothing", "topic"),
        ("when=tomorrow", "when"),
        ("sort=price", "sort"),
        ("q=" + "x" * 201, "q"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(client, archive, query, field):
    answer = client.get(f"/api/v1/conferences/?{query}")

    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["status"] == 400
    assert error["message"]
    assert list(error["fields"]) == [field]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/agreements/?kind=treaty",
        "/api/v1/agreements/?status=lost",
        "/api/v1/people/?sort=title",
        "/api/v1/organizations/?kind=club",
        "/api/v1/topics/?page_size=1000",
    ],
)
def test_bad_input_on_every_list_is_a_400(client, archive, url):
    answer = client.get(url)

    assert answer.status_code == 400
    assert answer.json()["error"]["fields"]


def test_a_page_past_the_last_is_a_404(client, archive):
    answer = client.get("/api/v1/conferences/?page=3")

    assert answer.status_code == 404
    assert answer.json() == {
        "error": {"status": 404, "message": "Page 3 is past the last page (1).", "fields": {}}
    }


def test_an_unknown_record_is_a_404(client):
    for kind in ("conferences", "agreements", "people", "organizations", "topics"):
        answer = client.get(f"/api/v1/{kind}/nobody/")

        assert answer.status_code == 404
        assert answer.json()["error"]["status"] == 404


def test_only_get_is_answered(client, archive):
    answer = client.post("/api/v1/conferences/", {})

    assert answer.status_code == 405


@pytest.mark.parametrize("slug", ["%00", "a%20b", "x.y", "南京%0A"])
def test_an_address_that_is_no_slug_is_a_404(client, slug):
    for kind in ("conferences", "agreements", "people", "organizations", "topics"):
        assert client.get(f"/api/v1/{kind}/{slug}/").status_code == 404


def test_a_chinese_slug_is_an_address(client):
    ConferenceFactory(slug="南京推介会", title="南京推介会")

    answer = client.get("/api/v1/conferences/").json()["results"][0]

    assert (
        answer["url"]
        == "http://testserver/api/v1/conferences/%E5%8D%97%E4%BA%AC%E6%8E%A8%E4%BB%8B%E4%BC%9A/"
    )
    assert (
        client.get(answer["url"].removeprefix("http://testserver")).json()["slug"] == "南京推介会"
    )


NASTY = ["%00", "%C0%AF", "'--", "%F0%9F%98%80", "x" * 300, "-1", "1e9", "%2F..%2F"]
PARAMETERS = {
    "conferences": ["q", "year", "city", "organization", "person", "topic", "when", "sort"],
    "agreements": ["q", "kind", "organization", "year", "topic", "status", "conference", "sort"],
    "people": ["q", "organization", "sort"],
    "organizations": ["q", "kind", "city", "sort"],
    "topics": ["page", "page_size", "lang"],
}


@pytest.mark.parametrize("kind", PARAMETERS)
def test_no_value_of_any_parameter_gives_a_500(client, archive, kind):
    for name in [*PARAMETERS[kind], "page", "page_size", "lang"]:
        for value in NASTY:
            answer = client.get(f"/api/v1/{kind}/?{name}={value}")
            assert answer.status_code in (200, 400, 404), (name, value, answer.status_code)
            assert answer["Content-Type"] == "application/json; charset=utf-8"
