from django.contrib.sitemaps import Sitemap

from .models import Conference, Organization, Person


class ConferenceSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Conference.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated


class PersonSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Person.objects.public().order_by("pk")

    def lastmod(self, item):
        return item.updated


class OrganizationSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Organization.objects.public().order_by("pk")

    def lastmod(self, item):
        return item.updated
