"""SQL compiled once per process for a queryset built once, run again with new values.

A queryset built once (``events/prebuilt.py``, a detail page's, a list's card reader)
was still compiled to SQL for every request: the columns of every joined model, the
correlated subqueries that say what is live and the related names, each quoted and
joined again (0.5 ms for a list's twenty cards, about 3 ms for a conference page's
queries on the bench archive). ``compile_once(queryset)`` keeps the SQL of its first
run, with what Django needs to read the rows back (the select list, the related
models, the annotations), and hands it to every later copy that has not been changed.

What may differ from one run to the next is marked where it is compiled:

- the clock (``ClockNow``, every "is it live" test): its value is read again for each
  run, so a kept SQL still answers by the clock of the request that runs it;
- the values of a ``Slot`` (``KeysIn``: the keys of a list page's rows), given to each
  copy with ``given(queryset, keys=[...])``.

Any other change to a copy (a filter, an order, a slice, an annotation) changes its
shape (``shape``), and that copy is compiled as Django compiles it. With
``COMPILED_SQL_CHECK`` on (the tests), every kept SQL handed out is checked against a
fresh compilation of the same copy, so the whole test suite checks the shapes.
"""

import datetime as dt
import functools
import json

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models import BooleanField, DateTimeField, Expression, F, Prefetch
from django.db.models.constants import LOOKUP_SEP
from django.db.models.sql.query import Query
from django.utils import timezone


class ClockText(str):
    """The time by the clock, as SQLite is given it: a parameter to read again."""


class ClockTime(dt.datetime):
    """The time by the clock, as PostgreSQL is given it: a parameter to read again."""


def clock_param(value):
    """``value`` (the clock's time, prepared for the database) marked as the clock's."""
    if isinstance(value, str):
        return ClockText(value)
    if isinstance(value, dt.datetime):
        return ClockTime.combine(value.date(), value.timetz())
    return value


class SlotText(str):
    """A slot's value as one text parameter (a slug; SQLite: a JSON list of keys)."""

    __slots__ = ("slot", "encode")


class SlotList(list):
    """A slot's value as one list parameter (PostgreSQL: an array of keys)."""

    __slots__ = ("slot", "encode")


# The marked parameters: read again for each run of a kept SQL.
CLOCKS = (ClockText, ClockTime)
FRESH = (*CLOCKS, SlotText, SlotList)


def slot_value(compiler, slot: str):
    given = getattr(compiler.query, "slot_values", None) or {}
    if slot not in given:
        raise ValueError(f"No {slot!r} given to this query (events.compiled.given).")
    return given[slot]


def slot_param(kind, encode, value, slot: str):
    """``encode(value)`` as a parameter marked as the slot's, which a kept SQL encodes
    anew from each run's value."""
    param = kind(encode(value))
    param.slot, param.encode = slot, encode
    return param


def keys_text(keys) -> str:
    return json.dumps([int(key) for key in keys])


def keys_list(keys) -> list:
    return [int(key) for key in keys]


class KeysIn(Expression):
    """True for the rows whose key is one of the run's ``keys`` (``given``), given as one
    parameter whatever their number: ``pk IN (SELECT value FROM json_each(%s))`` on
    SQLite, ``pk = ANY(%s)`` on PostgreSQL. The SQL is then the same for every page."""

    conditional = True

    def __init__(self, slot: str = "keys", column=None, required: bool = True):
        super().__init__(output_field=BooleanField())
        self.slot, self.column = slot, column if column is not None else F("pk")
        self.required = required

    def get_source_expressions(self):
        return [self.column]

    def set_source_expressions(self, exprs):
        (self.column,) = exprs

    def unfilled(self, compiler) -> bool:
        """Whether this run has no keys for an optional slot (a prefetch's rows read
        again through its manager, ``person.positions.filter(...)``, which Django
        restricts to the owner itself): then it holds for every row."""
        given = getattr(compiler.query, "slot_values", None) or {}
        return not self.required and self.slot not in given

    def slot_sql(self, compiler, template: str, kind, encode):
        """``template`` (``{column}`` and one ``%s``) with the column and the slot's value
        as a marked parameter; always true for an optional slot left unfilled."""
        if self.unfilled(compiler):
            return "1 = 1", []
        column, params = compiler.compile(self.column)
        value = slot_param(kind, encode, slot_value(compiler, self.slot), self.slot)
        return template.format(column=column), [*params, value]

    def as_sqlite(self, compiler, connection):
        return self.slot_sql(
            compiler, "{column} IN (SELECT value FROM json_each(%s))", SlotText, keys_text
        )

    def as_postgresql(self, compiler, connection):
        return self.slot_sql(compiler, "{column} = ANY(%s::bigint[])", SlotList, keys_list)

    def as_sql(self, compiler, connection):
        raise NotImplementedError(
            f"KeysIn is written for SQLite and PostgreSQL, not {connection.vendor}."
        )


class TextIs(KeysIn):
    """True for the rows whose text ``field`` is the run's ``slot`` value (``given``): a
    detail page's record by its slug, in SQL kept for every slug."""

    def __init__(self, field: str, slot: str = "text"):
        super().__init__(slot, F(field))

    def as_sql(self, compiler, connection):
        return self.slot_sql(compiler, "{column} = %s", SlotText, str)

    as_sqlite = as_postgresql = as_sql


def given(queryset, **values):
    """A copy of ``queryset`` whose slots (``KeysIn``) hold these values."""
    copy = queryset.all()
    copy.query.slot_values = values
    return copy


def shape(query) -> tuple:
    """What a change to a copy of a query changes: its filters' number and joining, its
    order, slice, annotations, selected and deferred columns, joins asked for, grouping
    and combination. Two copies of one built query with the same shape compile to the
    same SQL (``COMPILED_SQL_CHECK`` checks it in the tests)."""
    where = query.where
    return (
        len(where.children),
        where.connector,
        where.negated,
        query.low_mark,
        query.high_mark,
        query.order_by,
        query.extra_order_by,
        query.default_ordering,
        query.standard_ordering,
        query.distinct,
        query.distinct_fields,
        tuple(map(id, query.annotations.values())),  # (the built query holds them)
        query.annotation_select_mask,
        query.values_select,
        query.default_cols,
        len(query.select),
        query.deferred_loading,
        query.select_related,
        query.subquery,
        query.alias_prefix,
        query.combinator,
        query.group_by,
        query.extra,
        query.extra_select_mask,
        query.extra_tables,
        query.select_for_update,
        query.select_for_update_nowait,
        query.select_for_update_skip_locked,
        query.select_for_update_of,
        query.select_for_no_key_update,
        query.explain_info,
        len(query.alias_map),
    )


# How the clock's time is prepared for the database (``ClockNow``'s field).
CLOCK_FIELD = DateTimeField()


class Kept:
    """One query's SQL as compiled, with the compiler's state that reading its rows
    needs, and where its parameters are to be read again."""

    __slots__ = ("sql", "params", "fresh", "state")

    STATE = (
        "select",
        "klass_info",
        "annotation_col_map",
        "col_count",
        "has_extra_select",
        "where",
        "having",
        "qualify",
    )

    def __init__(self, compiler, sql: str, params):
        self.sql, self.params = sql, tuple(params)
        self.fresh = tuple(
            (index, param) for index, param in enumerate(self.params) if isinstance(param, FRESH)
        )
        self.state = {name: getattr(compiler, name, None) for name in self.STATE}

    def params_for(self, query, connection) -> tuple:
        if not self.fresh:
            return self.params
        params = list(self.params)
        now = None
        for index, param in self.fresh:
            if isinstance(param, CLOCKS):
                if now is None:
                    now = CLOCK_FIELD.get_db_prep_value(timezone.now(), connection)
                params[index] = now
            else:
                params[index] = param.encode(query.slot_values[param.slot])
        return tuple(params)


class CompiledOnceQuery(Query):
    """A query whose copies of the same shape share one compilation (``compile_once``).
    ``kept`` (by database and shape) and ``kept_shape`` are shared by every copy, as a
    copy's attributes are the original's."""

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        compiler = super().get_compiler(using, connection, elide_empty)
        if self.__dict__.get("kept") is None or self.explain_info is not None:
            return compiler
        if "prefetch_by" in self.__dict__ and OWNERS not in (
            self.__dict__.get("slot_values") or {}
        ):
            return compiler  # a prefetch's rows read without their owners (see ``KeysIn``)
        current = shape(self)
        if current != self.kept_shape:
            return compiler  # changed since it was built: compiled as Django compiles it
        key = (compiler.connection.alias, elide_empty)
        kept = self.kept.get(key)
        if kept is None:
            return KeepingCompiler.take(compiler, self.kept, key)
        return KeptCompiler.take(compiler, kept)


class KeepingCompiler:
    """The first run of a shape: compiled as usual, and kept."""

    @staticmethod
    def take(compiler, kept: dict, key):
        compile_sql = compiler.as_sql

        def as_sql(with_limits=True, with_col_aliases=False):
            sql, params = compile_sql(with_limits, with_col_aliases)
            if with_limits and not with_col_aliases:
                kept[key] = Kept(compiler, sql, params)
            return sql, params

        compiler.as_sql = as_sql
        return compiler


class KeptCompiler:
    """A later run of a kept shape: its SQL handed back with fresh parameters."""

    @staticmethod
    def take(compiler, kept: Kept):
        compile_sql = compiler.as_sql
        query, connection = compiler.query, compiler.connection

        def as_sql(with_limits=True, with_col_aliases=False):
            if not with_limits or with_col_aliases:
                return compile_sql(with_limits, with_col_aliases)
            params = kept.params_for(query, connection)
            if getattr(settings, "COMPILED_SQL_CHECK", False):
                check(compiler, kept, params)
            for name, value in kept.state.items():
                setattr(compiler, name, value)
            return kept.sql, params

        compiler.as_sql = as_sql
        return compiler


def check(compiler, kept: Kept, params) -> None:
    """The kept SQL is what compiling this copy gives (tests): the same text, and the
    same parameters but for the clock's."""
    fresh = Query.get_compiler(compiler.query.clone(), connection=compiler.connection)
    sql, fresh_params = fresh.as_sql()
    clock = {index for index, param in kept.fresh if isinstance(param, CLOCKS)}
    same_params = len(fresh_params) == len(params) and all(
        index in clock or a == b
        for index, (a, b) in enumerate(zip(fresh_params, params, strict=True))
    )
    if sql != kept.sql or not same_params:
        raise AssertionError(
            "A kept SQL differs from this query's own:\n"
            f"{kept.sql}\n{params}\n{sql}\n{fresh_params}"
        )


# The slot holding the keys of the records whose related rows a prefetch reads.
OWNERS = "owners"


def reverse_key(owner, name: str):
    """The foreign key by which the rows that ``owner``'s lookup ``name`` prefetches
    (``organizers``, a conference's) point at their owner's primary key, or ``None``
    when ``name`` is not such a one-step reverse relation."""
    if LOOKUP_SEP in name:
        return None
    try:
        relation = owner._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if not (relation.one_to_many and relation.auto_created):
        return None
    key = relation.field
    return key if key.target_field.primary_key else None


def compile_prefetches(queryset):
    """``queryset``'s prefetches of rows that point at their owner (a conference's
    participations, an organization's other names), one step each, given by name or
    with a queryset of their own (and theirs, in turn), compiled once as well: each
    reads its owners' keys as one slot parameter (``KeysIn``) instead of Django's
    ``owner__in`` of as many parameters, so that its SQL is the same for every page.
    Returns ``queryset``."""
    lookups = []
    given = queryset._prefetch_related_lookups
    deeper = {
        (lookup.prefetch_through if isinstance(lookup, Prefetch) else lookup).split(LOOKUP_SEP)[0]
        for lookup in given
        if LOOKUP_SEP in (lookup.prefetch_through if isinstance(lookup, Prefetch) else lookup)
    }
    for lookup in given:
        # (Not a name that a longer lookup also goes through: Django takes the two for one
        # prefetch, which must then have the same queryset.)
        if isinstance(lookup, str) and lookup not in deeper:
            # A plain name: its rows read as Django reads them, by their default manager.
            key = reverse_key(queryset.model, lookup)
            if key is not None:
                lookup = Prefetch(lookup, queryset=key.model._default_manager.all())
        lookups.append(lookup)
    queryset._prefetch_related_lookups = tuple(lookups)
    for lookup in lookups:
        if not isinstance(lookup, Prefetch) or lookup.queryset is None:
            continue
        key = reverse_key(queryset.model, lookup.prefetch_through)
        rows = lookup.queryset.query
        if key is not None and not rows.is_sliced and "prefetch_by" not in rows.__dict__:
            template = lookup.queryset.filter(KeysIn(OWNERS, F(key.attname), required=False))
            template.query.prefetch_by = key.name
            lookup.queryset = compile_once(template)
        compile_prefetches(lookup.queryset)
    return queryset


def filter_prefetch(django_filter):
    """Django's filter of a prefetch's rows by their owners, which gives a prefetch
    built by ``compile_prefetches`` its owners' keys instead (it filters by them
    already)."""

    @functools.wraps(django_filter)
    def filter_rows(queryset, field_name, instances):
        if getattr(queryset.query, "prefetch_by", None) == field_name:
            queryset.query.slot_values = {OWNERS: [instance.pk for instance in instances]}
            return queryset
        return django_filter(queryset, field_name, instances)

    filter_rows.gives_owner_keys = True
    return filter_rows


def install() -> None:
    """Put ``filter_prefetch`` in Django's prefetching (once, when the app is ready)."""
    from django.db.models.fields import related_descriptors

    current = related_descriptors._filter_prefetch_queryset
    if not getattr(current, "gives_owner_keys", False):
        related_descriptors._filter_prefetch_queryset = filter_prefetch(current)


def compile_once(queryset):
    """``queryset``, whose copies (``.all()``, ``given``) left in its shape are compiled
    once (per database) and then run with fresh clock and slot values. Returns it."""
    query = queryset.query
    query.__class__ = CompiledOnceQuery
    query.kept = {}
    query.kept_shape = shape(query)
    return queryset
