"""The write path for agreements, and for writes that span both apps (a restore).

Agreements are publishable, searchable records like conferences: they are created,
changed, published, unpublished and deleted through the same functions as events'
records (``events.services``), re-exported here so that callers in this app and above
name one module. What is particular to this app lives below.
"""

from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from events.search import Searchable
from events.services import (
    DRAFT,
    PUBLISHED,
    Skipped,
    bulk_create,
    create,
    delete,
    history,
    publish,
    refresh_search,
    save,
    unpublish,
)
from events.versions import content_changed

# The apps whose rows a restore replaces (reversion's history goes with them); rows in
# them make a database "not empty" for a restore (users may exist: whoever restores).
CONTENT_APPS = ["events", "partnerships", "reversion"]


def delete_all_content() -> None:
    """Every row of the content apps, in an order their protections allow (an agreement
    protects its parties' organizations and its conference)."""
    from reversion.models import Revision

    from events.models import Conference, MediaItem, Organization, Person, Topic

    from .models import Agreement

    with transaction.atomic():
        Revision.objects.all().delete()
        Agreement.objects.all().delete()
        Conference.objects.all().delete()
        MediaItem.objects.all().delete()
        Person.objects.all().delete()
        Organization.objects.all().delete()
        Topic.objects.all().delete()


def searchable_models() -> list:
    return [
        model
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models()
        if issubclass(model, Searchable)
    ]


def load_content(fixture: str, *, replace: bool = False) -> None:
    """Load a fixture of content rows (a backup's ``data.json``), in one transaction.

    ``loaddata`` writes rows as they were stored, without ``save()``: their search text
    is the one the archive's site computed, by the rules it had then. It is made again
    here by today's rules, and the content version moves once, after commit. (Photos
    come with their renditions: the archive holds the files and the rows that name them.)
    """
    with transaction.atomic():
        if replace:
            delete_all_content()
        call_command("loaddata", fixture, verbosity=0)
        for model in searchable_models():
            refresh_search(model)
        content_changed()


__all__ = [
    "DRAFT",
    "PUBLISHED",
    "Skipped",
    "bulk_create",
    "create",
    "delete",
    "delete_all_content",
    "history",
    "load_content",
    "publish",
    "save",
    "unpublish",
]
