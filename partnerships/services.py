"""The write path for agreements, and for writes that span both apps (a restore).

Agreements are publishable, searchable records like conferences: they are created,
changed, published, unpublished and deleted through the same functions as events'
records (``events.services``), re-exported here so that callers in this app and above
name one module. What is particular to this app lives below.
"""

from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.utils.translation import gettext

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

from .models import Party, Signatory

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


# Merging (events.services.merge): this app's rows that name a person or an organization
# move to the record kept. Registered in apps.py.


def move_parties(kept, removed, notes: list[str]) -> None:
    """An organization merged away: its parties become the kept one's. When both were
    parties to one agreement, the kept record's party stays and whoever signed for the
    other signs for it."""
    for party in Party.objects.filter(organization=removed).select_related("agreement"):
        twin = Party.objects.filter(agreement=party.agreement_id, organization=kept).first()
        if twin is None:
            party.organization = kept
            party.save()
            continue
        for signatory in Signatory.objects.filter(party=party):
            signatory.party = twin
            signatory.save()
        party.delete()
        notes.append(
            gettext(
                "Both were parties to “%(agreement)s”: the kept record's party (%(kept_role)s) "
                "stays, with the signatories of both; the other (%(other_role)s) was removed."
            )
            % {
                "agreement": party.agreement,
                "kept_role": twin.get_role_display().lower(),
                "other_role": party.get_role_display().lower(),
            }
        )


def move_signatures(kept, removed, notes: list[str]) -> None:
    """A person merged away: their signatures become the kept one's. When both signed one
    agreement, the kept person's signature stays and takes the party and post it lacks."""
    for signatory in Signatory.objects.filter(person=removed).select_related("agreement"):
        twin = Signatory.objects.filter(agreement=signatory.agreement_id, person=kept).first()
        if twin is None:
            signatory.person = kept
            signatory.save()
            continue
        twin.party_id = twin.party_id or signatory.party_id
        twin.position_id = twin.position_id or signatory.position_id
        twin.save()
        signatory.delete()
        notes.append(
            gettext(
                "Both signed “%(agreement)s”: one signature was kept, with the party and post "
                "of both where it had none."
            )
            % {"agreement": signatory.agreement}
        )


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
    "move_parties",
    "move_signatures",
    "publish",
    "save",
    "unpublish",
]
