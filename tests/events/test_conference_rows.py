"""A conference's participants, their posts, photos and topics read with its row as JSON
lists (events/conference_rows.py) say what the records say, in each language, for the
page and the API alike."""

import datetime as dt

import pytest
from django.utils import translation

from events.cards import topic_list
from events.conference_rows import CONFERENCE_ROWS, photos, speakers, topics
from events.models import Conference, MediaItem, Participation
from tests.factories import (
    ConferenceFactory,
    MediaItemFactory,
    ParticipationFactory,
    PersonFactory,
    PositionFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "zh-hans", "zh-hant")


def read(conference, code: str):
    """The conference's row as its page reads it, in the language ``code``."""
    with translation.override(code):
        row = Conference.objects.annotate(
            **CONFERENCE_ROWS,
            topic_rows=topic_list(Conference.topics.through.objects, "conference", code),
        ).get(pk=conference.pk)
        return speakers(row), photos(row), topics(row)


@pytest.fixture
def conference():
    conference = ConferenceFactory()
    lee = PersonFactory(
        name="Jane Lee", name_zh_hans="李珍", honorific="Dr.", name_alt="李珍", slug="jane-lee"
    )
    chen = PersonFactory(name="Chen Zhichang", name_zh_hant="陳之常")
    # Entered in the other order: the agenda's order decides.
    second = ParticipationFactory(
        conference=conference, person=chen, order=2, role=Participation.Role.SPEAKER
    )
    first = ParticipationFactory(
        conference=conference,
        person=lee,
        order=1,
        role=Participation.Role.MODERATOR,
        remote=True,
        remarks="Welcomed the guests.",
        remarks_zh_hans="致欢迎辞。",
        quote="Trade grows.",
    )
    mayor = PositionFactory(
        person=lee, title="Mayor", title_zh_hans="市长", organization__name="Nanjing", order=2
    )
    chair = PositionFactory(person=lee, title="Chair", organization__name="Council", order=1)
    first.positions.add(mayor, chair)
    second.positions.add(PositionFactory(person=chen, title="Director"))
    MediaItemFactory(
        conference=conference,
        order=2,
        caption="Signing",
        caption_zh_hans="签约",
        credit="Desk",
        taken_on=dt.date(2023, 2, 8),
    )
    MediaItemFactory(conference=conference, order=1, caption="Hall", is_decorative=True)
    conference.topics.add(
        TopicFactory(name="Trade", name_zh_hans="贸易"), TopicFactory(name="Finance")
    )
    return conference


@pytest.mark.parametrize("code", LANGUAGES)
def test_participants_are_their_records_in_the_agendas_order(conference, code):
    read_speakers, _photos, _topics = read(conference, code)
    with translation.override(code):
        records = list(conference.participations.order_by("order", "id"))
        assert [speaker.pk for speaker in read_speakers] == [record.pk for record in records]
        for speaker, record in zip(read_speakers, records, strict=True):
            person = record.person
            assert (speaker.role, speaker.remote, speaker.session_id) == (
                record.role,
                record.remote,
                record.session_id,
            )
            assert type(speaker.remote) is bool
            assert (speaker.remarks, speaker.quote) == (record.remarks, record.quote)
            assert speaker.person.name == person.name
            assert getattr(speaker.person.name, "lang", None) == getattr(person.name, "lang", None)
            assert speaker.person.display_name == person.display_name
            assert speaker.person.get_absolute_url() == person.get_absolute_url()
            assert speaker.person.name_alt == person.name_alt
            posts = list(record.positions.order_by("order", "id"))
            assert [(post.title, post.organization.name) for post in speaker.posts] == [
                (post.title, post.organization.name) for post in posts
            ]
            assert [post.organization.slug for post in speaker.posts] == [
                post.organization.slug for post in posts
            ]


def test_the_reader_gets_each_text_in_their_language_or_its_fallback(conference):
    english, simplified, traditional = (read(conference, code)[0] for code in LANGUAGES)
    assert english[0].person.display_name == "Dr. Jane Lee"
    # The honorific goes with the English name only.
    assert simplified[0].person.display_name == "李珍"
    assert simplified[0].remarks == "致欢迎辞。"
    assert [post.title for post in simplified[0].posts] == ["Chair", "市长"]
    assert traditional[1].person.name == "陳之常"
    # No traditional text: the fallback (simplified, then English), marked with its own
    # language.
    assert (traditional[0].remarks, traditional[0].remarks.lang) == ("致欢迎辞。", "zh-hans")
    assert (traditional[0].quote, traditional[0].quote.lang) == ("Trade grows.", "en")


@pytest.mark.parametrize("code", LANGUAGES)
def test_photos_are_their_records_in_the_gallerys_order(conference, code):
    _speakers, read_photos, _topics = read(conference, code)
    with translation.override(code):
        records = list(conference.media.all())
        assert len(read_photos) == len(records) == 2
        for photo, record in zip(read_photos, records, strict=True):
            assert photo.image.name == record.image.name
            assert photo.image.url == record.image.url
            assert photo.image.storage is MediaItem._meta.get_field("image").storage
            assert (photo.width, photo.height) == (record.width, record.height)
            assert photo.renditions == record.renditions
            assert photo.taken_on == record.taken_on
            assert (photo.caption, photo.credit) == (record.caption, record.credit)
            assert (photo.alt, photo.alt_text) == (record.alt, record.alt_text)
    hall, signing = read_photos
    assert hall.alt == "" and hall.alt_text == "Delegates at a signing table"
    assert signing.taken_on == dt.date(2023, 2, 8)


@pytest.mark.parametrize("code", LANGUAGES)
def test_topics_come_by_name_in_the_readers_language(conference, code):
    _speakers, _photos, read_topics = read(conference, code)
    with translation.override(code):
        expected = [(topic.slug, topic.name) for topic in conference.topics.all()]
    assert [(topic.slug, topic.name) for topic in read_topics] == expected


def test_a_conference_without_participants_or_photos_reads_empty_lists():
    assert read(ConferenceFactory(), "en") == ([], [], [])


def test_the_page_shows_what_the_rows_say(client, conference):
    page = client.get(conference.get_absolute_url()).content.decode()
    participants = page[page.index('id="participants-heading"') :]
    # Speakers first, then the moderator, as the roles are listed.
    assert participants.index("Chen Zhichang") < participants.index("Dr. Jane Lee")
    assert "by video" in participants[participants.index("Dr. Jane Lee") :]
    assert "Chair, Council" in page and "Mayor, Nanjing" in page
    assert page.index("Chair, Council") < page.index("Mayor, Nanjing")
    assert "Taken 8 February 2023" in page
    assert page.index("Finance") < page.index("Trade")
    chinese = client.get(f"/zh-hans{conference.get_absolute_url()[3:]}").content.decode()
    assert "市长" in chinese and "致欢迎辞。" in chinese and "贸易" in chinese
