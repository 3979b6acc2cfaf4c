from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ConfigConfig(AppConfig):
    """The site frame: base template, site CSS, home and error pages."""

    name = "config"
    default = True
    verbose_name = _("Site")

    def ready(self):
        from . import pagecache

        pagecache.connect_signals()


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin, on a site whose choosers (autocompletes) say what they offer."""

    default = False

    default_site = "events.admin_site.AdminSite"
