"""The public sitemaps: ``/sitemap.xml`` is an index naming each section's pages
(``/sitemap-conferences.xml``, ``?p=2``...), config/urls.py.

At full size (20,000 conferences, 50,000 agreements, 100,000 people, 10,000 organizations,
each in three languages) one file would break the protocol's limits of 50,000 addresses
and 50 MB a file. A page here holds ``settings.SITEMAP_ENTRIES_PER_PAGE`` entries, each
naming five addresses (its own, and as alternates the three languages and ``x-default``;
the setting says what that weighs). A page of records is read by key from where it
starts (``pk >= …``, only the columns an entry shows), not past an ``OFFSET`` that would
test every earlier record's publication; where each page starts, and how many records
there are, is read once (one query of the keys) and remembered until content next
changes.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.utils.functional import cached_property

from .models import Conference, Organization, Person
from .versions import remember


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


class KeyedPages(PerLanguage):
    """The pairs of a section of records (``items`` in key order), a page of them read
    from the key its first record has: as fast at the last page as at the first.

    ``layout``, how many records there are and the key each page starts at, is one query
    of the keys, remembered (``name``) until content next changes: the index and every
    page of the section share it."""

    def __init__(self, items, codes, per_page: int, name: str):
        super().__init__(items, codes)
        self.per_page, self.name = per_page, name

    @cached_property
    def layout(self) -> tuple[int, list]:
        def read():
            keys = list(self.items.values_list("pk", flat=True))
            size = len(self.codes)
            starts = [keys[entry // size] for entry in range(0, len(keys) * size, self.per_page)]
            return len(keys), starts

        return remember(f"sitemap-layout:{self.name}:{self.per_page}", read)

    def count(self) -> int:
        return self.layout[0] * len(self.codes)

    def __getitem__(self, index):
        """A page as the paginator asks for it (``[bottom:top]``, ``bottom`` a multiple
        of the page size) by key; any other index as ``PerLanguage`` reads it."""
        if not (isinstance(index, slice) and index.stop is not None):
            return super().__getitem__(index)
        start, stop = index.start or 0, index.stop
        page, off_the_page = divmod(start, self.per_page)
        starts = self.layout[1]
        if off_the_page or page >= len(starts) or stop <= start:
            return super().__getitem__(index)
        size = len(self.codes)
        first, last = start // size, -(-stop // size)  # records, rounded out
        records = self.items.filter(pk__gte=starts[page])[: last - first]
        pairs = [(record, code) for record in records for code in self.codes]
        offset = start - first * size
        return pairs[offset : stop - first * size]


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

    def _location(self, item, force_lang_code=None):
        """A page's address in a language, made once per page of the sitemap: Django
        asks five times per entry (its own and each alternate), so fifteen times for a
        record listed in three languages, each under ``translation.override``."""
        record, code = item
        key = (getattr(record, "pk", record), force_lang_code or code)
        made = self.__dict__.setdefault("_made_locations", {})
        if key not in made:
            made[key] = super()._location(item, force_lang_code)
        return made[key]


class RecordSitemap(LanguageSitemap):
    """A model's public records, in key order, each read with only the columns an entry
    shows (its slug and its time of change: a conference's body in three languages is
    not read to name its address)."""

    lastmod_field = "updated"

    def records(self):
        raise NotImplementedError

    def items(self):
        return self.records().order_by("pk").only("pk", "slug", self.lastmod_field)

    def _items(self):
        name = self.records().model._meta.label
        return KeyedPages(self.items(), self._languages(), self.limit, name)

    def lastmod(self, item):
        return getattr(item, self.lastmod_field)

    def get_latest_lastmod(self):
        """The index's ``lastmod`` of the section: one aggregate (where Django's own
        reads every record of the section), remembered until content next changes."""

        def read():
            return self.records().order_by().aggregate(latest=Max(self.lastmod_field))["latest"]

        return remember(f"sitemap-lastmod:{self.records().model._meta.label}", read)


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
