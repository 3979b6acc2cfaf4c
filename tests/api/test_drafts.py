"""The API shows published content only: the ``drafts`` fixture's SECRET text (a draft
conference and agreement, the people and organizations only they mention, their photos
and documents) appears in no list, detail, search or filter, in any language."""

import pytest

from tests.factories import AgreementFactory, ConferenceFactory, TopicFactory
from tests.test_drafts import SECRET, drafts  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/conferences/",
    "/api/v1/agreements/",
    "/api/v1/people/",
    "/api/v1/organizations/",
    "/api/v1/topics/",
]
QUERIES = ["", "?q=Secret", "?q=Zebra", "?sort=title", "?sort=-name", "?page_size=100"]


@pytest.mark.parametrize("lang", ["en", "zh-hans", "zh-hant"])
@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("url", LISTS)
def test_no_list_mentions_a_draft(client, drafts, url, query, lang):  # noqa: F811
    separator = "&" if query else "?"
    response = client.get(f"{url}{query}{separator}lang={lang}")

    assert response.status_code in (200, 400)  # (a sort a list does not offer: 400)
    assert SECRET not in response.content.decode()


def test_searching_a_drafts_words_finds_nothing(client, drafts):  # noqa: F811
    for url in LISTS[:4]:
        assert client.get(f"{url}?q={SECRET}").json()["count"] == 0, url


def test_filters_naming_draft_only_records_find_nothing(client, drafts):  # noqa: F811
    conference, agreement = drafts
    organizer = conference.organizers.get().organization
    person = conference.participations.get().person
    topic = conference.topics.get()
    answers = [
        client.get(f"/api/v1/conferences/?topic={topic.slug}"),
        client.get(f"/api/v1/agreements/?topic={topic.slug}"),
        client.get(f"/api/v1/conferences/?organization={organizer.slug}"),
        client.get(f"/api/v1/conferences/?person={person.slug}"),
        client.get(f"/api/v1/agreements/?conference={conference.slug}"),
        client.get(f"/api/v1/people/?organization={organizer.slug}"),
    ]

    # Not public, so not a choice: the filter says so, naming the field.
    assert [answer.status_code for answer in answers] == [400] * len(answers)
    for answer in answers:
        assert SECRET not in answer.content.decode()
        assert answer.json()["error"]["fields"]


def test_draft_details_are_404(client, drafts):  # noqa: F811
    conference, agreement = drafts
    people = [p.person for p in conference.participations.all()] + [
        s.person for s in agreement.signatories.all()
    ]
    organizations = [o.organization for o in conference.organizers.all()] + [
        p.organization for p in agreement.parties.all()
    ]
    urls = [
        f"/api/v1/conferences/{conference.slug}/",
        f"/api/v1/agreements/{agreement.slug}/",
        *[f"/api/v1/people/{person.slug}/" for person in people],
        *[f"/api/v1/organizations/{organization.slug}/" for organization in organizations],
    ]

    answers = [client.get(url) for url in urls]

    assert [answer.status_code for answer in answers] == [404] * len(urls)
    assert all(answer.json()["error"]["status"] == 404 for answer in answers)
    assert not any(SECRET in answer.content.decode() for answer in answers)


def test_a_published_agreement_does_not_name_its_draft_conference(client, drafts):  # noqa: F811
    listed = client.get("/api/v1/agreements/").json()["results"]
    detail = client.get("/api/v1/agreements/public-agreement/")

    assert [agreement["slug"] for agreement in listed] == ["public-agreement"]
    assert listed[0]["conference"] is None
    assert detail.status_code == 200
    assert detail.json()["conference"] is None
    assert detail.json()["photos"] == []  # the draft conference's photo
    assert SECRET not in detail.content.decode()


def test_counts_leave_drafts_out(client, drafts):  # noqa: F811
    ConferenceFactory(title="Published one")

    assert client.get("/api/v1/conferences/").json()["count"] == 1
    assert client.get("/api/v1/agreements/").json()["count"] == 1


def test_topics_show_once_a_live_record_is_tagged_with_them(client):
    draft = ConferenceFactory(publication_status="draft")
    draft.topics.add(TopicFactory(name=f"{SECRET} topic", slug="secret-topic"))
    AgreementFactory(conference=None).topics.add(TopicFactory(name="Signed", slug="signed"))
    ConferenceFactory().topics.add(TopicFactory(name="Held", slug="held"))
    TopicFactory(name="Unused", slug="unused")

    listed = client.get("/api/v1/topics/")

    assert [topic["slug"] for topic in listed.json()["results"]] == ["held", "signed"]
    assert SECRET not in listed.content.decode()
    assert client.get("/api/v1/topics/secret-topic/").status_code == 404
    assert client.get("/api/v1/topics/unused/").status_code == 404
    assert client.get("/api/v1/topics/signed/").status_code == 200
