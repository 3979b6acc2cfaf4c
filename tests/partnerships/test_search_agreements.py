"""An agreement's search text holds the search text of its parties and signatories
(partnerships/agreement_search.py): the agreement list finds what it found when it looked
through those rows, and every write keeps it so at once."""

import datetime as dt
import random

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from events import services
from events.filters import search_terms
from events.models import Organization, Person
from events.search import searchable
from partnerships.filters import AgreementFilter
from partnerships.models import Agreement, Party, Signatory
from tests.factories import (
    AgreementFactory,
    ConferenceFactory,
    OrganizationAliasFactory,
    OrganizationFactory,
    PartyFactory,
    PersonFactory,
    PositionFactory,
    SignatoryFactory,
)

pytestmark = pytest.mark.django_db

OWN_FIELDS = ("title", "summary", "place")


def listed(value: str, queryset=None) -> list[int]:
    """The agreements the list shows for a search box holding ``value``, in its order."""
    queryset = Agreement.objects.published() if queryset is None else queryset
    found = AgreementFilter({"q": value}, queryset=queryset).qs
    return list(found.order_by("-signed_on", "-id").values_list("pk", flat=True))


def listed_before(value: str, queryset=None) -> list[int]:
    """What the list found before agreements held their parties' and signatories' text:
    the term in the agreement's own fields, or in the search text of a party's
    organization or of a signatory, for every term; a place's name standing for any of
    its names (events/search/places.py)."""
    queryset = Agreement.objects.published() if queryset is None else queryset
    for names in search_terms(value):
        held = Q(pk__in=[])
        for term in names if isinstance(names, tuple) else [names]:
            own = [
                agreement.pk
                for agreement in Agreement.objects.all()
                if term
                in searchable(" ".join(str(getattr(agreement, f) or "") for f in OWN_FIELDS))
            ]
            parties = Party.objects.filter(
                organization__in=Organization.objects.filter(search_text__contains=term)
            )
            signatories = Signatory.objects.filter(
                person__in=Person.objects.filter(search_text__contains=term)
            )
            held |= (
                Q(pk__in=own)
                | Q(pk__in=parties.values("agreement_id"))
                | Q(pk__in=signatories.values("agreement_id"))
            )
        queryset = queryset.filter(held)
    return list(queryset.order_by("-signed_on", "-id").values_list("pk", flat=True))


SURNAMES = ["Chen", "Lau", "Wong", "Zhou", "Lam", "O'Brien"]
GIVEN = ["Zhichang", "Jing", "Wei", "Mei Ling", "Anne", "Ho Yin"]
CHINESE = ["陈之常", "劉錦華", "周文", "林美玲", "王伟", "南京"]
POSTS = ["Mayor of Nanjing", "Chairman", "南京市市长", "Director of Trade", "Consul-General"]
ORGS = ["Hong Kong Trade Development Council", "招商局集团", "Nanjing Municipal Government"]
TITLES = ["Framework Agreement", "南京都市圈 合作协议", "Green Finance Memorandum", "Letter"]
PLACES = ["Hong Kong", "Nanjing", "Macau", ""]


@pytest.fixture
def archive():
    """A varied archive, the same each run: names in two scripts, posts, other names,
    drafts, agreements with no one and with many, at a conference or not."""
    rng = random.Random(16)
    organizations = []
    for index, name in enumerate(ORGS * 2):
        organization = OrganizationFactory(
            name=f"{name} {index}",
            short_name=rng.choice(["", "HKTDC", "CMG"]),
            city=rng.choice(["Nanjing", "Macau"]),
        )
        if rng.random() < 0.5:
            OrganizationAliasFactory(organization=organization, name=rng.choice(ORGS) + " 別名")
        organizations.append(organization)
    people = []
    for index in range(24):
        person = PersonFactory(
            name=f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)} {index}",
            name_alt=rng.choice([*CHINESE, ""]),
        )
        if rng.random() < 0.6:
            PositionFactory(
                person=person, organization=rng.choice(organizations), title=rng.choice(POSTS)
            )
        people.append(person)
    conference = ConferenceFactory(title="Promotion Conference", city="Nanjing")
    for index in range(30):
        agreement = AgreementFactory(
            title=f"{rng.choice(TITLES)} {index}",
            summary=rng.choice(["", "On trade and tourism.", "关于智慧城市"]),
            place=rng.choice(PLACES),
            signed_on=rng.choice(
                [None, dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(900))]
            ),
            conference=rng.choice([None, conference]),
            publication_status=rng.choice(
                [Agreement.PublicationStatus.PUBLISHED] * 4 + [Agreement.PublicationStatus.DRAFT]
            ),
        )
        parties = [
            PartyFactory(agreement=agreement, organization=organization, order=order)
            for order, organization in enumerate(rng.sample(organizations, rng.randrange(0, 4)))
        ]
        for order, person in enumerate(rng.sample(people, rng.randrange(0, 4))):
            SignatoryFactory(
                agreement=agreement,
                person=person,
                party=rng.choice([None, *parties]),
                order=order,
            )
    return people


SEARCHES = [
    # people's names and parts of them, in both scripts; posts; organizations' names,
    # short and other names, and cities; the agreement's own words
    "chen", "zhichang", "mei ling", "o'brien", "chen jing", "lau 3", "陈之常", "之常", "錦華",
    "mayor", "nanjing mayor", "市长", "consul-general", "hktdc", "cmg", "別名", "招商局",
    "trade development", "green finance", "都市圈", "合作", "智慧", "tourism", "framework",
    "南京", "macau", "hong kong", "letter 7", "agreement 1", "promotion",
    # shorter than the index reads (a scan), mixed with longer, and nothing at all
    "a", "ch", "ng jing", "南", "x y z", "nobody-at-all", "chen wong lam zhou",
]  # fmt: skip


@pytest.mark.parametrize("value", SEARCHES)
def test_the_list_finds_what_it_found_before(archive, value):
    assert listed(value) == listed_before(value)


def test_the_searches_above_find_something_and_not_everything(archive):
    """The comparison above is worth something: most searches find some agreements and
    not all of them, and drafts are among the rows the searches reach."""
    found = {value: listed(value) for value in SEARCHES}
    published = Agreement.objects.published().count()
    assert sum(0 < len(rows) < published for rows in found.values()) >= 25
    assert Agreement.objects.exclude(pk__in=Agreement.objects.published()).exists()


def test_drafts_are_never_found(archive):
    everything = Agreement.objects.all()
    drafts = {
        agreement.pk for agreement in everything.exclude(pk__in=Agreement.objects.published())
    }
    for value in SEARCHES:
        assert listed(value, everything) == listed_before(value, everything)
        assert not drafts & set(listed(value))


def test_the_page_shows_what_the_list_finds(client, archive):
    [first, *_] = listed("chen")
    response = client.get("/en/partnerships/", {"q": "chen"})
    assert response.status_code == 200
    assert Agreement.objects.get(pk=first).title in response.content.decode()


def test_the_migration_gives_the_text_a_save_gives(archive):
    """What partnerships/0012 computes (its frozen copy) is what the live code keeps."""
    from importlib import import_module

    from django.apps import apps as live_apps

    stored = dict(Agreement.objects.values_list("pk", "search_text"))
    Agreement.objects.update(search_text="")
    migration = import_module("partnerships.migrations.0012_agreement_search_holds_parties")

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    migration.backfill()(live_apps, editor)
    assert dict(Agreement.objects.values_list("pk", "search_text")) == stored
    assert Agreement.refresh_search_text(list(stored)) == []


# Every write reaches the agreements at once.


@pytest.fixture
def agreement():
    return AgreementFactory(title="Framework Agreement", conference=None)


def test_a_new_party_is_found_and_a_removed_one_is_not(agreement):
    organization = OrganizationFactory(name="Nanjing Municipal Government", short_name="NMG")
    party = services.create(Party, agreement=agreement, organization=organization)
    assert listed("municipal") == listed("nmg") == [agreement.pk]
    services.delete(party)
    assert listed("municipal") == listed("nmg") == []


def test_a_new_signatory_is_found_and_a_removed_one_is_not(agreement):
    person = PersonFactory(name="Chen Zhichang", name_alt="陈之常")
    signatory = services.create(Signatory, agreement=agreement, person=person)
    assert listed("zhichang") == listed("之常") == [agreement.pk]
    services.delete(signatory)
    assert listed("zhichang") == listed("之常") == []


def test_a_renamed_person_is_found_by_the_new_name_only(agreement):
    person = SignatoryFactory(agreement=agreement, person__name="Chen Zhichang").person
    person.name = "Lau Kinwah"
    services.save(person)
    assert listed("kinwah") == [agreement.pk]
    assert listed("zhichang") == []


def test_a_post_held_is_found_until_it_goes(agreement):
    person = SignatoryFactory(agreement=agreement).person
    post = PositionFactory(person=person, title="Mayor of Nanjing")
    assert listed("mayor") == [agreement.pk]
    post.title = "Consul-General"
    post.save()
    assert listed("mayor") == []
    assert listed("consul") == [agreement.pk]
    post.delete()
    assert listed("consul") == []


def test_a_party_is_found_by_any_of_its_names_until_removed(agreement):
    party = PartyFactory(agreement=agreement, organization__short_name="HKTDC")
    organization = party.organization
    alias = OrganizationAliasFactory(organization=organization, name="招商局集团")
    assert listed("hktdc") == listed("招商局") == [agreement.pk]
    organization.short_name = "CMG"
    services.save(organization)
    assert listed("hktdc") == []
    assert listed("cmg") == [agreement.pk]
    alias.delete()
    assert listed("招商局") == []
    services.delete(party)
    assert listed("cmg") == []


def test_a_signatory_moved_to_another_agreement_leaves_the_first(agreement):
    other = AgreementFactory(title="Letter of intent", conference=None)
    signatory = SignatoryFactory(agreement=agreement, person__name="Wong Mei Ling")
    signatory.agreement = other
    signatory.save()
    assert listed("mei ling") == [other.pk]


def test_a_merge_brings_the_agreements_of_the_person_merged_away(agreement):
    kept = PersonFactory(name="Chen Zhichang")
    removed = SignatoryFactory(agreement=agreement, person__name="Chan Chi Sheung").person
    services.merge(kept, removed)
    assert listed("zhichang") == [agreement.pk]
    assert listed("chi sheung") == [agreement.pk]  # the kept person's other name now


def test_a_merge_brings_the_agreements_of_the_organization_merged_away(agreement):
    kept = OrganizationFactory(name="Hong Kong Trade Development Council")
    removed = PartyFactory(agreement=agreement, organization__name="招商局集团").organization
    both = AgreementFactory(title="Letter", conference=None)
    PartyFactory(agreement=both, organization=kept)
    PartyFactory(agreement=both, organization=removed)
    services.merge(kept, removed)
    assert listed("trade development") == sorted([agreement.pk, both.pk], reverse=True)
    assert set(listed("招商局")) == {agreement.pk, both.pk}  # the kept one's other name now


def test_rows_written_in_bulk_give_the_text_a_save_gives(agreement):
    people = services.bulk_create(Person, [Person(name=f"Lam Ho Yin {n}") for n in range(3)])
    organization = OrganizationFactory(name="Macau Logistics Bureau")
    services.bulk_create(Party, [Party(agreement=agreement, organization=organization)])
    services.bulk_create(Signatory, [Signatory(agreement=agreement, person=p) for p in people])
    assert listed("ho yin 2") == listed("logistics") == [agreement.pk]
    stored = Agreement.objects.get().search_text
    assert Agreement.refresh_search_text([agreement.pk]) == []  # nothing to change
    assert Agreement.objects.get().search_text == stored


def test_an_agreement_edited_keeps_its_parties_text(agreement):
    PartyFactory(agreement=agreement, organization__name="Nanjing Municipal Government")
    agreement.title = "Memorandum on tourism"
    services.save(agreement)
    assert listed("municipal") == listed("tourism") == [agreement.pk]
    assert listed("framework") == []


def test_deleting_an_agreement_leaves_the_others_found(agreement):
    other = AgreementFactory(title="Letter", conference=None)
    person = SignatoryFactory(agreement=agreement, person__name="Zhou Wen").person
    SignatoryFactory(agreement=other, person=person)
    services.delete(agreement)
    assert listed("zhou wen") == [other.pk]


def test_deleting_an_agreement_does_not_remake_its_text_for_each_signatory(agreement):
    SignatoryFactory(agreement=agreement)
    PartyFactory(agreement=agreement)
    one = AgreementFactory(title="Letter", conference=None)
    for _ in range(12):
        SignatoryFactory(agreement=one)
        PartyFactory(agreement=one)
    with CaptureQueriesContext(connection) as small:
        services.delete(agreement)
    with CaptureQueriesContext(connection) as large:
        services.delete(one)
    assert len(large) == len(small)
    assert not Signatory.objects.exists()
    assert not Party.objects.exists()
