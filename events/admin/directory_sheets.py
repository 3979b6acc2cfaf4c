"""Organizations and people (with their posts) in spreadsheets: the columns, and how a
row finds the record it describes.

A row with an ``id`` is that record. A row without one is matched by any of its names
against any name of the records (every language's name, the short name, other names; a
person's name in another script), folded as search folds them: case, full width and
script do not matter, so 韩立明 finds 韓立明. A name that fits several records is an
error that asks for the id.

An import adds and changes, never removes: other names and posts a record has and the
file leaves out are kept (removing is done in the admin, which asks first).

A person's posts, one column per language::

    posts_en       Member of the Standing Committee, Jiangsu Provincial Party Committee;
                   Secretary, 中共南京市委
    posts_zh_hans  常委, 中共江苏省委; 书记, 中共南京市委

Each post is ``title, organization`` (the organization by any of its names; the title is
what comes before the last comma), posts separated by ``;``. The English column lists
the posts; a Chinese column gives the titles in that script, matched to the English
entries by organization (the second post at one organization to the second).
"""

import re

from django.db.models import Max, Prefetch
from django.utils import translation
from django.utils.translation import gettext
from import_export import fields, widgets

from .. import services
from ..languages import CODES, column
from ..models import Organization, OrganizationAlias, Person, Position
from .spreadsheets import ContentResource, NameIndex, RowError, join_list, name_key, split_list

LANGS = [code.replace("-", "_") for code in CODES]  # en, zh_hans, zh_hant


def per_language(*names) -> list[str]:
    return [column(name, code) for name in names for code in CODES]


def organization_index() -> tuple[NameIndex, dict]:
    """Every organization by every name, and each one's display name."""
    index, labels = NameIndex(), {}
    names = per_language("name", "short_name")
    for pk, *texts in Organization.objects.values_list("pk", *names):
        index.add(pk, *texts)
        labels[pk] = texts[0]
    for pk, alias in OrganizationAlias.objects.values_list("organization_id", "name"):
        index.add(pk, alias)
    return index, labels


def person_index() -> tuple[NameIndex, dict]:
    """Every person by every name (each language's, the name in another script), and
    each one's English name."""
    index, labels = NameIndex(), {}
    for pk, *names in Person.objects.values_list("pk", *per_language("name"), "name_alt"):
        index.add(pk, *names)
        labels[pk] = names[0]
    return index, labels


def one_of(found: set, labels: dict, column_name: str, name: str, what: str):
    """The one record ``found`` for ``name``, else a ``RowError`` that says why not."""
    if len(found) == 1:
        return next(iter(found))
    if not found:
        raise RowError(
            column_name, gettext("no %(what)s named '%(name)s'") % {"what": what, "name": name}
        )
    named = ", ".join(sorted(f"{labels.get(pk, pk)} (id {pk})" for pk in found))
    raise RowError(
        column_name,
        gettext("'%(name)s' names several: %(records)s; give the id")
        % {"name": name, "records": named},
    )


class ChoiceWidget(widgets.CharWidget):
    """A choice by its stored value (``government``, what the export writes) or by its
    label in any language ("Government", "政府"), folded as names are."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.values = {}
        for value, label in choices:
            self.values[name_key(value)] = value
            for code in CODES:
                with translation.override(code):
                    self.values.setdefault(name_key(str(label)), value)

    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row=row, **kwargs)
        return self.values.get(name_key(value or ""), value)


class OrganizationResource(ContentResource):
    other_names = fields.Field(column_name="other_names")
    kind = fields.Field(
        attribute="kind", column_name="kind", widget=ChoiceWidget(Organization.Kind.choices)
    )

    class Meta:
        model = Organization
        fields = [
            "id",
            *per_language("name", "short_name"),
            "kind",
            *per_language("city", "region", "country"),
            "website",
            *per_language("description"),
            "other_names",
        ]
        export_order = fields

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._index = None
        self._aliases = {}

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).prefetch_related("aliases")

    def dehydrate_other_names(self, organization):
        if organization.pk is None:  # (the preview's "before" of a new record)
            return ""
        return join_list(alias.name for alias in self.aliases_of(organization))

    def aliases_of(self, organization) -> list:
        """Its other names: prefetched in an export; read once per row in an import (the
        preview reads them for its before and after columns, and ``check_rows``)."""
        if "aliases" in getattr(organization, "_prefetched_objects_cache", {}):
            return list(organization.aliases.all())
        if organization.pk not in self._aliases:
            self._aliases[organization.pk] = list(organization.aliases.all())
        return self._aliases[organization.pk]

    @property
    def index(self):
        if self._index is None:
            self._index = organization_index()
        return self._index

    def row_names(self, row) -> list[str]:
        names = [row.get(name, "") for name in per_language("name", "short_name")]
        return [name for name in names if name] + split_list(row.get("other_names", ""))

    def find_existing(self, row):
        index, labels = self.index
        names = self.row_names(row)
        found = index.find(*names)
        if not found:
            return None
        pk = one_of(found, labels, "name_en", names[0], gettext("organization"))
        return Organization.objects.get(pk=pk)

    def check_rows(self, instance, row, new):
        have = set() if new else {name_key(a.name) for a in self.aliases_of(instance)}
        self.new_aliases = []
        limit = OrganizationAlias._meta.get_field("name").max_length
        for name in split_list(row.get("other_names", "")):
            if len(name) > limit:
                raise RowError(
                    "other_names",
                    gettext("'%(title)s' is longer than %(count)s characters")
                    % {"title": name[:40] + "…", "count": limit},
                )
            if name_key(name) not in have:
                have.add(name_key(name))
                self.new_aliases.append(name)

    def rows_unchanged(self, instance) -> bool:
        return not self.new_aliases

    def save_rows(self, instance, row, new):
        for name in self.new_aliases:
            services.create(OrganizationAlias, organization=instance, name=name)
        self._aliases.pop(instance.pk, None)
        index, labels = self.index
        index.add(instance.pk, *self.row_names(row))
        labels[instance.pk] = instance.name_en


POST_SPLIT = re.compile(r"[,，](?=[^,，]*$)")  # the last comma, either width


def post_name(organization, lang: str) -> str:
    """A name of ``organization`` to write in a post: in the column's language when it has
    one, and without a comma or semicolon, so that the post reads back."""
    candidates = [
        getattr(organization, f"name_{lang}"),
        organization.name_en,
        organization.short_name_en,
        *(alias.name for alias in organization.aliases.all()),
    ]
    for name in candidates:
        if name and not re.search(r"[,，;；]", name):
            return name
    return organization.name_en


class PersonResource(ContentResource):
    posts_en = fields.Field(column_name="posts_en")
    posts_zh_hans = fields.Field(column_name="posts_zh_hans")
    posts_zh_hant = fields.Field(column_name="posts_zh_hant")

    class Meta:
        model = Person
        fields = [
            "id",
            "honorific",
            *per_language("name"),
            "name_alt",
            *per_language("bio"),
            "posts_en",
            "posts_zh_hans",
            "posts_zh_hant",
        ]
        export_order = fields

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._people = None
        self._organizations = None
        self._posts = {}

    def posts_of(self, person) -> list:
        """Its posts with their organizations: prefetched in an export; read once per row
        in an import (the preview reads them for its before and after columns too)."""
        if "positions" in getattr(person, "_prefetched_objects_cache", {}):
            return list(person.positions.all())
        if person.pk not in self._posts:
            posts = Position.objects.filter(person=person).select_related("organization")
            self._posts[person.pk] = list(posts.prefetch_related("organization__aliases"))
        return self._posts[person.pk]

    def filter_export(self, queryset, **kwargs):
        # The posts with their organizations in one query (a prefetch of the organizations
        # on their own names them all in one IN list, too deep for SQLite past 1,000).
        posts = Prefetch("positions", Position.objects.select_related("organization"))
        return (
            super()
            .filter_export(queryset)
            .prefetch_related(posts, "positions__organization__aliases")
        )

    def posts(self, person, lang: str) -> str:
        if person.pk is None:  # (the preview's "before" of a new record)
            return ""
        entries = []
        for post in self.posts_of(person):
            title = getattr(post, f"title_{lang}")
            if title:
                entries.append(f"{title}, {post_name(post.organization, lang)}")
        return join_list(entries)

    def dehydrate_posts_en(self, person):
        return self.posts(person, "en")

    def dehydrate_posts_zh_hans(self, person):
        return self.posts(person, "zh_hans")

    def dehydrate_posts_zh_hant(self, person):
        return self.posts(person, "zh_hant")

    # Matching.

    @property
    def people(self):
        if self._people is None:
            self._people = person_index()
        return self._people

    @property
    def organizations(self):
        if self._organizations is None:
            self._organizations = organization_index()
        return self._organizations

    def row_names(self, row) -> list[str]:
        return [row.get(name, "") for name in [*per_language("name"), "name_alt"] if row.get(name)]

    def find_existing(self, row):
        index, labels = self.people
        names = self.row_names(row)
        found = index.find(*names)
        if not found:
            return None
        pk = one_of(found, labels, "name_en", names[0], gettext("person"))
        return Person.objects.get(pk=pk)

    # Posts.

    def read_posts(self, row, lang: str) -> list[tuple[int, str]]:
        """``(organization id, title)`` for each post of the column ``posts_<lang>``."""
        column_name = f"posts_{lang}"
        index, labels = self.organizations
        posts = []
        for entry in split_list(row.get(column_name, "")):
            parts = POST_SPLIT.split(entry)
            if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
                raise RowError(
                    column_name,
                    gettext("'%(entry)s' is not 'title, organization'") % {"entry": entry},
                )
            title, name = parts[0].strip(), parts[1].strip()
            limit = Position._meta.get_field("title_en").max_length
            if len(title) > limit:
                raise RowError(
                    column_name,
                    gettext("'%(title)s' is longer than %(count)s characters")
                    % {"title": title[:40] + "…", "count": limit},
                )
            pk = one_of(index.find(name), labels, column_name, name, gettext("organization"))
            posts.append((pk, title))
        return posts

    def check_rows(self, instance, row, new):
        """Plan the posts: ``[(organization id, {column: title}, existing post or None)]``."""
        self.planned = []
        english = self.read_posts(row, "en")
        plan = [(pk, {"title_en": title}) for pk, title in english]
        for lang in LANGS[1:]:
            seen = {}
            for pk, title in self.read_posts(row, lang):
                nth = seen[pk] = seen.get(pk, 0) + 1
                matches = [titles for each, titles in plan if each == pk]
                if len(matches) < nth:
                    raise RowError(
                        f"posts_{lang}",
                        gettext("'%(title)s': no post at this organization in posts_en")
                        % {"title": title},
                    )
                matches[nth - 1][f"title_{lang}"] = title
        existing = [] if new else self.posts_of(instance)
        taken = set()
        for pk, titles in plan:
            post = next(
                (p for p in existing if p.organization_id == pk and p.pk not in taken), None
            )
            if post is not None:
                taken.add(post.pk)
                if all(getattr(post, name) == title for name, title in titles.items()):
                    continue
            self.planned.append((pk, titles, post))

    def rows_unchanged(self, instance) -> bool:
        return not self.planned

    def save_rows(self, instance, row, new):
        order = instance.positions.aggregate(last=Max("order"))["last"] or 0
        for pk, titles, post in self.planned:
            if post is None:
                order += 1
                post = Position(person=instance, organization_id=pk, order=order)
            for name, title in titles.items():
                setattr(post, name, title)
            services.save(post)
        self._posts.pop(instance.pk, None)
        index, labels = self.people
        index.add(instance.pk, *self.row_names(row))
        labels[instance.pk] = instance.name_en
