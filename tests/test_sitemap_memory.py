"""The remembered sitemap layout (events/sitemaps.py KeyedPages.layout) with the
query cache on, as production runs it (the suite turns it off in tests/conftest.py)."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils import timezone

from tests.factories import ConferenceFactory
from tests.sitemaps import SITEMAP, sitemap_entries

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.QUERY_CACHE_SECONDS = 600
    settings.SITEMAP_ENTRIES_PER_PAGE = 4
    cache.clear()
    yield
    cache.clear()


def locations():
    return {url.find(f"{SITEMAP}loc").text for url in sitemap_entries(Client())}


def test_scheduled_publish_and_unpublish_move_the_remembered_pages(time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    soon = timezone.now() + dt.timedelta(minutes=5)
    with transaction.atomic():
        for n in range(3):
            ConferenceFactory(slug=f"live-{n}")
        ConferenceFactory(slug="timed-in", published_at=soon)
        ConferenceFactory(slug="timed-out", unpublish_at=soon)
    before = locations()
    assert not any("timed-in" in loc for loc in before)
    assert sum("timed-out" in loc for loc in before) == 3

    time_machine.shift(dt.timedelta(minutes=6))
    after = locations()

    assert sum("timed-in" in loc for loc in after) == 3
    assert not any("timed-out" in loc for loc in after)
    assert sum("/live-" in loc for loc in after) == 9


def test_a_record_published_later_is_listed_with_the_layout_remembered():
    with transaction.atomic():
        for n in range(5):
            ConferenceFactory(slug=f"first-{n}")
    locations()
    with transaction.atomic():
        draft = ConferenceFactory(slug="late", publication_status="draft")
    with transaction.atomic():
        draft.publication_status = "published"
        draft.save()
    after = locations()
    assert sum("/late/" in loc for loc in after) == 3
    assert sum("/first-" in loc for loc in after) == 15
