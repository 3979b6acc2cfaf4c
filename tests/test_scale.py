"""What keeps the site usable on a large archive: search on one indexed column, bounded
filter options, paged participants in the admin, remembered counts, seed_bulk."""

import io

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events import filters
from events.admin import ParticipationInline
from events.models import Conference, MediaItem, Participation, Person
from events.uploads import rendition_files
from partnerships.models import Agreement, Signatory
from tests.factories import (
    AgreementFactory,
    ConferenceFactory,
    OrganizationAliasFactory,
    OrganizationFactory,
    OrganizerFactory,
    ParticipationFactory,
    PartyFactory,
    PersonFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db

EVENTS = reverse("events:list")


def titles(response) -> str:
    return response.content.decode()


# Search


def test_chinese_finds_conferences_people_organizations_and_agreements(client):
    conference = ConferenceFactory(title="2023南京都市圈推介会", publication_status="published")
    ParticipationFactory(
        conference=conference, person__name="Chen Zhichang", person__name_alt="陈之常"
    )
    OrganizerFactory(conference=conference, organization__name="香港贸易发展局")
    agreement = AgreementFactory(title="绿色金融合作协议", publication_status="published")
    PartyFactory(agreement=agreement, organization__name="南京市人民政府")

    assert "2023南京都市圈推介会" in titles(client.get(EVENTS, {"q": "南京"}))
    assert "2023南京都市圈推介会" in titles(client.get(EVENTS, {"q": "陈之常"}))
    assert "2023南京都市圈推介会" in titles(client.get(EVENTS, {"q": "贸易发展"}))
    assert "2023南京都市圈推介会" not in titles(client.get(EVENTS, {"q": "上海"}))
    assert "Chen Zhichang" in titles(client.get(reverse("people:list"), {"q": "之常"}))
    assert "香港贸易发展局" in titles(client.get(reverse("organizations:list"), {"q": "贸易"}))
    found = titles(client.get(reverse("partnerships:list"), {"q": "金融"}))
    assert "绿色金融合作协议" in found
    assert "绿色金融合作协议" in titles(client.get(reverse("partnerships:list"), {"q": "南京市"}))


def test_search_ignores_case_and_full_width_forms(client):
    ConferenceFactory(title="Nanjing Promotion Conference", publication_status="published")
    for query in ("nanjing", "NANJING", "ＮＡＮＪＩＮＧ", "promotion   nanjing"):
        assert "Nanjing Promotion Conference" in titles(client.get(EVENTS, {"q": query})), query


def test_words_from_related_rows_follow_their_changes(client):
    """A post or another name added later is found; removed, it is no longer."""
    person = PersonFactory(name="Han Liming")
    ParticipationFactory(person=person, conference__publication_status="published")
    organization = OrganizationFactory(name="Nanjing Municipal People's Government")
    OrganizerFactory(organization=organization, conference__publication_status="published")

    post = PositionFactory(person=person, title="Mayor of Nanjing")
    alias = OrganizationAliasFactory(organization=organization, name="南京市政府")
    assert "Han Liming" in titles(client.get(reverse("people:list"), {"q": "mayor"}))
    found = titles(client.get(reverse("organizations:list"), {"q": "南京市政府"}))
    assert "Nanjing Municipal People" in found

    post.delete()
    alias.delete()
    assert "Han Liming" not in titles(client.get(reverse("people:list"), {"q": "mayor"}))
    found = titles(client.get(reverse("organizations:list"), {"q": "南京市政府"}))
    assert "Nanjing Municipal People" not in found


def test_search_text_is_saved_with_the_record():
    conference = ConferenceFactory(title="Green Finance Forum", city="Hong Kong")
    conference.refresh_from_db()
    assert "green finance forum" in conference.search_text
    assert "hong kong" in conference.search_text
    conference.title = "Blue Economy Forum"
    conference.save(update_fields=["title"])
    conference.refresh_from_db()
    assert "blue economy forum" in conference.search_text


def test_search_makes_the_same_number_of_queries_whatever_matches(
    client, django_assert_num_queries
):
    ConferenceFactory(title="Harbour Forum", publication_status="published")
    client.get(EVENTS, {"q": "harbour"})
    with CaptureQueriesContext(connection) as one:
        client.get(EVENTS, {"q": "harbour"})
    for n in range(15):
        conference = ConferenceFactory(title=f"Harbour Forum {n}", publication_status="published")
        ParticipationFactory(conference=conference, person__name=f"Harbour Master {n}")
    with django_assert_num_queries(len(one)):
        client.get(EVENTS, {"q": "harbour"})


def test_search_text_lists_pairs_of_neighbouring_cjk_characters():
    from events.search import PAIR_MARK, searchable

    text = searchable("2023南京都市圈 Ｈong Kong 香港")
    assert text.startswith("2023南京都市圈 hong kong 香港")
    pairs = {word for word in text.split() if word.endswith(PAIR_MARK)}
    assert pairs == {pair + PAIR_MARK for pair in ["南京", "京都", "都市", "市圈", "香港"]}


def test_search_index_follows_every_kind_of_write():
    """``search_text__term`` reads SQLite's trigram table (PostgreSQL: its trigram index);
    saves, bulk inserts, updates and deletes all reach it."""
    chen = PersonFactory(name="Chen Zhichang", name_alt="陈之常")
    Person.objects.bulk_create([Person(name="Zhou Wen", slug="zhou-wen", search_text="zhou wen")])

    def found(term):
        return sorted(Person.objects.filter(search_text__term=term).values_list("name", flat=True))

    query = str(Person.objects.filter(search_text__term="zhichang").query)
    if connection.vendor == "sqlite":
        assert "events_person_fts" in query
    else:
        assert "LIKE" in query
    assert found("zhichang") == ["Chen Zhichang"]
    assert found("陈之常") == ["Chen Zhichang"]
    assert found("之常") == ["Chen Zhichang"]  # two CJK characters: through their pair
    assert found("常") == ["Chen Zhichang"]  # one character: no trigram, a scan
    assert found("陈常") == []  # not neighbours
    pair_query = str(Person.objects.filter(search_text__term="之常").query)
    if connection.vendor == "sqlite":
        assert "events_person_fts" in pair_query
        assert "events_person_fts" not in str(Person.objects.filter(search_text__term="常").query)
    else:
        assert "之常\ue000" in pair_query  # the pair token, which has a trigram
    assert found("zhou") == ["Zhou Wen"]

    chen.name = "Chen Zhiming"
    chen.save()
    assert found("zhichang") == []
    assert found("zhiming") == ["Chen Zhiming"]
    Person.objects.filter(name="Zhou Wen").update(search_text="zhou wenhua")
    assert found("wenhua") == ["Zhou Wen"]
    chen.delete()
    assert found("zhiming") == []


@pytest.mark.sqlite_only
def test_search_tables_are_rebuilt_when_a_migration_drops_their_triggers():
    """Altering a table on SQLite rebuilds it and loses its triggers; every migrate puts
    them back and re-indexes the table. (PostgreSQL keeps its indexes: nothing to do, as
    test_postgresql_answers_search_from_trigram_indexes checks.)"""
    from events.search import ensure_sqlite_search_tables

    person = PersonFactory(name="Chen Zhichang")
    with connection.cursor() as cursor:
        cursor.execute('DROP TRIGGER "events_person_fts_update"')
    Person.objects.filter(pk=person.pk).update(search_text="chen zhiming")
    assert not Person.objects.filter(search_text__term="zhiming").exists()  # stale

    assert ensure_sqlite_search_tables() == ["events_person"]
    assert Person.objects.filter(search_text__term="zhiming").get() == person
    assert not Person.objects.filter(search_text__term="zhichang").exists()
    assert ensure_sqlite_search_tables() == []  # nothing missing: nothing rebuilt
    Person.objects.filter(pk=person.pk).update(search_text="chen zhiqiang")
    assert Person.objects.filter(search_text__term="zhiqiang").get() == person


@pytest.mark.sqlite_only
def test_migrate_goes_on_where_sqlite_cannot_make_a_search_index(monkeypatch, caplog):
    """An SQLite built without FTS5's trigram tokenizer: a warning, and searches scan."""
    from events import search

    with connection.cursor() as cursor:
        cursor.execute('DROP TRIGGER "events_person_fts_update"')
    monkeypatch.setattr(
        search.sqlite,
        "statements",
        lambda table, pk: {"x": "CREATE VIRTUAL TABLE x USING fts5(a, tokenize='no_such')"},
    )
    assert search.ensure_sqlite_search_tables() == []
    assert "No search index for events_conference" in caplog.text


def test_any_exists_takes_one_or_more_querysets():
    from django.db.models import OuterRef

    from events.models import any_exists

    took_part = ParticipationFactory(person__name="Chen Zhichang").person
    PersonFactory(name="Han Liming")
    one = Person.objects.filter(any_exists(Participation.objects.filter(person=OuterRef("pk"))))
    assert list(one) == [took_part]


def test_common_words_walk_the_list_and_rare_ones_use_the_index(client):
    """A word most people have is found by reading the list in order until the page is
    full; a rare one through the index. The page shows the same either way."""
    from events.search import all_words_hold

    conference = ConferenceFactory(publication_status="published")
    for n in range(60):
        ParticipationFactory(conference=conference, person__name=f"Chen {n:02}")
    ParticipationFactory(conference=conference, person__name="Zhou Wen")

    common, rare = (str(all_words_hold(Person, [term])) for term in ("chen", "zhou"))
    if connection.vendor == "sqlite":
        assert "search_text__very_common_words" in common  # walks the list
        assert "search_text__among" in rare  # reads the rows the index found
    else:  # PostgreSQL's planner chooses between its trigram index and a walk itself
        assert "search_text__words" in common and "search_text__words" in rare
    page = client.get(reverse("people:list"), {"q": "chen"}).context["object_list"]
    assert [person.name for person in page] == [f"Chen {n:02}" for n in range(20)]
    page = client.get(reverse("people:list"), {"q": "zhou"}).context["object_list"]
    assert [person.name for person in page] == ["Zhou Wen"]


def test_list_pages_read_keys_first_and_keep_their_order(client):
    """A page's rows are fetched by key after the sorted keys: same rows, same order,
    and the rows are not searched a second time."""
    for n in range(25):
        ConferenceFactory(title=f"Harbour Forum {n:02}", publication_status="published")
    with CaptureQueriesContext(connection) as queries:
        second = client.get(EVENTS, {"q": "harbour", "sort": "title", "page": 2})
    assert [c.title for c in second.context["object_list"]] == [
        f"Harbour Forum {n:02}" for n in range(20, 25)
    ]
    by_key = [q["sql"] for q in queries if 'FROM "events_conference" WHERE' in q["sql"]]
    assert sum("harbour" in sql for sql in by_key) == 2  # the count and the keys


# Filter options


def options(response, field: str) -> list[str]:
    form = response.context["filter"].form
    return [label for value, label in form.fields[field].widget.choices if value]


def test_filters_offer_every_public_record_on_a_small_site(client):
    conference = ConferenceFactory(publication_status="published")
    OrganizerFactory(conference=conference, organization__name="Small Org")
    ParticipationFactory(conference=conference, person__name="Small Person")
    response = client.get(EVENTS)
    assert options(response, "organization") == ["Small Org"]
    assert options(response, "person") == ["Small Person"]


def test_filters_offer_a_bounded_set_on_a_large_site(client, monkeypatch):
    monkeypatch.setattr(filters, "ALL_OPTIONS_UP_TO", 3)
    monkeypatch.setattr(filters, "SHOWN_OPTIONS", 2)
    old = ConferenceFactory(publication_status="published", start_date="2001-01-01")
    OrganizerFactory(conference=old, organization__name="Old Org", organization__slug="old-org")
    for n in range(4):
        conference = ConferenceFactory(publication_status="published", start_date=f"202{n}-05-01")
        OrganizerFactory(conference=conference, organization__name=f"Org {n}")
    shown = options(client.get(EVENTS), "organization")
    assert len(shown) == 2
    assert "Old Org" not in shown
    # A record chosen through a link is offered too, and the filter works.
    response = client.get(EVENTS, {"organization": "old-org"})
    assert "Old Org" in options(response, "organization")
    assert list(response.context["object_list"]) == [old]


# Paged participants in the admin


def test_participants_of_a_large_conference_come_a_page_at_a_time(admin_client, monkeypatch):
    monkeypatch.setattr(ParticipationInline, "per_page", 3)
    conference = ConferenceFactory(title="Plenary")
    for n in range(7):
        ParticipationFactory(conference=conference, person__name=f"Delegate {n}", order=n)
    url = reverse("admin:events_conference_change", args=[conference.pk])

    first = admin_client.get(url)
    page = first.content.decode()
    assert "Participants 1–3 of 7 (page 1 of 3)" in page
    assert "Delegate 0" in page and "Delegate 3" not in page

    last = admin_client.get(url, {"participants": "3"}).content.decode()
    assert "Participants 7–7 of 7" in last and "Delegate 6" in last
    assert "Participants 1–3" in admin_client.get(url, {"participants": "x"}).content.decode()


def test_few_participants_need_no_pages(admin_client):
    conference = ConferenceFactory()
    ParticipationFactory(conference=conference, person__name="Only Delegate")
    page = admin_client.get(reverse("admin:events_conference_change", args=[conference.pk]))
    assert "Only Delegate" in page.content.decode()
    assert "Participants 1–" not in page.content.decode()


def test_conference_change_form_queries_do_not_grow_with_participants(
    admin_client, django_assert_max_num_queries
):
    conference = ConferenceFactory()
    url = reverse("admin:events_conference_change", args=[conference.pk])

    def add(count):
        for _ in range(count):
            post = PositionFactory()
            participation = ParticipationFactory(conference=conference, person=post.person)
            participation.positions.add(post)

    add(2)
    admin_client.get(url)
    with CaptureQueriesContext(connection) as small:
        admin_client.get(url)
    add(20)
    with django_assert_max_num_queries(len(small)):
        admin_client.get(url)


# Remembered counts


@pytest.mark.django_db(transaction=True)  # each change commits and retires the counts
def test_remembered_counts_follow_content_changes(settings):
    settings.QUERY_CACHE_SECONDS = 600
    cache.clear()
    with transaction.atomic():
        ConferenceFactory(publication_status="published")
    assert Client().get(EVENTS).context["paginator"].count == 1
    with transaction.atomic():
        ConferenceFactory(publication_status="published")
    assert Client().get(EVENTS).context["paginator"].count == 2
    cache.clear()


def test_a_list_reads_the_content_version_once(settings):
    """Counts and menus remembered under the content version read it once per request."""
    settings.QUERY_CACHE_SECONDS = 600
    cache.clear()
    ConferenceFactory(city="Hong Kong")
    for query in ({}, {"city": "hong-kong"}, {"q": "forum", "city": "hong-kong"}):
        Client().get(EVENTS, query)
        with CaptureQueriesContext(connection) as queries:
            response = Client().get(EVENTS, query)
        assert response.status_code == 200
        assert sum("config_contentversion" in q["sql"] for q in queries) == 1, query
    cache.clear()


# seed_bulk


def test_seed_bulk_builds_a_consistent_archive(settings):
    out = io.StringIO()
    call_command("seed_bulk", "--scale", "0.001", "--image-files", "2", stdout=out)
    assert "Bulk content written" in out.getvalue()
    assert "100%" in out.getvalue()  # the progress bar reached the end

    showcase = Conference.objects.get(slug="bulk-showcase")
    assert showcase.is_live
    assert showcase.participations.count() == 30
    assert Agreement.objects.published().filter(conference=showcase).count() == 10
    assert showcase.media.count() == 20
    plenary = Conference.objects.get(slug="bulk-plenary")
    assert plenary.participations.count() == 300
    assert Conference.objects.count() == 20
    assert Participation.objects.count() >= 330
    # Searchable at once, in both scripts; some drafts, never shown.
    assert Conference.objects.filter(search_text__contains="cooperation").exists()
    assert Person.objects.exclude(search_text="").count() == Person.objects.count()
    assert Conference.objects.filter(publication_status="draft").count() < 20
    # A conference's text holds its participants' as a save would make it: nothing to
    # change when it is made again.
    assert showcase.participations.first().person.search_text in showcase.search_text
    assert Conference.refresh_search_text(Conference.objects.values_list("pk", flat=True)) == []
    # An agreement's holds its parties' and signatories' the same way.
    signatory = Signatory.objects.select_related("agreement", "person").first()
    assert signatory.person.search_text in signatory.agreement.search_text
    assert Agreement.refresh_search_text(Agreement.objects.values_list("pk", flat=True)) == []
    # Every photo shows one of two processed files, with renditions.
    assert MediaItem.objects.values("image").distinct().count() == 2
    assert all(item.renditions for item in MediaItem.objects.all()[:5])

    with pytest.raises(CommandError, match="already holds bulk content"):
        call_command("seed_bulk", "--scale", "0.001", stdout=io.StringIO())


def test_deleting_a_photo_keeps_a_file_other_photos_share(django_capture_on_commit_callbacks):
    call_command("seed_bulk", "--scale", "0.001", "--image-files", "1", stdout=io.StringIO())
    first, second = MediaItem.objects.order_by("pk")[:2]
    assert first.image.name == second.image.name
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert second.image.storage.exists(second.image.name)
    for name in rendition_files(second.renditions):
        assert second.image.storage.exists(name)


def test_signatories_and_parties_of_bulk_agreements_match():
    call_command("seed_bulk", "--scale", "0.001", stdout=io.StringIO())
    agreement = Agreement.objects.filter(conference__slug="bulk-showcase").first()
    parties = set(agreement.parties.values_list("pk", flat=True))
    assert parties
    assert set(agreement.signatories.values_list("party_id", flat=True)) <= parties
    assert Signatory.objects.filter(party__isnull=True).count() == 0


@pytest.mark.postgres_only
def test_postgresql_answers_search_from_trigram_indexes():
    """On PostgreSQL each search column has a pg_trgm GIN index that LIKE '%term%' uses;
    SQLite has no such index and scans the one column (checked by the tests above). The
    indexes live in the schema, so migrate has no search table to rebuild here."""
    from events.search import ensure_sqlite_search_tables

    assert ensure_sqlite_search_tables() == []
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%gin_trgm_ops%'")
        assert {row[0] for row in cursor.fetchall()} == {
            "events_conference_search_trgm",
            "events_organization_search_trgm",
            "events_person_search_trgm",
            "partnerships_agreement_search_trgm",
        }
    ConferenceFactory(title="Nanjing Promotion Conference 南京推介会")
    for n in range(30):
        ConferenceFactory(title=f"Shanghai Forum {n} 上海论坛")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    for term in ("nanjing", "南京"):
        query = Conference.objects.filter(search_text__term=term).order_by()
        assert "events_conference_search_trgm" in query.explain()
        assert query.count() == 1
        # The index itself tells the one row apart: nothing read and thrown away. (A
        # bare two-character LIKE has no trigram: the index would hand over every row.)
        plan = query.explain(analyze=True)
        assert "Rows Removed by Index Recheck" not in plan, plan


def test_public_people_and_organizations_are_checked_row_by_row_from_indexes():
    """The first page of people or organizations checks "took part in something
    published" for the rows it shows, from the indexes, instead of first reading every
    participation and signature (PostgreSQL's "hashed SubPlan", 0.5 s at 100,000 people)."""
    conference = ConferenceFactory(publication_status="published")
    shown = ParticipationFactory(conference=conference, person__name="Chen Zhichang")
    OrganizerFactory(conference=conference, organization__name="Nanjing Municipal Government")
    ParticipationFactory(
        conference=ConferenceFactory(publication_status="draft"), person__name="Draft Only"
    )
    signer = Signatory.objects.create(
        agreement=AgreementFactory(publication_status="published"),
        person=PersonFactory(name="Han Liming"),
    )
    people = Person.objects.public().order_by("name")[:20]
    organizations = filters.Organization.objects.public().order_by("name")[:20]
    assert [p.name for p in people] == ["Chen Zhichang", "Han Liming"]
    assert "Nanjing Municipal Government" in [o.name for o in organizations]
    assert shown.person in people and signer.person in people
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        for query in (people, organizations):
            plan = query.explain()
            assert "hashed SubPlan" not in plan, plan


@pytest.mark.parametrize("sort", ["", "title", "-date", "date"])
def test_every_record_is_on_exactly_one_page_read_from_either_end(client, sort):
    """Pages past the middle are read from the end; with many ties (same day, same
    title) every conference still appears once, in the list's order."""
    import datetime as dt

    for n in range(47):
        ConferenceFactory(
            title=f"Forum {n % 3}", start_date=dt.date(2024, 5, 1 + n % 2), end_date=None
        )
    seen = []
    for page in (1, 2, 3):
        response = client.get(EVENTS, {"sort": sort, "page": page} if sort else {"page": page})
        seen += [conference.pk for conference in response.context["object_list"]]
    first_page = client.get(EVENTS, {"sort": sort} if sort else {}).context["page_obj"]
    expected = list(first_page.paginator.object_list.values_list("pk", flat=True))
    assert len(seen) == len(set(seen)) == 47
    assert seen == expected


def test_people_with_the_same_name_are_each_on_one_page(client):
    conference = ConferenceFactory()
    for n in range(47):
        ParticipationFactory(conference=conference, person__name=f"Chen {n % 2}")
    seen = []
    for page in (1, 2, 3):
        response = client.get(reverse("people:list"), {"page": page})
        seen += [person.pk for person in response.context["object_list"]]
    assert len(seen) == len(set(seen)) == 47
    assert seen == list(Person.objects.order_by("name", "pk").values_list("pk", flat=True))


def test_past_conferences_are_the_same_whatever_the_order(client):
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    ConferenceFactory(title="B over", start_date=today - dt.timedelta(days=5), end_date=None)
    ConferenceFactory(
        title="A over",
        start_date=today - dt.timedelta(days=9),
        end_date=today - dt.timedelta(days=8),
    )
    ConferenceFactory(title="C running", start_date=today - dt.timedelta(days=1), end_date=today)
    ConferenceFactory(title="D ahead", start_date=today + dt.timedelta(days=3), end_date=None)
    by_title = client.get(EVENTS, {"when": "past", "sort": "title"}).context["object_list"]
    by_date = client.get(EVENTS, {"when": "past"}).context["object_list"]
    assert [c.title for c in by_title] == ["A over", "B over"]
    assert [c.title for c in by_date] == ["B over", "A over"]  # latest first
    assert set(Conference.objects.past(by_date=False)) == set(Conference.objects.past())


def test_conferences_under_way_are_found_from_the_end_date_index_alone(client):
    """The home page and the list find the conferences under way today (to bound the
    "upcoming" scan) from the end-date index, which holds the start date too: SQLite
    need not read the row of every conference still to come (0.8 ms at 20,000)."""
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    ConferenceFactory(title="Running", start_date=today - dt.timedelta(days=1), end_date=today)
    ConferenceFactory(title="Ahead", start_date=today + dt.timedelta(days=3), end_date=None)
    assert "Running" in titles(client.get(reverse("home")))
    under_way = Conference.objects.filter(end_date__gte=today, start_date__lt=today)
    assert list(under_way.values_list("title", flat=True)) == ["Running"]
    if connection.vendor == "sqlite":
        plan = under_way.order_by().values("start_date").explain()
        assert "COVERING INDEX events_conf_end_start_idx" in plan, plan
