from django.contrib.sitemaps import Sitemap

from .models import Conference, Organization, Person


class PerLanguageSitemap(Sitemap):
    """Each page once per language (/en/, /zh-hans/, /zh-hant/), with its addresses in
    the other languages as ``hreflang`` alternates and the unprefixed address (which
    sends a reader to their language) as ``x-default``."""

    i18n = True
    alternates = True
    x_default = True


class ConferenceSitemap(PerLanguageSitemap):
    changefreq = "weekly"

    def items(self):
        return Conference.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated


class PersonSitemap(PerLanguageSitemap):
    changefreq = "monthly"

    def items(self):
        return Person.objects.public().order_by("pk")

    def lastmod(self, item):
        return item.updated


class OrganizationSitemap(PerLanguageSitemap):
    changefreq = "monthly"

    def items(self):
        return Organization.objects.public().order_by("pk")

    def lastmod(self, item):
        return item.updated
