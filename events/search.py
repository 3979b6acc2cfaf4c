"""Search that stays fast on a large archive.

Each searchable record keeps ``search_text``: its own words, case-folded and joined in
one column. A search term is then one ``LIKE '%term%'`` on that column, which PostgreSQL
answers from a trigram index (``pg_trgm``, made by migration) and SQLite from an FTS5
trigram table kept by triggers (see ``ensure_sqlite_search_tables``). Substring matching
needs no word splitting, so Chinese (which has no spaces between words) is found like
English; two-character CJK words are indexed through pairs (see ``PAIR_MARK``). Filters
ask for ``search_text__term=word``.

Words that live on related rows (a person's posts, an organization's other names) are
copied in when those rows change: see the signal handlers at the end of ``models.py``.
"""

import logging
import re
import unicodedata

from django.apps import apps
from django.db import OperationalError, connections, models, router
from django.db.models.lookups import Contains

logger = logging.getLogger(__name__)

# A trigram index finds terms of three characters or more; shorter ones are looked for
# by scanning the column, except two CJK characters (see PAIR_MARK below).
TRIGRAM = 3
# A term held by more than one row in COMMON is "common" (see ``own_words_hold``).
COMMON = 50

# Chinese words are mostly two characters (南京, 金融), too short for a trigram. So the
# stored text also lists each pair of neighbouring CJK characters followed by a mark
# that no text contains: "南京⟨mark⟩" is three characters, which the trigram index
# finds, and it is there exactly when "南京" is in the text.
PAIR_MARK = "\ue000"  # a private-use character: never in real text
CJK_RUN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]{2,}")


def normalize(text: str) -> str:
    """Full-width forms folded (``ＡＢＣ`` → ``abc``), case folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def searchable(text: str) -> str:
    """What ``search_text`` holds for this text: it normalized, then its CJK pairs."""
    text = normalize(text)
    pairs = {
        run[i : i + 2] + PAIR_MARK for run in CJK_RUN.findall(text) for i in range(len(run) - 1)
    }
    return " ".join([text, *sorted(pairs)]) if pairs else text


def index_query(term: str) -> str | None:
    """The FTS5 query finding rows that hold the (normalized) term, or None when the
    trigram index cannot: one character, or two that are not both CJK."""
    if "\x00" in term:
        return None  # FTS5 cannot quote it; the column scan can look for it
    if len(term) < TRIGRAM:
        if len(term) != 2 or not CJK_RUN.fullmatch(term):
            return None
        term += PAIR_MARK
    return '"' + term.replace('"', '""') + '"'


def words(value: str) -> list[str]:
    """At most ten search words, each at most 100 characters, normalized as stored."""
    return [word[:100] for word in normalize(value).split()[:10]]


class SearchTextField(models.TextField):
    """The ``search_text`` column: a text column with the ``term`` lookup below."""

    def deconstruct(self):
        # Stored exactly like a TextField: migrations need not know about the lookup.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.TextField", args, kwargs


@SearchTextField.register_lookup
class HasTerm(Contains):
    """``search_text__term=word``: the column contains the (normalized) word.

    PostgreSQL runs it as ``LIKE '%word%'``, which its trigram index answers. SQLite asks
    the record's FTS5 trigram table for the rows holding the word, when the word is long
    enough to have trigrams and the table exists; otherwise it scans like ``contains``.
    """

    lookup_name = "term"

    def get_rhs_op(self, connection, rhs):
        return connection.operators["contains"] % rhs  # the term is always a plain string

    def as_postgresql(self, compiler, connection):
        # A two-character CJK word as its pair token: pg_trgm reads the mark as the end of
        # a word, which gives the pattern a trigram to find in the index.
        if isinstance(self.rhs, str) and len(self.rhs) == 2 and CJK_RUN.fullmatch(self.rhs):
            return HasTerm(self.lhs, self.rhs + PAIR_MARK).as_sql(compiler, connection)
        return self.as_sql(compiler, connection)

    def as_sqlite(self, compiler, connection):
        model = getattr(self.lhs, "target", None) and self.lhs.target.model
        query = index_query(self.rhs) if isinstance(self.rhs, str) else None
        if (
            model is None
            or query is None
            or not has_sqlite_search_table(connection, model._meta.db_table)
        ):
            return self.as_sql(compiler, connection)
        table = connection.ops.quote_name(f"{model._meta.db_table}_fts")
        alias = compiler.quote_name_unless_alias(self.lhs.alias)
        pk = f"{alias}.{connection.ops.quote_name(model._meta.pk.column)}"
        return f"{pk} IN (SELECT rowid FROM {table} WHERE {table} MATCH %s)", [query]


def own_words_hold(model, term: str) -> models.Q:
    """Rows of ``model`` whose search text holds ``term``, written for a list's own
    query (one that is sorted and cut to a page).

    A term found in many rows is best found by walking the list in its order and
    reading each row's text until the page is full: a few dozen rows for a common
    word. A rare term would make that walk read the whole table, so it is looked up
    in the trigram index instead. On SQLite the index says how many rows hold the term
    (a fast count) and the choice is made here; PostgreSQL's planner makes it itself
    from its statistics.
    """
    connection = connections[router.db_for_read(model)]
    query = index_query(term)
    if connection.vendor == "sqlite" and query is not None:
        table = model._meta.db_table
        if has_sqlite_search_table(connection, table):
            with connection.cursor() as cursor:
                cursor.execute(
                    f'SELECT (SELECT count(*) FROM "{table}_fts" WHERE "{table}_fts" MATCH %s), '
                    f'(SELECT max(rowid) FROM "{table}")',
                    [query],
                )
                found, rows = cursor.fetchone()
            if found * COMMON < (rows or 0):
                return models.Q(search_text__term=term)
        return models.Q(search_text__contains=term)
    return models.Q(search_text__term=term)


class Searchable(models.Model):
    """A record with a ``search_text`` column kept up to date on every save."""

    # The record's own fields whose words are searched.
    search_fields: tuple[str, ...] = ()

    search_text = SearchTextField(editable=False, blank=True, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_text = self.make_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def related_search_words(self) -> list[str]:
        """Words from related rows; models override this (it may query the database)."""
        return []

    def make_search_text(self, extra=()) -> str:
        """``extra``: related words a record about to be inserted will have."""
        parts = [str(getattr(self, field) or "") for field in self.search_fields]
        if self.pk:
            parts.extend(self.related_search_words())
        return searchable(" ".join([*parts, *extra]))

    @classmethod
    def refresh_search_text(cls, pks) -> None:
        """Recompute the column for these rows (after a related row changed)."""
        for record in cls._default_manager.filter(pk__in=list(pks)):
            text = record.make_search_text()
            if text != record.search_text:
                cls._default_manager.filter(pk=record.pk).update(search_text=text)


# Migration helpers (they work on the historical models a migration is given).


def backfill(app_label: str, model_name: str, fields, related: tuple[str, str] | None = None):
    """A migration operation that fills ``search_text`` for rows saved before it existed."""
    from django.db import migrations

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        rows = model._default_manager.using(schema_editor.connection.alias).order_by("pk")
        if related:
            rows = rows.prefetch_related(related[0])
        batch = []
        for row in rows.iterator(chunk_size=2000):
            parts = [str(getattr(row, field) or "") for field in fields]
            if related:
                accessor, field = related
                parts.extend(
                    getattr(related_row, field) for related_row in getattr(row, accessor).all()
                )
            row.search_text = searchable(" ".join(parts))
            batch.append(row)
            if len(batch) == 2000:
                model._default_manager.bulk_update(batch, ["search_text"])
                batch = []
        model._default_manager.bulk_update(batch, ["search_text"])

    return migrations.RunPython(forwards, migrations.RunPython.noop)


def refresh_statistics(*tables: str):
    """A migration operation that runs ANALYZE on these tables, so that the query planner
    knows the indexes just made: without statistics SQLite keeps to the old ones."""
    from django.db import migrations

    def forwards(apps, schema_editor):
        for table in tables:
            schema_editor.execute(f"ANALYZE {schema_editor.quote_name(table)}")

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)


def trigram_index(table: str, name: str):
    """On PostgreSQL, a GIN trigram index on ``search_text`` so that ``LIKE '%term%'``
    reads the index instead of every row. (SQLite's index is ``ensure_sqlite_search_tables``.)"""
    from django.db import migrations

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_text gin_trgm_ops)"
            )

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(forwards, backwards)


# SQLite: one FTS5 trigram table per searchable table, filled and kept by triggers.
# They are made after every ``migrate`` rather than by a migration, because SQLite
# migrations that alter a table rebuild it and drop its triggers on the way; this puts
# them back and re-indexes. ``flush`` and test databases go through the same signal.

_SQLITE_TABLES_SEEN: set[tuple[str, str]] = set()


def has_sqlite_search_table(connection, table: str) -> bool:
    key = (str(connection.settings_dict["NAME"]), table)
    if key not in _SQLITE_TABLES_SEEN:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [f"{table}_fts"]
            )
            if cursor.fetchone() is None:
                return False
        _SQLITE_TABLES_SEEN.add(key)
    return True


def sqlite_search_statements(table: str, pk: str) -> dict[str, str]:
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


def ensure_sqlite_search_tables(using="default", **kwargs) -> list[str]:
    """Make whatever FTS table or trigger is missing and re-index those tables.
    Returns the tables re-indexed. Does nothing on other databases."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return []
    rebuilt = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        existing = {row[0] for row in cursor.fetchall()}
        for model in apps.get_models():
            if not issubclass(model, Searchable):
                continue
            table = model._meta.db_table
            if table not in existing:
                continue
            statements = sqlite_search_statements(table, model._meta.pk.column)
            missing = [sql for name, sql in statements.items() if name not in existing]
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
