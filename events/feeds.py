from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext

from .formatting import language_tag
from .models import Conference


class LanguageAtomFeed(Atom1Feed):
    """Atom whose entries say their language (``xml:lang``) when it is not the feed's:
    a conference not yet written in the reader's language is given in another."""

    def write_items(self, handler):
        for item in self.items:
            language = item.get("language")
            attrs = {"xml:lang": language} if language != self.feed["language"] else {}
            handler.startElement("entry", attrs)
            self.add_item_elements(handler, item)
            handler.endElement("entry")


class ConferenceFeed(Feed):
    """The latest published conferences, as an Atom feed in the reader's language: its
    ``xml:lang``, titles and summaries (each record's text in that language, or the one it
    falls back to), and addresses under the language's prefix."""

    feed_type = LanguageAtomFeed
    description_template = None

    @property
    def language(self):
        # Read as an attribute by Django (not through ``_get_dynamic_attr``): a property,
        # so each request gets the language it is served in.
        return language_tag()

    def title(self):
        return gettext("%(site)s: conferences") % {"site": gettext(settings.SITE_NAME)}

    def subtitle(self):
        return gettext("Promotion conferences, who spoke there and what was signed.")

    def link(self):
        return reverse("events:list")

    def items(self):
        return Conference.objects.published().order_by("-published_at", "-pk")[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Atom carries this as HTML: staff text is escaped, never passed through as markup.
        return linebreaks("\n\n".join(part for part in [item.theme, item.summary] if part), True)

    def item_extra_kwargs(self, item):
        return {"language": language_tag(item.title.lang)}

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated

    def item_guid(self, item):
        return f"conference-{item.pk}"
