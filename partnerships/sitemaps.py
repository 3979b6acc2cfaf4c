from django.contrib.sitemaps import Sitemap

from .models import Agreement


class AgreementSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Agreement.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated
