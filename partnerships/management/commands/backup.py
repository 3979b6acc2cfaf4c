from django.core.management.base import BaseCommand
from django.utils import timezone

from partnerships.backups import write_backup


class Command(BaseCommand):
    help = "Write one archive with all content (natural keys) and all media files."

    def add_arguments(self, parser):
        parser.add_argument(
            "archive",
            nargs="?",
            help="Where to write it (default: backup-YYYYMMDD-HHMMSS.tar.gz here).",
        )

    def handle(self, *args, archive=None, **options):
        archive = archive or f"backup-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
        self.stdout.write(f"Writing {archive}…")
        manifest = write_backup(archive, progress=self.stdout.write)
        files = len(manifest["members"]) - 1
        self.stdout.write(
            self.style.SUCCESS(f"Backed up {manifest['rows']} rows and {files} files to {archive}.")
        )
