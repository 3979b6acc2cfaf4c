"""The publishing kernel: drafts and publishing windows (``live()``), the registries that
apps above events fill so that events can ask about them without reaching up, and slugs."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import IsNull
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..compiled import clock_param
from ..languages import DEFAULT, column
from ..slugs import unique_slug
from .fields import validate_sane_date


class PublishablePublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


PUBLISHED = PublishablePublicationStatus.PUBLISHED


class ClockNow(models.Expression):
    """The time by this process's clock (``timezone.now()``), read when the query is
    compiled rather than when it is built: a queryset holding it may be built once and
    run for every request (events/views.py keeps some that cost more to build than to
    run). Not the database's clock: the publishing rules, and the tests' frozen clock,
    are Python's."""

    output_field = models.DateTimeField()

    def as_sql(self, compiler, connection):
        # Marked, so that SQL kept for reuse reads the clock again (events/compiled.py).
        now = self.output_field.get_db_prep_value(timezone.now(), connection)
        return "%s", [clock_param(now)]


def live(prefix: str = "") -> Q:
    """What visitors may see: published, its publish time reached, its unpublish time not.

    ``prefix`` reaches a related record (``"conference__"``). Scheduling needs no cron
    job: every query asks the clock, when it runs (``ClockNow``).
    """
    now = ClockNow()
    return (
        Q(**{f"{prefix}publication_status": PUBLISHED})
        & (Q(**{f"{prefix}published_at__isnull": True}) | Q(**{f"{prefix}published_at__lte": now}))
        & (Q(**{f"{prefix}unpublish_at__isnull": True}) | Q(**{f"{prefix}unpublish_at__gt": now}))
    )


def unrewritten(queryset):
    """``queryset`` as Django runs it: a translated model's queryset (modeltranslation)
    otherwise reads every column for ``values(name=expression)`` and rewrites field names
    to the active language's columns."""
    rewrite = getattr(queryset, "rewrite", None)
    return rewrite(False) if rewrite else queryset


def any_exists(*querysets) -> Q:
    """True for an outer row when any of these correlated querysets has a row.

    Not ``EXISTS (…) OR EXISTS (…)``: PostgreSQL runs an OR of EXISTS as "hashed
    subplans" that read every matching row of each table before the first outer row,
    even when the list wants twenty (0.5 s for the people list at 100,000 people). Here
    each is a one-row subquery answered from the index on the outer row's key, tried in
    turn: ``COALESCE`` stops at the first that finds something. SQLite runs both alike.
    """
    first_rows = [
        Subquery(
            unrewritten(queryset).order_by().values(found=Value(1))[:1],
            output_field=IntegerField(),
        )
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
        return self.filter(publication_status=PublishablePublicationStatus.DRAFT)


class Publishable(models.Model):
    """A record that is a draft until staff publish it; the public sees published ones only."""

    PublicationStatus = PublishablePublicationStatus

    publication_status = models.CharField(
        _("publication status"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    published_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        validators=[validate_sane_date],
        help_text=_(
            "When visitors first see it once published. Leave blank to publish at "
            "once; a future time schedules it."
        ),
    )
    unpublish_at = models.DateTimeField(
        _("unpublish at"),
        null=True,
        blank=True,
        validators=[validate_sane_date],
        help_text=_("Optional: from this time visitors no longer see it."),
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(publication_status__in=PublishablePublicationStatus.values),
                name="%(app_label)s_%(class)s_publication_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True)
                | Q(unpublish_at__isnull=True)
                | Q(unpublish_at__gt=F("published_at")),
                name="%(app_label)s_%(class)s_unpublish_after_publish",
                violation_error_message=_("The unpublish time must come after the publish time."),
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
                    "unpublish_at": _(
                        "This time has passed or comes before the publish time: clear "
                        "it or move it later to publish."
                    )
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
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        allow_unicode=True,
        help_text=_("Part of the page address. Leave blank to make one from the name."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.slug_source())
        elif self.slug in self.reserved_slugs:
            self.slug = unique_slug(self, self.slug)
        super().save(*args, **kwargs)

    def clean(self):
        self.slug = self.slug.strip().lower()
        source = self.slug_source()
        if not self.slug or (self.slug == self.suggested_slug(source) and self.slug_taken()):
            # Blank, or the admin's suggestion from the title that another record already
            # has: make a unique one rather than refusing the form.
            self.slug = unique_slug(self, source)
        elif self.slug in self.reserved_slugs:
            raise ValidationError(
                {
                    "slug": gettext("“%(slug)s” is used by the site itself; choose another slug.")
                    % {"slug": self.slug}
                }
            )
        super().clean()

    def slug_source(self) -> str:
        """The text the slug is made from: its English (a record has one address in
        every language), else the name in the language at hand."""
        english = getattr(self, column(self.slug_source_field, DEFAULT), None)
        return english or getattr(self, self.slug_source_field)

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
    """``model_name`` is ``"Person"``, ``"Organization"`` or ``"Topic"`` (the API's
    topics: events/api/topics.py)."""
    mentions = _public_mentions.setdefault(model_name, [])
    if mention not in mentions:
        mentions.append(mention)


def mentioned_elsewhere(model_name: str, ref: OuterRef) -> list[models.QuerySet]:
    return [mention(ref) for mention in _public_mentions.get(model_name, ())]
