import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from events.models import (
    Conference,
    KeyFigure,
    Organization,
    Participation,
    Person,
    Position,
    Topic,
)
from events.templatetags.events import key_figure
from tests.factories import (
    ConferenceFactory,
    OrganizationFactory,
    OrganizerFactory,
    ParticipationFactory,
    PersonFactory,
    PositionFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def test_conference_slug_made_from_title_when_blank():
    conference = ConferenceFactory(title="Nanjing Promotion Conference (Hong Kong & Macao)")

    assert conference.slug == "nanjing-promotion-conference-hong-kong-macao"


def test_conference_slug_for_simplified_chinese_title_keeps_the_characters():
    conference = ConferenceFactory(title="南京服务业高质量发展暨扩大开放推介会")

    assert conference.slug == "南京服务业高质量发展暨扩大开放推介会"


def test_conference_slug_for_traditional_chinese_and_english_title():
    conference = ConferenceFactory(title="香港貿易發展局 Forum 2023")

    assert conference.slug == "香港貿易發展局-forum-2023"


def test_same_title_twice_gets_distinct_slugs():
    first = ConferenceFactory(title="南京推介会")
    second = ConferenceFactory(title="南京推介会")
    third = ConferenceFactory(title="南京推介会")

    assert [first.slug, second.slug, third.slug] == ["南京推介会", "南京推介会-2", "南京推介会-3"]


def test_title_without_any_letters_still_gets_a_slug():
    first = ConferenceFactory(title="!!! ???")
    second = OrganizationFactory(name="—")

    assert (first.slug, second.slug) == ("conference", "organization")


def test_long_colliding_title_gets_a_unique_slug_within_the_length_limit():
    title = "长" * 250
    first = ConferenceFactory(title=title)
    second = ConferenceFactory(title=title)

    assert len(first.slug) == 200
    assert len(second.slug) == 200
    assert second.slug.endswith("-2")


def test_given_slug_is_kept_and_resaving_does_not_change_it():
    conference = ConferenceFactory(title="Anything", slug="my-own-slug")
    conference.title = "Renamed"
    conference.save()

    conference.refresh_from_db()
    assert conference.slug == "my-own-slug"


def test_blank_slug_is_filled_by_full_clean():
    person = Person(name="Chen Zhichang")

    person.full_clean()

    assert person.slug == "chen-zhichang"


def test_database_refuses_an_empty_slug():
    person = PersonFactory(name="Patrick Lau")

    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(pk=person.pk).update(slug="")


def test_database_refuses_conference_ending_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        ConferenceFactory(start_date=dt.date(2023, 2, 8), end_date=dt.date(2023, 2, 7))


def test_full_clean_explains_conference_ending_before_it_starts():
    conference = ConferenceFactory.build(
        start_date=dt.date(2023, 2, 8), end_date=dt.date(2023, 2, 7)
    )

    with pytest.raises(ValidationError) as error:
        conference.full_clean()

    assert "A conference cannot end before it starts." in error.value.messages


def test_same_day_end_time_before_start_time_is_refused():
    conference = ConferenceFactory.build(start_time=dt.time(15, 0), end_time=dt.time(14, 0))

    with pytest.raises(ValidationError) as error:
        conference.full_clean()
    assert "On the same day, the end time cannot be before the start time." in (
        error.value.messages
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        conference.save()


def test_later_day_end_time_before_start_time_is_allowed():
    conference = ConferenceFactory(
        start_date=dt.date(2023, 2, 8),
        start_time=dt.time(15, 0),
        end_date=dt.date(2023, 2, 9),
        end_time=dt.time(12, 0),
    )

    assert conference.ends_at.isoformat() == "2023-02-09T12:00:00+08:00"


def test_starts_at_is_in_the_conference_time_zone():
    conference = ConferenceFactory(start_time=dt.time(9, 30), time_zone="Asia/Hong_Kong")

    assert conference.starts_at.isoformat() == "2023-02-08T09:30:00+08:00"
    assert conference.starts_at.astimezone(dt.UTC).hour == 1


def test_unknown_time_zone_is_refused():
    conference = ConferenceFactory.build(time_zone="Mars/Olympus_Mons")

    with pytest.raises(ValidationError) as error:
        conference.full_clean()

    assert error.value.message_dict["time_zone"] == [
        "“Mars/Olympus_Mons” is not a time zone name. Use a name such as Asia/Hong_Kong."
    ]


def test_database_refuses_a_position_ending_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        PositionFactory(start_date=dt.date(2022, 1, 1), end_date=dt.date(2021, 1, 1))


def test_full_clean_explains_a_position_ending_before_it_starts():
    position = Position(
        person=PersonFactory(),
        organization=OrganizationFactory(),
        title="Mayor",
        start_date=dt.date(2022, 1, 1),
        end_date=dt.date(2021, 1, 1),
    )

    with pytest.raises(ValidationError) as error:
        position.full_clean()

    assert error.value.messages == ["A post cannot end before it starts."]


def test_a_person_can_hold_two_posts_at_once():
    person = PersonFactory(name="Han Liming")
    PositionFactory(person=person, title="Member of the Standing Committee")
    PositionFactory(person=person, title="Secretary")

    assert [post.is_current() for post in person.positions.all()] == [True, True]


def test_session_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(start_time=dt.time(10, 0), end_time=dt.time(9, 0))


def test_database_refuses_a_kind_outside_the_choices():
    organization = OrganizationFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.filter(pk=organization.pk).update(kind="secret_society")


def test_same_organization_cannot_organize_a_conference_twice():
    organizer = OrganizerFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        OrganizerFactory(conference=organizer.conference, organization=organizer.organization)


def test_participation_session_must_belong_to_the_same_conference():
    participation = ParticipationFactory.build(
        conference=ConferenceFactory(), person=PersonFactory(), session=SessionFactory()
    )

    with pytest.raises(ValidationError) as error:
        participation.full_clean()

    assert error.value.message_dict["session"] == ["Choose a session of this conference."]


def test_person_who_took_part_cannot_be_deleted():
    participation = ParticipationFactory()

    with pytest.raises(ProtectedError):
        participation.person.delete()

    assert Person.objects.filter(pk=participation.person.pk).exists()


def test_deleting_a_conference_deletes_what_it_owns():
    participation = ParticipationFactory()
    SessionFactory(conference=participation.conference)

    participation.conference.delete()

    assert Participation.objects.count() == 0
    assert Person.objects.count() == 1


def test_published_upcoming_and_past():
    today = dt.date(2024, 6, 1)
    past = ConferenceFactory(title="Past", start_date=dt.date(2023, 2, 8))
    running = ConferenceFactory(
        title="Running", start_date=dt.date(2024, 5, 30), end_date=dt.date(2024, 6, 2)
    )
    soon = ConferenceFactory(title="Soon", start_date=dt.date(2024, 7, 1))
    ConferenceFactory(
        title="Draft",
        start_date=dt.date(2024, 7, 2),
        publication_status=Conference.PublicationStatus.DRAFT,
    )

    published = Conference.objects.published()

    assert list(published.upcoming(today)) == [running, soon]
    assert list(published.past(today)) == [past]


def test_publishing_records_the_publication_time():
    conference = ConferenceFactory(publication_status=Conference.PublicationStatus.DRAFT)
    assert conference.published_at is None

    conference.publication_status = Conference.PublicationStatus.PUBLISHED
    conference.save()

    assert conference.published_at is not None


def test_people_and_organizations_with_only_drafts_are_not_public():
    draft = ConferenceFactory(publication_status=Conference.PublicationStatus.DRAFT)
    hidden = ParticipationFactory(conference=draft).person
    hidden_org = OrganizerFactory(conference=draft).organization
    shown = ParticipationFactory(conference=ConferenceFactory()).person
    ParticipationFactory(conference=draft, person=shown, role=Participation.Role.GUEST)

    assert list(Person.objects.public()) == [shown]
    assert hidden not in Person.objects.public()
    assert hidden_org not in Organization.objects.public()


@pytest.mark.parametrize(
    ("value", "currency", "unit", "qualifier", "expected"),
    [
        ("5720", "", "", KeyFigure.Qualifier.MORE_THAN, "more than 5,720"),
        ("38800000000", "USD", "", "", "US$38.8 billion"),
        ("33", "", "", "", "33"),
        ("1500000", "HKD", "", KeyFigure.Qualifier.ABOUT, "about HK$1.5 million"),
        ("12.50", "", "%", "", "12.5%"),
        ("300", "", "hectares", KeyFigure.Qualifier.NEARLY, "nearly 300 hectares"),
        ("2000000000000", "CNY", "", "", "RMB 2 trillion"),
    ],
)
def test_key_figures_are_written_as_people_write_them(value, currency, unit, qualifier, expected):
    figure = KeyFigure(
        value=Decimal(value), currency=currency, unit=unit, qualifier=qualifier, label="x"
    )

    assert key_figure(figure) == expected


def test_a_post_with_only_a_start_or_an_end_date_is_valid():
    started = PositionFactory(start_date=dt.date(2021, 1, 1))
    ended = PositionFactory(end_date=dt.date(2021, 1, 1))

    started.full_clean()
    ended.full_clean()
    assert started.is_current(dt.date(2023, 2, 8)) is True
    assert ended.is_current(dt.date(2023, 2, 8)) is False


def test_two_overlapping_posts_are_both_held_at_a_conference():
    person = PersonFactory(name="Han Liming")
    standing = PositionFactory(
        person=person, title="Member of the Standing Committee", start_date=dt.date(2021, 1, 1)
    )
    secretary = PositionFactory(person=person, title="Secretary", start_date=dt.date(2021, 6, 1))
    participation = ParticipationFactory(person=person, remote=True)
    participation.positions.add(standing, secretary)

    on_the_day = participation.conference.start_date
    assert [post.is_current(on_the_day) for post in participation.positions.all()] == [True, True]


def test_a_post_held_at_a_conference_cannot_be_deleted():
    post = PositionFactory()
    ParticipationFactory(person=post.person).positions.add(post)

    with pytest.raises(ProtectedError):
        post.delete()


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (OrganizationFactory, "kind"),
        (OrganizerFactory, "role"),
        (SessionFactory, "kind"),
        (ParticipationFactory, "role"),
        (ConferenceFactory, "publication_status"),
    ],
)
def test_database_refuses_values_outside_the_choices(factory, field):
    record = factory()

    with pytest.raises(IntegrityError), transaction.atomic():
        type(record).objects.filter(pk=record.pk).update(**{field: "nonsense"})


def test_key_figure_is_money_or_a_unit_not_both():
    figure = KeyFigure(
        conference=ConferenceFactory(),
        value=Decimal("5"),
        currency="USD",
        unit="hectares",
        label="x",
    )

    with pytest.raises(ValidationError) as error:
        figure.full_clean()
    assert "Give a currency or a unit, not both." in error.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        figure.save()


def test_topic_names_are_unique_whatever_their_case():
    Topic.objects.create(name="Green finance")

    with pytest.raises(ValidationError) as error:
        Topic(name="GREEN FINANCE").full_clean()
    assert "A topic with this name already exists." in error.value.messages


def test_typed_slugs_are_lowercased():
    conference = ConferenceFactory.build(title="X", slug="Nanjing-2023")

    conference.full_clean()

    assert conference.slug == "nanjing-2023"


def test_a_title_that_is_a_reserved_word_gets_another_slug():
    conference = ConferenceFactory(title="Feed")

    assert conference.slug == "feed-2"


def test_events_never_imports_partnerships():
    import re
    from pathlib import Path

    events = Path(__file__).resolve().parents[2] / "events"
    importing = re.compile(r"^\s*(from|import)\s+partnerships\b", re.M)

    offenders = [
        str(path.relative_to(events))
        for path in events.rglob("*.py")
        if importing.search(path.read_text())
    ]

    assert offenders == []
