"""Every endpoint's fields, on a conference and an agreement built like the demo's: what
other software reads of them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events.models import KeyFigure, Organization, Participation, Session
from partnerships.models import AgreementDocument, Party, Signatory
from tests.factories import (
    AgreementDocumentFactory,
    AgreementFactory,
    ConferenceFactory,
    KeyFigureFactory,
    MediaItemFactory,
    OrganizationAliasFactory,
    OrganizationFactory,
    OrganizerFactory,
    ParticipationFactory,
    PartyFactory,
    PersonFactory,
    PositionFactory,
    SessionFactory,
    SignatoryFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


@pytest.fixture
def demo_like():
    """A conference with an organizer, an agenda, a speaker in two posts with remarks and
    a quote, a key figure, a photo and a topic; an agreement signed there with a party,
    a signatory, a value and two documents."""
    topic = TopicFactory(name="Green finance", slug="green-finance")
    government = OrganizationFactory(
        name="Nanjing Municipal People's Government",
        slug="nanjing-government",
        kind=Organization.Kind.GOVERNMENT,
        short_name="Nanjing Government",
        website="https://www.nanjing.gov.cn/",
    )
    OrganizationAliasFactory(organization=government, name="Nanjing Municipal Government")
    hktdc = OrganizationFactory(name="Hong Kong Trade Development Council", slug="hktdc")
    conference = ConferenceFactory(
        title="Nanjing Promotion Conference",
        slug="nanjing-promotion",
        theme="Gathering in Hong Kong for a Better Future",
        start_date=dt.date(2023, 2, 8),
        start_time=dt.time(9, 30),
        end_time=dt.time(12, 0),
        venue="Grand Hyatt",
        city="Hong Kong",
        country="China",
        summary="Six fields of opening up.",
        source_publisher="Xinhua",
        source_dateline="HONG KONG",
        source_date=dt.date(2023, 2, 9),
        source_url="https://example.org/news",
    )
    conference.topics.add(topic)
    OrganizerFactory(conference=conference, organization=government)
    session = SessionFactory(
        conference=conference,
        title="Video address",
        kind=Session.Kind.VIDEO_ADDRESS,
        date=dt.date(2023, 2, 8),
        start_time=dt.time(9, 30),
    )
    han = PersonFactory(name="Han Liming", slug="han-liming", name_alt="韩立明")
    first = PositionFactory(person=han, organization=government, title="Secretary", order=1)
    second = PositionFactory(person=han, organization=hktdc, title="Adviser", order=2)
    participation = ParticipationFactory(
        conference=conference,
        person=han,
        session=session,
        role=Participation.Role.KEYNOTE,
        remote=True,
        remarks="Nanjing and Hong Kong are closely linked.",
        quote="A better future together.",
    )
    participation.positions.add(first, second)
    KeyFigureFactory(
        conference=conference,
        label="Hong Kong-funded projects",
        value=Decimal("5720"),
        qualifier=KeyFigure.Qualifier.MORE_THAN,
        as_of=dt.date(2023, 2, 8),
    )
    MediaItemFactory(conference=conference, caption="The signing ceremony", credit="Xinhua")
    agreement = AgreementFactory(
        title="Strategic cooperation agreement",
        slug="strategic-cooperation",
        conference=conference,
        place="Hong Kong",
        summary="Nanjing and China Merchants Group.",
        value_amount=Decimal("1000000"),
        value_currency="USD",
        value_is_estimate=True,
    )
    agreement.topics.add(topic)
    party = PartyFactory(agreement=agreement, organization=government, role=Party.Role.INVESTOR)
    SignatoryFactory(
        agreement=agreement,
        person=han,
        party=party,
        position=first,
        role=Signatory.Role.WITNESSED,
    )
    AgreementDocumentFactory(
        agreement=agreement,
        title="Agreement text",
        url="",
        file=SimpleUploadedFile("text.txt", b"Text\n"),
        language=AgreementDocument.Language.BILINGUAL,
        order=1,
    )
    AgreementDocumentFactory(agreement=agreement, title="On the web", order=2)
    AgreementDocumentFactory(
        agreement=agreement, title="Unsafe", url="javascript:alert(1)", order=3
    )
    return conference, agreement


def organization_ref(slug, name):
    return {"slug": slug, "name": name, "url": f"{BASE}/api/v1/organizations/{slug}/"}


HAN = {"slug": "han-liming", "name": "Han Liming", "url": f"{BASE}/api/v1/people/han-liming/"}
GOVERNMENT = organization_ref("nanjing-government", "Nanjing Municipal People's Government")
HKTDC = organization_ref("hktdc", "Hong Kong Trade Development Council")
TOPIC = {
    "slug": "green-finance",
    "name": "Green finance",
    "url": f"{BASE}/api/v1/topics/green-finance/",
}
CONFERENCE_REF = {
    "slug": "nanjing-promotion",
    "title": "Nanjing Promotion Conference",
    "start_date": "2023-02-08",
    "end_date": None,
    "url": f"{BASE}/api/v1/conferences/nanjing-promotion/",
}
CONFERENCE_SUMMARY = {
    "slug": "nanjing-promotion",
    "title": "Nanjing Promotion Conference",
    "theme": "Gathering in Hong Kong for a Better Future",
    "start_date": "2023-02-08",
    "end_date": None,
    "starts_at": "2023-02-08T09:30:00+08:00",
    "ends_at": "2023-02-08T12:00:00+08:00",
    "time_zone": "Asia/Hong_Kong",
    "venue": "Grand Hyatt",
    "city": "Hong Kong",
    "country": "China",
    "organizers": [{"organization": GOVERNMENT, "role": "organizer", "role_label": "Organizer"}],
    "topics": [TOPIC],
    "url": f"{BASE}/api/v1/conferences/nanjing-promotion/",
    "page_url": f"{BASE}/en/events/nanjing-promotion/",
}
POSTS = [
    {"title": "Secretary", "organization": GOVERNMENT},
    {"title": "Adviser", "organization": HKTDC},
]


def test_conference_list(client, demo_like):
    answer = client.get("/api/v1/conferences/")

    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/json; charset=utf-8"
    assert answer.json() == {
        "language": "en",
        "count": 1,
        "next": None,
        "previous": None,
        "results": [CONFERENCE_SUMMARY],
    }


def test_conference_detail(client, demo_like):
    answer = client.get("/api/v1/conferences/nanjing-promotion/").json()

    photo = answer.pop("photos")
    assert answer == {
        **CONFERENCE_SUMMARY,
        "language": "en",
        "summary": "Six fields of opening up.",
        "body": "",
        "agenda": [
            {
                "title": "Video address",
                "kind": "video_address",
                "kind_label": "Video address",
                "date": "2023-02-08",
                "starts_at": "2023-02-08T09:30:00+08:00",
                "ends_at": None,
                "description": "",
                "speakers": [HAN],
            }
        ],
        "participants": [
            {
                "person": HAN,
                "role": "keynote",
                "role_label": "Keynote speaker",
                "remote": True,
                "posts": POSTS,
                "remarks": "Nanjing and Hong Kong are closely linked.",
                "quote": "A better future together.",
            }
        ],
        "key_figures": [
            {
                "label": "Hong Kong-funded projects",
                "value": "5720.00",
                "qualifier": "more_than",
                "qualifier_label": "more than",
                "currency": "",
                "unit": "",
                "as_of": "2023-02-08",
            }
        ],
        "source": {
            "publisher": "Xinhua",
            "dateline": "HONG KONG",
            "date": "2023-02-09",
            "url": "https://example.org/news",
        },
    }
    [photo] = photo
    assert photo["caption"] == "The signing ceremony"
    assert photo["alt"] == "Delegates at a signing table"
    assert photo["credit"] == "Xinhua"
    assert (photo["width"], photo["height"]) == (64, 48)
    assert photo["url"].startswith(f"{BASE}/media/")
    assert photo["renditions"]
    for rendition in photo["renditions"]:
        for url in (rendition["webp"], rendition["fallback"]):
            assert url.startswith(f"{BASE}/media/")
            # The address the API gives is served to visitors.
            assert client.get(url.removeprefix(BASE)).status_code == 200


def test_agreement_list_and_detail(client, demo_like):
    summary = {
        "slug": "strategic-cooperation",
        "title": "Strategic cooperation agreement",
        "kind": "strategic_cooperation",
        "kind_label": "Strategic cooperation agreement",
        "status": "signed",
        "status_label": "Signed",
        "signed_on": "2023-02-08",
        "place": "Hong Kong",
        "value": {"amount": "1000000.00", "currency": "USD", "estimate": True},
        "conference": CONFERENCE_REF,
        "parties": [{"organization": GOVERNMENT, "role": "investor", "role_label": "Investor"}],
        "topics": [TOPIC],
        "url": f"{BASE}/api/v1/agreements/strategic-cooperation/",
        "page_url": f"{BASE}/en/partnerships/strategic-cooperation/",
    }

    listed = client.get("/api/v1/agreements/").json()
    detail = client.get("/api/v1/agreements/strategic-cooperation/").json()

    assert listed["results"] == [summary]
    documents = detail.pop("documents")
    assert detail == {
        **summary,
        "language": "en",
        "summary": "Nanjing and China Merchants Group.",
        "signatories": [
            {
                "person": HAN,
                "role": "witnessed",
                "role_label": "Witnessed",
                "party": GOVERNMENT,
                "post": {"title": "Secretary", "organization": GOVERNMENT},
            }
        ],
        "photos": [],  # the conference's photo is the conference's, not shown here
    }
    assert [(d["title"], d["language"], d["language_label"]) for d in documents] == [
        ("Agreement text", "mul", "Bilingual"),
        ("On the web", "en", "English"),
        ("Unsafe", "en", "English"),
    ]
    uploaded, linked, unsafe = (d["url"] for d in documents)
    assert uploaded.startswith(f"{BASE}/media/")
    assert b"".join(client.get(uploaded.removeprefix(BASE)).streaming_content) == b"Text\n"
    assert linked == "https://example.org/agreement.pdf"
    assert unsafe is None


def test_people(client, demo_like):
    listed = client.get("/api/v1/people/").json()
    detail = client.get("/api/v1/people/han-liming/").json()

    summary = {
        "slug": "han-liming",
        "name": "Han Liming",
        "name_alt": "韩立明",
        "honorific": "",
        "posts": POSTS,
        "url": f"{BASE}/api/v1/people/han-liming/",
        "page_url": f"{BASE}/en/people/han-liming/",
    }
    assert listed["results"] == [summary]
    assert detail == {
        **summary,
        "language": "en",
        "bio": "",
        "conferences": [
            {
                "conference": CONFERENCE_REF,
                "role": "keynote",
                "role_label": "Keynote speaker",
                "remote": True,
                "remarks": "Nanjing and Hong Kong are closely linked.",
            }
        ],
    }


def test_organizations(client, demo_like):
    listed = client.get("/api/v1/organizations/").json()
    detail = client.get("/api/v1/organizations/nanjing-government/").json()

    assert [o["slug"] for o in listed["results"]] == ["hktdc", "nanjing-government"]
    government = {
        "slug": "nanjing-government",
        "name": "Nanjing Municipal People's Government",
        "short_name": "Nanjing Government",
        "aliases": ["Nanjing Municipal Government"],
        "kind": "government",
        "kind_label": "Government",
        "city": "Nanjing",
        "region": "",
        "country": "",
        "website": "https://www.nanjing.gov.cn/",
        "url": f"{BASE}/api/v1/organizations/nanjing-government/",
        "page_url": f"{BASE}/en/organizations/nanjing-government/",
    }
    assert listed["results"][1] == government
    assert detail == {
        **government,
        "language": "en",
        "description": "",
        "people": [{"person": HAN, "title": "Secretary"}],
        "conferences_organized": [
            {"conference": CONFERENCE_REF, "role": "organizer", "role_label": "Organizer"}
        ],
        "conferences_attended": [],  # (organized by it)
    }
    # Han Liming spoke there in a post at the HKTDC, which did not organize it.
    hktdc = client.get("/api/v1/organizations/hktdc/").json()
    assert hktdc["conferences_attended"] == [CONFERENCE_REF]
    assert hktdc["conferences_organized"] == []


def test_topics(client, demo_like):
    listed = client.get("/api/v1/topics/").json()
    detail = client.get("/api/v1/topics/green-finance/").json()

    assert listed == {
        "language": "en",
        "count": 1,
        "next": None,
        "previous": None,
        "results": [TOPIC],
    }
    assert detail == {**TOPIC, "language": "en"}


def test_each_endpoint_is_in_the_schema(client):
    paths = client.get("/api/v1/schema/").json()["paths"]

    for kind in ("conferences", "agreements", "people", "organizations", "topics"):
        assert f"/api/v1/{kind}/" in paths
        assert f"/api/v1/{kind}/{{slug}}/" in paths
