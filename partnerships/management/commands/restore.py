from django.core.management.base import BaseCommand, CommandError

from partnerships.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Load an archive written by `backup` into an empty database. The whole archive is "
        "checked first; a damaged or foreign one changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz file written by `backup`.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete this site's current content first, instead of refusing.",
        )

    def handle(self, *args, archive, replace=False, **options):
        self.stdout.write(f"Checking {archive}…")
        try:
            manifest = restore_backup(archive, replace=replace, progress=self.stdout.write)
        except BackupError as error:
            raise CommandError(f"{error} Nothing was changed.") from error
        files = len(manifest["members"]) - 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {manifest['rows']} rows and {files} files from the backup of "
                f"{manifest['created']}."
            )
        )
