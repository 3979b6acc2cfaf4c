"""Filters for the public lists, with query parameters a person can read and share.

``?year=2023&city=hong-kong&organization=hktdc&q=green+finance``
"""

import copy
import re
from functools import partial
from operator import itemgetter

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES
from django_filters.filters import FilterMethod

from . import languages
from .languages import DEFAULT, column, columns, current, is_chinese, pick
from .models import (
    Conference,
    Organization,
    Organizer,
    Participation,
    Person,
    Place,
    Position,
    Topic,
    any_exists,
    live,
    mentioned_elsewhere,
)
from .prebuilt import built_once, built_per_language
from .search import all_words_hold, words
from .search.places import Term, name_table, with_other_names
from .sorting import NameSorted, name_order, pinyin_key
from .versions import remember


def place_names() -> dict:
    """The table of places' names (``events/search/places.py``)."""
    return name_table(place.names() for place in Place.objects.all())


def search_terms(value: str, request=None) -> list[Term]:
    """The terms of a search box, a place's name standing for all its names: read by
    every list's search. The table is remembered until content next changes."""
    terms = words(value)
    if not terms:
        return terms
    return with_other_names(terms, remember("place-names", place_names, request))


def matching_organizations(term: str):
    """Organizations found by any of their names (full, short, other) or their city."""
    return Organization.objects.filter(search_text__term=term)


def matching_people(term: str):
    """People found by either of their names (``Chen Zhichang`` or ``陈之常``) or a post."""
    return Person.objects.filter(search_text__term=term)


# The querysets of the menus, built once (events/prebuilt.py): what is public changes
# with the clock (scheduled publishing), which ``live()`` reads when the query runs.
@built_once
def every_public_organization():
    return Organization.objects.public()


@built_once
def every_public_person():
    return Person.objects.public()


@built_once
def every_published_conference():
    return Conference.objects.published()


# The people and organization lists, in the reader's order by name (events/sorting.py):
# built once per language.
@built_per_language
def listed_people(code: str):
    return Person.objects.public().order_by(*name_order(code))


@built_per_language
def listed_organizations(code: str):
    return Organization.objects.public().order_by(*name_order(code))


def public_organizations(request):
    return every_public_organization()


def public_people(request):
    return every_public_person()


def published_conferences(request):
    return every_published_conference()


class SearchFilter(django_filters.CharFilter):
    """The ``q`` box of every list: a search field of bounded length, keeping the rows
    whose search text holds every word of it, all found by one read of the index
    (``all_words_hold``). A conference's search text holds its topics and its organizers'
    and participants' (events/models/conference_search.py), an agreement's its parties'
    and signatories' (partnerships/agreement_search.py), a person's their posts."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Search"))
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "search"}))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        request = self.parent.request
        return qs.filter(all_words_hold(qs.model, search_terms(value, request), request))


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    """Chooses a record by its slug, so the address reads ``?organization=hktdc``.

    Any public record may be chosen (links from its page use this), but on a large
    archive listing every one as an option would make the page megabytes long: ``shown``
    names a function giving the options to offer (the most active records), and the
    chosen record is always offered too.
    """

    def __init__(self, *args, shown=None, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("null_label", None)
        self.shown = shown
        super().__init__(*args, **kwargs)


SLUG = re.compile(r"[-\w]+")


class ShownChoices(BaseChoiceIterator):
    """The options of a ``SlugChoiceFilter``, worked out when the form is drawn (as a
    ``BaseChoiceIterator``, Django's forms leave it unread until then)."""

    def __init__(self, field, shown, request, selected):
        self.field, self.shown, self.request, self.selected = field, shown, request, selected

    @cached_property
    def options(self) -> list[tuple[str, str]]:
        # ``shown`` gives (slug, label) or (slug, label, sort key) in the reader's
        # order, which may depend on the language (events/sorting.py): one per language.
        key = f"filter-options:{self.shown.__name__}:{languages.current()}"
        options = [(o[0], o[1], o[-1]) for o in remember(key, self.shown, self.request)]
        slugs = {slug for slug, _label, _order in options}
        # Only a value shaped like a slug is looked up (PostgreSQL refuses a NUL in text).
        if self.selected and self.selected not in slugs and SLUG.fullmatch(self.selected):
            chosen = self.field.queryset.filter(slug=self.selected).first()
            if chosen is not None:
                label = order = str(chosen)
                if is_chinese() and isinstance(chosen, NameSorted):
                    order = chosen.sort_pinyin
                options = sorted([*options, (chosen.slug, label, order)], key=lambda o: o[2])
        return [("", self.field.empty_label), *((slug, label) for slug, label, _order in options)]

    def __iter__(self):
        return iter(self.options)


class QuickSelect(forms.Select):
    """A ``<select>`` drawn in Python. The filter menus hold up to fifty options each, and
    drawing every option through a template was half the cost of a list page."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = [
            format_html(
                '<option value="{}"{}>{}</option>',
                option["value"],
                " selected" if option["selected"] else "",
                option["label"],
            )
            for _group, choices, _index in widget["optgroups"]
            for option in choices
        ]
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            mark_safe("".join(options)),  # each option escaped above
        )


def own_copy(filter_: django_filters.Filter) -> django_filters.Filter:
    """A shallow copy of ``filter_`` for one filter set, whose ``method`` (a filter set
    method's name) that set answers."""
    copied = copy.copy(filter_)
    if isinstance(copied.filter, FilterMethod):
        copied.filter = FilterMethod(copied)
    return copied


class ShownChoicesFilterSet(django_filters.FilterSet):
    """The filter set of a public list: ``SlugChoiceFilter`` fields offer their ``shown``
    options, and every menu is a ``QuickSelect``.

    Made once per process rather than for each request (a third of a millisecond of
    each list page): the form class, whose fields no filter builds from the request
    (their querysets are built once, events/prebuilt.py; their choices are worked out
    when drawn), and so the filters are copied shallowly, each request's copy then
    given its own ``parent`` and ``model``. (django-filter deep-copies them, queryset,
    widget and all, for the form class it builds each time.)"""

    _form_classes: dict = {}

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        # django-filter's own, but for the copy of the filters.
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset, self.request, self.form_prefix = queryset, request, prefix
        self.filters = {name: own_copy(filter_) for name, filter_ in self.base_filters.items()}
        for filter_ in self.filters.values():
            filter_.model = queryset.model
            filter_.parent = self

    def get_form_class(self):
        form_class = ShownChoicesFilterSet._form_classes.get(type(self))
        if form_class is None:
            form_class = super().get_form_class()
            ShownChoicesFilterSet._form_classes[type(self)] = form_class
        return form_class

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            for field in form.fields.values():
                if type(field.widget) is forms.Select:
                    field.widget.__class__ = QuickSelect
            for name, filter_ in self.filters.items():
                if isinstance(filter_, CityFilter):  # with the request: one version read
                    form.fields[name].choices = partial(
                        remembered_city_choices, filter_.city_source, self.request
                    )
                if isinstance(filter_, SlugChoiceFilter) and filter_.shown:
                    field = form.fields[name]
                    selected = self.data.get(name) if self.is_bound else None
                    field.widget.choices = ShownChoices(
                        field, filter_.shown, self.request, selected
                    )
        return self._form


SHOWN_OPTIONS = 50
# Up to this many records, every public one is offered (as on a small site).
ALL_OPTIONS_UP_TO = 200


def latest_conference_ids(count: int):
    return Conference.objects.published().order_by("-start_date", "-pk").values("pk")[:count]


def public_or_recent(model, recent_keys):
    """Every public record on a small site; on a large one, those with ``recent_keys``."""
    if len(model.objects.values_list("pk")[: ALL_OPTIONS_UP_TO + 1]) > ALL_OPTIONS_UP_TO:
        return model.objects.filter(pk__in=recent_keys)
    return model.objects.public()


# The options of the people and organization menus: (slug, label, sort key), in the
# reader's order (the label's in English, the pinyin key in Chinese: events/sorting.py).


def organization_options() -> list[tuple[str, str, str]]:
    """Every public organization on a small site; on a large one, the organizers of the
    latest published conferences."""
    recent = Organizer.objects.filter(conference__in=latest_conference_ids(SHOWN_OPTIONS))
    rows = public_or_recent(Organization, recent.values("organization_id"))
    options = rows.values_list("slug", "name", "short_name", "sort_pinyin")[:SHOWN_OPTIONS]
    chinese, labelled = is_chinese(), []
    for slug, name, short, pinyin in options:
        label = f"{name} ({short})" if short else name
        labelled.append((slug, label, pinyin if chinese else label))
    return sorted(labelled, key=lambda option: option[2])


def person_options() -> list[tuple[str, str, str]]:
    """Every public person on a small site; on a large one, people at the latest
    published conferences."""
    recent = Participation.objects.filter(conference__in=latest_conference_ids(5))
    rows = public_or_recent(Person, recent.values("person_id"))
    chinese = is_chinese()
    options = [
        (slug, name, pinyin if chinese else name)
        for slug, name, pinyin in rows.values_list("slug", "name", "sort_pinyin")[:SHOWN_OPTIONS]
    ]
    return sorted(options, key=lambda option: option[2])


def public_topics():
    """Topics a live record is tagged with (a published conference, or another app's
    live record: ``register_public_mention("Topic", …)``): a topic made for a draft is
    not named anywhere until the draft is published. One indexed one-row subquery per
    kind of record (``any_exists``)."""
    tagged = Conference.topics.through.objects.filter(live("conference__"), topic=OuterRef("pk"))
    return Topic.objects.filter(any_exists(tagged, *mentioned_elsewhere("Topic", OuterRef("pk"))))


def public_topic_choices(request):
    """The topics a filter accepts: a draft's topic is as unknown as a made-up slug."""
    return public_topics()


def topic_options() -> list[tuple[str, str, str]]:
    """Every public topic, by name in the reader's order (a few dozen): remembered,
    rather than a query and a model instance per topic on each list page. In Chinese by
    pinyin (环保 before 贸易), not by code point."""
    rows = public_topics().order_by("pk").values_list("slug", "name")
    return sorted(((slug, name, reading_key(name)) for slug, name in rows), key=itemgetter(2))


def reading_key(name: str) -> str:
    """Where a name goes in a menu in the reader's language: pinyin in Chinese (a name
    without Chinese characters by its letters), the name itself in English."""
    return pinyin_key(name) if is_chinese() else name.casefold()


def city_choices(rows) -> list[tuple[str, str]]:
    """``(slug, name)`` of each city the rows mention, in the reader's order: the slug
    made from the English name (``?city=hong-kong`` in every language), the name in the
    reader's language."""
    english = column("city", DEFAULT)
    cities = rows().exclude(**{english: ""}).order_by().values_list(*columns("city")).distinct()
    choices = {}
    for texts in cities:
        choices.setdefault(slugify(texts[0], allow_unicode=True), pick(texts))
    return sorted(choices.items(), key=lambda choice: reading_key(choice[1]))


def city_names(rows) -> dict[str, list[str]]:
    """Each city slug → the English names it is made from (one, but for spellings that
    differ only in case or accents)."""
    english = column("city", DEFAULT)
    names = rows().exclude(**{english: ""}).order_by().values_list(english, flat=True)
    found: dict[str, list[str]] = {}
    for name in names.distinct():
        found.setdefault(slugify(name, allow_unicode=True), []).append(name)
    return found


def remembered_city_names(rows, request=None) -> dict[str, list[str]]:
    name = f"city-names:{rows().model._meta.label}"
    return remember(name, partial(city_names, rows), request)


def remembered_city_choices(rows, request=None) -> list[tuple[str, str]]:
    name = f"cities:{rows().model._meta.label}:{current()}"
    return remember(name, partial(city_choices, rows), request)


class CityFilter(django_filters.ChoiceFilter):
    """``?city=hong-kong``: a city by its slug, among the cities the rows mention."""

    def __init__(self, *args, city_source=None, **kwargs):
        self.city_source = city_source
        super().__init__(*args, choices=partial(remembered_city_choices, city_source), **kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        # The English names whose slug this is (a city's slug is made from its English).
        request = getattr(self.parent, "request", None)
        names = remembered_city_names(self.city_source, request).get(value, [])
        return queryset.filter(**{f"{column(self.field_name, DEFAULT)}__in": names})


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2200)
        super().__init__(*args, **kwargs)


PINYIN_ORDER = {"name": "sort_pinyin", "-name": "-sort_pinyin"}


class SortFilter(django_filters.OrderingFilter):
    """Sort options with plain names (``?sort=title``) and a stable tie-breaker."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Sort by"))
        kwargs.setdefault("empty_label", None)
        super().__init__(*args, **kwargs)

    @classmethod
    def by_date_or_title(cls, date_field: str) -> "SortFilter":
        return cls(
            fields=[(date_field, "date"), ("title", "title")],
            choices=[
                ("-date", _("Newest first")),
                ("date", _("Oldest first")),
                ("title", _("Title (A–Z)")),
            ],
        )

    @classmethod
    def by_name(cls) -> "SortFilter":
        return cls(
            fields=[("name", "name")],
            choices=[("name", _("Name (A–Z)")), ("-name", _("Name (Z–A)"))],
        )

    def filter(self, queryset, value):
        queryset = super().filter(queryset, value)
        if not value:
            return queryset
        ordering = queryset.query.order_by
        if issubclass(queryset.model, NameSorted) and is_chinese():
            # By name, in Chinese: pinyin order (events/sorting.py).
            ordering = [PINYIN_ORDER.get(str(o), o) for o in ordering]
        # Ties broken in the same direction as the sort, so that an index on the sorted
        # column (which holds the key in ascending order after it) gives the whole order.
        tie = "-pk" if ordering and str(ordering[0]).startswith("-") else "pk"
        return queryset.order_by(*ordering, tie)


class ConferenceFilter(ShownChoicesFilterSet):
    q = SearchFilter()
    year = YearFilter(field_name="start_date", lookup_expr="year", label=_("Year"))
    city = CityFilter(
        field_name="city",
        label=_("City"),
        empty_label=_("Any city"),
        city_source=every_published_conference,
    )
    organization = SlugChoiceFilter(
        label=_("Organization"),
        queryset=public_organizations,
        method="by_organization",
        empty_label=_("Any organization"),
        shown=organization_options,
    )
    person = SlugChoiceFilter(
        label=_("Person"),
        queryset=public_people,
        field_name="participations__person",
        distinct=True,
        empty_label=_("Anyone"),
        shown=person_options,
    )
    topic = SlugChoiceFilter(
        label=_("Topic"),
        queryset=public_topic_choices,
        field_name="topics",
        empty_label=_("Any topic"),
        shown=topic_options,
    )
    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
        method="by_when",
        empty_label=_("Any time"),
    )
    sort = SortFilter.by_date_or_title("start_date")

    class Meta:
        model = Conference
        fields = ["q", "year", "city", "organization", "person", "topic", "when"]

    def by_organization(self, queryset, name, organization):
        organized = Organizer.objects.filter(conference=OuterRef("pk"), organization=organization)
        attended = Participation.objects.filter(
            conference=OuterRef("pk"), positions__organization=organization
        )
        return queryset.filter(any_exists(organized, attended))

    def by_when(self, queryset, name, value):
        if value == "upcoming":
            return queryset.upcoming()
        return queryset.past(by_date=self.data.get("sort", "") in {"", "date", "-date"})


class PersonFilter(ShownChoicesFilterSet):
    q = SearchFilter()
    organization = SlugChoiceFilter(
        label=_("Organization"),
        queryset=public_organizations,
        method="by_organization",
        empty_label=_("Any organization"),
        shown=organization_options,
    )
    sort = SortFilter.by_name()

    class Meta:
        model = Person
        fields = ["q", "organization"]

    def by_organization(self, queryset, name, organization):
        posts = Position.objects.filter(person=OuterRef("pk"), organization=organization)
        return queryset.filter(Exists(posts))


class OrganizationFilter(ShownChoicesFilterSet):
    q = SearchFilter()
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Organization.Kind.choices, empty_label=_("Any kind")
    )
    city = CityFilter(
        field_name="city",
        label=_("City"),
        empty_label=_("Any city"),
        city_source=every_public_organization,
    )
    sort = SortFilter.by_name()

    class Meta:
        model = Organization
        fields = ["q", "kind", "city"]
