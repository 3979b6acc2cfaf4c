"""An agreement's search text holds the search text of its parties (organizations: their
names, short and other names, city) and of its signatories (people: their names, other
names and posts), so that a search of the agreement list is one lookup in the
agreement's own index (``events.search.all_words_hold``), as the conference list's is
(``events/models/conference_search.py``).

What it bought: the agreement list searched with a term new to the process (no page
cached, no count remembered), in process, on the full bench archive (50,000 agreements,
10,000 organizations, 100,000 people), 40 terms of each kind (the conference and people
lists take the others), ms, two runs taking turns with the checkout before, 2026-12-01:

    kind of term       before: median    p90   SQL share    after: median    p90   SQL share
    Chinese                  16.2-19.1   33-38    5-6 %            12.4-17.1   18-27    6-8 %
    a person's name          130-139    222-244  76-80 %           17.1        30-34  18-21 %
    English phrase           159-176    207-230  84-86 %           26.9-38.3   85-107 33-37 %
    English word             105-151    171-188  81-87 %           27.6-27.7   45-70    51 %

(The machine was shared: the conference list, unchanged between the two, measured
15-45 ms in both.) Figures from

    DATABASE_URL=sqlite:///bench/.data/full.sqlite3 .venv/bin/python -m bench.new_searches

run in this checkout and in the one before, each on a copy of the database migrated by
its own code (``STATIC_ROOT`` set to the bench's collected files).

Kept current here for every write: by signals for a party or a signatory added, changed
(moved to another agreement, organization or person: a merge) or removed, and for a
person or an organization saved; through events' hooks for a person's or an
organization's text changed without its save (a post or another name: events'
``on_search_text_changed``) and for parties and signatories written in bulk
(``register_bulk_search_rows``, seed_bulk). Connected in ``apps.py``.
"""

from collections import defaultdict

from django.db.models.signals import post_save

from events.models import Organization, Person
from events.search import on_search_text_changed
from events.search.held import HeldText
from events.services import register_bulk_search_rows

from .models import Agreement, Party, Signatory

HELD = HeldText(Agreement, "agreement")


def held_texts(pks) -> dict:
    """For each agreement key: the search texts it holds, sorted, each once, so that
    every way of making it gives one text."""
    held = defaultdict(set)
    parties = Party.objects.filter(agreement_id__in=pks)
    for pk, text in parties.values_list("agreement_id", "organization__search_text"):
        held[pk].add(text)
    signatories = Signatory.objects.filter(agreement_id__in=pks)
    for pk, text in signatories.values_list("agreement_id", "person__search_text"):
        held[pk].add(text)
    return {pk: sorted(held[pk]) for pk in pks}


def refresh_agreements(pks) -> None:
    """Make these agreements' search text again, a batch at a time."""
    HELD.refresh(pks)


def agreements_of_people(pks) -> None:
    HELD.holders_of(Signatory, "person", pks)


def agreements_of_organizations(pks) -> None:
    HELD.holders_of(Party, "organization", pks)


def person_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        agreements_of_people([instance.pk])


def organization_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        agreements_of_organizations([instance.pk])


def rows_written_in_bulk(rows) -> None:
    refresh_agreements(row.agreement_id for row in rows)


def connect() -> None:
    post_save.connect(person_saved, sender=Person)
    post_save.connect(organization_saved, sender=Organization)
    HELD.connect_rows(Party, Signatory)
    for row in (Party, Signatory):
        register_bulk_search_rows(row, rows_written_in_bulk)
    on_search_text_changed(Person, agreements_of_people)
    on_search_text_changed(Organization, agreements_of_organizations)
