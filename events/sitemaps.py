from django.contrib.sitemaps import Sitemap

from .models import Conference, Organization, Person


class LanguageSitemap(Sitemap):
    """Each page once per language (``settings.LANGUAGES``), each entry naming the page in
    every language (``xhtml:link rel="alternate" hreflang``) and, as ``x-default``, the
    address without a language prefix, which sends a visitor to their browser's language.
    The records are read once for all the languages."""

    i18n = True
    alternates = True
    x_default = True


class ConferenceSitemap(LanguageSitemap):
    changefreq = "weekly"

    def items(self):
        return Conference.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated


class PersonSitemap(LanguageSitemap):
    changefreq = "monthly"

    def items(self):
        return Person.objects.public().order_by("pk")

    def lastmod(self, item):
        return item.updated


class OrganizationSitemap(LanguageSitemap):
    changefreq = "monthly"

    def items(self):
        return Organization.objects.public().order_by("pk")

    def lastmod(self, item):
        return item.updated
