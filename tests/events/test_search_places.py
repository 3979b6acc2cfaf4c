"""Other names of places are found as the names themselves (events/search/places.py): a
search for "Macau" finds a conference held in "Macao" (or in 澳门, 澳門), "HK" one in
"Hong Kong", in every list; editors change the names in the admin's Places."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from events.models import Place
from events.search.places import name_table, with_other_names
from tests.factories import (
    AgreementFactory,
    ConferenceFactory,
    OrganizationFactory,
    OrganizerFactory,
    ParticipationFactory,
    PersonFactory,
    PositionFactory,
)

TABLE = name_table(
    [["Hong Kong", "HK", "香港", "Hong Kong SAR"], ["Macao", "Macau", "澳门", "澳門", "Macao SAR"]]
)


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        (["macau"], [("macao", "macau", "澳门")]),  # 澳門 is 澳门, folded
        # a name holding another adds nothing: "macao sar" is found as "macao"
        (["macao", "sar"], [("macao", "macau", "澳门")]),
        (["hong", "kong", "sar", "x"], [("hong kong", "hk", "香港"), "x"]),
        (["hong", "kong", "trade"], [("hong kong", "hk", "香港"), "trade"]),
        (["trade", "hk"], ["trade", ("hong kong", "hk", "香港")]),
        (["kong", "hong"], ["kong", "hong"]),  # the words of a name, in its order only
        (["macaulay"], ["macaulay"]),  # a whole word, not a part
        (["hong"], ["hong"]),
        ([], []),
    ],
)
def test_a_word_that_is_a_place_name_stands_for_all_its_names(terms, expected):
    assert with_other_names(terms, TABLE) == expected


@pytest.mark.django_db
def test_the_site_starts_with_the_usual_other_names():
    assert {"Macau", "澳门", "澳門"} <= set(Place.objects.get(name="Macao").names())
    assert {"HK", "香港"} <= set(Place.objects.get(name="Hong Kong").names())
    assert {"Canton", "广州", "廣州"} <= set(Place.objects.get(name="Guangzhou").names())
    assert {"Nanking", "南京"} <= set(Place.objects.get(name="Nanjing").names())
    assert {"Peking", "北京"} <= set(Place.objects.get(name="Beijing").names())


def shown(client, url_name: str, query: str, record) -> bool:
    response = client.get(reverse(url_name), {"q": query})
    assert response.status_code == 200
    return f'href="{record.get_absolute_url()}"' in response.content.decode()


@pytest.fixture
def places(db):
    macao = ConferenceFactory(title="Promotion conference", city="Macao")
    hong_kong = ConferenceFactory(title="Investment forum", city="HK")
    nanjing = ConferenceFactory(title="Metropolitan area forum", city="Nanjing")
    return {"macao": macao, "hong kong": hong_kong, "nanjing": nanjing}


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Macau", "macao"),
        ("macao", "macao"),
        ("澳门", "macao"),
        ("澳門", "macao"),
        ("Macau promotion", "macao"),  # with other words
        ("Hong Kong", "hong kong"),
        ("香港", "hong kong"),
        ("hk forum", "hong kong"),
        ("Nanking", "nanjing"),
        ("南京", "nanjing"),
    ],
)
def test_the_conference_list_finds_a_place_by_any_of_its_names(client, places, query, found):
    for name, conference in places.items():
        assert shown(client, "events:list", query, conference) == (name == found), name


def test_the_other_lists_find_a_place_by_any_of_its_names(client, db):
    conference = ConferenceFactory(city="Nanjing")
    organization = OrganizationFactory(name="Tourism Office", city="Macao")
    elsewhere = OrganizationFactory(name="Tourism Bureau", city="Nanjing")
    for each in (organization, elsewhere):
        OrganizerFactory(conference=conference, organization=each)
    person = PersonFactory(name="Ho Iat Seng")
    PositionFactory(person=person, organization=organization, title="Chief Executive of Macau")
    ParticipationFactory(conference=conference, person=person)
    agreement = AgreementFactory(title="Cooperation agreement", place="澳門")

    assert shown(client, "organizations:list", "macau tourism", organization)
    assert not shown(client, "organizations:list", "macau tourism", elsewhere)
    assert shown(client, "people:list", "澳门", person)
    assert shown(client, "partnerships:list", "Macao cooperation", agreement)
    assert not shown(client, "partnerships:list", "Hong Kong cooperation", agreement)


def editor_client(client):
    user = User.objects.create_user("place-editor", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    client.force_login(user)
    return client


def test_names_an_editor_adds_are_found_at_once(client, db):
    conference = ConferenceFactory(city="Zhongshan")
    assert not shown(client, "events:list", "chungshan", conference)
    response = editor_client(client).post(
        reverse("admin:events_place_add"),
        {"name": "Zhongshan", "other_names": "Chungshan\n中山"},
    )
    assert response.status_code == 302
    client.logout()
    assert shown(client, "events:list", "chungshan", conference)
    assert shown(client, "events:list", "中山", conference)


def test_a_name_of_another_place_is_a_form_error(client, db):
    response = editor_client(client).post(
        reverse("admin:events_place_add"), {"name": "Aomen", "other_names": "MACAU"}
    )
    assert response.status_code == 200
    assert "is already a name of Macao" in response.content.decode()
    assert not Place.objects.filter(name="Aomen").exists()


@pytest.mark.parametrize("query", ["HK", "香港", "hongkong"])
def test_a_name_of_several_words_is_found_whole(client, db, query):
    """ "Hong Kong" is looked for as the two words together (from the index on SQLite,
    a phrase of the trigram table)."""
    conference = ConferenceFactory(city="Hong Kong")
    elsewhere = ConferenceFactory(city="Kong Town", title="Hong Forum")
    assert shown(client, "events:list", query, conference)
    assert not shown(client, "events:list", query, elsewhere)


@pytest.mark.django_db(transaction=True)
def test_an_edit_counts_at_once_with_pages_and_the_names_remembered(client, settings):
    """The table of names is remembered, and searched pages cached, under the content
    version: a change of a place moves it (as any content's change does), so the next
    search finds by the new names. (Changes commit for real here.)"""
    from django.core.cache import cache
    from django.db import transaction

    settings.PAGE_CACHE_SECONDS = settings.QUERY_CACHE_SECONDS = 600
    cache.clear()
    try:
        with transaction.atomic():
            conference = ConferenceFactory(city="Zhongshan")
        assert not shown(client, "events:list", "chungshan", conference)
        with transaction.atomic():
            Place.objects.create(name="Zhongshan", other_names="Chungshan")
        assert shown(client, "events:list", "chungshan", conference)
        with transaction.atomic():
            Place.objects.filter(name="Zhongshan").get().delete()
        assert not shown(client, "events:list", "chungshan", conference)
    finally:
        cache.clear()
