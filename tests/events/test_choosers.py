"""The admin's choosers say what they offer: posts held (the holder's own first, matched at
word starts), people and organizations (other script, short name, a hint), time zones
(canonical names with their offset, recent ones first)."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Conference
from tests.admin_forms import CONFERENCE_INLINES, conference_form, empty_inlines
from tests.factories import (
    ConferenceFactory,
    OrganizationAliasFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = reverse("admin:autocomplete")
POSTS = {"app_label": "events", "model_name": "participation", "field_name": "positions"}
PERSON = {"app_label": "events", "model_name": "participation", "field_name": "person"}
ORGANIZATION = {"app_label": "events", "model_name": "organizer", "field_name": "organization"}
SIGNATORY_POST = {"app_label": "partnerships", "model_name": "signatory", "field_name": "position"}


def choose(client, field: dict, term: str = "", **extra) -> list[str]:
    response = client.get(AUTOCOMPLETE, {**field, "term": term, **extra})
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


@pytest.fixture
def nanjing():
    return OrganizationFactory(
        name="Nanjing Municipal People's Government", short_name="", city="Nanjing"
    )


# Posts held.


def test_posts_are_offered_with_organization_dates_and_holder(admin_client, nanjing):
    chen = PersonFactory(name="Chen Zhichang")
    PositionFactory(
        person=chen, organization=nanjing, title="Mayor of Nanjing", start_date=dt.date(2021, 3, 1)
    )
    PositionFactory(
        person=chen,
        organization=nanjing,
        title="Vice Mayor",
        start_date=dt.date(2016, 1, 1),
        end_date=dt.date(2021, 2, 28),
    )

    assert choose(admin_client, POSTS, "mayor") == [
        "Mayor of Nanjing, Nanjing Municipal People's Government (since 2021) — Chen Zhichang",
        "Vice Mayor, Nanjing Municipal People's Government (2016–2021) — Chen Zhichang",
    ]


def test_the_chosen_persons_posts_come_first(admin_client, nanjing):
    aaron = PersonFactory(name="Aaron Able")
    zhou = PersonFactory(name="Zhou Zheng")
    PositionFactory(person=aaron, organization=nanjing, title="Director")
    PositionFactory(person=zhou, organization=nanjing, title="Director")

    unordered = choose(admin_client, POSTS, "director")
    zhou_first = choose(admin_client, POSTS, "director", person=str(zhou.pk))

    assert [label.rsplit(" — ", 1)[1] for label in unordered] == ["Aaron Able", "Zhou Zheng"]
    assert [label.rsplit(" — ", 1)[1] for label in zhou_first] == ["Zhou Zheng", "Aaron Able"]
    # Whatever a crafted request says, it is a list, not an error.
    assert len(choose(admin_client, POSTS, "director", person="nobody")) == 2


def test_the_signatorys_post_chooser_puts_their_own_posts_first_too(admin_client, nanjing):
    aaron = PersonFactory(name="Aaron Able")
    zhou = PersonFactory(name="Zhou Zheng")
    PositionFactory(person=aaron, organization=nanjing, title="Director")
    PositionFactory(person=zhou, organization=nanjing, title="Director")

    labels = choose(admin_client, SIGNATORY_POST, "", person=str(zhou.pk))

    assert labels[0].endswith("— Zhou Zheng")


def test_posts_match_at_word_starts_not_inside_words(admin_client, nanjing):
    for name in ["Patrick Lau", "Lau-Wong Mei", "Laurence Smith", "Nikolaus Klaus"]:
        PositionFactory(person=PersonFactory(name=name), organization=nanjing, title="Director")

    holders = [label.rsplit(" — ", 1)[1] for label in choose(admin_client, POSTS, "Lau")]

    assert holders == ["Lau-Wong Mei", "Patrick Lau"]


def test_a_word_still_being_typed_matches_word_starts(admin_client, nanjing):
    for name in ["Laurence Smith", "Nikolaus Klaus"]:
        PositionFactory(person=PersonFactory(name=name), organization=nanjing, title="Director")

    holders = [label.rsplit(" — ", 1)[1] for label in choose(admin_client, POSTS, "Laur")]

    assert holders == ["Laurence Smith"]


def test_chinese_matches_anywhere_in_the_name(admin_client, nanjing):
    PositionFactory(
        person=PersonFactory(name="Chen Zhichang", name_alt="陈之常"),
        organization=nanjing,
        title="市长",
    )

    assert len(choose(admin_client, POSTS, "之常")) == 1
    assert len(choose(admin_client, POSTS, "常务")) == 0


def test_the_participant_row_can_add_a_post_in_a_popup(admin_client):
    conference = ConferenceFactory()
    ParticipationFactory(conference=conference)

    page = admin_client.get(reverse("admin:events_conference_change", args=[conference.pk]))
    html = page.content.decode()

    add_post = reverse("admin:events_position_add")
    assert 'id="add_id_participations-0-posts_held"' in html
    assert f'href="{add_post}?_to_field=id&amp;_popup=1"' in html
    assert 'data-holder-field="person"' in html
    # The script extends the admin's autocomplete.js, so it must come after it.
    assert html.index("admin/js/autocomplete.js") < html.index("events/admin/posts_chooser.js")


def test_a_new_post_from_the_popup_starts_with_the_person(admin_client):
    chen = PersonFactory(name="Chen Zhichang")

    page = admin_client.get(
        reverse("admin:events_position_add"), {"_to_field": "id", "_popup": "1", "person": chen.pk}
    )

    assert page.context["adminform"].form.initial["person"] == str(chen.pk)


# People and organizations.


def test_people_are_offered_with_other_script_and_current_post(admin_client, nanjing):
    chen = PersonFactory(name="Chen Zhichang", name_alt="陈之常")
    PositionFactory(person=chen, organization=nanjing, title="Mayor of Nanjing")
    PositionFactory(
        person=chen, organization=nanjing, title="Vice Mayor", end_date=dt.date(2021, 2, 28)
    )
    namesake = PersonFactory(name="Chen Zhichang")
    hktdc = OrganizationFactory(name="Hong Kong Trade Development Council", short_name="HKTDC")
    PositionFactory(person=namesake, organization=hktdc, title="Economist")

    assert set(choose(admin_client, PERSON, "Chen")) == {
        "Chen Zhichang 陈之常 — Mayor of Nanjing, Nanjing Municipal People's Government",
        "Chen Zhichang — Economist, HKTDC",
    }


def test_people_match_at_word_starts(admin_client):
    PersonFactory(name="Patrick Lau")
    PersonFactory(name="Laurence Smith")

    assert choose(admin_client, PERSON, "lau") == ["Patrick Lau"]
    assert choose(admin_client, PERSON, "atrick") == []


def test_organizations_are_offered_with_short_name_other_script_and_city(admin_client):
    hktdc = OrganizationFactory(
        name="Hong Kong Trade Development Council", short_name="HKTDC", city="Hong Kong"
    )
    OrganizationAliasFactory(organization=hktdc, name="香港貿易發展局")
    OrganizationAliasFactory(organization=hktdc, name="Trade Council")
    OrganizationFactory(name="China Merchants Group", short_name="", city="", country="China")

    assert choose(admin_client, ORGANIZATION, "hktdc") == [
        "Hong Kong Trade Development Council (HKTDC) 香港貿易發展局 — Hong Kong"
    ]
    assert choose(admin_client, ORGANIZATION, "香港") == [
        "Hong Kong Trade Development Council (HKTDC) 香港貿易發展局 — Hong Kong"
    ]
    assert choose(admin_client, ORGANIZATION, "merchants") == ["China Merchants Group — China"]


def queries_for(client, field, term) -> int:
    choose(client, field, term)  # warm per-process caches (content types, sessions)
    with CaptureQueriesContext(connection) as captured:
        choose(client, field, term)
    return len(captured)


def test_choosers_make_the_same_number_of_queries_for_one_or_many_results(admin_client):
    def people(count, title):
        for index in range(count):
            organization = OrganizationFactory(name=f"{title} Bureau {index}")
            OrganizationAliasFactory(organization=organization, name=f"局{index}")
            person = PersonFactory(name=f"{title} Person {index}")
            PositionFactory(person=person, organization=organization, title=title)
            PositionFactory(person=person, organization=organization, title=f"Former {title}")

    people(1, "Curator")
    people(12, "Archivist")

    for field in (POSTS, PERSON, ORGANIZATION):
        one = queries_for(admin_client, field, "curator")
        many = queries_for(admin_client, field, "archivist")
        assert one == many, field["field_name"]


def test_choosers_follow_the_roles():
    PersonFactory(name="Patrick Lau")
    anonymous = Client()
    staff = Client()
    staff.force_login(User.objects.create_user("no-role", password="x", is_staff=True))
    editor = Client()
    user = User.objects.create_user("editor", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    editor.force_login(user)

    assert anonymous.get(AUTOCOMPLETE, {**PERSON, "term": "lau"}).status_code == 302
    assert staff.get(AUTOCOMPLETE, {**PERSON, "term": "lau"}).status_code == 403
    assert choose(editor, PERSON, "lau") == ["Patrick Lau"]


# Time zones.


def time_zone_options(client, url) -> tuple[list[str], str]:
    page = client.get(url)
    html = page.content.decode()
    start = html.index('<datalist id="id_time_zone_choices">')
    end = html.index("</datalist>", start)
    values = html[start:end].split('<option value="')[1:]
    return [value.split('"', 1)[0] for value in values], html[start:end]


def test_time_zones_are_canonical_with_their_offset(admin_client):
    names, datalist = time_zone_options(admin_client, reverse("admin:events_conference_add"))

    assert "Asia/Macau" in names
    assert "Asia/Macao" not in names
    assert "Asia/Calcutta" not in names
    assert "UTC" in names
    assert len(names) == len(set(names))
    assert len(names) < 450
    assert '<option value="Asia/Hong_Kong">Asia/Hong_Kong (UTC+08:00)</option>' in datalist
    assert '<option value="Asia/Kolkata">Asia/Kolkata (UTC+05:30)</option>' in datalist


def test_new_conference_form_offers_the_default_time_zone(admin_client):
    html = admin_client.get(reverse("admin:events_conference_add")).content.decode()

    assert 'name="time_zone" value="Asia/Hong_Kong"' in html
    assert 'list="id_time_zone_choices"' in html


def test_the_zones_of_recent_conferences_come_first(admin_client):
    ConferenceFactory(start_date=dt.date(2020, 1, 1), time_zone="America/Lima")
    ConferenceFactory(start_date=dt.date(2024, 1, 1), time_zone="Europe/Paris")
    ConferenceFactory(start_date=dt.date(2023, 1, 1), time_zone="Asia/Macao")

    names, _ = time_zone_options(admin_client, reverse("admin:events_conference_add"))

    assert names[:2] == ["Europe/Paris", "America/Lima"]
    assert "Asia/Macao" not in names
    rest = names[2:]
    assert rest == sorted(rest)


def post_conference(client, url, **fields):
    return client.post(url, {**conference_form(**fields), **empty_inlines(*CONFERENCE_INLINES)})


def test_an_alias_already_stored_still_saves(admin_client):
    conference = ConferenceFactory(time_zone="Asia/Macao", title="Old zone")
    url = reverse("admin:events_conference_change", args=[conference.pk])

    names, _ = time_zone_options(admin_client, url)
    response = post_conference(
        admin_client,
        url,
        title="Old zone, new title",
        time_zone="Asia/Macao",
        edit_version=conference.updated.isoformat(),
    )

    assert names[0] == "Asia/Macao"
    assert response.status_code == 302
    conference.refresh_from_db()
    assert (conference.title, conference.time_zone) == ("Old zone, new title", "Asia/Macao")


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        (
            "Mars/Olympus_Mons",
            "“Mars/Olympus_Mons” is not a time zone name. Choose one from the list, such as "
            "Asia/Hong_Kong.",
        ),
        ("Asia/Macao", "“Asia/Macao” is an old name of Asia/Macau; choose Asia/Macau."),
    ],
)
def test_unknown_or_old_time_zone_names_are_refused(admin_client, typed, error):
    response = post_conference(
        admin_client, reverse("admin:events_conference_add"), title="Zoned", time_zone=typed
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["time_zone"] == [error]
    assert not Conference.objects.filter(title="Zoned").exists()


def test_a_zone_typed_loosely_is_saved_by_its_name(admin_client):
    response = post_conference(
        admin_client,
        reverse("admin:events_conference_add"),
        title="Loose",
        time_zone="asia/hong kong",
    )

    assert response.status_code == 302
    assert Conference.objects.get(title="Loose").time_zone == "Asia/Hong_Kong"
