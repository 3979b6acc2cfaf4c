"""Visitors never see a draft, nor anyone whose only links are drafts, anywhere."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    AgreementDocumentFactory,
    AgreementFactory,
    ConferenceFactory,
    KeyFigureFactory,
    MediaItemFactory,
    OrganizerFactory,
    ParticipationFactory,
    PartyFactory,
    PositionFactory,
    SignatoryFactory,
    TopicFactory,
)
from tests.sitemaps import SECTIONS, sitemap_documents

pytestmark = pytest.mark.django_db

SECRET = "Zebra-Secret"


@pytest.fixture
def drafts():
    """A draft conference and agreement, and the people and organizations only they mention."""
    conference = ConferenceFactory(
        title=f"{SECRET} conference", publication_status="draft", city=f"{SECRET} City"
    )
    OrganizerFactory(conference=conference, organization__name=f"{SECRET} Organizer")
    post = PositionFactory(
        person__name=f"{SECRET} Speaker", organization__name=f"{SECRET} Employer"
    )
    participation = ParticipationFactory(conference=conference, person=post.person)
    participation.positions.add(post)
    KeyFigureFactory(conference=conference, label=f"{SECRET} figure")
    # A topic made for the draft: not in the topic menus nor the API's topics.
    conference.topics.add(TopicFactory(name=f"{SECRET} topic"))
    agreement = AgreementFactory(
        title=f"{SECRET} agreement", publication_status="draft", conference=conference
    )
    PartyFactory(agreement=agreement, organization__name=f"{SECRET} Party")
    SignatoryFactory(agreement=agreement, person__name=f"{SECRET} Signer")
    # A published agreement signed at the draft conference must not name it either,
    # nor show the draft conference's photo.
    public = AgreementFactory(title="Public agreement", conference=conference)
    public.photos.add(MediaItemFactory(conference=conference, caption=f"{SECRET} photo"))
    # A photo of no conference, shown only on the draft agreement; its documents.
    agreement.photos.add(MediaItemFactory(conference=None, caption=f"{SECRET} signing"))
    AgreementDocumentFactory(
        agreement=agreement, url="", file=SimpleUploadedFile("text.txt", b"Draft text\n")
    )
    return conference, agreement


PUBLIC_URLS = [
    "/en/",
    "/en/events/",
    "/en/events/?q=Secret",
    "/en/events/?year=2023",
    "/en/partnerships/",
    "/en/partnerships/?q=Secret",
    "/en/people/",
    "/en/people/?q=Secret",
    "/en/organizations/",
    "/en/organizations/?q=Secret",
    "/en/events/feed/",
    "/en/events/calendar.ics",
    "/sitemap.xml",
    *[f"/sitemap-{section}.xml" for section in SECTIONS],
    "/en/partnerships/public-agreement/",
]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_no_public_page_mentions_a_draft(client, drafts, url):
    response = client.get(url)

    assert response.status_code == 200
    assert SECRET not in response.content.decode()


def test_draft_detail_pages_and_calendar_file_are_404(client, drafts):
    conference, agreement = drafts
    people = [p.person for p in conference.participations.all()] + [
        s.person for s in agreement.signatories.all()
    ]
    organizations = [o.organization for o in conference.organizers.all()] + [
        p.organization for p in agreement.parties.all()
    ]

    urls = [
        conference.get_absolute_url(),
        reverse("events:ics", args=[conference.slug]),
        agreement.get_absolute_url(),
        *[person.get_absolute_url() for person in people],
        *[organization.get_absolute_url() for organization in organizations],
    ]

    assert [client.get(url).status_code for url in urls] == [404] * len(urls)


def test_counts_leave_drafts_out(client, drafts):
    ConferenceFactory(title="Published one")

    assert "1 conference." in client.get("/en/events/").content.decode()
    assert "1 agreement." in client.get("/en/partnerships/").content.decode()


def test_filter_choices_leave_draft_only_people_and_organizations_out(client, drafts):
    content = client.get("/en/events/").content.decode()

    assert SECRET not in content


def test_staff_see_the_draft_with_a_banner(admin_client, drafts):
    conference, agreement = drafts

    for url in [conference.get_absolute_url(), agreement.get_absolute_url()]:
        response = admin_client.get(url)
        assert response.status_code == 200
        assert "<strong>Draft</strong>: visitors cannot see this page." in response.content.decode()


def draft_files(conference, agreement) -> list[str]:
    """Every stored file that only drafts show: photos with their renditions, documents."""
    names = [
        *[name for photo in conference.media.all() for name in photo.stored_files()],
        *[name for photo in agreement.photos.all() for name in photo.stored_files()],
        *[document.file.name for document in agreement.documents.all()],
    ]
    return ["/media/" + name for name in names]


def test_draft_photos_and_documents_are_404_to_visitors(client, drafts):
    files = draft_files(*drafts)

    assert len(files) == 7  # two photos with two renditions each, and a document
    assert [client.get(url).status_code for url in files] == [404] * len(files)


def test_staff_get_the_draft_files(admin_client, drafts):
    files = draft_files(*drafts)

    assert [admin_client.get(url).status_code for url in files] == [200] * len(files)


def test_no_sitemap_names_a_draft(client, drafts):
    """Addresses are made of slugs, which are lower case: "zebra-secret-conference"."""
    for document in sitemap_documents(client):
        assert SECRET.lower() not in document.decode().lower()


@pytest.mark.parametrize("code", ["en", "zh-hans", "zh-hant"])
@pytest.mark.parametrize("name", ["events:feed", "events:calendar"])
def test_no_feed_or_calendar_in_any_language_mentions_a_draft(client, drafts, name, code):
    # A draft's text falls back to its English for Chinese readers: it would show here.
    with translation.override(code):
        response = client.get(reverse(name))

    assert response.status_code == 200
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize("code", ["en", "zh-hans", "zh-hant"])
def test_a_drafts_calendar_file_is_404_in_every_language(client, drafts, code):
    conference, agreement = drafts

    with translation.override(code):
        response = client.get(reverse("events:ics", args=[conference.slug]))

    assert response.status_code == 404


@pytest.mark.parametrize("list_name", ["events:list", "partnerships:list"])
def test_a_drafts_topic_in_the_address_is_not_named(client, drafts, list_name):
    topic = drafts[0].topics.get()
    with translation.override("en"):
        url = reverse(list_name)

    response = client.get(url, {"topic": topic.slug})

    assert f"{SECRET} topic" not in response.content.decode()
