from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView
from django_filters.views import FilterView

from . import conference_rows, ical, languages, structured_data
from .cards import conference_cards, organization_rows, person_rows, related_list, topic_list
from .compiled import KeysIn, TextIs, compile_once, compile_prefetches, given
from .conference_rows import CONFERENCE_ROWS
from .filters import (
    ConferenceFilter,
    OrganizationFilter,
    PersonFilter,
    every_published_conference,
    listed_organizations,
    listed_people,
)
from .languages import columns, only, without_originals
from .models import (
    Conference,
    Organization,
    OrganizationAlias,
    Organizer,
    Participation,
    ParticipationPost,
    Person,
    Position,
    live,
    person_is_public,
)
from .prebuilt import built_once
from .sections import section_prefetches
from .sorting import name_order
from .versions import remember


class DetailPage(DetailView):
    """A detail page whose queryset (the record with its joins and prefetches) is built
    once per process for visitors and once for staff, then copied for each request.
    With the correlated subqueries that say who is public and what is live, building it
    costs more than running it (about 2.5 ms of an organization page).

    ``build_queryset`` may depend on nothing but ``self.request.user.is_staff`` and the
    language (a queryset of a translated model names the active language's columns in
    its order; each language has its own). The querysets hold no time: ``live()`` reads
    the clock when the query is compiled."""

    _built: dict = {}

    def get_queryset(self):
        key = (type(self), self.request.user.is_staff, languages.current())
        built = DetailPage._built.get(key)
        if built is None:
            # The translated fields' own columns left unread: the languages' columns
            # are what the page shows (events/languages.py's ``only``).
            built = without_originals(self.build_queryset())
            if any(field.name == "search_text" for field in built.model._meta.concrete_fields):
                built = built.defer("search_text")  # what search reads, not the page
            built = DetailPage._built[key] = compile_prefetches(compile_once(built))
        return built.all()

    def get_object(self, queryset=None):
        """The record by its slug, read by SQL compiled once per process (``TextIs``)."""
        slug = self.kwargs.get(self.slug_url_kwarg)
        if queryset is not None or slug is None or self.pk_url_kwarg in self.kwargs:
            return super().get_object(queryset)
        key = (type(self), self.request.user.is_staff, languages.current(), "by slug")
        by_slug = DetailPage._built.get(key)
        if by_slug is None:
            by_slug = self.get_queryset().filter(TextIs(self.get_slug_field()))[:1]
            by_slug = DetailPage._built[key] = compile_once(by_slug)
        found = list(given(by_slug, text=slug))
        if not found:
            raise Http404(f"No {by_slug.model._meta.model_name} has the slug {slug!r}.")
        return found[0]

    def build_queryset(self):
        return super().get_queryset()


class PreviewableDetailView(DetailPage):
    """Visitors see published records only; staff may preview drafts at the same URL."""

    def build_queryset(self):
        queryset = super().build_queryset()
        if self.request.user.is_staff:
            return queryset
        return queryset.published()


_card_readers: dict = {}


def card_reader(cards, model):
    """``cards(model._base_manager.all())`` for the rows whose keys are given
    (``given(reader, keys=[...])``), built once per process and compiled once: its
    subqueries of related names cost a fifth of a millisecond to build for each page,
    and half a millisecond to compile."""
    key = (cards, model, languages.current())
    reader = _card_readers.get(key)
    if reader is None:
        reader = cards(model._base_manager.all()).filter(KeysIn())
        reader = _card_readers[key] = compile_once(reader)
    return reader


class RememberedCountPaginator(Paginator):
    """Counts the results once per content version and filter choice: on a large
    archive the count reads every matching row, the page itself only twenty.

    A page is read in two steps: first the keys of its rows in the list's order, then
    those rows. Sorting (and skipping, on later pages) then carries narrow key rows
    instead of whole records with their joined tables; a search matching thousands of
    records sorts thousands of numbers, not thousands of conference texts. Pages past
    the middle are read from the end in the opposite order, so the last page skips as
    few rows as the first. The order always ends with the key, so that it is the same
    read either way and no record falls between two pages. (Reading from the end needs
    the count to match the rows: it is remembered under the content version, which
    every change, every scheduled publish time and each midnight move on.)"""

    KEYS = frozenset({"pk", "-pk", "id", "-id"})

    def __init__(self, object_list, *args, count_key: str, request, cards=None, **kwargs):
        ordering = list(object_list.query.order_by or object_list.model._meta.ordering)
        if not ordering or ordering[-1] not in self.KEYS:
            object_list = object_list.order_by(*ordering, "pk")
        super().__init__(object_list, *args, **kwargs)
        self.count_key, self.request, self.cards = count_key, request, cards

    @cached_property
    def count(self):
        return remember(self.count_key, lambda: Paginator.count.func(self), self.request)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = self.object_list.values_list("pk", flat=True)
        if bottom > self.count // 2:
            from_end = keys.reverse()[max(self.count - top, 0) : self.count - bottom]
            keys = list(from_end)[::-1]
        else:
            keys = list(keys[bottom:top])
        return self._get_page(self.rows(keys), number, self)

    def rows(self, keys: list) -> list:
        """The records with these keys, in that order, read as ``cards`` shapes them
        (else with the list's joins and prefetches), but not with the list's filters
        (the keys passed them; a search would run twice)."""
        listed = self.object_list
        if self.cards:
            rows = given(card_reader(self.cards, listed.model), keys=keys)
        else:
            rows = listed.model._base_manager.filter(pk__in=keys)
            rows.query.select_related = listed.query.select_related
            rows = rows.prefetch_related(*listed._prefetch_related_lookups)
        by_key = {row.pk: row for row in rows}
        return [by_key[key] for key in keys if key in by_key]  # (deleted in between: gone)


class PublicListView(FilterView):
    """A filtered, paginated list. Invalid filter values are ignored and explained."""

    paginate_by = 20
    strict = False
    # What one row is called, for the heading, the title and the result count.
    noun = nouns = ""
    # The page's rows as the template shows them: a function of a queryset (their keys
    # found), giving it with only the columns and names the cards read (events/cards.py).
    cards = None

    def get_paginator(self, queryset, per_page, **kwargs):
        # What the count depends on: the list and its filters (not the page or sort).
        filters = sorted(
            (key, value)
            for key, values in self.request.GET.lists()
            if key not in {"page", "sort"}
            for value in values
        )
        return RememberedCountPaginator(
            queryset,
            per_page,
            # The same in every language: the page's name, not its (prefixed) address.
            count_key=f"count:{self.request.resolver_match.view_name}:{filters!r}",
            request=self.request,
            cards=self.cards,
            **kwargs,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        context["filter_errors"] = [
            (form.fields[name].label, message)
            for name, messages in form.errors.items()
            for message in messages
        ]
        context["filters_applied"] = any(
            value for key, value in self.request.GET.items() if key not in {"page", "sort"}
        )
        context.update(noun=self.noun, nouns=self.nouns)
        return context


class ConferenceListView(PublicListView):
    noun, nouns = _("conference"), _("conferences")
    filterset_class = ConferenceFilter
    template_name = "events/conference_list.html"
    cards = staticmethod(conference_cards)

    def get_queryset(self):
        return every_published_conference()


def participants_by_role(participations):
    """Participants grouped by role, in the order the roles are listed on the model."""
    rank = {role: index for index, role in enumerate(Participation.Role.values)}
    ordered = sorted(participations, key=lambda p: (rank[p.role], p.order, p.pk))
    return [
        (Participation.Role(role).label, list(group))
        for role, group in groupby(ordered, key=lambda p: p.role)
    ]


def agenda_by_day(conference, speakers: dict) -> list[tuple]:
    """The agenda as ``[(day, [(session, speakers), ...]), ...]``, days in order and each
    day's sessions in the agenda's own order (a session without a date is on the first day)."""
    days: dict = {}
    for session in conference.sessions.all():
        session.conference = conference  # its day and times read the conference's
        days.setdefault(session.day, []).append((session, speakers.get(session.pk, [])))
    return sorted(days.items(), key=lambda item: item[0])


# What a page showing a photo reads: the image and its renditions, size, caption and
# alternative text (``picture`` in templatetags/events.py, the ``figure`` macro), the
# key it is prefetched by.
PHOTO_SHOWN = (
    "conference_id",
    "image",
    "width",
    "height",
    "renditions",
    "caption",
    "alt_text",
    "is_decorative",
    "credit",
    "taken_on",
)
# What a page reads of the people and organizations it names and links to (their
# names, address and, for the JSON-LD, the schema.org facts); not their texts.
# Translated texts in every language (``columns``): the queryset of a model that is not
# translated itself (an organizer) would read only the field's own column.
PERSON_NAMED = (
    "person__slug",
    *columns("person__name"),
    "person__honorific",
    "person__name_alt",
)
ORGANIZATION_NAMED = (
    "organization__slug",
    *columns("organization__name"),
    *columns("organization__short_name"),
    "organization__website",
    *columns("organization__city"),
    *columns("organization__region"),
    *columns("organization__country"),
)


# What a page reads of a conference it lists: its title, link and dates.
CONFERENCE_NAMED = (
    "conference__slug",
    *columns("conference__title"),
    "conference__start_date",
    "conference__end_date",
)


def attach_posts(participations) -> None:
    """Each participation's posts, for ``participation.positions.all``: the link rows
    with their posts and organizations in one query, put where Django's prefetch puts
    them. (Its own prefetch builds a filtered queryset per participation to hold them,
    which cost more than the query on a page of thirty speakers.)"""
    held: dict[int, list] = {participation.pk: [] for participation in participations}
    links = (
        ParticipationPost.objects.filter(participation__in=list(held))
        .select_related("position__organization")
        .only(
            "participation_id",
            *columns("position__title"),
            "position__organization__slug",
            *columns("position__organization__name"),
        )
        .order_by("position__order", "position__id")
    )
    for link in links:
        held[link.participation_id].append(link.position)
    for participation in participations:
        # Iterating reads the posts held; any further query made from it (a filter) finds
        # nothing, rather than every participation's posts.
        posts = Position.objects.none()
        posts._result_cache, posts._prefetch_done = held[participation.pk], True
        if not hasattr(participation, "_prefetched_objects_cache"):
            participation._prefetched_objects_cache = {}
        participation._prefetched_objects_cache["positions"] = posts


# An organizer's organization's other names, in their order (``OrganizationAlias``'s).
ALIAS_NAMES = related_list(
    OrganizationAlias.objects,
    "name",
    order_by=("name", "id"),
    link="organization",
    outer="organization_id",
)


class ConferenceDetailView(PreviewableDetailView):
    model = Conference

    def build_queryset(self):
        return (
            super()
            .build_queryset()
            .prefetch_related(
                Prefetch(
                    "organizers",
                    queryset=Organizer.objects.select_related("organization")
                    .only("conference_id", "role", *ORGANIZATION_NAMED)
                    # The organization's other names (its structured data's), with the row.
                    .annotate(alias_names=ALIAS_NAMES),
                ),
                # The agenda groups speakers by ``session_id``: the session rows come once,
                # here, not once per speaker.
                "sessions",
                "key_figures",
                *section_prefetches(Conference),
            )
            # Participants, their posts, photos and topics with the conference's row.
            .annotate(
                **CONFERENCE_ROWS,
                topic_rows=topic_list(
                    Conference.topics.through.objects, "conference", languages.current()
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        conference = self.object
        participations = conference_rows.speakers(conference)
        photos = conference_rows.photos(conference)
        speakers = {}
        for participation in participations:
            speakers.setdefault(participation.session_id, []).append(participation)
        context.update(
            agenda_days=agenda_by_day(conference, speakers),
            participant_groups=participants_by_role(participations),
            photos=photos,
            topics=conference_rows.topics(conference),
            structured_data=structured_data.conference_data(
                conference, self.request, participations, photos
            ),
            og_image=photos[0] if photos else None,
        )
        return context


class PersonListView(PublicListView):
    noun, nouns = _("person"), _("people")
    filterset_class = PersonFilter
    template_name = "events/person_list.html"
    cards = staticmethod(person_rows)

    def get_queryset(self):
        return listed_people()  # by name in the reader's order (events/sorting.py)


class PersonDetailView(DetailPage):
    model = Person

    def build_queryset(self):
        return Person.objects.public().prefetch_related(
            Prefetch(
                "positions",
                queryset=only(
                    Position.objects.select_related("organization"),
                    "person_id",
                    "title",
                    "start_date",
                    "end_date",
                    "organization__slug",
                    *columns("organization__name"),
                ),
            ),
            Prefetch(
                "participations",
                queryset=only(
                    Participation.objects.filter(live("conference__")).select_related("conference"),
                    *("person_id", "role", "remote", "remarks", *CONFERENCE_NAMED),
                ).order_by("-conference__start_date", "pk"),
            ),
            *section_prefetches(Person),
        )

    def get_object(self, queryset=None):
        person = super().get_object(queryset)
        attach_posts(person.participations.all())
        return person

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        posts = list(self.object.positions.all())
        current = [post for post in posts if post.is_current(today)]
        context.update(
            current_posts=current,
            past_posts=[post for post in posts if post not in current],
            structured_data=structured_data.profile_page(
                structured_data.person_data(self.object, self.request, current)
            ),
        )
        return context


class OrganizationListView(PublicListView):
    noun, nouns = _("organization"), _("organizations")
    filterset_class = OrganizationFilter
    template_name = "events/organization_list.html"
    cards = staticmethod(organization_rows)

    def get_queryset(self):
        return listed_organizations()  # by name in the reader's order


@built_once
def conferences_attended():
    """Published conferences as "Represented at" lists them (built once; see prebuilt)."""
    return (
        only(Conference.objects.published(), "slug", "title", "start_date", "end_date")
        .distinct()
        .order_by("-start_date", "pk")
    )


class OrganizationDetailView(DetailPage):
    model = Organization

    def build_queryset(self):
        return Organization.objects.public().prefetch_related(
            Prefetch("aliases", queryset=OrganizationAlias.objects.only("organization_id", "name")),
            Prefetch(
                "positions",
                queryset=only(
                    Position.objects.filter(person_is_public("person")).select_related("person"),
                    *("organization_id", "title", *PERSON_NAMED),
                ).order_by(f"person__{name_order()[0]}", "order", "pk"),
            ),
            Prefetch(
                "organizer_roles",
                queryset=Organizer.objects.filter(live("conference__"))
                .select_related("conference")
                .only("organization_id", "role", *CONFERENCE_NAMED)
                .order_by("-conference__start_date", "pk"),
                to_attr="organized",
            ),
            *section_prefetches(Organization),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization = self.object
        organized_ids = {role.conference_id for role in organization.organized}
        attended = (
            conferences_attended()
            .filter(participations__positions__organization=organization)
            .exclude(pk__in=organized_ids)
        )
        context.update(
            attended=list(attended),
            structured_data=structured_data.profile_page(
                structured_data.organization_data(organization, self.request)
            ),
        )
        return context


def conference_ics(request, slug):
    conferences = (
        Conference.objects.all() if request.user.is_staff else Conference.objects.published()
    )
    conference = get_object_or_404(conferences.prefetch_related("topics", "sessions"), slug=slug)
    response = HttpResponse(
        ical.calendar_for([conference], request, conference.title, with_sessions=True),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{conference.pk}.ics"'
    return response


def calendar_ics(request):
    conferences = Conference.objects.published().prefetch_related("topics").order_by("start_date")
    return HttpResponse(
        ical.calendar_for(conferences, request, gettext("Conferences")),
        content_type="text/calendar; charset=utf-8",
    )
