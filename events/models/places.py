"""Places and the other names they are known by (Macao: Macau, 澳门; Hong Kong: HK, 香港),
so that a search for one name finds records that give another (``events/search/places.py``
reads them when a search is made)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..search import normalize


class PlaceManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Place(models.Model):
    """A place a conference is held in or an organization is based in, with the other
    names searches should treat as its name.

    Every site starts with the usual places (made by a migration): they do not make a
    site "have content" for a restore (``starting_rows``), and an archive's places are
    loaded over them by name (the natural key), not beside them."""

    starting_rows = True

    name = models.CharField(
        _("name"), max_length=120, unique=True, help_text=_("For example “Macao”.")
    )
    other_names = models.TextField(
        _("other names"),
        blank=True,
        help_text=_(
            "One a line: other spellings (Macau), short forms (HK), the name in "
            "Chinese (澳门, 澳門) and older names (Canton). A search for any of them finds "
            "records that give any other."
        ),
    )

    objects = PlaceManager()

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)

    def names(self) -> list[str]:
        """Its name, then its other names, each once, as typed."""
        lines = (line.strip() for line in self.other_names.splitlines())
        return list(dict.fromkeys([self.name.strip(), *(line for line in lines if line)]))

    def clean(self):
        """A name names one place: two places sharing a name (as searched: case, width
        and script folded) would make a search for it find both."""
        mine = {normalize(name): name for name in self.names() if normalize(name)}
        others = Place.objects.exclude(pk=self.pk).values_list("name", "other_names")
        for name, other_names in others:
            taken = {normalize(line) for line in [name, *other_names.splitlines()]}
            clash = [typed for folded, typed in mine.items() if folded in taken]
            if clash:
                message = gettext("“%(other)s” is already a name of %(place)s.")
                raise ValidationError({"other_names": message % {"other": clash[0], "place": name}})
