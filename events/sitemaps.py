from django.contrib.sitemaps import Sitemap

from .models import Conference, Organization, Person


class PerLanguage:
    """The ``(record, language)`` pairs of a sitemap, read a page at a time.

    Django's own list of them (``Sitemap._items`` with ``i18n``) reads every record of a
    section for each page of the sitemap (100,000 people at full size); this counts them
    and reads only the records of the page asked for, as a sitemap of one language does:
    a count and a slice."""

    def __init__(self, items, codes):
        self.items, self.codes = items, list(codes)

    def count(self) -> int:
        counted = self.items.count() if hasattr(self.items, "query") else len(self.items)
        return counted * len(self.codes)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        size = len(self.codes)
        if not isinstance(index, slice):
            return (self.items[index // size], self.codes[index % size])
        start, stop = index.start or 0, index.stop
        first = start // size
        last = None if stop is None else -(-stop // size)  # rounded up
        pairs = [(item, code) for item in self.items[first:last] for code in self.codes]
        offset = start - first * size
        return pairs[offset : None if stop is None else stop - first * size]


class LanguageSitemap(Sitemap):
    """Each page once per language (``settings.LANGUAGES``), each entry naming the page in
    every language (``xhtml:link rel="alternate" hreflang``) and, as ``x-default``, the
    address without a language prefix, which sends a visitor to their browser's language.
    Every record is shown in every language (a missing translation falls back), so every
    entry has all three."""

    i18n = True
    alternates = True
    x_default = True

    def _items(self):
        return PerLanguage(self.items(), self._languages())


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
