"""Honorifics ("Dr.", "Prof."): shown with the name, left out of slugs, the order by name
and the search text."""

import json
import re

import pytest
from django.urls import reverse

from events.models import Person
from tests.factories import ConferenceFactory, ParticipationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_a_person_has_no_honorific_by_default():
    person = PersonFactory(name="Patrick Lau")

    assert person.honorific == ""
    assert str(person) == person.display_name == "Patrick Lau"


def test_the_honorific_is_shown_with_the_name_but_not_in_the_slug():
    person = PersonFactory(honorific="Dr.", name="Lee Ka-ming")

    assert person.display_name == "Dr. Lee Ka-ming"
    assert str(person) == "Dr. Lee Ka-ming"  # the admin's labels and choosers
    assert person.slug == "lee-ka-ming"


def test_people_are_sorted_by_name_whatever_their_honorific():
    PersonFactory(honorific="Prof.", name="Zhang Wei")
    PersonFactory(name="Chen Zhichang")
    PersonFactory(honorific="Dr.", name="Wong Mei")

    assert [str(p) for p in Person.objects.all()] == [
        "Chen Zhichang",
        "Dr. Wong Mei",
        "Prof. Zhang Wei",
    ]


def test_people_list_sorted_by_name_ignores_honorifics(client):
    for honorific, name in [("Prof.", "Zhang Wei"), ("", "Chen Zhichang"), ("Dr.", "Wong Mei")]:
        ParticipationFactory(person=PersonFactory(honorific=honorific, name=name))

    html = client.get(reverse("people:list"), {"sort": "name"}).content.decode()

    assert re.findall(r'class="row__title"[^>]*>([^<]+)</a>', html) == [
        "Chen Zhichang",
        "Dr. Wong Mei",
        "Prof. Zhang Wei",
    ]


def test_the_honorific_is_not_searched():
    person = PersonFactory(honorific="Prof.", name="Zhang Wei")

    assert "prof" not in person.search_text.lower()
    assert list(Person.objects.filter(search_text__term="zhang")) == [person]
    assert list(Person.objects.filter(search_text__term="prof")) == []


def test_pages_show_the_honorific_with_the_name_and_json_ld_has_it(client):
    person = PersonFactory(honorific="Dr.", name="Lee Ka-ming")
    conference = ConferenceFactory()
    ParticipationFactory(conference=conference, person=person, role="speaker")

    conference_page = client.get(conference.get_absolute_url()).content.decode()
    person_page = client.get(person.get_absolute_url()).content.decode()

    assert ">Dr. Lee Ka-ming</a>" in conference_page
    assert "<title>Dr. Lee Ka-ming" in person_page
    assert re.search(r"<h1[^>]*>Dr. Lee Ka-ming</h1>", person_page)
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', person_page, re.S)
    data = json.loads(block.group(1))["mainEntity"]
    assert (data["name"], data["honorificPrefix"]) == ("Lee Ka-ming", "Dr.")


def test_the_admin_list_of_people_shows_the_honorific(admin_client):
    PersonFactory(honorific="Prof.", name="Zhang Wei")

    html = admin_client.get(reverse("admin:events_person_changelist")).content.decode()

    assert "Prof. Zhang Wei</a>" in html
