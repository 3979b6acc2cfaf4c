"""Conferences and what belongs to each: organizers and the agenda (key figures, participants
and photos have modules of their own)."""

import datetime as dt
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ..formatting import day_month_year
from ..links import slug_url
from ..prebuilt import built_for_each_day
from ..search import Searchable
from .directory import Organization, Topic
from .fields import choices_constraint, default_time_zone, validate_sane_date, validate_time_zone
from .publishing import Publishable, PublishableQuerySet, SluggedModel


@built_for_each_day
def start_dates_under_way(today: dt.date):
    """The start dates of every conference under way on ``today`` (begun before it, not
    yet ended), built once a day (events/prebuilt.py)."""
    under_way = Conference.objects.filter(end_date__gte=today, start_date__lt=today)
    return under_way.order_by().values_list("start_date", flat=True)


class ConferenceQuerySet(PublishableQuerySet):
    def upcoming(self, today: dt.date | None = None):
        today = today or timezone.localdate()
        # Ahead: ends today or later, or (no end) starts today or later. Those under way
        # today started on or after the earliest start among them (read from the end-date
        # index), so the list is a short range of the start-date index from there, however
        # large the archive. Without that bound SQLite and PostgreSQL both walked the whole
        # archive in date order (80 ms at 20,000 conferences).
        # (Not an aggregate: MIN() would send the planners down the start-date index.)
        earliest = min(start_dates_under_way(today), default=today)
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

    title = models.CharField(_("title"), max_length=300)
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    start_date = models.DateField(_("start date"), validators=[validate_sane_date])
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        validators=[validate_sane_date],
        help_text=_("Leave blank for a conference held on one day."),
    )
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_("The venue's time zone; dates and times are shown in it."),
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=120, blank=True)
    organizations = models.ManyToManyField(
        Organization,
        through="Organizer",
        related_name="organized_conferences",
        blank=True,
        verbose_name=_("organizations"),
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="conferences", blank=True
    )
    source_publisher = models.CharField(
        _("source publisher"),
        max_length=200,
        blank=True,
        help_text=_("Who published the report, e.g. a wire service."),
    )
    source_dateline = models.CharField(_("source dateline"), max_length=120, blank=True)
    source_date = models.DateField(
        _("source publication date"), null=True, blank=True, validators=[validate_sane_date]
    )
    source_url = models.URLField(_("source URL"), blank=True, max_length=500)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["-start_date", "-id"]
        permissions = [
            ("publish_conference", gettext_noop("Can publish and unpublish conferences")),
            ("delete_published_conference", gettext_noop("Can delete published conferences")),
        ]
        indexes = [
            models.Index(fields=["start_date"], name="events_conf_start_idx"),
            # The order of the upcoming and past lists, read from the index.
            models.Index(
                fields=["start_date", "start_time", "id"], name="events_conf_start_time_idx"
            ),
            # The public list in date order, and whether each row is live, from the index
            # alone: counting the conferences a search finds (thousands for a common
            # word) reads no row (9 ms against 26 for 13,000 rows; an unsearched count
            # 1.8 ms against 33, on the full bench archive).
            models.Index(
                fields=["publication_status", "start_date", "published_at", "unpublish_at"],
                name="events_conf_live_start_idx",
            ),
            models.Index(fields=["city"], name="events_conf_city_idx"),
            # Ending on a date, with the start beside it: "under way today" (``upcoming()``,
            # on the home page and the list) is read from the index alone, not from the
            # table row of every conference still to come (0.8 ms at 20,000).
            models.Index(fields=["end_date", "start_date"], name="events_conf_end_start_idx"),
            # "Title (A–Z)": the first page read from the index, not by sorting them all.
            models.Index(fields=["title", "id"], name="events_conf_title_idx"),
        ]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(condition=~Q(slug=""), name="events_conference_slug_set"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="events_conference_end_after_start",
                violation_error_message=_("A conference cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(end_date__isnull=False, end_date__gt=F("start_date"))
                | Q(end_time__gte=F("start_time")),
                name="events_conference_end_time_after_start",
                violation_error_message=_(
                    "On the same day, the end time cannot be before the start time."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("events:detail", self.slug)

    # Its search text holds its topics' names, and the search text of its organizers and
    # participants as they store it (names, other names, posts): a search for a person
    # or an organization finds the conference from its own index (events/models/
    # conference_search.py keeps it current).
    def related_search_words(self) -> list[str]:
        return self.related_search()[0]

    def held_search_texts(self) -> list[str]:
        return self.related_search()[1]

    def related_search(self) -> tuple[list[str], list[str]]:
        found = self.__dict__.pop("_related_search", None)
        if found is None:
            from .conference_search import related_search

            found = related_search([self.pk])[self.pk]
        return found

    @classmethod
    def related_search_for(cls, records) -> None:
        from .conference_search import related_search

        found = related_search([record.pk for record in records])
        for record in records:
            record._related_search = found[record.pk]

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
    ORGANIZER = "organizer", _("Organizer")
    CO_ORGANIZER = "co_organizer", _("Co-organizer")
    SUPPORTER = "supporter", _("Supporter")
    SPONSOR = "sponsor", _("Sponsor")


class Organizer(models.Model):
    Role = OrganizerRole

    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="organizers",
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="organizer_roles",
        verbose_name=_("organization"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.ORGANIZER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("organizer")
        verbose_name_plural = _("organizers")
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
                violation_error_message=_(
                    "This organization is already listed for the conference."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.organization} ({self.get_role_display()})"


class SessionKind(models.TextChoices):
    SPEECH = "speech", _("Speech")
    VIDEO_ADDRESS = "video_address", _("Video address")
    CEREMONY = "ceremony", _("Ceremony")
    PANEL = "panel", _("Panel")
    OTHER = "other", _("Other")


class Session(models.Model):
    """An item on a conference's agenda."""

    Kind = SessionKind

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SPEECH)
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        validators=[validate_sane_date],
        help_text=_("Within the conference's dates; leave blank for its first day."),
    )
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        # In a context of their own: Django's sessions app translates "session" as a
        # browser session (会话), and its catalog comes first.
        verbose_name = pgettext_lazy("agenda item", "session")
        verbose_name_plural = pgettext_lazy("agenda item", "sessions")
        ordering = ["order", "start_time", "id"]
        constraints = [
            choices_constraint("kind", SessionKind, "events_session_kind_valid"),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(end_time__gte=F("start_time")),
                name="events_session_end_after_start",
                violation_error_message=_("A session cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        # A session typed in the same form as a new conference has the conference object
        # but no id yet.
        if self.date is None or not (self.conference_id or Session.conference.is_cached(self)):
            return
        first_day = self.conference.start_date
        if first_day is None:  # the conference's own form has an error there already
            return
        last_day = self.conference.end_date or first_day
        if not first_day <= self.date <= last_day:
            if first_day == last_day:
                message = gettext(
                    "The conference is held on %(day)s: pick a day within it, or leave blank."
                ) % {"day": day_month_year(first_day)}
            else:
                message = gettext(
                    "The conference is held from %(first)s to %(last)s: pick a day within it, "
                    "or leave blank."
                ) % {"first": day_month_year(first_day), "last": day_month_year(last_day)}
            raise ValidationError({"date": message})

    @property
    def day(self) -> dt.date:
        """The session's day: its date, or the conference's first day when none is set."""
        return self.date or self.conference.start_date

    @property
    def starts_at(self) -> dt.datetime | None:
        """The start as an aware datetime in the conference's zone, when a date and time
        are set."""
        if self.date is None or self.start_time is None:
            return None
        return dt.datetime.combine(self.date, self.start_time, tzinfo=self.conference.zone)

    @property
    def ends_at(self) -> dt.datetime | None:
        if self.date is None or self.end_time is None:
            return None
        return dt.datetime.combine(self.date, self.end_time, tzinfo=self.conference.zone)
