"""The contract every search backend meets, run on the pass's own database (SQLite or
PostgreSQL): what ``search_text__term`` finds, and that every kind of write reaches it.
Each backend's own workings are tested beside it (test_search_sqlite.py,
test_search_postgres.py)."""

import pytest
from django.db import connection

from events.models import Conference, Organization, Person
from events.search import all_words_hold, backend, postgres, sqlite, words
from partnerships.models import Agreement
from tests.factories import (
    AgreementFactory,
    ConferenceFactory,
    OrganizationAliasFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db


def test_each_database_has_its_backend():
    expected = {"sqlite": sqlite, "postgresql": postgres}[connection.vendor]
    assert backend(connection) is expected


@pytest.fixture
def people():
    PersonFactory(name="Chen Zhichang", name_alt="陈之常")
    PersonFactory(name="Patrick Lau", name_alt="劉錦華")
    PersonFactory(name="ＺＨＯＵ Wen")  # full width, as typed on a Chinese keyboard
    PersonFactory(name='Anne "Quote" O\'Brien')
    PersonFactory(name="Ida Star*Gazer")


def found(term: str) -> list[str]:
    """Who a search box holding ``term`` finds (the term normalized as the filters do)."""
    [word] = words(term)
    return sorted(Person.objects.filter(search_text__term=word).values_list("name", flat=True))


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        # parts of English words, from three characters (the index) and shorter (a scan)
        ("zhichang", ["Chen Zhichang"]),
        ("ichan", ["Chen Zhichang"]),
        ("lau", ["Patrick Lau"]),
        ("au", ["Patrick Lau"]),
        ("q", ['Anne "Quote" O\'Brien']),
        # Chinese: whole names, two-character words (through the pair token), one character
        ("陈之常", ["Chen Zhichang"]),
        ("之常", ["Chen Zhichang"]),
        ("錦華", ["Patrick Lau"]),
        ("常", ["Chen Zhichang"]),
        ("陈常", []),  # both in the name, but not neighbours
        # simplified and traditional are one text (folded as stored, both ways)
        ("华", ["Patrick Lau"]),
        ("刘锦华", ["Patrick Lau"]),
        ("劉錦華", ["Patrick Lau"]),
        ("陳之常", ["Chen Zhichang"]),
        ("陳之", ["Chen Zhichang"]),
        ("劉锦", ["Patrick Lau"]),  # one word in both scripts
        # case and width folded, in the text and in the term
        ("zhou", ["ＺＨＯＵ Wen"]),
        ("ＺＨＯＵ", ["ＺＨＯＵ Wen"]),
        ("CHEN", ["Chen Zhichang"]),
        # quotes and the full-text query language are text, not syntax
        ('"quote"', ['Anne "Quote" O\'Brien']),
        ('"quote', ['Anne "Quote" O\'Brien']),
        ("o'brien", ['Anne "Quote" O\'Brien']),
        ('"', ['Anne "Quote" O\'Brien']),
        ("star*", ["Ida Star*Gazer"]),
        ("sta*", []),  # not a prefix search
        ("search_text:chen", []),  # not a column filter
        ("NEAR(chen", []),
        ("%", []),  # LIKE's wildcards are literal too
        ("_", []),
        # nothing found
        ("nanjing", []),
    ],
)
def test_a_term_finds_the_rows_whose_words_hold_it(people, term, expected):
    assert found(term) == expected


@pytest.mark.parametrize(
    ("make", "model", "field"),
    [
        (lambda **kw: ConferenceFactory(title=kw["text"]), Conference, "title"),
        (lambda **kw: OrganizationFactory(name=kw["text"]), Organization, "name"),
        (lambda **kw: PersonFactory(name=kw["text"]), Person, "name"),
        (lambda **kw: AgreementFactory(title=kw["text"]), Agreement, "title"),
    ],
    ids=["conference", "organization", "person", "agreement"],
)
def test_every_kind_of_write_reaches_the_search(make, model, field):
    def hits(term):
        return list(model.objects.filter(search_text__term=term).values_list(field, flat=True))

    record = make(text="Harbour Forum 南京")
    assert hits("harbour") == ["Harbour Forum 南京"]
    assert hits("南京") == ["Harbour Forum 南京"]

    setattr(record, field, "Riverside Forum 上海")  # save()
    record.save()
    assert hits("harbour") == hits("南京") == []
    assert hits("riverside") == hits("上海") == ["Riverside Forum 上海"]

    model.objects.filter(pk=record.pk).update(search_text="lakeside forum")  # .update()
    assert hits("riverside") == []
    assert hits("lakeside") == ["Riverside Forum 上海"]

    record.delete()
    assert hits("lakeside") == []


def test_bulk_inserted_rows_are_found():
    Person.objects.bulk_create(
        [
            Person(name=name, slug=f"bulk-{n}", search_text=Person(name=name).make_search_text())
            for n, name in enumerate(["Zhou Wen", "周文"])
        ]
    )
    assert sorted(
        Person.objects.filter(search_text__term="zhou").values_list("name", flat=True)
    ) == ["Zhou Wen"]
    assert list(Person.objects.filter(search_text__term="周文").values_list("name", flat=True)) == [
        "周文"
    ]


def test_words_of_related_rows_are_found():
    person = PersonFactory(name="Chen Zhichang")
    PositionFactory(person=person, title="Mayor of Nanjing 南京市市长")
    organization = OrganizationFactory(name="China Merchants Group")
    OrganizationAliasFactory(organization=organization, name="招商局集团")

    assert list(Person.objects.filter(search_text__term="mayor")) == [person]
    assert list(Person.objects.filter(search_text__term="市长")) == [person]
    assert list(Organization.objects.filter(search_text__term="招商")) == [organization]
    organization.aliases.all().delete()
    assert list(Organization.objects.filter(search_text__term="招商")) == []


@pytest.mark.parametrize("term", ["chen", "zhou", "陈之", "c", "nobody"])
def test_a_list_finds_the_same_rows_whether_a_term_is_common_or_rare(term):
    """``all_words_hold`` may walk the list or read the index: the rows are the same."""
    for n in range(60):
        PersonFactory(name=f"Chen {n:02}", name_alt="陈之常")
    PersonFactory(name="Zhou Wen")
    listed = Person.objects.filter(all_words_hold(Person, [term])).order_by("name")
    looked_up = Person.objects.filter(search_text__term=term).order_by("name")
    assert list(listed) == list(looked_up)
    assert list(listed) == list(Person.objects.filter(search_text__contains=term).order_by("name"))
