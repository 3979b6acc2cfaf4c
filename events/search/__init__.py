"""Search that stays fast on a large archive, behind one interface.

Each searchable record keeps ``search_text``: its own words, case-folded and joined in
one column, plus words of related rows (a person's posts, an organization's other
names, copied in when those change: ``events/models/directory.py``'s signal handlers,
``events/services.py`` for writes in bulk). A conference's holds the search text of its
organizers and participants and its topics' names (``held_search_texts``,
``events/models/conference_search.py``), so the conference list searches one column;
an upper app's records may hold them too (an agreement holds its parties' and
signatories'), told of texts changed without a save by ``on_search_text_changed``.
Filters ask for ``search_text__term=word``;
matching parts of words needs no word splitting, so Chinese (which has no spaces
between words) is found like English.

- ``text``: what the column holds and what a term becomes (pure functions).
- ``places``: other names of places, found as the names (looked up at search time).
- a backend per database, chosen by ``backend(connection)``, each with the same
  functions: ``term_sql`` (the SQL of ``search_text__term``), ``words_sql`` (of
  ``search_text__words``: several terms at once), ``hits_up_to`` (how many rows hold
  all of several terms, up to a share of the rows, when the index can say cheaply) and
  ``ensure_tables`` (what the index needs after ``migrate``):
  ``sqlite`` (FTS5 trigram tables kept by triggers) and ``postgres`` (``pg_trgm``).
- here: the ``Searchable`` mixin, the lookups, and the common/rare split of list
  searches (``all_words_hold``: all terms in one index lookup, for every list).

Tests: ``tests/events/test_search.py`` (the contract both backends meet) and
``test_search_sqlite.py``, ``test_search_postgres.py``, ``test_search_migrations.py``,
``test_search_conferences.py`` (the conference list finds what it found when it looked
through organizers, participants and topics; every write keeps it so).

What the common/rare split buys (measured when it was made a term at a time; the lists
now make it for all their terms at once, ``all_words_hold``), against always reading the index
and always walking the list: first pages of searched lists in ms on the full SQLite
bench database (100,000 people, 20,000 conferences, 50,000 agreements, 10,000
organizations), fastest of 7 runs in 5 rounds, 2026-12-01:

    list, term                         as built  index only  walk only
    people, chen (common)                  10.7        42.5       12.5
    conferences, nanjing (common)          27.4        36.8       27.5
    agreements, finance (common)           21.5        36.1       21.7
    people, 陈之常 (rare)                   14.4        15.6       23.8
    people, 陈之 (rare pair)                13.5        15.8       23.1

Reading the index for a common word costs up to 4x (it finds thousands of rows, then
sorts them); walking for a rare one up to 1.8x (it reads the whole table); the split
gets the better of the two for one count from the index (1-7 ms). On the small bench
database (1,000 people) all three are the same (8-25 ms). On PostgreSQL the planner
makes this choice itself: the three columns are one query there (11-37 ms, their spread
is the machine's noise). Figures from

    DATABASE_URL=sqlite:///bench/.data/full.sqlite3 .venv/bin/python -m bench.search_tricks

(The conference and agreement rows were measured when those lists searched a term at a
time; both now search with ``all_words_hold``: the conference list's figures are in
``events/models/conference_search.py``, the agreement list's with the agreement's
search text in the upper app.)

(``make bench`` builds bench/.data/; the pair token's figures are in ``text.py``.)
"""

from django.apps import apps
from django.db import connections, models, router
from django.db.models.lookups import Contains

from ..languages import texts_of
from ..versions import remember
from . import postgres, sqlite
from .text import PAIR_MARK, join_terms, normalize, searchable, split_terms, words

__all__ = [
    "PAIR_MARK",
    "Searchable",
    "SearchTextField",
    "all_words_hold",
    "backend",
    "ensure_search_tables",
    "normalize",
    "on_search_text_changed",
    "searchable",
    "words",
]

# Words held by more than one row in COMMON are "common"; by more than one in WALKED,
# "very common" (see ``all_words_hold``).
COMMON = 50
WALKED = 10


def backend(connection):
    """The search backend of this database connection. Any database other than SQLite
    gets the ``LIKE`` backend (on PostgreSQL answered by its trigram index)."""
    return sqlite if connection.vendor == "sqlite" else postgres


class SearchTextField(models.TextField):
    """The ``search_text`` column: a text column with the ``term`` lookup below."""

    def deconstruct(self):
        # Stored exactly like a TextField: migrations need not know about the lookup.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.TextField", args, kwargs


@SearchTextField.register_lookup
class HasTerm(Contains):
    """``search_text__term=word``: the column contains the (normalized) word, looked up
    the way the database's backend finds fastest."""

    lookup_name = "term"

    def get_rhs_op(self, connection, rhs):
        return connection.operators["contains"] % rhs  # the term is always a plain string

    def as_sql(self, compiler, connection):
        return backend(connection).term_sql(self, compiler, connection)

    def scan_sql(self, compiler, connection, term=None):
        """``LIKE '%term%'`` on the column (``term`` instead of the lookup's own)."""
        lookup = self if term is None else type(self)(self.lhs, term)
        return super(HasTerm, lookup).as_sql(compiler, connection)


class HasWords(HasTerm):
    """``search_text__words="word word"``: the column holds every one of these
    (normalized) words, each one the index can answer, found by one index lookup
    (see ``all_words_hold``)."""

    lookup_name = "words"
    common = False

    def as_sql(self, compiler, connection):
        return backend(connection).words_sql(self, compiler, connection, common=self.common)

    def scan_all_sql(self, compiler, connection):
        sql, params = [], []
        for alternatives in split_terms(self.rhs):
            parts = [
                type(self)(self.lhs, term).scan_sql(compiler, connection) for term in alternatives
            ]
            sql.append("(" + " OR ".join(f"({part})" for part, _ in parts) + ")")
            params.extend(p for _, ps in parts for p in ps)
        return " AND ".join(sql), params


class HasCommonWords(HasWords):
    """``search_text__common_words``: as ``words``, for words many rows hold."""

    lookup_name = "common_words"
    common = True


class HasVeryCommonWords(HasCommonWords):
    """``search_text__very_common_words``: as ``common_words``, for words so many rows
    hold (more than one in ``WALKED``) that a list's first pages are found soonest by
    reading each row's text in the list's order (``sqlite.words_sql``)."""

    lookup_name = "very_common_words"
    walk = True


class HeldByRows(HasWords):
    """``search_text__among='[12, 40, …]'``: the rows with these keys, which the index
    found holding a search's words (``all_words_hold``): the list's count and page read
    them instead of the index again."""

    lookup_name = "among"

    def as_sql(self, compiler, connection):
        return backend(connection).keys_sql(self, compiler, connection, common=self.common)


class HeldByCommonRows(HeldByRows):
    """``search_text__common_among``: as ``among``, for words many rows hold (a page
    walks the list's order, checking each row against the keys)."""

    lookup_name = "common_among"
    common = True


SearchTextField.register_lookup(HasWords)
SearchTextField.register_lookup(HasCommonWords)
SearchTextField.register_lookup(HasVeryCommonWords)
SearchTextField.register_lookup(HeldByRows)
SearchTextField.register_lookup(HeldByCommonRows)


def all_words_hold(model, terms, request=None) -> models.Q:
    """Rows of ``model`` whose search text holds every one of ``terms``, written for a
    list's own query (every public list's search: conferences, agreements, people,
    organizations): the terms the index can answer are found together, by one lookup,
    and the rest by reading the text. A term may be a tuple of a place's names
    (``places.with_other_names``): any one of them.

    A page of a list then reads the rows found as a set and walks the list's order when
    they are many (more than one row in ``COMMON``), or reads the rows found when they
    are few; the list's count always reads the rows found (``sqlite.words_sql``).
    Against a term at a time on the conference list, which walked the list reading each
    row's text, and counted by reading every row's text: figures in
    ``events/models/conference_search.py``. On the people and organization lists, a new
    search in process on the full bench database (300 of the bench's terms): people
    12.6-15.0 → 7.7-8.7 ms median, 7 → 5 queries; organizations 8.6-9.9 → 6.6 ms,
    6 → 4 queries."""
    terms = list(dict.fromkeys(terms))
    connection = connections[router.db_for_read(model)]
    indexed = [term for term in terms if sqlite.match_all([term])]
    condition = models.Q()
    for term in terms:
        if term not in indexed:
            condition &= any_word_holds(term)
    if not indexed:
        return condition

    # Whether the words are common is asked of the index once per content version. With
    # the answer come the keys of the rows found, when they are all of them (not very
    # common words): the list's count and page read those rows by their keys instead of
    # the index again (a new search of common words read the index three times, 10-15 ms
    # each on the full bench database). Those keys decide what the list holds until the
    # content version moves, so every write of ``search_text`` must move it: saves and
    # deletes do (signals), writes in bulk through ``events.services`` and
    # ``content_changed()``. The list's own filters (published, live, chosen) still apply.
    def how_common():
        # One count, stopped at one row in WALKED, answers both questions: 2.0-2.2 ms a
        # new search on the full bench database, against 2.4-2.9 ms asking twice.
        counted = backend(connection).hits_up_to(connection, model, indexed, WALKED)
        if counted is None:
            return "words", None
        found, rows, keys = counted
        if found * COMMON < rows:
            return "words", keys
        # Very common words are found on a first page by walking the list (1.3-2.7 ms on
        # the full bench database, against 1.6-6.8 ms reading the index's rows first);
        # words in a few per cent of rows are not: if those rows are all old (a year's
        # number), the walk reads most of the table (18-29 ms, against 1-4 ms).
        if found * WALKED >= rows:
            return "very_common_words", None
        return "common_words", keys

    how, keys = remember(
        f"search-hits:{connection.alias}:{model._meta.label}:{join_terms(indexed)}",
        how_common,
        request,
    )
    if keys is not None:
        among = "among" if how == "words" else "common_among"
        return condition & models.Q(**{f"search_text__{among}": keys})
    return condition & models.Q(**{f"search_text__{how}": join_terms(indexed)})


def any_word_holds(term) -> models.Q:
    """Rows whose search text holds the term, or (a tuple: a place's names, see
    ``places.py``) any one of the terms, each looked up as ``search_text__term``."""
    if isinstance(term, str):
        return models.Q(search_text__term=term)
    condition = models.Q()
    for name in term:
        condition |= models.Q(search_text__term=name)
    return condition


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

    def held_search_texts(self) -> list[str]:
        """The search text of other records this one holds as it is stored (a
        conference holds its organizers' and participants'); models override this."""
        return []

    def related_search(self) -> tuple[list[str], list[str]]:
        """``(related_search_words(), held_search_texts())``, or what
        ``related_search_for`` read for this record (used once)."""
        found = self.__dict__.pop("_related_search", None)
        if found is not None:
            return found
        return self.related_search_words(), self.held_search_texts()

    def make_search_text(self, extra=()) -> str:
        """``extra``: related words a record about to be inserted will have."""
        # Every language's text of each field: a search in any language finds it.
        parts = [text for field in self.search_fields for text in texts_of(self, field)]
        held = []
        if self.pk:
            words, held = self.related_search()
            parts.extend(words)
        return join_texts(searchable(" ".join([*parts, *extra])), held)

    @classmethod
    def related_search_for(cls, records) -> None:
        """Read the related words and held texts of many records at once, as each
        record's ``_related_search`` (see ``related_search``): a model whose record reads
        several queries for them overrides this to read a batch in a few."""

    @classmethod
    def refresh_search_text(cls, pks) -> list:
        """Recompute the column for these rows (after a related row changed); returns
        the keys of the rows whose text changed."""
        records = list(cls._default_manager.filter(pk__in=list(pks)))
        cls.related_search_for(records)
        changed = []
        for record in records:
            text = record.make_search_text()
            if text != record.search_text:
                record.search_text = text
                changed.append(record)
        cls._default_manager.bulk_update(changed, ["search_text"], batch_size=500)
        pks = [record.pk for record in changed]
        if pks:
            search_text_changed(cls, pks)
        return pks

    @classmethod
    def search_text_changed(cls, pks) -> None:
        """These rows' search text changed: records holding it (``held_search_texts``)
        make theirs again. Models held by others override this."""


# Who else holds a model's search text: callbacks an upper app registers (its records
# hold the text of these rows, which events does not know about).
TEXT_HOLDERS: dict[type[models.Model], list] = {}


def on_search_text_changed(model: type[models.Model], callback) -> None:
    """Call ``callback(pks)`` when rows of ``model`` have a new search text by a write
    that is not their own ``save()`` (their posts or other names changed, rows written
    in bulk): an upper app whose records hold that text (``held_search_texts``) makes
    theirs again. A ``save()`` sends ``post_save``, which the app hears itself."""
    TEXT_HOLDERS.setdefault(model, []).append(callback)


def search_text_changed(model: type[models.Model], pks) -> None:
    """These rows of ``model`` have a new search text, written without their ``save()``:
    the model's own holders (``Searchable.search_text_changed``), then the registered."""
    pks = list(pks)
    model.search_text_changed(pks)
    for callback in TEXT_HOLDERS.get(model, ()):
        callback(pks)


def join_texts(text: str, held) -> str:
    """A record's own search text, then the texts it holds, one space between each: a
    term (which has no space) is found in the whole exactly when it is in one of them."""
    return " ".join(part for part in (text, *held) if part)


def ensure_search_tables(using="default", **kwargs) -> list[str]:
    """What the database's search index needs after ``migrate`` (connected to
    ``post_migrate`` in ``events/apps.py``; ``flush`` sends it too). Returns the tables
    re-indexed: on SQLite those whose FTS table or triggers were missing."""
    connection = connections[using]
    searchable_models = [model for model in apps.get_models() if issubclass(model, Searchable)]
    return backend(connection).ensure_tables(connection, searchable_models)


# The name this had when only SQLite needed it (tests/test_scale.py uses it).
ensure_sqlite_search_tables = ensure_search_tables
