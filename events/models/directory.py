"""The directory: organizations (and their other names), people, the posts they hold,
and topics."""

import datetime as dt

from django.db import models
from django.db.models import F, OuterRef, Q
from django.db.models.functions import Lower
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from ..images import SafeImageField
from ..languages import DEFAULT, Text, columns, distinct
from ..links import slug_url
from ..search import Searchable
from ..sorting import NameSorted
from .fields import RandomUploadPath, choices_constraint, validate_sane_date
from .image_files import CleanImagesMixin
from .publishing import (
    PUBLISHED,
    ShownOnPublishedRecordMixin,
    SluggedModel,
    any_exists,
    live,
    mentioned_elsewhere,
)


class OrganizationQuerySet(models.QuerySet):
    def public(self):
        """Organizations that a published conference (or another app's live record, see
        ``register_public_mention``) mentions.

        One subquery per kind of mention (see ``any_exists``), each answered from an
        index on the organization column, so that checking one organization (a page, a filter value)
        reads a few rows, whatever the size of the archive."""
        from .conferences import Organizer
        from .participation import ParticipationPost

        organized = Organizer.objects.filter(live("conference__"), organization=OuterRef("pk"))
        employed = ParticipationPost.objects.filter(
            live("participation__conference__"), position__organization=OuterRef("pk")
        )
        elsewhere = mentioned_elsewhere("Organization", OuterRef("pk"))
        return self.filter(any_exists(organized, *elsewhere, employed))


class OrganizationKind(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    PARTY_COMMITTEE = "party_committee", _("Party committee")
    ENTERPRISE = "enterprise", _("Enterprise")
    TRADE_BODY = "trade_body", _("Trade body")
    ASSOCIATION = "association", _("Association")
    UNIVERSITY = "university", _("University")
    MEDIA = "media", _("Media")
    OTHER = "other", _("Other")


class Organization(
    ShownOnPublishedRecordMixin, CleanImagesMixin, Searchable, NameSorted, SluggedModel
):
    Kind = OrganizationKind
    clean_image_fields = ("logo",)
    search_fields = ("name", "short_name", "city")

    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(
        _("short name"),
        max_length=60,
        blank=True,
        help_text=_("Acronym or short form, e.g. HKTDC."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    city = models.CharField(_("city"), max_length=120, blank=True)
    region = models.CharField(
        _("region"), max_length=120, blank=True, help_text=_("Province, state or SAR.")
    )
    country = models.CharField(_("country"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    logo = SafeImageField(_("logo"), upload_to=RandomUploadPath("logos"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        permissions = [
            (
                "delete_published_organization",
                gettext_noop("Can delete organizations shown on published records"),
            )
        ]
        indexes = [
            models.Index(fields=["name"], name="events_org_name_idx"),
            models.Index(fields=["kind", "name"], name="events_org_kind_name_idx"),
            # The same two orders in Chinese (events/sorting.py).
            models.Index(fields=["sort_pinyin"], name="events_org_pinyin_idx"),
            models.Index(fields=["kind", "sort_pinyin"], name="events_org_kind_pinyin_idx"),
            models.Index(fields=["city"], name="events_org_city_idx"),
            # The media view finds a logo's organization (and so whether it is public).
            models.Index(fields=["logo"], name="events_org_logo_idx"),
        ]
        constraints = [
            choices_constraint("kind", OrganizationKind, "events_organization_kind_valid"),
            models.CheckConstraint(condition=~Q(slug=""), name="events_organization_slug_set"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("organizations:detail", self.slug)

    def related_search_words(self) -> list[str]:
        return list(self.aliases.values_list("name", flat=True))

    @classmethod
    def search_text_changed(cls, pks) -> None:
        from .conference_search import conferences_of_organizations

        conferences_of_organizations(pks)  # the conferences they organized hold it

    def published_record_uses(self) -> list[models.QuerySet]:
        from .conferences import Organizer
        from .participation import ParticipationPost

        return [
            Organizer.objects.filter(organization=self, conference__publication_status=PUBLISHED),
            ParticipationPost.objects.filter(
                position__organization=self, participation__conference__publication_status=PUBLISHED
            ),
        ]

    @property
    def display_name(self) -> str:
        name = self.name
        return Text(f"{name} ({self.short_name})", name.lang) if self.short_name else name


class OrganizationAlias(models.Model):
    """Another name an organization is known by ("Nanjing Municipal Government")."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="aliases",
    )
    name = models.CharField(_("name"), max_length=300)

    class Meta:
        verbose_name = _("other name")
        verbose_name_plural = _("other names")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="events_alias_unique_per_organization"
            ),
        ]

    def __str__(self):
        return self.name


def person_is_public(person: str = "pk") -> Q:
    """The person at ``person`` (a field of the outer query) took part in a published
    conference, or another app's live record mentions them (see
    ``register_public_mention``): a one-row subquery each, answered from the index on the
    person column."""
    from .participation import Participation

    took_part = Participation.objects.filter(live("conference__"), person=OuterRef(person))
    return any_exists(took_part, *mentioned_elsewhere("Person", OuterRef(person)))


class PersonQuerySet(models.QuerySet):
    def public(self):
        """People who took part in a published conference or whom another app's live
        record mentions (a published agreement they signed)."""
        return self.filter(person_is_public())


class Person(ShownOnPublishedRecordMixin, CleanImagesMixin, Searchable, NameSorted, SluggedModel):
    clean_image_fields = ("photo",)
    search_fields = ("name", "name_alt")

    honorific = models.CharField(
        _("honorific"),
        max_length=40,
        blank=True,
        help_text=_(
            "For example “Dr.” or “Prof.”: shown before the name, but left out of "
            "the address (slug), the alphabetical order and search."
        ),
    )
    name = models.CharField(_("name"), max_length=200)
    name_alt = models.CharField(
        _("name in another script"),
        max_length=200,
        blank=True,
        help_text=_("For example the name in Chinese characters."),
    )
    bio = models.TextField(_("short biography"), blank=True)
    photo = SafeImageField(_("photo"), upload_to=RandomUploadPath("people"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        permissions = [
            (
                "delete_published_person",
                gettext_noop("Can delete people shown on published records"),
            )
        ]
        indexes = [
            models.Index(fields=["name"], name="events_person_name_idx"),
            # The order in Chinese (events/sorting.py).
            models.Index(fields=["sort_pinyin"], name="events_person_pinyin_idx"),
            # The media view finds a portrait's person (and so whether they are public).
            models.Index(fields=["photo"], name="events_person_photo_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(slug=""), name="events_person_slug_set"),
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return slug_url("people:detail", self.slug)

    @property
    def display_name(self) -> str:
        """The name as shown to people: ``Dr. Jane Lee`` (the honorific is not part of
        ``name``, so slugs and the order by name ignore it). The honorific is English,
        written before the name: it goes with the English name only."""
        name = self.name
        if self.honorific and getattr(name, "lang", DEFAULT) == DEFAULT:
            return Text(f"{self.honorific} {name}", DEFAULT)
        return name

    def related_search_words(self) -> list[str]:
        # The posts held, so that "mayor of nanjing" finds the mayor.
        # In every language (``events.services.refresh_related_search`` reads them so too).
        rows = self.positions.values_list(*columns("title"))
        return [title for row in rows for title in distinct(row)]

    @classmethod
    def search_text_changed(cls, pks) -> None:
        from .conference_search import conferences_of_people

        conferences_of_people(pks)  # the conferences they took part in hold it

    def published_record_uses(self) -> list[models.QuerySet]:
        from .participation import Participation

        return [Participation.objects.filter(person=self, conference__publication_status=PUBLISHED)]


class Position(models.Model):
    """A post a person holds at an organization; a person may hold several at once."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="positions"
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="positions",
        verbose_name=_("organization"),
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("For example “Mayor of Nanjing”.")
    )
    start_date = models.DateField(
        _("start date"), null=True, blank=True, validators=[validate_sane_date]
    )
    end_date = models.DateField(
        _("end date"), null=True, blank=True, validators=[validate_sane_date]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="events_position_end_after_start",
                violation_error_message=_("A post cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.title}, {self.organization}"

    def is_current(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        started = self.start_date is None or self.start_date <= on
        return started and (self.end_date is None or self.end_date >= on)


class Topic(ShownOnPublishedRecordMixin, SluggedModel):
    """A sector or theme that conferences and agreements are tagged with."""

    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        permissions = [
            ("delete_published_topic", gettext_noop("Can delete topics shown on published records"))
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="events_topic_name_unique",
                violation_error_message=_("A topic with this name already exists."),
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="events_topic_slug_set"),
        ]

    def __str__(self):
        return self.name

    def published_record_uses(self) -> list[models.QuerySet]:
        from .conferences import Conference

        return [Conference.objects.filter(topics=self, publication_status=PUBLISHED)]


# Rows whose words a searchable record holds in its search text: the row's model → (the
# record's model, the row's key to it, the row's field with the words). The signals below
# and ``events.services.refresh_related_search`` (bulk inserts) read this one table.
SEARCH_WORDS_FROM = {
    Position: (Person, "person", "title"),
    OrganizationAlias: (Organization, "organization", "name"),
}


def related_words_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    target, key, _field = SEARCH_WORDS_FROM[sender]
    target.refresh_search_text([getattr(instance, f"{key}_id")])


for _row_model in SEARCH_WORDS_FROM:
    post_save.connect(related_words_changed, sender=_row_model)
    post_delete.connect(related_words_changed, sender=_row_model)
