from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext

from .models import Conference


class ConferenceFeed(Feed):
    """The latest published conferences, as an Atom feed."""

    feed_type = Atom1Feed
    description_template = None

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

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated

    def item_guid(self, item):
        return f"conference-{item.pk}"
