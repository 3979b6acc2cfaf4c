"""Read every release of a corpus and print how well the intake reads: per kind of fact
and overall, the facts expected, read and right, precision and recall.

    manage.py intake_score                      # tests/intake_corpus
    manage.py intake_score DIR --check          # exits 1 under the bar
    manage.py intake_score --show               # and each release's missed and extra facts
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from partnerships.intake.scoring import KIND_MINIMUM, OVERALL_MINIMUM, score_corpus


class Command(BaseCommand):
    help = "Score the press release reader on a corpus of releases with their expected facts."

    def add_arguments(self, parser):
        parser.add_argument(
            "directory",
            nargs="?",
            default=str(Path(settings.BASE_DIR) / "tests" / "intake_corpus"),
            help="A folder of NN-slug.txt releases, each with its NN-slug.json facts.",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help=f"Exit 1 when overall precision or recall is under {OVERALL_MINIMUM}, "
            f"or any kind's under {KIND_MINIMUM}.",
        )
        parser.add_argument(
            "--show", action="store_true", help="List each release's missed and extra facts."
        )

    def handle(self, directory, check, show, **options):
        folder = Path(directory)
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder of releases.")
        try:
            total, each = score_corpus(folder)
        except (FileNotFoundError, ValueError, KeyError) as error:
            raise CommandError(str(error)) from error
        if not each:
            raise CommandError(f"{folder} holds no releases (NN-slug.txt).")
        if show:
            for name, result in each.items():
                overall = result.overall
                self.stdout.write(
                    f"{name}: precision {overall.precision:.3f}, recall {overall.recall:.3f}"
                )
                for fact in result.missed:
                    self.stdout.write(f"  missed {fact.kind} {fact.value}")
                for fact in result.extra:
                    self.stdout.write(f"  extra  {fact.kind} {fact.value}")
        self.stdout.write(f"Intake reading of {len(each)} releases in {folder}:")
        self.stdout.write(total.table())
        failures = total.failures()
        if check and failures:
            raise CommandError("Under the bar: " + "; ".join(failures), returncode=1)
        if check:
            self.stdout.write(
                f"At or above the bar (overall {OVERALL_MINIMUM}, each kind {KIND_MINIMUM})."
            )
