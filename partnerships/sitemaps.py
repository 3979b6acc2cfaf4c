from events.sitemaps import PerLanguageSitemap

from .models import Agreement


class AgreementSitemap(PerLanguageSitemap):
    changefreq = "monthly"

    def items(self):
        return Agreement.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated
