"""The SQLite search backend: one FTS5 trigram table per searchable table.

``events_person_fts`` (and one per other searchable table) is an external-content FTS5
table with the trigram tokenizer over the table's ``search_text``, filled and kept by
three triggers (insert, delete, update of ``search_text``), so that every kind of write
reaches it: ``save()``, ``bulk_create``, ``QuerySet.update`` and raw SQL alike.

The tables and triggers are made after every ``migrate`` (``ensure_tables``, from a
``post_migrate`` handler) rather than by a migration, because an SQLite migration that
alters a table rebuilds it and drops its triggers on the way; this puts them back and
re-indexes the table. ``flush`` and test databases go through the same signal.

``search_text__term=word`` becomes ``pk IN (SELECT rowid FROM <table>_fts WHERE
<table>_fts MATCH '"word"')`` when the index can answer (``match_query``), otherwise a
scan of the column (``LIKE '%word%'``).

What the index buys: the rows of 100,000 people holding a rare term in 1.0 ms, where a
scan of the column takes 18.6 ms (``python -m bench.search_tricks`` on the full bench
database, "count people" rows; figures and the command in ``text.py``); its count up to
a share of the rows (``hits_up_to``) lets ``all_words_hold`` choose between walking a
list and reading the index (figures in ``__init__.py``).
"""

import logging

from django.db import OperationalError

from .text import indexed_term, split_terms

logger = logging.getLogger("events.search")

_TABLES_SEEN: set[tuple[str, str]] = set()


def match_query(term: str) -> str | None:
    """The FTS5 query finding rows that hold the (normalized) term, or None when the
    trigram index cannot answer (see ``text.indexed_term``)."""
    if "\x00" in term:
        return None  # FTS5 cannot quote it; the column scan can look for it
    token = indexed_term(term)
    if token is None:
        return None
    # One FTS5 string: a double quote inside is doubled, anything else is literal.
    return '"' + token.replace('"', '""') + '"'


def has_table(connection, table: str) -> bool:
    """Whether ``table`` has its FTS table (remembered once seen: tables are not dropped
    while the process runs)."""
    key = (str(connection.settings_dict["NAME"]), table)
    if key not in _TABLES_SEEN:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [f"{table}_fts"]
            )
            if cursor.fetchone() is None:
                return False
        _TABLES_SEEN.add(key)
    return True


def term_sql(lookup, compiler, connection):
    """SQL for ``search_text__term``: from the FTS table when it can answer."""
    model = getattr(lookup.lhs, "target", None) and lookup.lhs.target.model
    query = match_query(lookup.rhs) if isinstance(lookup.rhs, str) else None
    if model is None or query is None or not has_table(connection, model._meta.db_table):
        return lookup.scan_sql(compiler, connection)
    return rows_matching(lookup, compiler, connection, query, drive=True)


def rows_matching(lookup, compiler, connection, query: str, drive: bool):
    """``pk IN (the rows of the FTS table matching query)``. With ``drive=False`` the
    key is written ``+pk``, which SQLite cannot answer from an index: the rows found are
    a set each row of the list is checked against, read once, while the list's own
    order (an index) drives the query and a page stops after a few dozen rows."""
    model = lookup.lhs.target.model
    table = connection.ops.quote_name(f"{model._meta.db_table}_fts")
    alias = compiler.quote_name_unless_alias(lookup.lhs.alias)
    pk = f"{'' if drive else '+'}{alias}.{connection.ops.quote_name(model._meta.pk.column)}"
    return f"{pk} IN (SELECT rowid FROM {table} WHERE {table} MATCH %s)", [query]


def match_all(terms) -> str | None:
    """One FTS5 query finding rows that hold every one of these terms (each one the
    index can answer; a tuple: any one of its alternatives, a place's names), or None
    if one of them it cannot."""
    queries = []
    for term in terms:
        alternatives = [match_query(name) for name in (term if isinstance(term, tuple) else [term])]
        if not alternatives or None in alternatives:
            return None
        queries.append(
            alternatives[0] if len(alternatives) == 1 else f"({' OR '.join(alternatives)})"
        )
    if not queries:
        return None
    return " AND ".join(queries)


def words_sql(lookup, compiler, connection, common: bool):
    """SQL for ``search_text__words`` / ``__common_words`` (terms joined by spaces, each
    one the index can answer): one FTS query for all of them. The rows found drive the
    query, except for a common set of words in an ordered, cut list (a page), which the
    list's order drives (``rows_matching``); its count is driven by the rows found."""
    model = lookup.lhs.target.model
    query = match_all(split_terms(lookup.rhs))
    if query is None or not has_table(connection, model._meta.db_table):
        return lookup.scan_all_sql(compiler, connection)
    page = is_page(compiler.query)
    if getattr(lookup, "walk", False) and page and compiler.query.low_mark <= WALK_ROWS:
        # One of the first pages (from either end) of words very many rows hold: walking
        # the list's order and reading each row's text finds a page in 1.3-2.7 ms, where
        # reading the index's rows as a set first takes 1.6-6.8 ms (full bench database,
        # conference list, words in 14-25 % of conferences).
        return lookup.scan_all_sql(compiler, connection)
    return rows_matching(lookup, compiler, connection, query, drive=not (common and page))


# How many rows a page may skip and still be found by walking the list (five pages).
WALK_ROWS = 100


def is_page(query) -> bool:
    """Whether ``query`` is an ordered list cut to a page."""
    ordered = (
        query.order_by
        or query.extra_order_by
        or (query.default_ordering and query.get_meta().ordering and not query.group_by)
    )
    return bool(ordered) and query.high_mark is not None


def keys_sql(lookup, compiler, connection, common: bool):
    """SQL for ``search_text__among`` / ``__common_among``: the rows whose keys the
    lookup holds (a JSON list, the rows of the index ``hits_up_to`` found), one
    parameter, as ``rows_matching`` reads them: driving the query, except for common
    words in a page, which the list's order drives."""
    model = lookup.lhs.target.model
    alias = compiler.quote_name_unless_alias(lookup.lhs.alias)
    drive = not (common and is_page(compiler.query))
    pk = f"{'' if drive else '+'}{alias}.{connection.ops.quote_name(model._meta.pk.column)}"
    return f"{pk} IN (SELECT value FROM json_each(%s))", [lookup.rhs]


# The most keys of rows found that a search's answer keeps (``hits_up_to``): about 12 KB
# in the cache, remembered once per search and content version.
KEYS_KEPT = 2000


def hits_up_to(connection, model, terms, share: int) -> tuple[int, int, str | None] | None:
    """How many rows hold every one of ``terms``, counted no further than one row in
    ``share``, how many rows there are, and the keys of the rows found as a JSON list
    when they are all of them (fewer than that share, and no more than ``KEYS_KEPT``),
    else None (None for the whole when the index cannot say). One query, reading no more
    of the index than that many rows: 0.4-1.2 ms for a word in thousands of conferences,
    where counting them all read 3-18 ms. The keys found let the list's
    count and page read those rows instead of the index again (``keys_sql``)."""
    query, table = match_all(terms), model._meta.db_table
    if query is None or not has_table(connection, table):
        return None
    with connection.cursor() as cursor:
        # (the keys listed only when there are few enough to keep)
        cursor.execute(
            f"SELECT count(*), CASE WHEN count(*) <= %s THEN json_group_array(rowid) END, "
            f'(SELECT max(rowid) FROM "{table}") '
            f'FROM (SELECT rowid FROM "{table}_fts" WHERE "{table}_fts" MATCH %s '
            f'LIMIT coalesce((SELECT (max(rowid) + %s - 1) / %s FROM "{table}"), 0))',
            [KEYS_KEPT, query, share, share],
        )
        found, keys, rows = cursor.fetchone()
    if rows is None:
        return None
    complete = found < -(-rows // share) and keys is not None
    return found, rows, keys if complete else None


def statements(table: str, pk: str) -> dict[str, str]:
    """The FTS5 table and its three triggers, by name."""
    fts = f"{table}_fts"
    add = f'INSERT INTO "{fts}"(rowid, search_text) VALUES (new."{pk}", new.search_text);'
    remove = (
        f'INSERT INTO "{fts}"("{fts}", rowid, search_text) '
        f"VALUES ('delete', old.\"{pk}\", old.search_text);"
    )
    return {
        fts: (
            f'CREATE VIRTUAL TABLE "{fts}" USING fts5(search_text, '
            f"content='{table}', content_rowid='{pk}', tokenize='trigram')"
        ),
        f"{fts}_insert": f'CREATE TRIGGER "{fts}_insert" AFTER INSERT ON "{table}" BEGIN {add} END',
        f"{fts}_delete": (
            f'CREATE TRIGGER "{fts}_delete" AFTER DELETE ON "{table}" BEGIN {remove} END'
        ),
        f"{fts}_update": (
            f'CREATE TRIGGER "{fts}_update" AFTER UPDATE OF search_text ON "{table}" '
            f"BEGIN {remove} {add} END"
        ),
    }


def ensure_tables(connection, models) -> list[str]:
    """Make whatever FTS table or trigger is missing for these models and re-index
    those tables. Returns the tables re-indexed."""
    rebuilt = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        existing = {row[0] for row in cursor.fetchall()}
        for model in models:
            table = model._meta.db_table
            if table not in existing:
                continue
            wanted = statements(table, model._meta.pk.column)
            missing = [sql for name, sql in wanted.items() if name not in existing]
            try:
                for sql in missing:
                    cursor.execute(sql)
            except OperationalError as error:  # an SQLite without FTS5's trigram tokenizer
                logger.warning("No search index for %s (searches scan it): %s", table, error)
                continue
            if missing:
                cursor.execute(f'INSERT INTO "{table}_fts"("{table}_fts") VALUES (\'rebuild\')')
                rebuilt.append(table)
    return rebuilt
