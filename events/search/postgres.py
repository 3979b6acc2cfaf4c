"""The PostgreSQL search backend: ``LIKE '%term%'`` answered by a ``pg_trgm`` GIN index.

The indexes (``events_person_search_trgm``, ...) and the extension are made by the
migration that added ``search_text`` to each table (for this app's tables
``events/migrations/0006_search_text.py``); PostgreSQL keeps them through every later
``ALTER TABLE``, so nothing is needed after ``migrate``.

A two-character CJK term is looked for as its pair token (``text.indexed_term``):
``pg_trgm`` reads the private-use mark as the end of a word, which gives the pattern a
trigram to find in the index. Shorter terms are scanned, as LIKE does.

With the pair token, the rows of 100,000 people holding a rare two-character Chinese
word come from the index in 1.0 ms, against 16.6 ms without it, and a conference list
searched for 南京 takes 28.7 ms against 52.8 ms (``python -m bench.search_tricks`` on a
``seed_bulk`` database; figures and command in ``text.py``).

The common/rare choice (``all_words_hold``) is left to PostgreSQL's planner, which
knows from its statistics how many rows a pattern is likely to match: ``hits_up_to``
says nothing, and forcing either side measured no different (within noise).

Nothing here is PostgreSQL-only SQL: on another database this is a plain column scan.
"""

from .text import indexed_term, split_terms


def term_sql(lookup, compiler, connection):
    """SQL for ``search_text__term``: ``LIKE``, with a CJK pair as its pair token."""
    if isinstance(lookup.rhs, str) and (token := indexed_term(lookup.rhs)):
        return lookup.scan_sql(compiler, connection, term=token)
    return lookup.scan_sql(compiler, connection)


def words_sql(lookup, compiler, connection, common: bool):
    """SQL for ``search_text__words``: each term as ``term`` finds it (a term of several
    alternatives, a place's names: any one of them), all of them held."""
    sql, params = [], []
    for alternatives in split_terms(lookup.rhs):
        parts = [
            term_sql(type(lookup)(lookup.lhs, term), compiler, connection) for term in alternatives
        ]
        sql.append("(" + " OR ".join(f"({part})" for part, _ in parts) + ")")
        params.extend(p for _, ps in parts for p in ps)
    return " AND ".join(sql), params


def hits_up_to(connection, model, terms, share: int) -> None:
    """The planner chooses between the index and walking the list: no count."""
    return None


def keys_sql(lookup, compiler, connection, common: bool):
    """SQL for ``search_text__among``: the rows whose keys the lookup holds (a JSON
    list). Never asked for here (``hits_up_to`` finds no keys), kept for the contract."""
    model = lookup.lhs.target.model
    alias = compiler.quote_name_unless_alias(lookup.lhs.alias)
    pk = f"{alias}.{connection.ops.quote_name(model._meta.pk.column)}"
    return f"{pk} IN (SELECT jsonb_array_elements_text(%s::jsonb)::bigint)", [lookup.rhs]


def ensure_tables(connection, models) -> list[str]:
    """The trigram indexes come from migrations: nothing to make after ``migrate``."""
    return []
