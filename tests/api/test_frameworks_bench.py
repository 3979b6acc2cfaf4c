"""``bench/api_frameworks.py`` compares like with like: its DRF view gives the same
rows as the site's ninja endpoint, field for field."""

import json

import pytest

from tests.factories import ConferenceFactory, OrganizerFactory

pytestmark = pytest.mark.django_db


def test_both_frameworks_give_the_same_first_page(settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    from bench.api_frameworks import first_pages, serializers_only, views

    for number in range(3):
        conference = ConferenceFactory(slug=f"c-{number}", title_zh_hans=f"会议{number}")
        OrganizerFactory(conference=conference)
        conference.topics.create(name=f"Topic {number}", slug=f"topic-{number}")

    results = first_pages(views())

    assert [row["slug"] for row in results["DRF"]] == ["c-2", "c-1", "c-0"]
    assert results["DRF"][0]["organizers"][0]["role_label"] == "Organizer"
    assert results["DRF"] == results["django-ninja"]
    # The serializers alone, on the rows in memory: the same bodies (checked inside).
    bodies = [json.loads(call()) for call in serializers_only().values()]
    assert [[row["slug"] for row in body] for body in bodies] == [["c-2", "c-1", "c-0"]] * 2
