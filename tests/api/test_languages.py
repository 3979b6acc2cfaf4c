"""Every answer in the language asked for: ``?lang=`` first, then ``Accept-Language``,
else English; each text in that language, or the site's fallback (the other Chinese
script before English); the language said in the body and in ``Content-Language``."""

import pytest
from django.core.cache import cache

from tests.factories import (
    ConferenceFactory,
    OrganizerFactory,
    ParticipationFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference():
    conference = ConferenceFactory(
        slug="nanjing",
        title_en="Nanjing Promotion Conference",
        title_zh_hans="南京推介会",
        theme_en="Gathering in Hong Kong",
        city_en="Hong Kong",
        city_zh_hans="香港",
        city_zh_hant="香港",
    )
    OrganizerFactory(conference=conference, organization__name="Nanjing Government")
    ParticipationFactory(conference=conference, person__name_en="Chen Zhichang")
    return conference


def get(client, url, **headers):
    return client.get(url, headers=headers)


@pytest.mark.parametrize(
    ("query", "accept", "language"),
    [
        ("", None, "en"),
        ("?lang=zh-hans", None, "zh-hans"),
        ("?lang=zh-hant", "en", "zh-hant"),  # the parameter wins
        ("?lang=ZH-Hans", None, "zh-hans"),
        ("", "zh-CN,zh;q=0.9,en;q=0.8", "zh-hans"),
        ("", "zh-TW", "zh-hant"),
        ("", "zh-HK,en;q=0.5", "zh-hant"),
        ("", "fr-FR,zh-Hant;q=0.8", "zh-hant"),  # the first the site has
        ("", "fr, de", "en"),
        ("?lang=en", "zh-CN", "en"),
    ],
)
def test_the_language_asked_for(client, conference, query, accept, language):
    headers = {"Accept-Language": accept} if accept else {}

    for url in ("/api/v1/conferences/", "/api/v1/conferences/nanjing/", "/api/v1/topics/"):
        answer = get(client, f"{url}{query}", **headers)
        assert answer.status_code == 200, url
        assert answer.json()["language"] == language
        assert answer["Content-Language"] == language
        if "lang=" in query:
            assert "Accept-Language" not in answer.get("Vary", "")
        else:  # chosen from the headers: a cache keeps one answer per language
            assert "Accept-Language" in answer["Vary"]
            assert "private" not in answer.get("Cache-Control", "")


def test_texts_in_the_language_with_the_sites_fallbacks(client, conference):
    english = client.get("/api/v1/conferences/nanjing/?lang=en").json()
    simplified = client.get("/api/v1/conferences/nanjing/?lang=zh-hans").json()
    traditional = client.get("/api/v1/conferences/nanjing/?lang=zh-hant").json()

    assert english["title"] == "Nanjing Promotion Conference"
    assert simplified["title"] == "南京推介会"
    # No traditional title: the simplified one, before English.
    assert traditional["title"] == "南京推介会"
    # No Chinese theme or name: English.
    assert simplified["theme"] == traditional["theme"] == "Gathering in Hong Kong"
    assert simplified["participants"][0]["person"]["name"] == "Chen Zhichang"
    assert simplified["city"] == "香港"
    # Labels of choices in the language, values the same in every language.
    assert simplified["organizers"][0]["role"] == english["organizers"][0]["role"] == "organizer"
    assert english["organizers"][0]["role_label"] == "Organizer"
    assert simplified["organizers"][0]["role_label"] != "Organizer"
    # The public page in the language's own address.
    assert simplified["page_url"] == "http://testserver/zh-hans/events/nanjing/"
    assert traditional["page_url"] == "http://testserver/zh-hant/events/nanjing/"


def test_chinese_readers_get_the_list_sorted_by_their_title(client, conference):
    ConferenceFactory(slug="beijing", title_en="Zhejiang day", title_zh_hans="一带一路")

    english = client.get("/api/v1/conferences/?sort=title").json()["results"]
    chinese = client.get("/api/v1/conferences/?sort=title&lang=zh-hans").json()["results"]

    assert [c["slug"] for c in english] == ["nanjing", "beijing"]
    assert [c["slug"] for c in chinese] == ["beijing", "nanjing"]


@pytest.mark.parametrize("value", ["fr", "zh", "", "en-gb", "x" * 500])
def test_an_unknown_language_is_a_400_naming_the_languages(client, conference, value):
    for url in ("/api/v1/conferences/", "/api/v1/conferences/nanjing/", "/api/v1/people/"):
        answer = client.get(f"{url}?lang={value}")

        assert answer.status_code == 400
        error = answer.json()["error"]
        assert error["status"] == 400
        assert "en, zh-hans, zh-hant" in error["message"]
        assert list(error["fields"]) == ["lang"]


def test_api_addresses_are_not_sent_to_a_language_prefix(client, conference):
    answer = client.get("/api/v1/conferences/", headers={"Accept-Language": "zh-CN"})

    assert answer.status_code == 200
    assert client.get("/en/api/v1/conferences/").status_code == 404


def test_the_page_cache_answers_each_language_its_own(client, conference, settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    try:
        answers = [
            client.get("/api/v1/conferences/nanjing/", headers={"Accept-Language": accept})
            for accept in ("zh-CN", "en", "zh-CN")
        ] + [client.get("/api/v1/conferences/nanjing/?lang=zh-hans") for _ in range(2)]
    finally:
        cache.clear()

    # Each language asked for is kept apart, by header or by address.
    assert [answer["X-Page-Cache"] for answer in answers] == ["miss", "miss", "hit", "miss", "hit"]

    assert [answer.json()["title"] for answer in answers] == [
        "南京推介会",
        "Nanjing Promotion Conference",
        "南京推介会",
        "南京推介会",
        "南京推介会",
    ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("zh-hans", ["环保", "贸易", "农业"]), ("zh-hant", ["環保", "貿易", "農業"])],
)
def test_the_topic_list_is_in_pinyin_order_for_chinese_readers(client, lang, expected):
    """By pinyin (huanbao, maoyi, nongye), as the pages' topic menus; by code point
    农 (U+519C) would come first and 贸 (U+8D38) last."""
    texts = [
        ("Trade", "贸易", "貿易"),
        ("Agriculture", "农业", "農業"),
        ("Environment", "环保", "環保"),
    ]
    conference = ConferenceFactory()
    for english, simplified, traditional in texts:
        conference.topics.add(
            TopicFactory(name_en=english, name_zh_hans=simplified, name_zh_hant=traditional)
        )

    chinese = client.get(f"/api/v1/topics/?lang={lang}").json()["results"]
    english = client.get("/api/v1/topics/?lang=en").json()["results"]
    two_a_page = client.get(f"/api/v1/topics/?lang={lang}&page_size=2&page=2").json()

    assert [topic["name"] for topic in chinese] == expected
    assert [topic["name"] for topic in english] == ["Agriculture", "Environment", "Trade"]
    assert [topic["name"] for topic in two_a_page["results"]] == expected[2:]
    assert two_a_page["count"] == 3
