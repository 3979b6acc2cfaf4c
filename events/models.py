"""Conferences, the people and organizations who take part, and what was said there."""

import datetime as dt
import uuid
import zoneinfo
from collections.abc import Callable
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower
from django.db.models.lookups import IsNull
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify

from . import uploads
from .images import SafeImageField
from .search import Searchable
from .slugs import unique_slug


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            "“%(value)s” is not a time zone name. Use a name such as Asia/Hong_Kong.",
            params={"value": value},
            code="invalid_time_zone",
        )


def default_time_zone() -> str:
    return settings.DEFAULT_CONFERENCE_TIME_ZONE


@deconstructible
class RandomUploadPath:
    """An ``upload_to`` that keeps only the extension, so file names cannot be guessed."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePosixPath(filename).suffix.lower()[:10]
        return f"{self.folder}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, RandomUploadPath) and other.folder == self.folder


# Dates the site accepts: anything earlier or later is a typing slip (0223, 20233), and
# at the far ends (0001, 9999) a day before or after, or a move to UTC, cannot be written.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2200, 12, 31)


def validate_sane_date(value) -> None:
    """Refuses a date (or a datetime's date) outside 1900–2200."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError(
            "Give a date between 1 January 1900 and 31 December 2200.", code="date_out_of_range"
        )


def choices_constraint(field: str, choices: type[models.TextChoices], name: str):
    """A check constraint that makes the database refuse values outside ``choices``."""
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


class Currency(models.TextChoices):
    NONE = "", "(not money)"
    USD = "USD", "US dollar (US$)"
    HKD = "HKD", "Hong Kong dollar (HK$)"
    CNY = "CNY", "Renminbi (RMB)"
    MOP = "MOP", "Macao pataca (MOP$)"
    EUR = "EUR", "Euro (€)"
    GBP = "GBP", "Pound sterling (£)"
    JPY = "JPY", "Japanese yen (JP¥)"
    SGD = "SGD", "Singapore dollar (S$)"


PUBLISHED = "published"


def live(prefix: str = "") -> Q:
    """What visitors may see: published, its publish time reached, its unpublish time not.

    ``prefix`` reaches a related record (``"conference__"``). Scheduling needs no cron
    job: every query asks the clock.
    """
    now = timezone.now()
    return (
        Q(**{f"{prefix}publication_status": PUBLISHED})
        & (Q(**{f"{prefix}published_at__isnull": True}) | Q(**{f"{prefix}published_at__lte": now}))
        & (Q(**{f"{prefix}unpublish_at__isnull": True}) | Q(**{f"{prefix}unpublish_at__gt": now}))
    )


def any_exists(*querysets) -> Q:
    """True for an outer row when any of these correlated querysets has a row.

    Not ``EXISTS (…) OR EXISTS (…)``: PostgreSQL runs an OR of EXISTS as "hashed
    subplans" that read every matching row of each table before the first outer row,
    even when the list wants twenty (0.5 s for the people list at 100,000 people). Here
    each is a one-row subquery answered from the index on the outer row's key, tried in
    turn: ``COALESCE`` stops at the first that finds something. SQLite runs both alike.
    """
    first_rows = [
        Subquery(queryset.order_by().values(found=Value(1))[:1], output_field=IntegerField())
        for queryset in querysets
    ]
    either = Coalesce(*first_rows) if len(first_rows) > 1 else first_rows[0]
    return Q(IsNull(either, False))


# Records of an app above events (partnerships' agreements) show events' records too: photos,
# topics, people, organizations. That app registers here, from its AppConfig.ready(), one
# check per model (``check(record) -> bool``: a published record of theirs shows it), so
# that events can ask without reaching up.
_published_record_uses: dict[type, list[Callable[[models.Model], bool]]] = {}


def register_published_record_use(model: type, check: Callable[[models.Model], bool]) -> None:
    _published_record_uses.setdefault(model, []).append(check)


class ShownOnPublishedRecordMixin:
    """A record that published conferences (and, through the registry above, other apps'
    published records) show: it is part of live content, so the admin guards it."""

    def published_record_uses(self) -> list[models.QuerySet]:
        """This app's own published records that show this one (one query each)."""
        return []

    def shown_on_published_record(self) -> bool:
        """Whether a published record shows this one: live, scheduled or ended alike, as the
        admin locks a published record itself whatever its publishing window."""
        if self.pk is None:
            return False
        if any(uses.exists() for uses in self.published_record_uses()):
            return True
        return any(check(self) for check in _published_record_uses.get(type(self), ()))


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live())

    def drafts(self):
        return self.filter(publication_status="draft")


class PublishablePublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Publishable(models.Model):
    """A record that is a draft until staff publish it; the public sees published ones only."""

    PublicationStatus = PublishablePublicationStatus

    publication_status = models.CharField(
        max_length=10, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    published_at = models.DateTimeField(
        "publish at",
        null=True,
        blank=True,
        validators=[validate_sane_date],
        help_text="When visitors first see it once published. Leave blank to publish at "
        "once; a future time schedules it.",
    )
    unpublish_at = models.DateTimeField(
        "unpublish at",
        null=True,
        blank=True,
        validators=[validate_sane_date],
        help_text="Optional: from this time visitors no longer see it.",
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(publication_status__in=["draft", "published"]),
                name="%(app_label)s_%(class)s_publication_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True)
                | Q(unpublish_at__isnull=True)
                | Q(unpublish_at__gt=F("published_at")),
                name="%(app_label)s_%(class)s_unpublish_after_publish",
                violation_error_message="The unpublish time must come after the publish time.",
            ),
        ]

    def save(self, *args, **kwargs):
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.is_published and self.unpublish_time_passed():
            raise ValidationError(
                {
                    "unpublish_at": "This time has passed or comes before the publish time: clear "
                    "it or move it later to publish."
                }
            )

    def unpublish_time_passed(self, now=None) -> bool:
        """Its unpublish time is not after its publish time (or now, if none): publishing
        it would show nothing."""
        publish_at = self.published_at or now or timezone.now()
        return bool(self.unpublish_at and self.unpublish_at <= publish_at)

    @property
    def is_published(self) -> bool:
        return self.publication_status == self.PublicationStatus.PUBLISHED

    @property
    def was_ever_published(self) -> bool:
        """Published now, or once: publishing stamps ``published_at`` and unpublishing keeps
        it, and only publishers may set it, so it marks a record the public may have seen
        (or is scheduled to see) without a walk through its history."""
        return self.is_published or self.published_at is not None

    @property
    def public_state(self) -> str:
        """``draft``, ``scheduled`` (publish time ahead), ``ended`` (unpublished), or ``live``."""
        if not self.is_published:
            return "draft"
        now = timezone.now()
        if self.published_at and self.published_at > now:
            return "scheduled"
        if self.unpublish_at and self.unpublish_at <= now:
            return "ended"
        return "live"

    @property
    def is_live(self) -> bool:
        """Whether visitors see it now (published, and within its publishing window)."""
        now = timezone.now()
        return (
            self.is_published
            and (self.published_at is None or self.published_at <= now)
            and (self.unpublish_at is None or self.unpublish_at > now)
        )


class SluggedModel(models.Model):
    """Fills a blank slug from the record's name when it is validated or saved."""

    slug_source_field = "name"
    # Words that the model's URLs use for pages of their own (e.g. /events/feed/).
    reserved_slugs: frozenset[str] = frozenset()

    slug = models.SlugField(
        max_length=200,
        unique=True,
        blank=True,
        allow_unicode=True,
        help_text="Part of the page address. Leave blank to make one from the name.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, getattr(self, self.slug_source_field))
        elif self.slug in self.reserved_slugs:
            self.slug = unique_slug(self, self.slug)
        super().save(*args, **kwargs)

    def clean(self):
        self.slug = self.slug.strip().lower()
        source = getattr(self, self.slug_source_field)
        if not self.slug or (self.slug == self.suggested_slug(source) and self.slug_taken()):
            # Blank, or the admin's suggestion from the title that another record already
            # has: make a unique one rather than refusing the form.
            self.slug = unique_slug(self, source)
        elif self.slug in self.reserved_slugs:
            raise ValidationError(
                {"slug": f"“{self.slug}” is used by the site itself; choose another slug."}
            )
        super().clean()

    def suggested_slug(self, source: str) -> str:
        max_length = self._meta.get_field("slug").max_length
        return slugify(source, allow_unicode=True)[:max_length].strip("-_")

    def slug_taken(self) -> bool:
        return type(self)._default_manager.filter(slug=self.slug).exclude(pk=self.pk).exists()


# A person or organization is public while a live record mentions them: a conference here,
# and records of apps above events (an agreement's parties and signatories). Those apps
# register, from their AppConfig.ready(), one ``mention(ref) -> queryset`` per model: their
# live rows naming the person or organization at ``ref`` (an OuterRef), answered from an
# index on that column.
_public_mentions: dict[str, list[Callable[[OuterRef], models.QuerySet]]] = {}


def register_public_mention(model_name: str, mention: Callable[[OuterRef], models.QuerySet]):
    """``model_name`` is ``"Person"`` or ``"Organization"``."""
    mentions = _public_mentions.setdefault(model_name, [])
    if mention not in mentions:
        mentions.append(mention)


def mentioned_elsewhere(model_name: str, ref: OuterRef) -> list[models.QuerySet]:
    return [mention(ref) for mention in _public_mentions.get(model_name, ())]


class OrganizationQuerySet(models.QuerySet):
    def public(self):
        """Organizations that a published conference (or another app's live record, see
        ``register_public_mention``) mentions.

        One subquery per kind of mention (see ``any_exists``), each answered from an
        index on the organization column, so that checking one organization (a page, a filter value)
        reads a few rows, whatever the size of the archive."""
        organized = Organizer.objects.filter(live("conference__"), organization=OuterRef("pk"))
        employed = ParticipationPost.objects.filter(
            live("participation__conference__"), position__organization=OuterRef("pk")
        )
        elsewhere = mentioned_elsewhere("Organization", OuterRef("pk"))
        return self.filter(any_exists(organized, *elsewhere, employed))


class OrganizationKind(models.TextChoices):
    GOVERNMENT = "government", "Government"
    PARTY_COMMITTEE = "party_committee", "Party committee"
    ENTERPRISE = "enterprise", "Enterprise"
    TRADE_BODY = "trade_body", "Trade body"
    ASSOCIATION = "association", "Association"
    UNIVERSITY = "university", "University"
    MEDIA = "media", "Media"
    OTHER = "other", "Other"


class CleanImagesMixin:
    """Uploads to ``clean_image_fields`` are cleaned when saved; replaced files go after commit.

    If the save fails, the files it had just written are deleted again at once.
    """

    clean_image_fields: tuple[str, ...] = ()

    def save(self, *args, **kwargs):
        fields = self.clean_image_fields
        before = {}
        if self.pk:
            before = type(self)._default_manager.filter(pk=self.pk).values(*fields).first() or {}
        self.cleaned_uploads = {}
        try:
            for field in fields:
                file = getattr(self, field)
                if file and not file._committed:
                    self.cleaned_uploads[field] = uploads.store_clean(file)
                    model_field = self._meta.get_field(field)
                    if model_field.width_field:
                        setattr(self, model_field.width_field, self.cleaned_uploads[field].width)
                        setattr(self, model_field.height_field, self.cleaned_uploads[field].height)
            super().save(*args, **kwargs)
            self.after_image_save()
        except BaseException:
            uploads.delete_now(self.image_storage, self.files_written())
            raise
        replaced = [
            before[field]
            for field in fields
            if before.get(field) and before[field] != getattr(self, field).name
        ]
        uploads.delete_after_commit(self.image_storage, replaced)

    def after_image_save(self) -> None:
        """More work on the stored files, inside the same safety net as the save."""

    def files_written(self) -> list[str]:
        return [getattr(self, field).name for field in self.cleaned_uploads]

    @property
    def image_storage(self):
        return self._meta.get_field(self.clean_image_fields[0]).storage

    def stored_files(self) -> list[str]:
        return [getattr(self, field).name for field in self.clean_image_fields]


class Organization(ShownOnPublishedRecordMixin, CleanImagesMixin, Searchable, SluggedModel):
    Kind = OrganizationKind
    clean_image_fields = ("logo",)
    search_fields = ("name", "short_name", "city")

    name = models.CharField(max_length=300)
    short_name = models.CharField(
        max_length=60, blank=True, help_text="Acronym or short form, e.g. HKTDC."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    city = models.CharField(max_length=120, blank=True)
    region = models.CharField(max_length=120, blank=True, help_text="Province, state or SAR.")
    country = models.CharField(max_length=120, blank=True)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)
    logo = SafeImageField(upload_to=RandomUploadPath("logos"), blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        permissions = [
            ("delete_published_organization", "Can delete organizations shown on published records")
        ]
        indexes = [
            models.Index(fields=["name"], name="events_org_name_idx"),
            models.Index(fields=["kind", "name"], name="events_org_kind_name_idx"),
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
        return reverse("organizations:detail", kwargs={"slug": self.slug})

    def related_search_words(self) -> list[str]:
        return list(self.aliases.values_list("name", flat=True))

    def published_record_uses(self) -> list[models.QuerySet]:
        return [
            Organizer.objects.filter(organization=self, conference__publication_status=PUBLISHED),
            ParticipationPost.objects.filter(
                position__organization=self, participation__conference__publication_status=PUBLISHED
            ),
        ]

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


class OrganizationAlias(models.Model):
    """Another name an organization is known by ("Nanjing Municipal Government")."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)

    class Meta:
        verbose_name = "other name"
        verbose_name_plural = "other names"
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
    took_part = Participation.objects.filter(live("conference__"), person=OuterRef(person))
    return any_exists(took_part, *mentioned_elsewhere("Person", OuterRef(person)))


class PersonQuerySet(models.QuerySet):
    def public(self):
        """People who took part in a published conference or whom another app's live
        record mentions (a published agreement they signed)."""
        return self.filter(person_is_public())


class Person(ShownOnPublishedRecordMixin, CleanImagesMixin, Searchable, SluggedModel):
    clean_image_fields = ("photo",)
    search_fields = ("name", "name_alt")

    name = models.CharField(max_length=200)
    name_alt = models.CharField(
        "name in another script",
        max_length=200,
        blank=True,
        help_text="For example the name in Chinese characters.",
    )
    bio = models.TextField("short biography", blank=True)
    photo = SafeImageField(upload_to=RandomUploadPath("people"), blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "people"
        ordering = ["name"]
        permissions = [("delete_published_person", "Can delete people shown on published records")]
        indexes = [
            models.Index(fields=["name"], name="events_person_name_idx"),
            # The media view finds a portrait's person (and so whether they are public).
            models.Index(fields=["photo"], name="events_person_photo_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(slug=""), name="events_person_slug_set"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:detail", kwargs={"slug": self.slug})

    def related_search_words(self) -> list[str]:
        # The posts held, so that "mayor of nanjing" finds the mayor.
        return list(self.positions.values_list("title", flat=True))

    def published_record_uses(self) -> list[models.QuerySet]:
        return [Participation.objects.filter(person=self, conference__publication_status=PUBLISHED)]


class Position(models.Model):
    """A post a person holds at an organization; a person may hold several at once."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="positions"
    )
    title = models.CharField(max_length=200, help_text="For example “Mayor of Nanjing”.")
    start_date = models.DateField(null=True, blank=True, validators=[validate_sane_date])
    end_date = models.DateField(null=True, blank=True, validators=[validate_sane_date])
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="events_position_end_after_start",
                violation_error_message="A post cannot end before it starts.",
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

    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        permissions = [("delete_published_topic", "Can delete topics shown on published records")]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="events_topic_name_unique",
                violation_error_message="A topic with this name already exists.",
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="events_topic_slug_set"),
        ]

    def __str__(self):
        return self.name

    def published_record_uses(self) -> list[models.QuerySet]:
        return [Conference.objects.filter(topics=self, publication_status=PUBLISHED)]


class ConferenceQuerySet(PublishableQuerySet):
    def upcoming(self, today: dt.date | None = None):
        today = today or timezone.localdate()
        # Ahead: ends today or later, or (no end) starts today or later. Those under way
        # today started on or after the earliest start among them (read from the end-date
        # index), so the list is a short range of the start-date index from there, however
        # large the archive. Without that bound SQLite and PostgreSQL both walked the whole
        # archive in date order (80 ms at 20,000 conferences).
        under_way = Conference.objects.filter(end_date__gte=today, start_date__lt=today)
        # (Not an aggregate: MIN() would send the planners down the start-date index.)
        earliest = min(under_way.order_by().values_list("start_date", flat=True), default=today)
        return self.filter(
            Q(end_date__gte=today) | Q(start_date__gte=today), start_date__gte=earliest
        ).order_by("start_date", "start_time", "id")

    def past(self, today: dt.date | None = None, by_date: bool = True):
        """Conferences over before today, latest first. ``by_date=False`` when another
        order (title) will be put on the list."""
        today = today or timezone.localdate()
        ended = Q(end_date__lt=today) | Q(end_date__isnull=True, start_date__lt=today)
        if by_date:
            # start_date < today follows from the rest; said outright, it bounds the
            # date-ordered index scan. (For a title order it would instead make SQLite sort
            # every past conference rather than walk the title index.)
            ended &= Q(start_date__lt=today)
        return self.filter(ended).order_by("-start_date", "-start_time", "-id")


class Conference(Searchable, SluggedModel, Publishable):
    slug_source_field = "title"
    search_fields = ("title", "theme", "summary", "body", "venue", "city", "country")
    reserved_slugs = frozenset({"feed", "calendar"})

    title = models.CharField(max_length=300)
    theme = models.CharField(max_length=300, blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    start_date = models.DateField(validators=[validate_sane_date])
    start_time = models.TimeField(null=True, blank=True)
    end_date = models.DateField(
        null=True,
        blank=True,
        validators=[validate_sane_date],
        help_text="Leave blank for a conference held on one day.",
    )
    end_time = models.TimeField(null=True, blank=True)
    time_zone = models.CharField(
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text="The venue's time zone; dates and times are shown in it.",
    )
    venue = models.CharField(max_length=300, blank=True)
    city = models.CharField(max_length=120, blank=True)
    country = models.CharField(max_length=120, blank=True)
    organizations = models.ManyToManyField(
        Organization, through="Organizer", related_name="organized_conferences", blank=True
    )
    topics = models.ManyToManyField(Topic, related_name="conferences", blank=True)
    source_publisher = models.CharField(
        max_length=200, blank=True, help_text="Who published the report, e.g. a wire service."
    )
    source_dateline = models.CharField(max_length=120, blank=True)
    source_date = models.DateField(
        "source publication date", null=True, blank=True, validators=[validate_sane_date]
    )
    source_url = models.URLField("source URL", blank=True, max_length=500)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-id"]
        permissions = [
            ("publish_conference", "Can publish and unpublish conferences"),
            ("delete_published_conference", "Can delete published conferences"),
        ]
        indexes = [
            models.Index(fields=["start_date"], name="events_conf_start_idx"),
            # The order of the upcoming and past lists, read from the index.
            models.Index(
                fields=["start_date", "start_time", "id"], name="events_conf_start_time_idx"
            ),
            models.Index(
                fields=["publication_status", "start_date"], name="events_conf_status_start_idx"
            ),
            models.Index(fields=["city"], name="events_conf_city_idx"),
            models.Index(fields=["end_date"], name="events_conf_end_idx"),
            # "Title (A–Z)": the first page read from the index, not by sorting them all.
            models.Index(fields=["title", "id"], name="events_conf_title_idx"),
        ]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(condition=~Q(slug=""), name="events_conference_slug_set"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="events_conference_end_after_start",
                violation_error_message="A conference cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(end_date__isnull=False, end_date__gt=F("start_date"))
                | Q(end_time__gte=F("start_time")),
                name="events_conference_end_time_after_start",
                violation_error_message="On the same day, the end time cannot be before the "
                "start time.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def starts_at(self) -> dt.datetime | None:
        """The start as an aware datetime in the conference's zone, when a time is set."""
        if self.start_time is None:
            return None
        return dt.datetime.combine(self.start_date, self.start_time, tzinfo=self.zone)

    @property
    def ends_at(self) -> dt.datetime | None:
        if self.end_time is None:
            return None
        return dt.datetime.combine(
            self.end_date or self.start_date, self.end_time, tzinfo=self.zone
        )


class OrganizerRole(models.TextChoices):
    ORGANIZER = "organizer", "Organizer"
    CO_ORGANIZER = "co_organizer", "Co-organizer"
    SUPPORTER = "supporter", "Supporter"
    SPONSOR = "sponsor", "Sponsor"


class Organizer(models.Model):
    Role = OrganizerRole

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="organizers")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="organizer_roles"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.ORGANIZER)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        # Search reaches conferences through organizations: covering, the index alone answers.
        indexes = [
            models.Index(fields=["organization", "conference"], name="events_organizer_org_idx")
        ]
        constraints = [
            choices_constraint("role", OrganizerRole, "events_organizer_role_valid"),
            models.UniqueConstraint(
                fields=["conference", "organization"],
                name="events_organizer_once_per_conference",
                violation_error_message="This organization is already listed for the conference.",
            ),
        ]

    def __str__(self):
        return f"{self.organization} ({self.get_role_display()})"


class SessionKind(models.TextChoices):
    SPEECH = "speech", "Speech"
    VIDEO_ADDRESS = "video_address", "Video address"
    CEREMONY = "ceremony", "Ceremony"
    PANEL = "panel", "Panel"
    OTHER = "other", "Other"


class Session(models.Model):
    """An item on a conference's agenda."""

    Kind = SessionKind

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SPEECH)
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "start_time", "id"]
        constraints = [
            choices_constraint("kind", SessionKind, "events_session_kind_valid"),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(end_time__gte=F("start_time")),
                name="events_session_end_after_start",
                violation_error_message="A session cannot end before it starts.",
            ),
        ]

    def __str__(self):
        return self.title


class ParticipationRole(models.TextChoices):
    HOST = "host", "Host"
    KEYNOTE = "keynote", "Keynote speaker"
    SPEAKER = "speaker", "Speaker"
    SIGNATORY = "signatory", "Signatory"
    GUEST = "guest", "Guest"
    MODERATOR = "moderator", "Moderator"
    DELEGATE = "delegate", "Delegate"
    OTHER = "other", "Other"


class Participation(models.Model):
    """A person's part in a conference: their role, the posts they held, what they said."""

    Role = ParticipationRole

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.SPEAKER)
    positions = models.ManyToManyField(
        Position,
        through="ParticipationPost",
        blank=True,
        related_name="participations",
        verbose_name="posts held",
        help_text="The post or posts the person held at the time; several when they held "
        "more than one.",
    )
    remote = models.BooleanField(
        "took part remotely", default=False, help_text="For example by a video address."
    )
    session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="participations"
    )
    remarks = models.TextField(blank=True, help_text="A summary of what they said.")
    quote = models.TextField(blank=True, help_text="Their own words, as quoted.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        # Search reaches conferences through persons: covering, the index alone answers.
        indexes = [models.Index(fields=["person", "conference"], name="events_part_person_idx")]
        constraints = [
            choices_constraint("role", ParticipationRole, "events_participation_role_valid"),
            models.UniqueConstraint(
                fields=["conference", "person", "role"],
                name="events_participation_once_per_role",
                violation_error_message="This person already has this role at the conference.",
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display().lower()}) at “{self.conference}”"

    def clean(self):
        super().clean()
        # A new conference has no id yet, so none of its sessions can be chosen.
        if self.session_id and self.session.conference_id != self.conference_id:
            raise ValidationError({"session": "Choose a session of this conference."})


class ParticipationPost(models.Model):
    """A post a participant held at the conference; the post cannot be deleted while used."""

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="post_links"
    )
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="participation_links"
    )

    class Meta:
        verbose_name = "post held at a conference"
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "position"], name="events_participation_post_once"
            ),
        ]

    def __str__(self):
        return f"{self.position} (held at “{self.participation.conference}”)"


class KeyFigureQualifier(models.TextChoices):
    EXACT = "", "(exactly)"
    MORE_THAN = "more_than", "more than"
    AT_LEAST = "at_least", "at least"
    ABOUT = "about", "about"
    NEARLY = "nearly", "nearly"
    LESS_THAN = "less_than", "less than"
    UP_TO = "up_to", "up to"


class KeyFigure(models.Model):
    """A number that a conference reported: "more than 5,720 Hong Kong-funded projects"."""

    Qualifier = KeyFigureQualifier

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="key_figures")
    value = models.DecimalField(max_digits=20, decimal_places=2)
    currency = models.CharField(max_length=3, choices=Currency.choices, blank=True)
    unit = models.CharField(
        max_length=60, blank=True, help_text="A unit that is not money, e.g. “hectares” or “%”."
    )
    qualifier = models.CharField(max_length=20, choices=Qualifier.choices, blank=True)
    label = models.CharField(
        max_length=200, help_text="What is counted, e.g. “Hong Kong-funded projects”."
    )
    as_of = models.DateField("as of", null=True, blank=True, validators=[validate_sane_date])
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            choices_constraint("qualifier", KeyFigureQualifier, "events_keyfigure_qualifier_valid"),
            choices_constraint("currency", Currency, "events_keyfigure_currency_valid"),
            models.CheckConstraint(
                condition=Q(currency="") | Q(unit=""),
                name="events_keyfigure_currency_or_unit",
                violation_error_message="Give a currency or a unit, not both.",
            ),
        ]

    def __str__(self):
        from .templatetags.events import key_figure

        return f"{key_figure(self)} {self.label}"


# Filled by apps whose pages show photos too (partnerships, in its AppConfig.ready()),
# so that this app need not know them: each entry gives, for the photo at
# OuterRef("pk"), a queryset of that app's live records showing it.
PHOTO_SHOWINGS: list = []


def register_photo_showing(showing) -> None:
    """``showing()`` → a queryset of live records that show the photo at OuterRef("pk")."""
    if showing not in PHOTO_SHOWINGS:
        PHOTO_SHOWINGS.append(showing)


def photo_owner_is_live() -> Q:
    """The photo's own record is live: its conference. A photo without a conference has
    no owner of its own; the page showing it decides (see ``MediaItemQuerySet.public``)."""
    return live("conference__")


class MediaItemQuerySet(models.QuerySet):
    def public(self):
        """Photos a visitor may see: those of a live conference, and those with no
        conference that a live record of another app shows (an agreement). A draft
        conference's photo stays hidden even where a published agreement shows it.

        One subquery per other app, each answered from the index on its photo column."""
        shown_elsewhere = [showing() for showing in PHOTO_SHOWINGS]
        without_conference = (
            Q(conference__isnull=True) & any_exists(*shown_elsewhere)
            if shown_elsewhere
            else Q(pk__in=[])
        )
        return self.filter(photo_owner_is_live() | without_conference)


class MediaItem(ShownOnPublishedRecordMixin, CleanImagesMixin, models.Model):
    """A captioned image of a conference, which agreements may show too."""

    clean_image_fields = ("image",)

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, null=True, blank=True, related_name="media"
    )
    image = SafeImageField(
        upload_to=RandomUploadPath("media"),
        width_field="width",
        height_field="height",
        help_text="A JPEG, PNG or WebP photo. It is turned upright and its metadata (such as "
        "the GPS position) removed.",
    )
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    content_hash = models.CharField(
        max_length=64, blank=True, editable=False, help_text="SHA-256 of the file uploaded."
    )
    renditions = models.JSONField(default=list, blank=True, editable=False)
    caption = models.CharField(max_length=500)
    alt_text = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text="What the image shows, for people who cannot see it.",
    )
    is_decorative = models.BooleanField(
        "decorative",
        default=False,
        help_text="Tick only if the image adds nothing to the caption; it then needs no alt text.",
    )
    credit = models.CharField(max_length=200, blank=True)
    taken_on = models.DateField(
        "date taken", null=True, blank=True, validators=[validate_sane_date]
    )
    order = models.PositiveSmallIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = MediaItemQuerySet.as_manager()

    class Meta:
        verbose_name = "media item"
        ordering = ["order", "id"]
        indexes = [
            models.Index(fields=["content_hash"], name="events_media_hash_idx"),
            # The media view finds a file's photo (and so whether visitors may have it).
            models.Index(fields=["image"], name="events_media_image_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(caption=""), name="events_media_caption_set"),
            models.CheckConstraint(
                condition=~Q(alt_text="") | Q(is_decorative=True),
                name="events_media_alt_text_set",
                violation_error_message="Describe the image in the alt text, or mark it as "
                "decorative.",
            ),
        ]

    def __str__(self):
        return self.caption

    def save(self, *args, **kwargs):
        renditions_before = []
        if self.pk:
            renditions_before = (
                MediaItem.objects.filter(pk=self.pk).values_list("renditions", flat=True).first()
            ) or []
        self.new_renditions = []
        super().save(*args, **kwargs)
        stale = set(uploads.rendition_files(renditions_before)) - set(
            uploads.rendition_files(self.renditions)
        )
        uploads.delete_after_commit(self.image_storage, stale)

    def after_image_save(self) -> None:
        if "image" not in self.cleaned_uploads:
            return
        self.content_hash = self.cleaned_uploads["image"].sha256
        self.renditions = uploads.write_renditions(self.image.storage, self.image.name)
        self.new_renditions = uploads.rendition_files(self.renditions)
        MediaItem.objects.filter(pk=self.pk).update(
            content_hash=self.content_hash, renditions=self.renditions
        )

    def files_written(self) -> list[str]:
        return [*super().files_written(), *self.new_renditions]

    def regenerate_renditions(self) -> None:
        """Make this image's renditions again from its stored original."""
        before = set(uploads.rendition_files(self.renditions))
        self.renditions = uploads.write_renditions(self.image.storage, self.image.name)
        MediaItem.objects.filter(pk=self.pk).update(renditions=self.renditions)
        stale = before - set(uploads.rendition_files(self.renditions))
        uploads.delete_after_commit(self.image_storage, stale)

    def stored_files(self) -> list[str]:
        return [*super().stored_files(), *uploads.rendition_files(self.renditions)]

    def duplicates(self):
        """Other media items made from exactly the same file."""
        if not self.content_hash:
            return MediaItem.objects.none()
        return MediaItem.objects.filter(content_hash=self.content_hash).exclude(pk=self.pk)

    def published_record_uses(self) -> list[models.QuerySet]:
        # Its own conference; agreements that show it answer through the registry.
        if self.conference_id is None:
            return []
        return [Conference.objects.filter(pk=self.conference_id, publication_status=PUBLISHED)]

    @property
    def alt(self) -> str:
        return "" if self.is_decorative else self.alt_text

    @property
    def smallest_rendition(self) -> dict | None:
        return self.renditions[0] if self.renditions else None


@receiver(post_delete, sender=MediaItem)
@receiver(post_delete, sender=Organization)
@receiver(post_delete, sender=Person)
def delete_image_files(sender, instance, **kwargs):
    """When a row with images goes, its files go too, once the delete has committed,
    unless another photo still shows the same stored file (bulk content shares files)."""
    if sender is MediaItem:
        # Through the indexed hash: the same stored file means the same uploaded bytes.
        sharing = MediaItem.objects.filter(
            content_hash=instance.content_hash, image=instance.image.name
        )
        if sharing.exists():
            return
    uploads.delete_after_commit(instance.image_storage, instance.stored_files())


@receiver(post_save, sender=OrganizationAlias)
@receiver(post_delete, sender=OrganizationAlias)
def alias_changed(sender, instance, **kwargs):
    if not kwargs.get("raw"):
        Organization.refresh_search_text([instance.organization_id])


@receiver(post_save, sender=Position)
@receiver(post_delete, sender=Position)
def position_changed(sender, instance, **kwargs):
    if not kwargs.get("raw"):
        Person.refresh_search_text([instance.person_id])
