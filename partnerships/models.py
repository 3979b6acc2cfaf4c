"""Agreements signed between organizations, often at a conference."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy, gettext_noop
from django.utils.translation import gettext_lazy as _

from events.links import slug_url
from events.models import (
    Conference,
    Currency,
    MediaItem,
    Organization,
    Person,
    Position,
    Publishable,
    PublishableQuerySet,
    RandomUploadPath,
    SluggedModel,
    Topic,
    choices_constraint,
    live,
    validate_sane_date,
)
from events.search import Searchable
from events.uploads import delete_after_commit, delete_now

from .documents import validate_document


class AgreementQuerySet(PublishableQuerySet):
    pass


class AgreementKind(models.TextChoices):
    STRATEGIC_COOPERATION = "strategic_cooperation", _("Strategic cooperation agreement")
    FRAMEWORK = "framework", _("Framework agreement")
    MEMORANDUM = "memorandum", _("Memorandum of cooperation or understanding")
    INVESTMENT = "investment", _("Investment or project contract")
    LETTER_OF_INTENT = "letter_of_intent", _("Letter of intent")
    OTHER = "other", _("Other")


class AgreementStatus(models.TextChoices):
    SIGNED = "signed", _("Signed")
    IN_FORCE = "in_force", _("In force")
    COMPLETED = "completed", _("Completed")
    TERMINATED = "terminated", _("Terminated")


class Agreement(Searchable, SluggedModel, Publishable):
    slug_source_field = "title"
    search_fields = ("title", "summary", "place")

    Kind = AgreementKind

    Status = AgreementStatus

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    summary = models.TextField(_("summary"), blank=True)
    signed_on = models.DateField(
        _("signed on"), null=True, blank=True, validators=[validate_sane_date]
    )
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("Where it was signed.")
    )
    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        help_text=_("The conference at which it was signed, if any."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SIGNED
    )
    value_amount = models.DecimalField(
        _("value"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    value_currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, blank=True
    )
    value_is_estimate = models.BooleanField(_("value is an estimate"), default=False)
    organizations = models.ManyToManyField(
        Organization,
        through="Party",
        related_name="agreements",
        blank=True,
        verbose_name=_("organizations"),
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="agreements", blank=True
    )
    photos = models.ManyToManyField(
        MediaItem, verbose_name=_("photos"), related_name="agreements", blank=True
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "-id"]
        permissions = [
            ("publish_agreement", gettext_noop("Can publish and unpublish agreements")),
            ("delete_published_agreement", gettext_noop("Can delete published agreements")),
        ]
        indexes = [
            models.Index(fields=["signed_on"], name="partnerships_signed_on_idx"),
            models.Index(
                fields=["publication_status", "signed_on"], name="partnerships_status_signed_idx"
            ),
            models.Index(fields=["kind"], name="partnerships_kind_idx"),
            # "Title (A–Z)": the first page read from the index, not by sorting them all.
            models.Index(fields=["title", "id"], name="partnerships_title_idx"),
        ]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(condition=~Q(slug=""), name="partnerships_agreement_slug_set"),
            choices_constraint("kind", AgreementKind, "partnerships_agreement_kind_valid"),
            choices_constraint("status", AgreementStatus, "partnerships_agreement_status_valid"),
            choices_constraint("value_currency", Currency, "partnerships_agreement_currency_valid"),
            models.CheckConstraint(
                condition=(Q(value_amount__isnull=True) & Q(value_currency=""))
                | (Q(value_amount__isnull=False) & ~Q(value_currency="")),
                name="partnerships_agreement_value_has_currency",
                violation_error_message=_("A value needs a currency, and a currency a value."),
            ),
            models.CheckConstraint(
                condition=Q(value_is_estimate=False) | Q(value_amount__isnull=False),
                name="partnerships_agreement_estimate_has_value",
                violation_error_message=_("Only a value can be an estimate; give the value."),
            ),
            models.CheckConstraint(
                condition=Q(value_amount__isnull=True) | Q(value_amount__gte=0),
                name="partnerships_agreement_value_not_negative",
                violation_error_message=_("An agreement's value cannot be negative."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("partnerships:detail", self.slug)

    @cached_property
    def party_names(self) -> list[str]:
        """The parties' names, in their order, as the agreement card shows them. The lists
        read them with the row (``partnerships.views.agreement_cards``); elsewhere they
        come from the parties, prefetched with their organizations."""
        return [party.organization.name for party in self.parties.all()]

    def held_search_texts(self) -> list[str]:
        """Its parties' and signatories' search text (``partnerships/agreement_search.py``)."""
        from .agreement_search import held_texts

        return held_texts([self.pk])[self.pk]

    @classmethod
    def related_search_for(cls, records) -> None:
        from .agreement_search import held_texts

        found = held_texts([record.pk for record in records])
        for record in records:
            record._related_search = ([], found[record.pk])

    def clean(self):
        super().clean()
        if self.value_currency and self.value_amount is None:
            raise ValidationError(
                {"value_amount": gettext_lazy("Give the value, or leave the currency blank.")}
            )
        if self.value_amount is not None and not self.value_currency:
            raise ValidationError(
                {"value_currency": gettext_lazy("Choose the currency of the value.")}
            )
        if self.value_is_estimate and self.value_amount is None:
            raise ValidationError(
                {"value_is_estimate": _("Only a value can be an estimate; give the value.")}
            )


class PartyRole(models.TextChoices):
    PARTY = "party", _("Party")
    INVESTOR = "investor", _("Investor")
    FUNDER = "funder", _("Funder")
    IMPLEMENTER = "implementer", _("Implementer")
    WITNESS = "witness", _("Witness")


class Party(models.Model):
    """An organization in an agreement, with the part it plays."""

    Role = PartyRole

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="parties"
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="agreement_parties",
        verbose_name=_("organization"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTY)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["order", "id"]
        # Search reaches agreements through organizations: covering, the index alone answers.
        indexes = [
            models.Index(fields=["organization", "agreement"], name="partnerships_party_org_idx")
        ]
        constraints = [
            choices_constraint("role", PartyRole, "partnerships_party_role_valid"),
            models.UniqueConstraint(
                fields=["agreement", "organization"],
                name="partnerships_party_once_per_agreement",
                violation_error_message=_("This organization is already a party to the agreement."),
            ),
        ]

    def __str__(self):
        return gettext("%(organization)s (%(role)s) in “%(agreement)s”") % {
            "organization": self.organization,
            "role": self.get_role_display().lower(),
            "agreement": self.agreement,
        }


class SignatoryRole(models.TextChoices):
    SIGNED = "signed", _("Signed")
    WITNESSED = "witnessed", _("Witnessed")


class Signatory(models.Model):
    """A person who signed (or witnessed) an agreement for one of its parties."""

    Role = SignatoryRole

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="signatories"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="signatures"
    )
    # RESTRICT, not PROTECT: the party cannot be removed on its own while someone signed
    # for it, but deleting the whole agreement takes both away together.
    party = models.ForeignKey(
        Party,
        verbose_name=_("party"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="signatories",
        help_text=_("The party they signed for. Save the parties first to choose one here."),
    )
    position = models.ForeignKey(
        Position,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signatures",
        verbose_name=_("post held"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.SIGNED)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["order", "id"]
        # Search reaches agreements through persons: covering, the index alone answers.
        indexes = [
            models.Index(fields=["person", "agreement"], name="partnerships_sign_person_idx")
        ]
        constraints = [
            choices_constraint("role", SignatoryRole, "partnerships_signatory_role_valid"),
            models.UniqueConstraint(
                fields=["agreement", "person"],
                name="partnerships_signatory_once_per_agreement",
                violation_error_message=_("This person is already a signatory of the agreement."),
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display().lower()}) “{self.agreement}”"

    def clean(self):
        super().clean()
        errors = {}
        if self.party_id and self.party.agreement_id != self.agreement_id:
            errors["party"] = _("Choose a party of this agreement.")
        if self.position_id and self.person_id and self.position.person_id != self.person_id:
            errors["position"] = _("Choose a post that this person held.")
        if errors:
            raise ValidationError(errors)


class AgreementDocumentLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    SIMPLIFIED_CHINESE = "zh-hans", _("Chinese (simplified)")
    TRADITIONAL_CHINESE = "zh-hant", _("Chinese (traditional)")
    BILINGUAL = "mul", _("Bilingual")
    OTHER = "other", _("Other")


class AgreementDocumentQuerySet(models.QuerySet):
    def public(self):
        """Documents a visitor may have: those of a live agreement."""
        return self.filter(live("agreement__"))


class AgreementDocument(models.Model):
    Language = AgreementDocumentLanguage

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("file"),
        upload_to=RandomUploadPath("agreements"),
        blank=True,
        validators=[validate_document],
        help_text=_(
            "PDF, Word, Excel or PowerPoint (.docx, .xlsx, .pptx), OpenDocument or "
            "plain text; visitors download it."
        ),
    )
    url = models.URLField(_("URL"), blank=True, max_length=500)
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.ENGLISH
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = AgreementDocumentQuerySet.as_manager()

    class Meta:
        verbose_name_plural = _("documents")
        verbose_name = _("document")
        ordering = ["order", "id"]
        # The media view finds a file's document (and so whether visitors may have it).
        indexes = [models.Index(fields=["file"], name="partnerships_document_file_idx")]
        constraints = [
            choices_constraint(
                "language", AgreementDocumentLanguage, "partnerships_document_language_valid"
            ),
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url=""),
                name="partnerships_document_file_or_url",
                violation_error_message=_("Upload a file or give a URL for the document."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        before = ""
        if self.pk:
            before = (
                AgreementDocument.objects.filter(pk=self.pk).values_list("file", flat=True).first()
                or ""
            )
        uploading = bool(self.file) and not self.file._committed
        try:
            super().save(*args, **kwargs)
        except BaseException:
            if uploading and self.file._committed:
                # The file was stored but the row was not: leave no orphan behind.
                delete_now(self.file.storage, [self.file.name])
            raise
        if before and before != self.file.name:
            # Replaced or cleared: the old file goes once this change has committed.
            delete_after_commit(self.file.storage, [before])


@receiver(post_delete, sender=AgreementDocument)
def delete_document_file(sender, instance, **kwargs):
    """A deleted document's file goes too, once the delete has committed (a rollback keeps
    it; a restore, which deletes rows only to load them again, keeps it as well)."""
    if instance.file:
        delete_after_commit(instance.file.storage, [instance.file.name])
