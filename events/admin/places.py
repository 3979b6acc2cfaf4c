"""Places and their other names (events/search/places.py: a search for one name finds
records that give another)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import Place
from .guards import ContentAdmin


@admin.register(Place)
class PlaceAdmin(ContentAdmin):
    list_display = ["name", "names_shown"]
    search_fields = ["name", "other_names"]

    @admin.display(description=_("other names"))
    def names_shown(self, place):
        return ", ".join(place.names()[1:])
