"""A conference's search text holds who and what it is about: its topics' names and the
search text of its organizers and participants (their names, other names and posts), so
that a search of the conference list is one lookup in the conference's own index.

What it bought, with ``search.all_words_hold`` (all the terms in one index lookup; the
count driven by the rows found, a page of a common search walking the list's order) and
the list's date index holding whether each row is live (``Conference.Meta.indexes``):
a conference list searched with a term new to the process (no page cached, no count
remembered), in process, on the full bench archive (20,000 conferences, 100,000 people,
300,000 participations), 40 terms of each kind, ms, two runs taking turns, 2026-12-01:

    kind of term       before: median   p90   SQL share     after: median   p90   SQL share
    Chinese                  18.2-19.0   71-75    16 %              16.1-17.6    22-23  12-17 %
    a person's name          160-162    208-215   87 %              16.1-17.1    22       23-25 %
    English phrase            82-90     207-209   75 %              27.0-27.8    37-40    41-44 %
    English word              69-73      77-79    75 %              30.9         41       50 %

The people list, for comparison, unchanged: 7-13 ms. What is left of a common word's
time is mostly the count of thousands of rows found (9-16 ms). Figures from

    DATABASE_URL=sqlite:///bench/.data/full.sqlite3 .venv/bin/python -m bench.new_searches

run in this checkout and in the one before, each on a copy of the database migrated by
its own code.

The text is kept current here, by signals, for every single write: a person or an
organization whose search text changed (renamed, another name, a post), a participation
or an organizer added, changed or removed, a topic renamed, added, removed or deleted.
Writes in bulk (``events.services.bulk_create``) send no signals and call
``refresh_conferences`` themselves. A record's text changed by a queryset update
(``Searchable.refresh_search_text``) reaches the conferences through
``search_text_changed``.
"""

from collections import defaultdict

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from ..languages import columns, distinct
from ..search.held import HeldText
from .conferences import Conference, Organizer
from .directory import Organization, Person, Topic
from .participation import Participation

HELD = HeldText(Conference, "conference")


def related_search(pks) -> dict:
    """For each conference key: (its topics' names, the search texts it holds), in a
    fixed order (sorted, each once), so that every way of making it gives one text."""
    words, held = defaultdict(set), defaultdict(set)
    topics = Conference.topics.through.objects.filter(conference_id__in=pks)
    for pk, *names in topics.values_list("conference_id", *columns("topic__name")):
        words[pk].update(distinct(names))  # in every language
    organizers = Organizer.objects.filter(conference_id__in=pks)
    for pk, text in organizers.values_list("conference_id", "organization__search_text"):
        held[pk].add(text)
    people = Participation.objects.filter(conference_id__in=pks)
    for pk, text in people.values_list("conference_id", "person__search_text"):
        held[pk].add(text)
    return {pk: (sorted(words[pk]), sorted(held[pk])) for pk in pks}


def refresh_conferences(pks) -> None:
    """Make these conferences' search text again, a batch at a time."""
    HELD.refresh(pks)


def conferences_of_people(pks) -> None:
    HELD.holders_of(Participation, "person", pks)


def conferences_of_organizations(pks) -> None:
    HELD.holders_of(Organizer, "organization", pks)


def conferences_of_topic(pk) -> list[int]:
    rows = Conference.topics.through.objects.filter(topic_id=pk)
    return list(rows.values_list("conference_id", flat=True))


def person_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        conferences_of_people([instance.pk])


def organization_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        conferences_of_organizations([instance.pk])


def topic_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_conferences(conferences_of_topic(instance.pk))


def topic_about_to_go(sender, instance, **kwargs):
    instance._search_conferences = conferences_of_topic(instance.pk)


def topic_gone(sender, instance, **kwargs):
    refresh_conferences(instance.__dict__.pop("_search_conferences", []))


def topics_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and reverse:
        instance._search_conferences = conferences_of_topic(instance.pk)
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        refresh_conferences([instance.pk])
    elif action == "post_clear":
        refresh_conferences(instance.__dict__.pop("_search_conferences", []))
    else:
        refresh_conferences(pk_set or [])


post_save.connect(person_saved, sender=Person)
post_save.connect(organization_saved, sender=Organization)
HELD.connect_rows(Participation, Organizer)
post_save.connect(topic_saved, sender=Topic)
pre_delete.connect(topic_about_to_go, sender=Topic)
post_delete.connect(topic_gone, sender=Topic)
m2m_changed.connect(topics_changed, sender=Conference.topics.through)
