from events.sitemaps import LanguageSitemap

from .models import Agreement


class AgreementSitemap(LanguageSitemap):
    changefreq = "monthly"

    def items(self):
        return Agreement.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated
