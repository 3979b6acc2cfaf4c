"""The public sitemaps: ``/sitemap.xml`` is an index naming each section's pages
(``/sitemap-conferences.xml``, ``?p=2``...), config/urls.py.

At full size (20,000 conferences, 50,000 agreements, 100,000 people, 10,000 organizations,
each in three languages) one file would break the protocol's limits of 50,000 addresses
and 50 MB a file. A page here holds ``settings.SITEMAP_ENTRIES_PER_PAGE`` entries, each
naming five addresses (its own, and as alternates the three languages and ``x-default``;
the setting says what that weighs), and is read with two queries whatever the size of
the archive: a count and the page's records (only the columns an entry shows).
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max

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

    @property
    def limit(self) -> int:
        return settings.SITEMAP_ENTRIES_PER_PAGE

    def _items(self):
        return PerLanguage(self.items(), self._languages())


class RecordSitemap(LanguageSitemap):
    """A model's public records, in key order, each read with only the columns an entry
    shows (its slug and its time of change: a conference's body in three languages is
    not read to name its address)."""

    lastmod_field = "updated"

    def records(self):
        raise NotImplementedError

    def items(self):
        return self.records().order_by("pk").only("pk", "slug", self.lastmod_field)

    def lastmod(self, item):
        return getattr(item, self.lastmod_field)

    def get_latest_lastmod(self):
        """The index's ``lastmod`` of the section: one aggregate, where Django's own
        reads every record of the section."""
        latest = self.records().order_by().aggregate(latest=Max(self.lastmod_field))
        return latest["latest"]


class ConferenceSitemap(RecordSitemap):
    changefreq = "weekly"

    def records(self):
        return Conference.objects.published()


class PersonSitemap(RecordSitemap):
    changefreq = "monthly"

    def records(self):
        return Person.objects.public()


class OrganizationSitemap(RecordSitemap):
    changefreq = "monthly"

    def records(self):
        return Organization.objects.public()
