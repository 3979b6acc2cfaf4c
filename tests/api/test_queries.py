"""Each API list reads the same number of queries for one row as for thirty: what a
row shows is read for the whole page at once (prefetches), never row by row."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    AgreementDocumentFactory,
    AgreementFactory,
    ConferenceFactory,
    KeyFigureFactory,
    MediaItemFactory,
    OrganizationAliasFactory,
    OrganizerFactory,
    ParticipationFactory,
    PartyFactory,
    PositionFactory,
    SessionFactory,
    SignatoryFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def make(rows: int) -> None:
    """``rows`` conferences and agreements, each with every kind of related row, and the
    people and organizations they name."""
    topic = TopicFactory()
    for _ in range(rows):
        conference = ConferenceFactory()
        conference.topics.add(topic)
        organizer = OrganizerFactory(conference=conference)
        OrganizationAliasFactory(organization=organizer.organization)
        post = PositionFactory(organization=organizer.organization)
        participation = ParticipationFactory(conference=conference, person=post.person)
        participation.positions.add(post)
        agreement = AgreementFactory(conference=conference)
        agreement.topics.add(topic)
        party = PartyFactory(agreement=agreement, organization=organizer.organization)
        SignatoryFactory(agreement=agreement, person=post.person, party=party, position=post)


def answer_size(client, url) -> int:
    answer = client.get(url)
    assert answer.status_code == 200, answer.content
    return len(answer.json()["results"])


LISTS = [
    "/api/v1/conferences/?page_size=30",
    "/api/v1/conferences/?page_size=30&q=conference&sort=title&lang=zh-hans",
    "/api/v1/agreements/?page_size=30",
    "/api/v1/agreements/?page_size=30&q=agreement&year=2023",
    "/api/v1/people/?page_size=30",
    "/api/v1/people/?page_size=30&q=person&lang=zh-hant",
    "/api/v1/organizations/?page_size=30",
    "/api/v1/organizations/?page_size=30&kind=enterprise&sort=-name",
    "/api/v1/topics/?page_size=30",
]


def queries_for(client, url, django_assert_max_num_queries) -> int:
    client.get(url)  # what is remembered per content version (place names) read once
    with django_assert_max_num_queries(100) as captured:
        answer_size(client, url)
    return len(captured.captured_queries)


@pytest.mark.parametrize("url", LISTS)
def test_a_list_reads_as_many_queries_for_thirty_rows_as_for_one(
    client, url, django_assert_max_num_queries, django_assert_num_queries
):
    make(1)
    with_one = queries_for(client, url, django_assert_max_num_queries)
    make(29)
    client.get(url)
    rows = 30 if "topics" not in url else 2

    with django_assert_num_queries(with_one):
        assert answer_size(client, url) == rows


def make_detail():
    conference = ConferenceFactory(slug="one")
    for _ in range(5):
        OrganizerFactory(conference=conference)
        SessionFactory(conference=conference)
        post = PositionFactory()
        ParticipationFactory(conference=conference, person=post.person).positions.add(post)
        KeyFigureFactory(conference=conference)
        MediaItemFactory(conference=conference)
        conference.topics.add(TopicFactory())
    agreement = AgreementFactory(slug="one", conference=conference)
    for _ in range(5):
        party = PartyFactory(agreement=agreement)
        post = PositionFactory()
        SignatoryFactory(agreement=agreement, person=post.person, party=party, position=post)
        AgreementDocumentFactory(
            agreement=agreement, url="", file=SimpleUploadedFile("a.txt", b"a\n")
        )
        agreement.photos.add(MediaItemFactory(conference=None))
    return conference, agreement


@pytest.mark.parametrize(
    ("url", "limit"),
    [
        ("/api/v1/conferences/one/", 9),
        ("/api/v1/agreements/one/", 7),
    ],
)
def test_a_detail_reads_a_fixed_number_of_queries(
    client, url, limit, django_assert_max_num_queries
):
    make_detail()

    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


@pytest.mark.django_db(transaction=True)  # content changes bump the version on commit
def test_a_lists_count_is_remembered_until_content_changes(client, settings):
    settings.QUERY_CACHE_SECONDS = 600
    cache.clear()
    ConferenceFactory(title="Harbour forum")
    url = "/api/v1/conferences/?q=forum"
    assert client.get(url).json()["count"] == 1

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).json()["count"] == 1
    ConferenceFactory(title="River forum")

    assert not any("COUNT(" in query["sql"] for query in queries.captured_queries)
    assert client.get(url).json()["count"] == 2
    cache.clear()
