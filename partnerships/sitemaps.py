from events.sitemaps import RecordSitemap

from .models import Agreement


class AgreementSitemap(RecordSitemap):
    changefreq = "monthly"

    def records(self):
        return Agreement.objects.published()
