"""The SQLite backend: FTS5 trigram tables kept by triggers (events/search/sqlite.py)."""

import pytest
from django.db import connection

from events.models import Person
from events.search import all_words_hold, sqlite
from tests.factories import PersonFactory

pytestmark = [pytest.mark.sqlite_only, pytest.mark.django_db]


def sql(term: str) -> str:
    return str(Person.objects.filter(search_text__term=term).query)


def test_terms_the_trigram_index_can_answer_are_read_from_it():
    assert "events_person_fts" in sql("zhichang")
    assert "events_person_fts" in sql("之常")  # as its pair token
    assert "events_person_fts" not in sql("常")  # one character: a scan
    assert "events_person_fts" not in sql("zh")  # two, not CJK: a scan
    assert "events_person_fts" not in sql("zh\x00ou")  # FTS5 cannot quote a NUL


def test_the_match_query_is_one_quoted_string():
    assert sqlite.match_query("zhichang") == '"zhichang"'
    assert sqlite.match_query('say "hi"') == '"say ""hi"""'
    assert sqlite.match_query("之常") == '"之常\ue000"'
    assert sqlite.match_query("常") is None


def test_a_term_with_a_nul_is_scanned_not_refused():
    PersonFactory(name="Zhou Wen")
    assert list(Person.objects.filter(search_text__term="zh\x00ou")) == []


def test_every_searchable_table_has_its_index_and_triggers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE '%%_fts%%'")
        names = {row[0] for row in cursor.fetchall()}
    for table in ("events_conference", "events_organization", "events_person"):
        for suffix in ("", "_insert", "_delete", "_update"):
            assert f"{table}_fts{suffix}" in names
    assert "partnerships_agreement_fts" in names


def test_the_index_counts_a_terms_rows_to_choose_between_walk_and_lookup():
    for n in range(60):
        PersonFactory(name=f"Chen {n:02}")
    zhou = PersonFactory(name="Zhou Wen")
    found, rows, keys = sqlite.hits_up_to(connection, Person, ["chen"], 1)
    assert found == Person.objects.filter(search_text__contains="chen").count() == 60
    assert rows == Person.objects.order_by("-pk").values_list("pk", flat=True)[0]
    assert sqlite.hits_up_to(connection, Person, ["c"], 1) is None  # one character: no index
    # A common term walks the list in its order; a rare one reads the rows found.
    assert "search_text__very_common_words" in str(all_words_hold(Person, ["chen"]))
    assert str(all_words_hold(Person, ["zhou"])) == f"(AND: ('search_text__among', '[{zhou.pk}]'))"
