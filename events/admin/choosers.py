"""Choosers (the admin's autocompletes) that say what they offer: posts held as "title,
organization (dates) — holder", the holder's own first; people and organizations with
their name in the other script, short name and a hint that tells namesakes apart. Words
match at word starts, not inside words. ``events.admin_site`` calls the two hooks
(``chooser_results``, ``chooser_label``)."""

import re
from functools import reduce
from operator import and_, or_

from django.db.models import Case, Prefetch, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext

from ..models import Position


def has_cjk(text: str) -> bool:
    """Chinese, Japanese or Korean characters, which are written without spaces."""
    return any(
        "\u2e80" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af" or "\uf900" <= char <= "\ufaff"
        for char in text
    )


def word_filter(fields: list[str], term: str, whole_words: bool) -> Q:
    """Every word of ``term`` in one of ``fields``, at the start of a word there.

    Chinese has no spaces between words, so a CJK word matches anywhere. The regular
    expression is written for both databases: ``\\W`` means the same in Python's ``re``
    (SQLite's REGEXP in Django) and PostgreSQL's; the ``icontains`` beside it lets the
    database skip most rows before the regular expression runs.
    """
    conditions = []
    for word in term.split():
        if has_cjk(word):
            per_field = [Q(**{f"{field}__icontains": word}) for field in fields]
        else:
            pattern = r"(^|\W)" + re.escape(word) + (r"(\W|$)" if whole_words else "")
            per_field = [
                Q(**{f"{field}__icontains": word, f"{field}__iregex": pattern}) for field in fields
            ]
        conditions.append(reduce(or_, per_field))
    return reduce(and_, conditions, Q())


def match_words(records, fields: list[str], term: str):
    """The records whose fields hold every word of ``term``: as whole words when some do
    ("Lau" finds "Lau" and "Lau-Wong", not "Laurence"), else at word starts while the
    editor is still typing ("Laur" finds "Laurence"). Never inside a word."""
    if not term.split():
        return records
    manager = records.model._default_manager
    whole = word_filter(fields, term, whole_words=True)
    found = whole if records.filter(whole).exists() else word_filter(fields, term, False)
    # A subquery of keys: related fields (an organization's other names) would repeat one.
    return records.filter(pk__in=manager.filter(found).values("pk"))


def dates_label(start, end) -> str:
    if start and end:
        years = str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
        return f" ({years})"
    if start:
        return " " + gettext("(since %(year)s)") % {"year": start.year}
    if end:
        return " " + gettext("(until %(year)s)") % {"year": end.year}
    return ""


def position_label(post) -> str:
    """“Mayor of Nanjing, Nanjing Municipal People's Government (since 2021) — Chen
    Zhichang”: the post, where, when, and who holds it."""
    return (
        f"{post.title}, {post.organization.name}"
        f"{dates_label(post.start_date, post.end_date)} — {post.person.name}"
    )


def names_label(name: str, others: list[str]) -> str:
    return " ".join([name, *(other for other in others if other and other != name)])


class PositionChooserMixin:
    """Posts held, the chosen person's own first (the request says whose: ``person``)."""

    chooser_search_fields = [
        "title",
        "organization__name",
        "organization__short_name",
        "person__name",
        "person__name_alt",
    ]

    def chooser_results(self, request, records, term):
        records = match_words(
            records.select_related("person", "organization"), self.chooser_search_fields, term
        )
        try:
            holder = int(request.GET.get("person", ""))
        except ValueError:
            holder = None
        if holder is None:
            return records.order_by("person__name", "order", "pk")
        own = Case(When(person_id=holder, then=Value(0)), default=Value(1))
        return records.annotate(own=own).order_by("own", "person__name", "order", "pk")

    def chooser_label(self, post):
        return position_label(post)


class PersonChooserMixin:
    """People: “Chen Zhichang 陈之常 — Mayor of Nanjing, Nanjing Municipal People's
    Government”: the name, the name in the other script, the posts held today."""

    # The posts too: "mayor of nanjing" finds the mayor.
    chooser_search_fields = ["name", "name_alt", "positions__title"]

    def chooser_results(self, request, records, term):
        posts = Prefetch("positions", queryset=Position.objects.select_related("organization"))
        return match_words(records, self.chooser_search_fields, term).prefetch_related(posts)

    def chooser_label(self, person):
        label = names_label(person.display_name, [person.name_alt])
        today = timezone.localdate()
        current = [post for post in person.positions.all() if post.is_current(today)]
        if current:
            posts = "; ".join(
                f"{post.title}, {post.organization.short_name or post.organization.name}"
                for post in current[:2]
            )
            label += f" — {posts}"
        return label


class OrganizationChooserMixin:
    """Organizations: “Hong Kong Trade Development Council (HKTDC) 香港貿易發展局 — Hong
    Kong”: the name, the short name, another name in the other script, the city."""

    chooser_search_fields = ["name", "short_name", "aliases__name"]

    def chooser_results(self, request, records, term):
        return match_words(records, self.chooser_search_fields, term).prefetch_related("aliases")

    def chooser_label(self, organization):
        label = organization.name
        if organization.short_name:
            label += f" ({organization.short_name})"
        latin = not has_cjk(organization.name)
        other_script = [
            alias.name for alias in organization.aliases.all() if has_cjk(alias.name) == latin
        ]
        label = names_label(label, other_script[:1])
        place = organization.city or organization.country
        if place:
            label += f" — {place}"
        return label
