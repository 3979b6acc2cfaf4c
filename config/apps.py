from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The site frame: base template, site CSS, home and error pages."""

    name = "config"
    verbose_name = "Site"

    def ready(self):
        from . import pagecache

        pagecache.connect_signals()
