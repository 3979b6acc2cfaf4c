"""Agreements with their parties and signatories, from a spreadsheet (and back).

One row is one agreement, found by ``id``, else by ``slug``, else by its title (any
language, either Chinese script) and ``signed_on`` together; a row that finds none is a
new agreement. Besides the agreement's own fields (a translated text in one column per
language), three columns name other records:

- ``topics``: topic names, separated by ";" (any language); each must exist.
- ``parties``: ``Org A; Org B [investor]``: organizations by any of their names, in
  order, the role in brackets (``party`` when left out); each must exist.
- ``signatories``: ``Name (Party org) [witnessed]``: a person by any of their names
  (created when unknown), the party they signed for (one of this row's parties) in
  parentheses, the role in square brackets (``signed`` when left out).

A column left out of the file leaves that part alone; a column present but empty
empties it. Choices (``kind``, ``status``, roles) take the stored value or the label in
any of the site's languages. A user who may not publish imports drafts, and cannot
change a published agreement (``events.admin.spreadsheets``).
"""

import re

import reversion
from django.db.models import Q
from django.utils.dateparse import parse_date
from django.utils.translation import gettext
from import_export import widgets
from import_export.fields import Field

from events.admin.directory_sheets import one_of, organization_index
from events.admin.spreadsheets import ContentResource, NameIndex, RowError, join_list, split_list
from events.import_people import created, marked_new, new_person, people_index
from events.import_widgets import (
    BoolWidget,
    ChoiceWidget,
    Column,
    KeepWhenBlank,
    TextWidget,
    TimeStampWidget,
    forget,
    read_choice,
    warm,
)
from events.languages import DEFAULT, column, columns
from events.models import Conference, Currency, Topic

from . import services
from .models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    Party,
    PartyRole,
    Signatory,
    SignatoryRole,
)

ROLE = re.compile(r"\s*\[([^\[\]]*)\]\s*$")
PARTY = re.compile(r"\s*\(([^()]*)\)\s*$")


def english(record, field) -> str:
    return getattr(record, column(field, DEFAULT)) or str(getattr(record, field))


def text_fields(*names):
    """A column per language of each translated text (``title_en``, ``title_zh_hans``…),
    declared in the class body with ``locals().update``: the declarative resource reads
    its fields from the class namespace."""
    return {
        column(name, code): Field(
            attribute=column(name, code), column_name=column(name, code), widget=TextWidget()
        )
        for name in names
        for code in ("en", "zh-hans", "zh-hant")
    }


def parties_text(agreement) -> str:
    return join_list(
        english(party.organization, "name")
        + ("" if party.role == PartyRole.PARTY else f" [{party.role}]")
        for party in agreement.parties.all()
    )


def signatories_text(agreement) -> str:
    parts = []
    for signatory in agreement.signatories.all():
        new = ("person", signatory.person_id) in created(agreement)
        text = marked_new(english(signatory.person, "name"), new)
        if signatory.party_id:
            text += f" ({english(signatory.party.organization, 'name')})"
        if signatory.role != SignatoryRole.SIGNED:
            text += f" [{signatory.role}]"
        parts.append(text)
    return join_list(parts)


def split_role(text: str, choices, default, name: str):
    match = ROLE.search(text)
    if not match:
        return text.strip(), default
    try:
        return text[: match.start()].strip(), read_choice(choices, match.group(1), default)
    except ValueError as error:
        raise RowError(name, str(error)) from error


class ConferenceWidget(widgets.Widget):
    """A conference by its slug or its title in any language."""

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return None
        found = Conference.objects.filter(slug=text).first()
        if found is None:
            titles = [{name: text} for name in columns("title")]
            for lookup in titles:
                found = Conference.objects.filter(**lookup).first()
                if found:
                    break
        if found is None:
            raise ValueError(gettext("no conference has the slug or title '%s'") % text)
        return found

    def render(self, value, obj=None, **kwargs):
        return value.slug if value else ""


class AgreementResource(ContentResource):
    id = Column("id", lambda a: a.pk)
    slug = Field(
        attribute="slug", column_name="slug", widget=KeepWhenBlank(), saves_null_values=False
    )
    locals().update(text_fields("title"))
    kind = Field(
        attribute="kind",
        column_name="kind",
        widget=ChoiceWidget(AgreementKind),
        saves_null_values=False,
    )
    status = Field(
        attribute="status",
        column_name="status",
        widget=ChoiceWidget(AgreementStatus),
        saves_null_values=False,
    )
    signed_on = Field(
        attribute="signed_on", column_name="signed_on", widget=widgets.DateWidget("%Y-%m-%d")
    )
    locals().update(text_fields("place"))
    conference = Field(attribute="conference", column_name="conference", widget=ConferenceWidget())
    value_amount = Field(
        attribute="value_amount", column_name="value_amount", widget=widgets.DecimalWidget()
    )
    value_currency = Field(
        attribute="value_currency", column_name="value_currency", widget=ChoiceWidget(Currency, "")
    )
    value_is_estimate = Field(
        attribute="value_is_estimate", column_name="value_is_estimate", widget=BoolWidget()
    )
    topics = Column(
        "topics",
        lambda a: join_list(english(t, "name") for t in a.topics.all()) if a.pk else "",
        related=True,
    )
    parties = Column("parties", lambda a: parties_text(a) if a.pk else "", related=True)
    signatories = Column("signatories", lambda a: signatories_text(a) if a.pk else "", related=True)
    locals().update(text_fields("summary"))
    publication_status = Field(
        attribute="publication_status",
        column_name="publication_status",
        widget=ChoiceWidget(Agreement.PublicationStatus),
        saves_null_values=False,
    )
    published_at = Field(
        attribute="published_at", column_name="published_at", widget=TimeStampWidget()
    )

    class Meta(ContentResource.Meta):
        model = Agreement
        fields = [
            "id",
            "slug",
            *columns("title"),
            "kind",
            "status",
            "signed_on",
            *columns("place"),
            "conference",
            "value_amount",
            "value_currency",
            "value_is_estimate",
            "topics",
            "parties",
            "signatories",
            *columns("summary"),
            "publication_status",
            "published_at",
        ]
        import_order = export_order = fields

    export_select_related = ["conference"]
    export_prefetch_related = [
        "topics",
        "parties__organization",
        "signatories__person",
        "signatories__party__organization",
    ]

    def before_import(self, dataset, **kwargs):
        self.people = people_index()
        self.organizations, self.organization_labels = organization_index()
        self.topic_names = NameIndex()
        for pk, *names in Topic.objects.values_list("pk", *columns("name")):
            self.topic_names.add(pk, *names)
        # The agreements the file names by id or slug, with their related rows, read at
        # once: a row then costs no query to find, compare or preview.
        ids = [int(pk) for pk in dataset["id"] if pk.isdigit()] if "id" in dataset.headers else []
        slugs = [slug for slug in dataset["slug"] if slug] if "slug" in dataset.headers else []
        found = self.filter_export(Agreement.objects.filter(Q(pk__in=ids) | Q(slug__in=slugs)))
        self.by_pk = {record.pk: record for record in found}
        self.by_slug = {record.slug: record for record in self.by_pk.values()}
        warm(self, self.by_pk.values())

    # Matching: id, then slug, then title and date.

    def find_instance(self, row):
        given = row.get("id", "")
        if given and given.isdigit() and int(given) in self.by_pk:
            return self.by_pk[int(given)]
        return super().find_instance(row)  # an unknown id: the error says so

    def find_existing(self, row):
        slug = row.get("slug", "")
        if slug in self.by_slug:
            return self.by_slug[slug]
        titles = [row.get(name, "") for name in columns("title")]
        signed_on = parse_date(row.get("signed_on", "") or "")
        if not any(titles) or not signed_on:
            return None
        index = NameIndex()
        for pk, *texts in Agreement.objects.filter(signed_on=signed_on).values_list(
            "pk", *columns("title")
        ):
            index.add(pk, *texts)
        found = index.find(*titles)
        if len(found) != 1:
            return None
        return self.filter_export(Agreement.objects.filter(pk=found.pop())).get()

    # The related columns.

    def check_rows(self, instance, row, new):
        self.plan = {}
        if "topics" in row:
            self.plan["topics"] = self.read_topics(row["topics"])
        if "parties" in row:
            self.plan["parties"] = self.read_parties(row["parties"])
        if "signatories" in row:
            parties = self.plan.get("parties")
            if parties is None:
                parties = (
                    [(p.organization_id, p.role) for p in instance.parties.all()] if not new else []
                )
            self.plan["signatories"] = self.read_signatories(row["signatories"], parties)
        elif "parties" in row and not new:
            # Without a signatories column, whoever signed for a party keeps it.
            kept = {organization for organization, _ in self.plan["parties"]}
            for signatory in instance.signatories.all():
                if signatory.party_id and signatory.party.organization_id not in kept:
                    raise RowError(
                        "parties",
                        gettext("%(person)s signed for '%(party)s': keep it, or give signatories")
                        % {
                            "person": english(signatory.person, "name"),
                            "party": english(signatory.party.organization, "name"),
                        },
                    )

    def read_topics(self, text):
        found = []
        for name in split_list(text):
            pks = self.topic_names.find(name)
            if not pks:
                raise RowError("topics", gettext("no topic named '%s'") % name)
            found.append(min(pks))
        return found

    def one_organization(self, name, column_name):
        found = self.organizations.find(name)
        return one_of(found, self.organization_labels, column_name, name, gettext("organization"))

    def read_parties(self, text):
        parties = []
        for item in split_list(text):
            name, role = split_role(item, PartyRole, PartyRole.PARTY, "parties")
            organization = self.one_organization(name, "parties")
            if any(organization == pk for pk, _ in parties):
                raise RowError("parties", gettext("'%s' is named twice") % name)
            parties.append((organization, role))
        return parties

    def read_signatories(self, text, parties):
        signatories = []
        for item in split_list(text):
            rest, role = split_role(item, SignatoryRole, SignatoryRole.SIGNED, "signatories")
            party = None
            match = PARTY.search(rest)
            if match:
                rest, party_name = rest[: match.start()].strip(), match.group(1).strip()
                party = self.one_organization(party_name, "signatories")
                if party not in {pk for pk, _ in parties}:
                    raise RowError(
                        "signatories",
                        gettext("'%s' is not one of this agreement's parties") % party_name,
                    )
            pks = self.people.find(rest)
            if len(pks) > 1:
                raise RowError(
                    "signatories",
                    gettext("'%s' names several people: choose the signatory in the admin") % rest,
                )
            person = next(iter(pks)) if pks else rest  # a name: created on save
            if any(person == other for other, _, _ in signatories):
                raise RowError("signatories", gettext("'%s' is named twice") % rest)
            signatories.append((person, party, role))
        return signatories

    def rows_unchanged(self, instance) -> bool:
        plan = self.plan
        if "topics" in plan and sorted(plan["topics"]) != sorted(
            t.pk for t in instance.topics.all()
        ):
            return False
        if "parties" in plan and plan["parties"] != [
            (p.organization_id, p.role) for p in instance.parties.all()
        ]:
            return False
        if "signatories" in plan:
            current = [
                (s.person_id, s.party.organization_id if s.party_id else None, s.role)
                for s in instance.signatories.all()
            ]
            if plan["signatories"] != current:
                return False
        return True

    def save_rows(self, instance, row, new):
        plan = self.plan
        if "topics" in plan:
            # The agreement was saved just before (``save_instance``): only its topics
            # are written here (an empty ``update_fields`` saves no column).
            services.save(instance, update_fields=(), m2m={"topics": plan["topics"]})
        if "parties" in plan or "signatories" in plan:
            self.write_parties_and_signatories(instance, plan)
        forget(instance)  # the preview's "after" reads them as saved
        if reversion.is_active() and reversion.is_registered(Agreement):
            reversion.add_to_revision(instance)  # again, now with its parties and signatories

    def write_parties_and_signatories(self, instance, plan):
        existing = {party.organization_id: party for party in instance.parties.all()}
        wanted_parties = plan.get("parties")
        if wanted_parties is not None:
            for order, (organization, role) in enumerate(wanted_parties):
                party = existing.get(organization) or Party(
                    agreement=instance, organization_id=organization
                )
                if party.pk is None or (party.role, party.order) != (role, order):
                    party.role, party.order = role, order
                    services.save(party)
                existing[organization] = party
        wanted = plan.get("signatories")
        if wanted is not None:
            current = {s.person_id: s for s in instance.signatories.all()}
            kept = set()
            for order, (person, party, role) in enumerate(wanted):
                if isinstance(person, str):
                    person = self.create_person(person)
                    created(instance).add(("person", person))
                signatory = current.get(person) or Signatory(agreement=instance, person_id=person)
                party_id = existing[party].pk if party else None
                if signatory.pk is None or (
                    signatory.party_id,
                    signatory.role,
                    signatory.order,
                ) != (
                    party_id,
                    role,
                    order,
                ):
                    signatory.party_id, signatory.role, signatory.order = party_id, role, order
                    services.save(signatory)
                kept.add(person)
            for person, signatory in current.items():
                if person not in kept:
                    services.delete(signatory)
        if wanted_parties is not None:
            keep = {organization for organization, _ in wanted_parties}
            for organization, party in existing.items():
                if organization not in keep:
                    services.delete(party)

    def create_person(self, name) -> int:
        pks = self.people.find(name)
        if pks:
            return next(iter(pks))  # created by an earlier row of this file
        person = new_person(name)
        self.people.add(person.pk, name)
        return person.pk
