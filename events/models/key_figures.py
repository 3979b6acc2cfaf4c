"""Numbers a conference reported: "more than 5,720 Hong Kong-funded projects"."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..formatting import key_figure_text
from .conferences import Conference
from .fields import Currency, choices_constraint, validate_sane_date


class KeyFigureQualifier(models.TextChoices):
    EXACT = "", _("(exactly)")
    MORE_THAN = "more_than", _("more than")
    AT_LEAST = "at_least", _("at least")
    ABOUT = "about", _("about")
    NEARLY = "nearly", _("nearly")
    LESS_THAN = "less_than", _("less than")
    UP_TO = "up_to", _("up to")


class KeyFigure(models.Model):
    """A number that a conference reported: "more than 5,720 Hong Kong-funded projects"."""

    Qualifier = KeyFigureQualifier

    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="key_figures",
    )
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    unit = models.CharField(
        _("unit"),
        max_length=60,
        blank=True,
        help_text=_("A unit that is not money, e.g. “hectares” or “%”."),
    )
    qualifier = models.CharField(
        _("qualifier"), max_length=20, choices=Qualifier.choices, blank=True
    )
    label = models.CharField(
        _("label"),
        max_length=200,
        help_text=_("What is counted, e.g. “Hong Kong-funded projects”."),
    )
    as_of = models.DateField(_("as of"), null=True, blank=True, validators=[validate_sane_date])
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        ordering = ["order", "id"]
        constraints = [
            choices_constraint("qualifier", KeyFigureQualifier, "events_keyfigure_qualifier_valid"),
            choices_constraint("currency", Currency, "events_keyfigure_currency_valid"),
            models.CheckConstraint(
                condition=Q(currency="") | Q(unit=""),
                name="events_keyfigure_currency_or_unit",
                violation_error_message=_("Give a currency or a unit, not both."),
            ),
        ]

    def __str__(self):
        return f"{key_figure_text(self)} {self.label}"
