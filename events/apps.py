from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Conferences, people and organizations")
    # Its rows make the public pages: a change retires cached pages (config/pagecache.py).
    content = True

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import compiled
        from .choices import quick_choice_labels
        from .languages import follow_activation
        from .search import ensure_search_tables

        follow_activation()
        compiled.install()
        quick_choice_labels(*self.get_models())

        # After every migrate (and flush): what the search index needs (on SQLite, its
        # tables and their triggers).
        post_migrate.connect(ensure_search_tables, sender=self)
