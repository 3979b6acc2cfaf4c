"""What a list card shows, read in one query: the record's own columns, and the names of
its related rows (organizers, posts, other names) as one JSON list per row, read by a
subquery, instead of a model instance for every related row and its organization.

A list page of twenty conferences built about 250 model instances through
``prefetch_related``; its cards show a title, dates, a city, names and one photo.

Translated texts are read in every language's column and the reader's (or its fallback)
picked in Python as a ``Text`` that knows its language (``related_list(texts=...)``,
``events.languages.pick``): the subqueries, built once per process, serve every
language, and a language adds no query.
"""

import json

from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import Aggregate, F, OuterRef, Subquery
from django.db.models.functions import JSONArray

from .languages import CODES, column, columns, current, only, pick
from .models import MediaItem, OrganizationAlias, Organizer, Position
from .models.publishing import unrewritten


class JSONListField(models.Field):
    """The value of a ``JSONList``: a Python list, in the list's order.

    SQLite (before 3.44) cannot order the rows an aggregate reads, so there each item
    carries its sort keys and is sorted here; SQLite compares text by code point, as
    Python does, so the order is the one ``ORDER BY`` gives. PostgreSQL orders the rows
    itself (its collation may differ from a code-point order)."""

    def __init__(
        self, *args, keys: int = 0, flat: bool = False, texts: int = 0, plain: int = 0, **kwargs
    ):
        self.keys, self.flat, self.texts, self.plain = keys, flat, texts, plain
        super().__init__(*args, **kwargs)

    def get_internal_type(self):
        return "JSONField"

    def from_db_value(self, value, expression, connection):
        if value is None:
            return []
        items = json.loads(value) if isinstance(value, str | bytes) else value
        if connection.vendor == "sqlite":
            keys = self.keys
            items = [
                item[keys:]
                for item in sorted(
                    items, key=lambda item: [(v is not None, v) for v in item[:keys]]
                )
            ]
        if self.texts:
            # Each text read in every language (``TextList``): the reader's, or its
            # fallback, as a ``Text`` that knows its language; plain values lead.
            code, width, plain = current(), len(CODES), self.plain
            items = [
                item[:plain]
                + [
                    pick(item[start : start + width], code)
                    for start in range(plain, len(item), width)
                ]
                for item in items
            ]
        return [item[0] for item in items] if self.flat else items


class JSONList(Aggregate):
    """The given values of the rows aggregated, as one JSON list ordered by
    ``order_by`` (field names, ascending): ``[value, ...]`` for one value,
    ``[[value, value], ...]`` for several."""

    contains_aggregate = True

    def __init__(self, *values, order_by: tuple[str, ...], texts: int = 0):
        # ``texts``: how many translated texts end each item, each in every language's
        # column; the values before them are plain
        self.value_count = len(values)
        plain = len(values) - texts * len(CODES)
        flat = plain + texts == 1
        super().__init__(
            *values,
            *(F(name) for name in order_by),
            output_field=JSONListField(keys=len(order_by), flat=flat, texts=texts, plain=plain),
        )

    def compiled(self, compiler):
        """The SQL and parameters of the values, then of the sort keys."""
        compiled = [compiler.compile(e) for e in self.source_expressions]
        values, keys = compiled[: self.value_count], compiled[self.value_count :]
        return (
            [sql for sql, _ in values],
            [param for _, params in values for param in params],
            [sql for sql, _ in keys],
            [param for _, params in keys for param in params],
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        values, value_params, keys, key_params = self.compiled(compiler)
        # Each item leads with its keys (JSONListField sorts by them and drops them).
        sql = f"JSON_GROUP_ARRAY(JSON_ARRAY({', '.join([*keys, *values])}))"
        return sql, (*key_params, *value_params)

    def as_postgresql(self, compiler, connection, **extra_context):
        values, value_params, keys, key_params = self.compiled(compiler)
        sql = f"JSONB_AGG(JSONB_BUILD_ARRAY({', '.join(values)}) ORDER BY {', '.join(keys)})"
        return sql, (*value_params, *key_params)

    def as_sql(self, compiler, connection, **extra_context):
        raise NotImplementedError(
            f"JSONList is written for SQLite and PostgreSQL, not {connection.vendor}."
        )


def related_list(
    queryset,
    *values,
    order_by: tuple[str, ...],
    link: str,
    texts: tuple[str, ...] = (),
    outer: str = "pk",
) -> Subquery:
    """A subquery giving, for each outer row, ``JSONList`` of the rows of ``queryset``
    whose ``link`` points at it (at its ``outer`` column: another row it points at).

    ``texts``: translated fields read in every language (all three columns, whatever
    language the subquery was built in), each given as the reader's ``Text`` when the
    query runs; they follow ``values`` in each item."""
    values = (*values, *(name for text in texts for name in columns(text)))
    rows = unrewritten(queryset.filter(**{link: OuterRef(outer)})).order_by().values(link)
    return Subquery(
        rows.annotate(items=JSONList(*values, order_by=order_by, texts=len(texts))).values("items"),
    )


class StoredFile:
    """A stored file's name, as ``photo.image.name`` reads it."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name


class CardPhoto:
    """A card's photo: what the card shows (``caption``, ``credit``, in the reader's
    language) and what tells one drawn picture from another (``image.name``, ``width``,
    ``height``, ``renditions``, ``alt``: ``config.templating.picture_memory``). The
    ``MediaItem`` itself (``item``) is made only to draw a picture not drawn before:
    making one for every card cost twice what it did once each text had a column per
    language (about 45 µs a card)."""

    __slots__ = ("fields", "image", "width", "height", "renditions", "alt", "caption", "credit")

    def __init__(self, fields: dict):
        code = current()
        self.fields = fields
        self.image = StoredFile(fields["image"])
        self.width, self.height = fields["width"], fields["height"]
        self.renditions = fields["renditions"]
        self.caption = pick([fields[name] for name in columns("caption")], code)
        self.credit = pick([fields[name] for name in columns("credit")], code)
        self.alt = (
            ""
            if fields["is_decorative"]
            else pick([fields[name] for name in columns("alt_text")], code)
        )

    @property
    def item(self) -> MediaItem:
        # As a query would make it (half the cost of MediaItem(**fields)).
        return MediaItem.from_db(DEFAULT_DB_ALIAS, PHOTO_FIELDS, list(self.fields.values()))


class CardPhotoField(models.JSONField):
    """The card's photo, read as one JSON array of ``PHOTO_FIELDS``, made a ``CardPhoto``."""

    def from_db_value(self, value, expression, connection):
        values = super().from_db_value(value, expression, connection)
        if not values:
            return None
        fields = dict(zip(PHOTO_FIELDS, values, strict=True))
        if isinstance(fields["renditions"], str):  # SQLite keeps a JSON column as text
            fields["renditions"] = json.loads(fields["renditions"])
        fields["is_decorative"] = bool(fields["is_decorative"])
        return CardPhoto(fields)


PHOTO_SHOWN = {
    "id",
    "image",
    "width",
    "height",
    "renditions",
    *columns("caption"),
    *columns("credit"),
    *columns("alt_text"),
    "is_decorative",
}
# In the model's order, as Model.from_db takes them.
PHOTO_FIELDS = tuple(
    field.attname for field in MediaItem._meta.concrete_fields if field.attname in PHOTO_SHOWN
)


def first_photo() -> Subquery:
    """The first photo of each conference, as the gallery orders them."""
    photos = unrewritten(MediaItem.objects.filter(conference=OuterRef("pk")))
    photos = photos.order_by("order", "id")
    return Subquery(
        photos.values(fields=JSONArray(*PHOTO_FIELDS))[:1], output_field=CardPhotoField()
    )


# Made once: Django copies an expression as it resolves it into a query, and building
# these subqueries anew cost about a third of the lean read.
CONFERENCE_CARD = {
    "organizer_names": related_list(
        Organizer.objects,
        texts=("organization__name",),
        order_by=("order", "id"),
        link="conference",
    ),
    "card_photo": first_photo(),
}
PERSON_ROW = {
    # ``[title, organization name]`` per post, each in the reader's language.
    "post_lines": related_list(
        Position.objects,
        texts=("title", "organization__name"),
        order_by=("order", "id"),
        link="person",
    )
}
ORGANIZATION_ROW = {
    "alias_names": related_list(
        OrganizationAlias.objects, "name", order_by=("name", "id"), link="organization"
    )
}


def conference_cards(conferences):
    """Conferences as the ``conference_card`` macro (events/includes/macros.html) draws
    them: the columns shown, ``organizer_names`` (in the organizers' order) and
    ``card_photo`` (the first)."""
    shown = ("slug", "title", "theme", "start_date", "end_date", "city")
    return only(conferences, *shown).annotate(**CONFERENCE_CARD)


def person_rows(people):
    """People as the people list shows them, with ``post_lines`` (``[Mayor, Nanjing
    Municipal Government]``) in the order of their posts."""
    return only(people, "slug", "honorific", "name", "name_alt").annotate(**PERSON_ROW)


def organization_rows(organizations):
    """Organizations as the organization list shows them, with ``alias_names``."""
    return only(organizations, "slug", "name", "short_name", "kind", "city").annotate(
        **ORGANIZATION_ROW
    )


def roles_and_topics(roles, topics, link: str, code: str) -> dict:
    """A record's organizations with their roles and its topics, as the API's summaries
    show them, read with its row (built once per language by their callers):
    ``role_rows``, ``[organization slug, role, organization name]`` of ``roles`` (a
    conference's organizers, an agreement's parties) in their order, and ``topic_rows``,
    ``topic_list`` of the ``topics`` link rows."""
    return {
        "role_rows": related_list(
            roles,
            "organization__slug",
            "role",
            texts=("organization__name",),
            order_by=("order", "id"),
            link=link,
        ),
        "topic_rows": topic_list(topics, link, code),
    }


def topic_list(topics, link: str, code: str) -> Subquery:
    """``[slug, name]`` of the ``topics`` link rows (a conference's or an agreement's),
    by name in the reader's language (``code``), as the ORM orders topics; each name in
    the reader's language."""
    return related_list(
        topics,
        "topic__slug",
        texts=("topic__name",),
        order_by=(column("topic__name", code), "topic__id"),
        link=link,
    )
