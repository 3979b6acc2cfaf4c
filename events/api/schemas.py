"""The shapes of the API's answers (ninja Schemas, which the OpenAPI schema shows), and
the functions that read a record into them.

Texts are given in the requested language with the site's fallbacks (a record's
translated field read while that language is active: events/languages.py), each with
the language it was found in where it may differ (``*_language``)."""

from django.urls import reverse
from ninja import Schema


class Page(Schema):
    language: str
    count: int
    next: str | None
    previous: str | None


class TopicOut(Schema):
    slug: str
    name: str
    url: str


class TopicList(Page):
    results: list[TopicOut]


class TopicDetail(TopicOut):
    language: str


def api_url(request, name: str, slug: str) -> str:
    return request.build_absolute_uri(reverse(f"api:{name}", args=[slug]))


def topic_data(request, topic) -> dict:
    return {
        "slug": topic.slug,
        "name": topic.name,
        "url": api_url(request, "topic-detail", topic.slug),
    }
