"""Make every photo's renditions again, after changing their sizes or moving storage.

Each photo's renditions are written under names that follow from its original, then
the row is updated; so the command can be stopped at any point and run again.
"""

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from events import services
from events.models import MediaItem, Organization, Person
from events.progress import Progress
from events.uploads import rendition_files


class Command(BaseCommand):
    help = "Regenerate every photo's renditions (WebP and JPEG/PNG at the configured widths)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing-only",
            action="store_true",
            help="Only photos with a rendition missing from storage (e.g. after an interruption).",
        )
        parser.add_argument(
            "--prune-orphans",
            action="store_true",
            help="Also delete stored image files that no record refers to (and that are older "
            "than the grace period, so uploads in progress are safe).",
        )
        parser.add_argument(
            "--grace-minutes",
            type=int,
            default=None,
            help="With --prune-orphans: leave files younger than this alone (default: "
            "PRUNE_GRACE_MINUTES, 60). A save writes its files before it commits.",
        )

    def handle(self, *args, missing_only=False, prune_orphans=False, grace_minutes=None, **options):
        items = MediaItem.objects.order_by("pk")
        total = items.count()
        self.stdout.write(f"Regenerating renditions of {total} photos…")
        progress = Progress(self.stdout, "Renditions", total, unit="photos")
        done = made = skipped = missing = failed = 0
        try:
            for item in items.iterator(chunk_size=200):
                storage = item.image.storage
                if not item.image or not storage.exists(item.image.name):
                    missing += 1
                    self.stderr.write(f"\nPhoto {item.pk} (“{item.caption}”): original is missing.")
                elif (
                    missing_only
                    and all(storage.exists(name) for name in rendition_files(item.renditions))
                    and item.renditions
                ):
                    skipped += 1
                else:
                    try:
                        services.regenerate_renditions(item)
                        made += 1
                    except Exception as error:  # one bad file must not stop the rest
                        failed += 1
                        self.stderr.write(f"\nPhoto {item.pk} (“{item.caption}”): {error}")
                done += 1
                progress.update(done)
        except KeyboardInterrupt:
            progress.finish()
            self.summary(made, skipped, missing, failed)
            raise CommandError(
                f"Interrupted after {done} of {total} photos. Run the command again to finish "
                "(--missing-only skips the photos already done)."
            ) from None
        progress.finish()
        if prune_orphans:
            self.prune(settings.PRUNE_GRACE_MINUTES if grace_minutes is None else grace_minutes)
        self.summary(made, skipped, missing, failed)
        if failed or missing:
            raise CommandError(f"{failed + missing} photos could not be processed; see above.")

    def summary(self, made, skipped, missing, failed):
        self.stdout.write(
            self.style.SUCCESS(
                f"Renditions made for {made} photos; {skipped} already complete; "
                f"{missing} with the original missing; {failed} failed."
            )
        )

    def prune(self, grace_minutes: int):
        """Delete files in the image folders that no row refers to: left by a save that
        rolled back, or by a worker killed while it saved (its transaction never committed).

        A save writes its files first and commits after, so a file younger than the grace
        period may belong to a save still running: it is left for a later run.
        """
        storage = MediaItem._meta.get_field("image").storage
        referenced = set()
        for item in MediaItem.objects.only("image", "renditions").iterator():
            referenced.update([item.image.name, *rendition_files(item.renditions)])
        referenced.update(Organization.objects.exclude(logo="").values_list("logo", flat=True))
        referenced.update(Person.objects.exclude(photo="").values_list("photo", flat=True))
        recent = timezone.now() - dt.timedelta(minutes=grace_minutes)
        deleted = 0
        for folder in ("media", "media/renditions", "logos", "people"):
            try:
                names = storage.listdir(folder)[1]
            except FileNotFoundError:
                continue
            for name in names:
                path = f"{folder}/{name}"
                if path in referenced:
                    continue
                try:
                    old = storage.get_modified_time(path) < recent
                except FileNotFoundError:  # deleted meanwhile by its own save's rollback
                    continue
                if old:
                    storage.delete(path)
                    deleted += 1
        self.stdout.write(f"Deleted {deleted} files that no record refers to.")
