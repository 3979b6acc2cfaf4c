"""The PostgreSQL backend: LIKE answered by pg_trgm GIN indexes (events/search/postgres.py)."""

import pytest
from django.db import connection

from events.models import Person
from events.search import all_words_hold, postgres
from tests.factories import PersonFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db]

TABLES = ("events_conference", "events_organization", "events_person", "partnerships_agreement")


def test_every_searchable_table_has_a_trigram_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename, indexdef FROM pg_indexes WHERE indexname LIKE '%%_search_trgm'"
        )
        indexes = dict(cursor.fetchall())
    assert sorted(indexes) == sorted(TABLES)
    assert all("gin (search_text gin_trgm_ops)" in definition for definition in indexes.values())


def test_a_two_character_chinese_term_is_looked_for_as_its_pair_token():
    query = Person.objects.filter(search_text__term="之常").query
    _sql, params = query.sql_with_params()
    assert params == ("%之常\ue000%",)
    _sql, params = Person.objects.filter(search_text__term="常").query.sql_with_params()
    assert params == ("%常%",)


def rows_from_index(pattern: str) -> int:
    """How many rows the trigram index hands over for ``LIKE pattern`` (before the
    rows themselves are checked)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN (ANALYZE, FORMAT JSON) SELECT id FROM events_person WHERE search_text LIKE %s",
            [pattern],
        )
        [plan] = cursor.fetchone()[0]

    def nodes(node):
        yield node
        for child in node.get("Plans", []):
            yield from nodes(child)

    [scan] = [n for n in nodes(plan["Plan"]) if n["Node Type"] == "Bitmap Index Scan"]
    assert scan["Index Name"] == "events_person_search_trgm"
    return scan["Actual Rows"]


def test_the_index_narrows_a_two_character_chinese_word_only_through_its_pair_token():
    """pg_trgm reads the mark as the end of a word, which gives ``%鹭岛<mark>%`` a
    trigram to look up; ``%鹭岛%`` has none, so the index hands over every row. (Words
    no other test uses: the index also holds rows that other tests rolled back.)"""
    PersonFactory(name="Lu Dao Xiamenese", name_alt="鹭岛")
    for n in range(30):
        PersonFactory(name=f"Person {n}", name_alt="南京")
    assert rows_from_index("%xiamenese%") == 1
    assert rows_from_index("%鹭岛\ue000%") == 1
    assert rows_from_index("%鹭岛%") >= 31
    assert list(Person.objects.filter(search_text__term="鹭岛")) == list(
        Person.objects.filter(name="Lu Dao Xiamenese")
    )


def test_the_planner_chooses_between_walk_and_lookup():
    """No count first: the lookup is the same for a common and a rare term."""
    for n in range(60):
        PersonFactory(name=f"Chen {n:02}")
    assert postgres.hits_up_to(connection, Person, ["chen"], 10) is None
    assert "search_text__words" in str(all_words_hold(Person, ["chen"]))
