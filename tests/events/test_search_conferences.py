"""A conference's search text holds its topics and the search text of its organizers
and participants (events/models/conference_search.py): the conference list finds what
it found when it looked through those rows, and every write keeps it so at once."""

import datetime as dt
import random

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from events import services
from events.filters import ConferenceFilter, search_terms
from events.models import (
    Conference,
    Organization,
    Organizer,
    Participation,
    Person,
    Topic,
)
from events.search import searchable
from tests.factories import (
    ConferenceFactory,
    OrganizationAliasFactory,
    OrganizationFactory,
    OrganizerFactory,
    ParticipationFactory,
    PersonFactory,
    PositionFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

OWN_FIELDS = ("title", "theme", "summary", "body", "venue", "city", "country")


def listed(value: str, queryset=None) -> list[int]:
    """The conferences the list shows for a search box holding ``value``, in its order."""
    queryset = Conference.objects.published() if queryset is None else queryset
    found = ConferenceFilter({"q": value}, queryset=queryset).qs
    return list(found.order_by("-start_date", "-id").values_list("pk", flat=True))


def listed_before(value: str, queryset=None) -> list[int]:
    """What the list found before conferences held their people's text: the term in the
    conference's own fields, or in the search text of an organizer or a participant, or
    in a topic's name (``icontains``), for every term; a place's name standing for any of
    its names (events/search/places.py)."""
    queryset = Conference.objects.published() if queryset is None else queryset
    for names in search_terms(value):
        held = Q(pk__in=[])
        for term in names if isinstance(names, tuple) else [names]:
            own = [
                conference.pk
                for conference in Conference.objects.all()
                if term
                in searchable(" ".join(str(getattr(conference, f) or "") for f in OWN_FIELDS))
            ]
            organizers = Organizer.objects.filter(
                organization__in=Organization.objects.filter(search_text__contains=term)
            )
            people = Participation.objects.filter(
                person__in=Person.objects.filter(search_text__contains=term)
            )
            topics = Conference.topics.through.objects.filter(topic__name__icontains=term)
            held |= (
                Q(pk__in=own)
                | Q(pk__in=organizers.values("conference_id"))
                | Q(pk__in=people.values("conference_id"))
                | Q(pk__in=topics.values("conference_id"))
            )
        queryset = queryset.filter(held)
    return list(queryset.order_by("-start_date", "-id").values_list("pk", flat=True))


SURNAMES = ["Chen", "Lau", "Wong", "Zhou", "Lam", "O'Brien"]
GIVEN = ["Zhichang", "Jing", "Wei", "Mei Ling", "Anne", "Ho Yin"]
CHINESE = ["陈之常", "劉錦華", "周文", "林美玲", "王伟", "南京"]
POSTS = ["Mayor of Nanjing", "Chairman", "南京市市长", "Director of Trade", "Consul-General"]
ORGS = ["Hong Kong Trade Development Council", "招商局集团", "Nanjing Municipal Government"]
TOPICS = ["Green Finance", "绿色金融", "Trade", "Tourism", "智慧城市", "Logistics"]
TITLES = ["Promotion Conference", "南京都市圈 Forum", "Cultural Tourism Week", "Trade Fair"]


@pytest.fixture
def archive():
    """A varied archive, the same each run: names in two scripts, posts, other names,
    topics, drafts, conferences with no one and with many."""
    rng = random.Random(16)
    topics = [TopicFactory(name=name) for name in TOPICS]
    organizations = []
    for index, name in enumerate(ORGS * 2):
        organization = OrganizationFactory(
            name=f"{name} {index}", short_name=rng.choice(["", "HKTDC", "CMG"]), city="Nanjing"
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
    for index in range(30):
        conference = ConferenceFactory(
            title=f"{rng.choice(TITLES)} {index}",
            start_date=dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1500)),
            city=rng.choice(["Hong Kong", "Nanjing", "Macau"]),
            publication_status=rng.choice(
                [Conference.PublicationStatus.PUBLISHED] * 4 + [Conference.PublicationStatus.DRAFT]
            ),
        )
        for person in rng.sample(people, rng.randrange(0, 6)):
            ParticipationFactory(conference=conference, person=person)
        for organization in rng.sample(organizations, rng.randrange(0, 3)):
            OrganizerFactory(conference=conference, organization=organization)
        conference.topics.set(rng.sample(topics, rng.randrange(0, 3)))
    return people


SEARCHES = [
    # people's names and parts of them, in both scripts; posts; organizations' names,
    # short and other names, and cities; topics; the conference's own words
    "chen", "zhichang", "mei ling", "o'brien", "chen jing", "lau 3", "陈之常", "之常", "錦華",
    "mayor", "nanjing mayor", "市长", "consul-general", "hktdc", "cmg", "別名", "招商局",
    "trade development", "green finance", "绿色金融", "金融", "智慧", "tourism", "logistics",
    "promotion", "南京", "都市圈 forum", "macau", "hong kong", "fair 7",
    # shorter than the index reads (a scan), mixed with longer, and nothing at all
    "a", "ch", "ng jing", "南", "x y z", "nobody-at-all", "chen wong lam zhou",
]  # fmt: skip


@pytest.mark.parametrize("value", SEARCHES)
def test_the_list_finds_what_it_found_before(archive, value):
    assert listed(value) == listed_before(value)


def test_the_searches_above_find_something_and_not_everything(archive):
    """The comparison above is worth something: most searches find some conferences
    and not all of them, and drafts are among the rows the searches reach."""
    found = {value: listed(value) for value in SEARCHES}
    published = Conference.objects.published().count()
    assert sum(0 < len(rows) < published for rows in found.values()) >= 28
    assert Conference.objects.exclude(pk__in=Conference.objects.published()).exists()


def test_drafts_are_never_found(archive):
    everything = Conference.objects.all()
    drafts = set(everything.exclude(pk__in=Conference.objects.published()))
    for value in SEARCHES:
        assert listed(value, everything) == listed_before(value, everything)
        assert not {conference.pk for conference in drafts} & set(listed(value))


def test_the_page_shows_what_the_list_finds(client, archive):
    [first, *_] = listed("chen")
    response = client.get("/en/events/", {"q": "chen"})
    assert response.status_code == 200
    assert Conference.objects.get(pk=first).title in response.content.decode()


# Every write reaches the conferences at once.


@pytest.fixture
def conference():
    return ConferenceFactory(title="Promotion Conference")


def test_a_new_participant_is_found_and_a_removed_one_is_not(conference):
    person = PersonFactory(name="Chen Zhichang", name_alt="陈之常")
    participation = services.create(Participation, conference=conference, person=person)
    assert listed("zhichang") == listed("之常") == [conference.pk]
    services.delete(participation)
    assert listed("zhichang") == listed("之常") == []


def test_a_renamed_person_is_found_by_the_new_name_only(conference):
    person = ParticipationFactory(conference=conference, person__name="Chen Zhichang").person
    person.name = "Lau Kinwah"
    services.save(person)
    assert listed("kinwah") == [conference.pk]
    assert listed("zhichang") == []


def test_a_post_held_is_found_until_it_goes(conference):
    person = ParticipationFactory(conference=conference).person
    post = PositionFactory(person=person, title="Mayor of Nanjing")
    assert listed("mayor") == [conference.pk]
    post.title = "Consul-General"
    post.save()
    assert listed("mayor") == []
    assert listed("consul") == [conference.pk]
    post.delete()
    assert listed("consul") == []


def test_an_organizer_is_found_by_any_of_its_names_until_removed(conference):
    organizer = OrganizerFactory(conference=conference, organization__short_name="HKTDC")
    organization = organizer.organization
    alias = OrganizationAliasFactory(organization=organization, name="招商局集团")
    assert listed("hktdc") == listed("招商局") == [conference.pk]
    organization.short_name = "CMG"
    services.save(organization)
    assert listed("hktdc") == []
    assert listed("cmg") == [conference.pk]
    alias.delete()
    assert listed("招商局") == []
    services.delete(organizer)
    assert listed("cmg") == []


def test_a_participation_moved_to_another_conference_leaves_the_first(conference):
    other = ConferenceFactory(title="Trade Fair")
    participation = ParticipationFactory(conference=conference, person__name="Wong Mei Ling")
    participation.conference = other
    participation.save()
    assert listed("mei ling") == [other.pk]


def test_topics_added_renamed_removed_and_deleted(conference):
    topic = TopicFactory(name="Green Finance")
    services.save(conference, m2m={"topics": [topic]})
    assert listed("green") == [conference.pk]
    topic.name = "Smart Cities"
    services.save(topic)
    assert listed("green") == []
    assert listed("smart") == [conference.pk]
    conference.topics.remove(topic)
    assert listed("smart") == []
    topic.conferences.add(conference)  # from the topic's side
    assert listed("smart") == [conference.pk]
    topic.conferences.clear()
    assert listed("smart") == []
    conference.topics.add(topic)
    services.delete(topic)
    assert listed("smart") == []
    assert Topic.objects.count() == 0


def test_a_merge_brings_the_conferences_of_the_person_merged_away(conference):
    kept = PersonFactory(name="Chen Zhichang")
    removed = ParticipationFactory(conference=conference, person__name="Chan Chi Sheung").person
    services.merge(kept, removed)
    assert listed("zhichang") == [conference.pk]
    assert listed("chi sheung") == [conference.pk]  # the kept person's other name now


def test_rows_written_in_bulk_give_the_text_a_save_gives(conference):
    people = services.bulk_create(Person, [Person(name=f"Lam Ho Yin {n}") for n in range(3)])
    services.bulk_create(
        Participation, [Participation(conference=conference, person=p) for p in people]
    )
    services.bulk_create(Conference.topics.through, [
        Conference.topics.through(conference=conference, topic=TopicFactory(name="Logistics"))
    ])  # fmt: skip
    assert listed("ho yin 2") == listed("logistics") == [conference.pk]
    stored = Conference.objects.get().search_text
    assert Conference.refresh_search_text([conference.pk]) == []  # nothing to change
    assert Conference.objects.get().search_text == stored


@pytest.mark.parametrize(
    "value", ["chen", "zhou", "zhou wen", "chen zhou", "chen 0", "ch", "nobody"]
)
def test_pages_and_counts_agree_whether_the_words_are_common_or_rare(value):
    """Many conferences hold a common word (its pages walk the list's order, reading each
    row's text on the first pages and checking each against the rows the index found on
    later ones); few hold a rare one (its pages read those rows): every page and the
    count list the same rows as the whole list."""
    for n in range(60):
        ParticipationFactory(
            conference__start_date=dt.date(2020, 1, 1) + dt.timedelta(days=n % 7),
            person__name=f"Chen {n:02}",
        )
    ParticipationFactory(person__name="Zhou Wen")
    ParticipationFactory(person__name="Chen Zhou")
    found = ConferenceFilter({"q": value}, queryset=Conference.objects.published()).qs
    whole = list(found.values_list("pk", flat=True))
    pages = [list(found.values_list("pk", flat=True)[start : start + 20]) for start in (0, 20, 40)]
    assert [pk for page in pages for pk in page] == whole[:60]
    assert found.count() == len(whole) == len(listed_before(value))
    assert set(whole) == set(listed_before(value))
    if connection.vendor == "sqlite" and value in {"chen", "zhou wen"}:
        page_sql = str(found.values_list("pk", flat=True)[:20].query)
        later_sql = str(found.values_list("pk", flat=True)[120:140].query)
        if value == "chen":
            # a first page walks the list reading each row's text; a later one checks each
            # row against the rows the index found
            assert "LIKE" in page_sql and "MATCH" not in page_sql
            assert '+"events_conference"."id" IN' in later_sql
        else:  # a rare word: the rows the index found (their keys) drive every page
            assert "json_each" in page_sql and '+"events_conference"."id" IN' not in page_sql


def test_deleting_a_conference_does_not_remake_its_text_for_each_participant(conference):
    ParticipationFactory(conference=conference)
    one = Conference.objects.create(title="Other", start_date=dt.date(2023, 1, 1))
    for _ in range(12):
        ParticipationFactory(conference=one)
    with CaptureQueriesContext(connection) as small:
        services.delete(conference)
    with CaptureQueriesContext(connection) as large:
        services.delete(one)
    assert len(large) == len(small)
    assert not Participation.objects.exists()


def test_words_in_a_few_per_cent_of_conferences_are_not_walked_for_even_if_common():
    """A word in one conference in twenty (a year's number, all in old conferences) is
    common, but walking the list for it could read most of the table: its first page is
    checked against the rows the index found. A word in most conferences is walked for."""
    for n in range(100):
        ConferenceFactory(
            title=f"Forum {n}" + (" Ninety" if n < 5 else ""),
            start_date=dt.date(2000, 1, 1) + dt.timedelta(days=n),
        )
    rare_ish = ConferenceFilter({"q": "ninety"}, queryset=Conference.objects.published()).qs
    common = ConferenceFilter({"q": "forum"}, queryset=Conference.objects.published()).qs

    assert len(rare_ish) == 5 and len(common) == 100
    if connection.vendor == "sqlite":  # the plans of the SQLite index
        rare_page = str(rare_ish.values_list("pk", flat=True)[:20].query)
        common_page = str(common.values_list("pk", flat=True)[:20].query)
        assert '+"events_conference"."id" IN' in rare_page and "LIKE" not in rare_page
        assert "LIKE" in common_page and "MATCH" not in common_page


@pytest.mark.sqlite_only  # the plans of the SQLite index
@pytest.mark.parametrize("words", ["zhou wen", "forum", "forum ninety"])
def test_a_new_search_reads_the_index_once_and_its_count_and_page_read_the_rows_found(
    client, words
):
    """The index is read once for a new search of words not in most conferences: the
    answer to how common they are brings the keys of the rows found, and the count and the
    page read those rows (a search of common words read the index three times). A draft
    among them stays unlisted."""
    for n in range(100):
        ConferenceFactory(
            title=f"Forum {n}" + (" Ninety" if n < 5 else ""),
            start_date=dt.date(2000, 1, 1) + dt.timedelta(days=n),
        )
    ParticipationFactory(person__name="Zhou Wen", conference__title="Harbour Forum")
    ConferenceFactory(title="Draft Forum Ninety", publication_status="draft")
    expected = listed_before(words)

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/events/", {"q": words})

    shown = [conference.pk for conference in response.context["page_obj"]]
    assert response.context["page_obj"].paginator.count == len(expected)
    assert shown == listed(words)[:20] and set(listed(words)) == set(expected)
    assert "Draft Forum Ninety" not in response.content.decode()
    index_reads = [q["sql"] for q in queries if "MATCH" in q["sql"]]
    if words == "forum":  # in every conference: its page walks the list, its count the index
        assert len(index_reads) == 2
    else:
        assert len(index_reads) == 1


@pytest.mark.parametrize("path", ["/en/events/?q=forum", "/en/partnerships/?q=forum"])
def test_a_search_of_an_empty_archive_finds_nothing_and_breaks_nothing(client, path):
    """A fresh site has no conference or agreement: asking the index how common a word
    is must not fail on the empty table's missing row count."""
    response = client.get(path)

    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 0
