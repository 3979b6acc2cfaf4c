"""Every fact of the seed press release is in the demo content; loading twice changes nothing."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command

from events.models import (
    Conference,
    KeyFigure,
    MediaItem,
    Organization,
    Participation,
    Person,
    Position,
    Session,
)
from events.templatetags.events import key_figure
from partnerships.models import Agreement

pytestmark = pytest.mark.django_db

TITLE = (
    "Nanjing Promotion Conference on High Quality Development & Wider Opening up of Service "
    "Sector (Hong Kong & Macao)"
)


def test_conference_title_theme_date_city_and_source(demo):
    conference = Conference.objects.get()

    assert conference.title == TITLE
    assert conference.theme == "Gathering in Hong Kong for a Better Future"
    assert conference.start_date == dt.date(2023, 2, 8)
    assert conference.city == "Hong Kong"
    assert conference.country == "China"
    assert conference.time_zone == "Asia/Hong_Kong"
    assert conference.is_published
    assert (conference.source_publisher, conference.source_dateline, conference.source_date) == (
        "PR Newswire",
        "HONG KONG",
        dt.date(2023, 2, 9),
    )


def test_conference_summary_holds_the_fields_of_opening_up(demo):
    conference = Conference.objects.get()

    assert "6 fields of opening up" in conference.summary
    assert "opening more investment channels" in conference.summary
    assert "relaxing more access restrictions" in conference.summary
    assert "first large-scale mainland economic and trade delegation" in conference.body
    assert {topic.name for topic in conference.topics.all()} >= {
        "Opening up of the service sector",
        "Investment and trade facilitation",
        "Green finance",
    }


def test_organizer_with_its_other_name(demo):
    conference = Conference.objects.get()
    organizer = conference.organizers.get()

    assert organizer.organization.name == "Nanjing Municipal People's Government"
    assert organizer.get_role_display() == "Organizer"
    assert "Nanjing Municipal Government" in [
        alias.name for alias in organizer.organization.aliases.all()
    ]


def test_hktdc_has_its_short_name(demo):
    hktdc = Organization.objects.get(short_name="HKTDC")

    assert hktdc.name == "Hong Kong Trade Development Council"
    assert hktdc.kind == Organization.Kind.TRADE_BODY


def test_people_and_all_their_posts(demo):
    posts = {
        person.name: sorted(str(post) for post in person.positions.all())
        for person in Person.objects.prefetch_related("positions__organization")
    }

    assert posts == {
        "Han Liming": [
            "Member of the Standing Committee, Jiangsu Provincial Party Committee",
            "Secretary, Nanjing Municipal Party Committee",
        ],
        "Chen Zhichang": ["Mayor of Nanjing, Nanjing Municipal People's Government"],
        "Patrick Lau": ["Deputy Executive Director, Hong Kong Trade Development Council"],
    }


def test_han_liming_took_part_by_video_holding_both_posts(demo):
    participation = Participation.objects.get(person__name="Han Liming")

    assert participation.remote is True
    assert participation.session.get_kind_display() == "Video address"
    assert sorted(str(post) for post in participation.positions.all()) == [
        "Member of the Standing Committee, Jiangsu Provincial Party Committee",
        "Secretary, Nanjing Municipal Party Committee",
    ]
    assert "long and deep relationship with Hong Kong" in participation.remarks


def test_chen_zhichang_and_patrick_lau_spoke_in_person(demo):
    chen = Participation.objects.get(person__name="Chen Zhichang")
    lau = Participation.objects.get(person__name="Patrick Lau")

    assert (chen.remote, lau.remote) == (False, False)
    assert chen.session.title == (
        "Introduction of Nanjing's high-quality development investment environment"
    )
    assert '"first stop"' in chen.remarks and '"bridgehead"' in chen.remarks
    assert "green finance" in lau.remarks
    assert [str(post) for post in chen.positions.all()] == [
        "Mayor of Nanjing, Nanjing Municipal People's Government"
    ]
    assert [str(post) for post in lau.positions.all()] == [
        "Deputy Executive Director, Hong Kong Trade Development Council"
    ]


def test_agenda_in_order(demo):
    agenda = [(s.title, s.kind) for s in Conference.objects.get().sessions.all()]

    assert agenda == [
        ("Video address", "video_address"),
        ("Introduction of Nanjing's high-quality development investment environment", "speech"),
        ("Remarks by Patrick Lau", "speech"),
        ("Signing ceremony of major industrial cooperation projects", "ceremony"),
    ]


def test_key_figures_as_the_press_release_writes_them(demo):
    figures = [
        (key_figure(figure), figure.label, figure.value)
        for figure in KeyFigure.objects.order_by("order")
    ]

    assert figures == [
        (
            "more than 5,720",
            "Hong Kong-funded projects since the reform and opening up",
            Decimal("5720.00"),
        ),
        (
            "US$38.8 billion",
            "of actual funds received since the reform and opening up",
            Decimal("38800000000.00"),
        ),
        (
            "33",
            "Hong Kong-listed companies since the reform and opening up",
            Decimal("33.00"),
        ),
    ]


def test_strategic_cooperation_agreement_between_the_two_parties(demo):
    agreement = Agreement.objects.get(kind=Agreement.Kind.STRATEGIC_COOPERATION)

    assert agreement.get_kind_display() == "Strategic cooperation agreement"
    assert agreement.conference.title == TITLE
    assert agreement.signed_on == dt.date(2023, 2, 8)
    assert agreement.is_published
    assert "memorandums of cooperation and projects" in agreement.summary
    assert [party.organization.name for party in agreement.parties.all()] == [
        "Nanjing Municipal People's Government",
        "China Merchants Group",
    ]
    assert [topic.name for topic in agreement.topics.all()] == ["Industrial cooperation"]


def test_memorandums_signed_alongside_are_an_agreement_of_their_own(demo):
    memorandums = Agreement.objects.get(kind=Agreement.Kind.MEMORANDUM)

    assert memorandums.title == "Memorandums of cooperation and projects"
    assert memorandums.conference == Conference.objects.get()
    assert memorandums.signed_on == dt.date(2023, 2, 8)
    assert memorandums.is_published


def test_captioned_photo_on_the_conference_and_the_agreement(demo, media_root):
    photo = MediaItem.objects.get()

    assert photo.caption == "The signing ceremony of major industrial cooperation projects"
    assert photo.alt_text
    assert photo.conference == Conference.objects.get()
    assert set(photo.agreements.all()) == set(Agreement.objects.all())
    assert (photo.width, photo.height) == (1600, 900)
    assert (media_root / photo.image.name).is_file()


def snapshot(media_root):
    """Every row of both apps, join tables included, and every stored file."""
    models = [
        *apps.get_app_config("events").get_models(include_auto_created=True),
        *apps.get_app_config("partnerships").get_models(include_auto_created=True),
    ]
    rows = {model._meta.label: list(model.objects.order_by("pk").values()) for model in models}
    for table in rows.values():
        for row in table:
            row.pop("updated", None)
    files = sorted(path.name for path in media_root.rglob("*") if path.is_file())
    return rows, files


def test_loading_twice_gives_the_same_rows_and_files(demo, media_root):
    before = snapshot(media_root)

    output = io.StringIO()
    call_command("load_demo", stdout=output)

    assert snapshot(media_root) == before
    assert "Demo content loaded" in output.getvalue()


def test_loading_again_keeps_what_staff_changed(demo):
    conference = Conference.objects.get()
    conference.title = "Renamed by an editor"
    conference.publication_status = "draft"
    conference.save()
    conference.sessions.create(title="Added by an editor", order=2)
    post = Position.objects.get(title="Mayor of Nanjing")
    post.title = "Mayor"
    post.save()
    MediaItem.objects.update(caption="Recaptioned by an editor")
    counts = {model: model.objects.count() for model in [Position, MediaItem, Session]}

    call_command("load_demo", stdout=io.StringIO())

    conference.refresh_from_db()
    assert (conference.title, conference.publication_status) == ("Renamed by an editor", "draft")
    assert {model: model.objects.count() for model in counts} == counts
    assert Position.objects.filter(title="Mayor").exists()
