"""Captioned photos of conferences (which other apps' records may show), and the removal
of stored image files when their rows go."""

from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from .. import uploads
from ..images import SafeImageField
from .conferences import Conference
from .directory import Organization, Person
from .fields import RandomUploadPath, validate_sane_date
from .image_files import CleanImagesMixin
from .publishing import PUBLISHED, ShownOnPublishedRecordMixin, any_exists, live

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
        Conference,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="media",
        verbose_name=_("conference"),
    )
    image = SafeImageField(
        _("image"),
        upload_to=RandomUploadPath("media"),
        width_field="width",
        height_field="height",
        help_text=_(
            "A JPEG, PNG or WebP photo. It is turned upright and its metadata (such as "
            "the GPS position) removed."
        ),
    )
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    content_hash = models.CharField(
        _("content hash"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("SHA-256 of the file uploaded."),
    )
    renditions = models.JSONField(_("renditions"), default=list, blank=True, editable=False)
    caption = models.CharField(_("caption"), max_length=500)
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    is_decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_(
            "Tick only if the image adds nothing to the caption; it then needs no alt text."
        ),
    )
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    taken_on = models.DateField(
        _("date taken"), null=True, blank=True, validators=[validate_sane_date]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = MediaItemQuerySet.as_manager()

    class Meta:
        verbose_name_plural = _("media items")
        verbose_name = _("media item")
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
                violation_error_message=_(
                    "Describe the image in the alt text, or mark it as decorative."
                ),
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
