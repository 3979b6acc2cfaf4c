"""What partnerships adds to events' pages (registered in apps.py; see events/sections.py):
the agreements signed at a conference, by a person, and by an organization as a party.
Each prefetches what its template shows, so a page costs the same queries however many
agreements it lists."""

from django.db.models import Prefetch

from events.languages import columns, only
from events.models import live
from events.sections import PageSection

from .models import Agreement, Party, Signatory
from .views import agreement_cards

# What a person's or an organization's page reads of an agreement it lists.
AGREEMENT_NAMED = ("agreement__slug", *columns("agreement__title"), "agreement__signed_on")


def conference_agreements():
    # The list's cards: the columns shown and the parties' names read with the row.
    cards = agreement_cards(Agreement.objects.published())
    return [
        Prefetch(
            "agreements",
            queryset=only(cards, "conference_id", "slug", "title", "kind", "signed_on").order_by(
                "signed_on", "pk"
            ),
        )
    ]


def person_signatures():
    return [
        Prefetch(
            "signatures",
            queryset=Signatory.objects.filter(live("agreement__"))
            .select_related("agreement", "position", "party__organization")
            .only(
                "person_id",
                "role",
                *columns("position__title"),
                *columns("party__organization__name"),
                *AGREEMENT_NAMED,
            )
            .order_by("-agreement__signed_on", "pk"),
        )
    ]


def organization_parties():
    return [
        Prefetch(
            "agreement_parties",
            queryset=Party.objects.filter(live("agreement__"))
            .select_related("agreement")
            .only("organization_id", "role", *AGREEMENT_NAMED)
            .order_by("-agreement__signed_on", "pk"),
            to_attr="published_parties",
        )
    ]


CONFERENCE_AGREEMENTS = PageSection(
    template_name="partnerships/sections/conference_agreements.html",
    prefetch=conference_agreements,
    context=lambda conference: {"agreements": conference.agreements.all()},
)
PERSON_AGREEMENTS = PageSection(
    template_name="partnerships/sections/person_agreements.html",
    prefetch=person_signatures,
    context=lambda person: {"signatures": person.signatures.all()},
)
ORGANIZATION_AGREEMENTS = PageSection(
    template_name="partnerships/sections/organization_agreements.html",
    prefetch=organization_parties,
    context=lambda organization: {"parties": organization.published_parties},
)
