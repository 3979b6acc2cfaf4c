"""``python manage.py messages``: the translation catalogs brought up to date with the
text marked in the code and templates, and compiled (config/catalogs.py)."""

from django.core.management.base import BaseCommand

from config.catalogs import make_messages


class Command(BaseCommand):
    help = "Extract the marked interface text into each app's catalogs, and compile them."

    def handle(self, *args, **options):
        untranslated = make_messages()
        for line in untranslated:
            self.stdout.write(f"untranslated: {line}")
        self.stdout.write(f"Catalogs written; {len(untranslated)} texts to translate.")
