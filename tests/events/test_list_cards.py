"""List cards and rows show the related names and the photo they showed when they were
read as related model instances: the same names, in the same order, read with the row."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.cards import conference_cards, organization_rows, person_rows
from events.models import Conference, Organization, Person
from partnerships.models import Agreement
from tests.factories import (
    AgreementFactory,
    ConferenceFactory,
    KeyFigureFactory,
    MediaItemFactory,
    OrganizationAliasFactory,
    OrganizationFactory,
    OrganizerFactory,
    ParticipationFactory,
    PartyFactory,
    PositionFactory,
)
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def organized_by(conference, *names_and_orders):
    for name, order in names_and_orders:
        OrganizerFactory(conference=conference, organization__name=name, order=order)


def test_conference_card_names_organizers_in_their_order(client):
    conference = ConferenceFactory(title="Nanjing Promotion Conference")
    # By their order, then by when they were added: not by name.
    organized_by(conference, ("Alpha Council", 2), ("Zeta Government", 1), ("Beta Group", 1))

    for url in (reverse("events:list"), reverse("home")):
        assert "By Zeta Government, Beta Group, Alpha Council" in page_text(client.get(url))
    card = conference_cards(Conference.objects.filter(pk=conference.pk)).get()
    assert card.organizer_names == ["Zeta Government", "Beta Group", "Alpha Council"]


def test_conference_without_organizers_or_photos_has_no_byline_or_figure(client):
    conference = ConferenceFactory(title="Quiet Forum")

    card = conference_cards(Conference.objects.filter(pk=conference.pk)).get()
    response = client.get(reverse("events:list"))

    assert (card.organizer_names, card.card_photo) == ([], None)
    assert "Quiet Forum" in page_text(response)
    assert "By " not in page_text(response)
    assert 'class="card__image"' not in response.content.decode()


def test_conference_card_shows_the_first_photo_of_the_gallery(client):
    conference = ConferenceFactory()
    later = MediaItemFactory(conference=conference, order=1, caption="The signing ceremony")
    first = MediaItemFactory(
        conference=conference, order=0, caption="Delegates arrive", credit="Xinhua"
    )
    assert later.pk < first.pk  # the order field decides, not the key

    html = client.get(reverse("events:list")).content.decode()

    assert "Delegates arrive" in html and "Credit: Xinhua" in html
    assert "The signing ceremony" not in html
    largest = first.renditions[-1]
    assert f'src="{first.image.storage.url(largest["fallback"])}"' in html
    assert f'alt="{first.alt_text}"' in html
    assert f'width="{largest["width"]}" height="{largest["height"]}"' in html


def test_a_decorative_card_photo_has_empty_alt_text(client):
    MediaItemFactory(caption="Stage", alt_text="", is_decorative=True)

    html = client.get(reverse("events:list")).content.decode()

    assert 'alt=""' in html


def test_agreement_card_names_parties_in_their_order_everywhere(client):
    conference = ConferenceFactory()
    agreement = AgreementFactory(title="Strategic cooperation", conference=conference)
    for name, order in (("China Merchants Group", 2), ("Nanjing Municipal Government", 1)):
        PartyFactory(agreement=agreement, organization__name=name, order=order)
    PartyFactory(agreement=agreement, organization__name="HKTDC", order=3)

    between = "Between Nanjing Municipal Government, China Merchants Group and HKTDC"
    # The list and the home page read the names with the row; the conference page's
    # section draws the same card from its prefetched parties.
    for url in (reverse("partnerships:list"), reverse("home"), conference.get_absolute_url()):
        assert between in page_text(client.get(url)), url


def test_people_list_shows_each_persons_posts_in_their_order(client):
    person = PositionFactory(
        person__name="Han Liming",
        title="Secretary",
        organization__name="Nanjing Committee",
        order=2,
    ).person
    PositionFactory(
        person=person, title="Standing Committee member", organization__name="Jiangsu", order=1
    )
    ParticipationFactory(person=person)

    text = page_text(client.get(reverse("people:list")))

    assert "Standing Committee member, Jiangsu; Secretary, Nanjing Committee" in text
    row = person_rows(Person.objects.filter(pk=person.pk)).get()
    assert row.post_lines == [
        ["Standing Committee member", "Jiangsu"],
        ["Secretary", "Nanjing Committee"],
    ]


def test_organization_list_shows_other_names_by_name(client):
    organization = OrganizationFactory(name="Nanjing Municipal People's Government")
    for name in ("Nanjing Municipal Government", "南京市人民政府", "Government of Nanjing"):
        OrganizationAliasFactory(organization=organization, name=name)
    OrganizerFactory(organization=organization)

    text = page_text(client.get(reverse("organizations:list")))

    expected = ["Government of Nanjing", "Nanjing Municipal Government", "南京市人民政府"]
    assert f"also known as {', '.join(expected)}" in text
    row = organization_rows(Organization.objects.filter(pk=organization.pk)).get()
    assert row.alias_names == expected


def test_names_follow_a_rename_at_once(client):
    conference = ConferenceFactory()
    organizer = OrganizerFactory(conference=conference, organization__name="Old Name Bureau")

    organizer.organization.name = "New Name Bureau"
    organizer.organization.save()

    text = page_text(client.get(reverse("events:list")))
    assert "By New Name Bureau" in text and "Old Name Bureau" not in text


def test_list_rows_are_read_with_only_the_columns_shown(client):
    ConferenceFactory(body="A long body the card never shows")

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("events:list"))

    row_reads = [q["sql"] for q in queries if "organizer_names" in q["sql"]]
    assert len(row_reads) == 1
    assert '"events_conference"."body"' not in row_reads[0]
    assert '"events_conference"."search_text"' not in row_reads[0]


def test_home_key_figures_name_their_conference(client):
    conference = ConferenceFactory(title="Nanjing Promotion Conference")
    KeyFigureFactory(conference=conference, value=Decimal("5720"), qualifier="more_than")

    response = client.get(reverse("home"))

    assert "more than 5,720 Hong Kong-listed companies Nanjing Promotion Conference" in page_text(
        response
    )
    assert f'href="{conference.get_absolute_url()}"' in response.content.decode()


def test_lean_reads_give_what_prefetching_gave():
    """bench/lists.py compares the two reads; both must show the same names."""
    from bench import lists
    from partnerships.views import agreement_cards

    for n in range(3):
        conference = ConferenceFactory()
        organized_by(conference, *((f"Organizer {n}-{i}", (i * 7) % 3) for i in range(n + 2)))
        agreement = AgreementFactory(conference=conference)
        for i in range(n + 1):
            PartyFactory(agreement=agreement, order=(i * 5) % 2)
            PositionFactory(person=ParticipationFactory(conference=conference).person, order=2 - i)
            OrganizationAliasFactory(organization=conference.organizers.first().organization)
    reads = [
        (Conference, lists.prefetched_conferences, conference_cards, "organizer_names"),
        (Agreement, lists.prefetched_agreements, agreement_cards, "party_names"),
        (Person, lists.prefetched_people, person_rows, "post_lines"),
        (Organization, lists.prefetched_organizations, organization_rows, "alias_names"),
    ]
    for model, prefetched, cards, names in reads:
        keys = list(model.objects.values_list("pk", flat=True))
        before = [(row[0], row[1]) for row in prefetched(keys)]
        assert before == lists.lean(model, cards, names)(keys), model
        assert any(names for _, names in before), model
