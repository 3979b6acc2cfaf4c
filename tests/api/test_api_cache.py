"""API answers in the page cache, per language asked for, retired by any change; and
conditional requests (ETag, Last-Modified, 304)."""

import json

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from events import services
from tests.factories import ConferenceFactory, TopicFactory

# Changes commit for real, as in tests/test_page_cache.py: answers are retired when a
# change commits, which a test inside one never-committed transaction cannot show.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cached(settings):
    """The page cache on, and a topic named in English and both Chinese scripts, given to
    a published conference (the API lists the topics in use)."""
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    with transaction.atomic():
        topic = TopicFactory(name="Green finance", name_zh_hans="绿色金融", name_zh_hant="綠色金融")
        ConferenceFactory().topics.add(topic)
    yield topic
    cache.clear()


def api_visitor(path, **extra):
    return Client().get(path, **extra)


def names(response) -> list[str]:
    return [row["name"] for row in json.loads(response.content)["results"]]


def vary(response) -> set[str]:
    return {part.strip().lower() for part in response["Vary"].split(",")}


def test_a_second_request_is_answered_from_the_cache_with_one_query(
    cached, django_assert_num_queries
):
    first = api_visitor("/api/v1/topics/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(1):  # the content version, nothing else
        second = api_visitor("/api/v1/topics/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content and names(second) == ["Green finance"]
    assert second["Content-Type"] == first["Content-Type"] == "application/json; charset=utf-8"
    assert second["ETag"] == first["ETag"]
    assert second["Last-Modified"] == first["Last-Modified"]
    for answer in (first, second):
        assert {"accept-language", "cookie"} <= vary(answer)
        assert answer["Content-Language"] == "en"


def test_each_language_asked_for_has_its_own_cached_answer(cached):
    english = api_visitor("/api/v1/topics/")
    asked = [  # (header, the answer's names, its language, from the cache)
        ("zh-TW,zh;q=0.9", ["綠色金融"], "zh-hant", "miss"),
        ("zh-TW,zh;q=0.9", ["綠色金融"], "zh-hant", "hit"),
        ("zh-CN", ["绿色金融"], "zh-hans", "miss"),
        ("zh-Hans-CN,en;q=0.5", ["绿色金融"], "zh-hans", "hit"),  # the same language
        ("fr-FR,en;q=0.8", ["Green finance"], "en", "hit"),
    ]
    for header, name, code, from_cache in asked:
        answer = api_visitor("/api/v1/topics/", HTTP_ACCEPT_LANGUAGE=header)
        assert (names(answer), answer["Content-Language"]) == (name, code), header
        assert answer["X-Page-Cache"] == from_cache, header
        assert "accept-language" in vary(answer)
    # ?lang= is part of the address, and wins over the header.
    by_address = api_visitor("/api/v1/topics/?lang=zh-hant", HTTP_ACCEPT_LANGUAGE="en")
    assert names(by_address) == ["綠色金融"]
    assert by_address["ETag"] != english["ETag"]
    again = api_visitor("/api/v1/topics/?lang=zh-hant", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert (again["X-Page-Cache"], names(again)) == ("hit", ["綠色金融"])


def test_an_unchanged_answer_is_a_304_by_etag_or_date(cached):
    first = api_visitor("/api/v1/topics/")
    etag, modified = first["ETag"], first["Last-Modified"]
    for headers in ({"HTTP_IF_NONE_MATCH": etag}, {"HTTP_IF_MODIFIED_SINCE": modified}):
        answer = api_visitor("/api/v1/topics/", **headers)
        assert answer.status_code == 304 and answer.content == b""
        assert answer["ETag"] == etag
    chinese = api_visitor("/api/v1/topics/", HTTP_ACCEPT_LANGUAGE="zh-CN", HTTP_IF_NONE_MATCH=etag)
    assert chinese.status_code == 200  # another language, another answer


def test_without_the_page_cache_the_etag_still_answers_304(cached, settings):
    settings.PAGE_CACHE_SECONDS = 0
    etag = api_visitor("/api/v1/topics/")["ETag"]
    assert api_visitor("/api/v1/topics/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_change_retires_the_cached_answers(cached):
    before = api_visitor("/api/v1/topics/")
    chinese = api_visitor("/api/v1/topics/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    cached.name, cached.name_zh_hans = "Green finance and investment", "绿色金融与投资"
    with transaction.atomic():
        services.save(cached)
    after = api_visitor("/api/v1/topics/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert (after["X-Page-Cache"], names(after)) == ("miss", ["绿色金融与投资"])
    assert after["ETag"] != chinese["ETag"]
    stale = api_visitor("/api/v1/topics/", HTTP_IF_NONE_MATCH=before["ETag"])
    assert (stale.status_code, stale["X-Page-Cache"]) == (200, "miss")
    assert names(stale) == ["Green finance and investment"]
    assert stale["ETag"] != before["ETag"]


def test_a_lists_count_is_remembered_until_content_changes(settings):
    """As the pages' counts: on a large archive the count reads every matching row."""
    settings.QUERY_CACHE_SECONDS = 600
    cache.clear()
    with transaction.atomic():
        ConferenceFactory.create_batch(3, city="Hong Kong")
    address = "/api/v1/conferences/?page_size=1&city=hong-kong"
    assert json.loads(api_visitor(address).content)["count"] == 3
    with CaptureQueriesContext(connection) as queries:
        second = api_visitor(f"{address}&page=2&lang=zh-hans")
    assert json.loads(second.content)["count"] == 3
    assert not [query for query in queries if "COUNT(" in query["sql"].upper()]
    with transaction.atomic():
        ConferenceFactory(city="Hong Kong")
    assert json.loads(api_visitor(address).content)["count"] == 4
    cache.clear()
