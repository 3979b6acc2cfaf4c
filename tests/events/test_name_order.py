"""Lists by name follow their reader (events/sorting.py): in simplified and traditional
Chinese people and organizations are in pinyin order (安 an < 北 bei < 陈 chen < 张
zhang, whatever their code points), a Latin-only name among them by its letters; in
English by the English name, as before. Pages stay stable where keys tie."""

import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from events import services
from events.models import Organization, Person
from events.sorting import name_key
from tests.events.test_search_migrations import run_backfills
from tests.factories import (
    ConferenceFactory,
    OrganizationFactory,
    OrganizerFactory,
    ParticipationFactory,
    PersonFactory,
    PositionFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

CHINESE = ["zh-hans", "zh-hant"]


def page(client, url_name: str, code: str, **params) -> str:
    """A list page as a reader of ``code`` gets it (its address in that language)."""
    with translation.override(code):
        response = client.get(reverse(url_name), params, HTTP_ACCEPT_LANGUAGE=code)
    assert response.status_code == 200
    return response.content.decode()


def order(html: str, records) -> list:
    """The records in the order the page links to them (each once)."""
    positions = {}
    for record in records:
        # The record's address in whichever language the page links it.
        within = record.get_absolute_url().split("/", 2)[2]
        found = re.search(f'href="/[a-z-]+/{re.escape(within)}"', html)
        if found:
            positions[record] = found.start()
    return sorted(positions, key=positions.get)


@pytest.fixture
def people():
    """English names in another order than their Chinese ones, and their Chinese names'
    code points in a third (北 U+5317, 安 U+5B89, 张 U+5F20, 陈 U+9648, 韓 U+97D3)."""
    conference = ConferenceFactory()
    named = {
        "安": PersonFactory(name="Zoe An", name_alt="安文"),
        "北": PersonFactory(name="Xavier Bei", name_alt="北辰"),
        "陈": PersonFactory(name="William Chen", name_alt="陈伟"),
        "Dora": PersonFactory(name="Dora Lee"),  # no Chinese name: by its letters
        "韓": PersonFactory(name="Victor Han", name_alt="韓立明"),  # traditional
        "张": PersonFactory(name="Albert Zhang", name_alt="张伟"),
    }
    for person in named.values():
        ParticipationFactory(conference=conference, person=person)
    return named


PINYIN = ["安", "北", "陈", "Dora", "韓", "张"]
ENGLISH = ["张", "Dora", "韓", "陈", "北", "安"]  # Albert, Dora, Victor, William, Xavier, Zoe


@pytest.mark.parametrize("code", CHINESE)
def test_the_people_list_is_in_pinyin_order_in_chinese(client, people, code):
    html = page(client, "people:list", code)
    assert order(html, people.values()) == [people[key] for key in PINYIN]


def test_the_people_list_is_in_english_order_in_english(client, people):
    html = page(client, "people:list", "en")
    assert order(html, people.values()) == [people[key] for key in ENGLISH]


@pytest.mark.parametrize("code", CHINESE)
def test_sorting_by_name_either_way_in_chinese_is_by_pinyin(client, people, code):
    forward = order(page(client, "people:list", code, sort="name"), people.values())
    backward = order(page(client, "people:list", code, sort="-name"), people.values())
    assert forward == [people[key] for key in PINYIN]
    assert backward == forward[::-1]
    english = order(page(client, "people:list", "en", sort="-name"), people.values())
    assert english == [people[key] for key in reversed(ENGLISH)]


@pytest.fixture
def organizations():
    conference = ConferenceFactory()
    named = {
        "招商": OrganizationFactory(name="招商局集团"),
        "北京": OrganizationFactory(name="北京银行"),
        "安徽": OrganizationFactory(name="安徽省商务厅"),
        "HKTDC": OrganizationFactory(name="HKTDC"),
        "長沙": OrganizationFactory(name="長沙市人民政府"),  # 長 as chang2, not zhang3
    }
    for organization in named.values():
        OrganizerFactory(conference=conference, organization=organization)
    return named


@pytest.mark.parametrize("code", CHINESE)
def test_the_organization_list_and_its_menu_are_in_pinyin_order(client, organizations, code):
    expected = [organizations[key] for key in ["安徽", "北京", "長沙", "HKTDC", "招商"]]
    assert order(page(client, "organizations:list", code), organizations.values()) == expected
    # The conference list's organization menu, by name too.
    html = page(client, "events:list", code)
    menu = html[html.index('name="organization"') :]
    menu = menu[: menu.index("</select>")]
    options = re.findall(r'<option value="([^"]+)"', menu)
    assert options == [organization.slug for organization in expected]


def test_the_organization_list_in_english_is_by_the_name(client, organizations):
    html = page(client, "organizations:list", "en")
    by_name = sorted(organizations.values(), key=lambda organization: organization.name)
    assert order(html, organizations.values()) == by_name


@pytest.mark.parametrize("code", CHINESE)
def test_the_people_of_an_organization_page_are_in_pinyin_order(client, people, code):
    organization = OrganizerFactory().organization
    for person in people.values():
        PositionFactory(person=person, organization=organization)
    with translation.override(code):
        response = client.get(organization.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=code)
    assert response.status_code == 200
    assert order(response.content.decode(), people.values()) == [people[key] for key in PINYIN]
    with translation.override("en"):
        response = client.get(organization.get_absolute_url())
    assert order(response.content.decode(), people.values()) == [people[key] for key in ENGLISH]


def test_pages_are_stable_where_names_tie(client):
    """Twenty-five people of one pinyin (张伟, 張偉): the two pages together list each
    once, and the same page twice gives the same people."""
    conference = ConferenceFactory()
    tied = [
        PersonFactory(name=f"Wei Zhang {n:02}", name_alt="张伟" if n % 2 else "張偉")
        for n in range(25)
    ]
    for person in tied:
        ParticipationFactory(conference=conference, person=person)
    first = order(page(client, "people:list", "zh-hans"), tied)
    second = order(page(client, "people:list", "zh-hans", page=2), tied)
    assert len(first) == 20
    assert sorted(p.pk for p in first + second) == sorted(p.pk for p in tied)
    assert order(page(client, "people:list", "zh-hans"), tied) == first


def test_a_chinese_list_reads_as_many_queries_as_the_english(client, people):
    counts = {}
    for code in ["en", "zh-hans", "zh-hant"]:
        page(client, "people:list", code)  # (built once per process and language)
        with CaptureQueriesContext(connection) as queries:
            page(client, "people:list", code)
        counts[code] = len(queries)
    assert counts["zh-hans"] == counts["zh-hant"] == counts["en"]


@pytest.mark.parametrize(
    ("names", "key"),
    [
        ({"name": "Zoe An", "name_alt": "安文"}, "an1 wen2"),
        ({"name": "Zeng Yinquan", "name_alt": "曾荫权"}, "zeng1 yin1 quan2"),  # a surname
        ({"name": "José Lau"}, "jose lau"),
        ({"name": "HKTDC", "name_zh_hans": "香港贸发局", "name_zh_hant": "香港貿發局"}, None),
        ({"name": "HKTDC", "name_zh_hans": "", "name_zh_hant": "香港貿發局"}, None),
        ({"name": "（香港）貿發局 HKTDC"}, "xiang1 gang3 mao4 fa1 ju2 hktdc"),
    ],
)
def test_the_key_comes_from_the_chinese_name_first(names, key):
    """The names per language (when the model has them) first, then the name in
    another script, then the name itself; else the English name's letters."""
    record = SimpleNamespace(**{"name_alt": "", **names})
    expected = key or "xiang1 gang3 mao4 fa1 ju2"
    assert name_key(record) == expected


def test_rows_written_in_bulk_and_the_migration_get_the_key_a_save_gives():
    services.bulk_create(Person, [Person(name="Albert Zhang", name_alt="张伟", slug="zhang")])
    PersonFactory(name="Zoe An", name_alt="安文")
    OrganizationFactory(name="長沙市人民政府")
    saved = {
        model: dict(model.objects.values_list("pk", "sort_pinyin"))
        for model in (Person, Organization)
    }
    assert sorted(saved[Person].values()) == ["an1 wen2", "zhang1 wei3"]
    assert list(saved[Organization].values()) == ["chang2 sha1 shi4 ren2 min2 zheng4 fu3"]
    Person.objects.update(sort_pinyin="")
    Organization.objects.update(sort_pinyin="")
    run_backfills("events", "0021_name_pinyin_sort_key")
    assert {
        model: dict(model.objects.values_list("pk", "sort_pinyin"))
        for model in (Person, Organization)
    } == saved


def menu_options(html: str, name: str) -> list[str]:
    menu = html[html.index(f'name="{name}"') :]
    return re.findall(r'<option value="([^"]+)"', menu[: menu.index("</select>")])


@pytest.mark.parametrize("code", CHINESE)
def test_the_topic_and_city_menus_are_in_pinyin_order(client, code):
    """Code points put 农 (U+519C) before 环 (U+73AF) and 贸 (U+8D38); English slugs put
    Hong Kong before Macao and Nanjing. A Chinese reader finds them by pinyin."""
    topics = {
        "nong": TopicFactory(name="Agriculture", name_zh_hans="农业", name_zh_hant="農業"),
        "huan": TopicFactory(name="Environment", name_zh_hans="环保", name_zh_hant="環保"),
        "mao": TopicFactory(name="Trade", name_zh_hans="贸易", name_zh_hant="貿易"),
    }
    cities = [
        ("Hong Kong", "香港", "香港"),  # xiang1
        ("Macao", "澳门", "澳門"),  # ao4
        ("Nanjing", "南京", "南京"),  # nan2
    ]
    for english, simplified, traditional in cities:
        conference = ConferenceFactory(
            city=english, city_zh_hans=simplified, city_zh_hant=traditional
        )
        conference.topics.set(topics.values())

    html = page(client, "events:list", code)

    expected_topics = [topics[key].slug for key in ["huan", "mao", "nong"]]
    assert menu_options(html, "topic") == expected_topics
    assert menu_options(html, "city") == ["macao", "nanjing", "hong-kong"]


def test_the_topic_and_city_menus_are_in_english_order_in_english(client):
    for name in ["Trade", "Agriculture", "Environment"]:
        ConferenceFactory(city=f"{name} City").topics.add(TopicFactory(name=name))

    html = page(client, "events:list", "en")

    assert menu_options(html, "city") == ["agriculture-city", "environment-city", "trade-city"]
    slugs = menu_options(html, "topic")
    assert [s.split("-")[0] for s in slugs] == ["agriculture", "environment", "trade"]
