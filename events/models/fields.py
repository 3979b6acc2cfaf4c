"""What the models' fields share: validators, defaults, upload paths, choice
constraints, currencies."""

import datetime as dt
import uuid
import zoneinfo
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            gettext_lazy("“%(value)s” is not a time zone name. Use a name such as Asia/Hong_Kong."),
            params={"value": value},
            code="invalid_time_zone",
        )


def default_time_zone() -> str:
    return settings.DEFAULT_CONFERENCE_TIME_ZONE


# Migrations name it by this path, where it lived before models became a package.
@deconstructible(path="events.models.RandomUploadPath")
class RandomUploadPath:
    """An ``upload_to`` that keeps only the extension, so file names cannot be guessed."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePosixPath(filename).suffix.lower()[:10]
        return f"{self.folder}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, RandomUploadPath) and other.folder == self.folder


# Dates the site accepts: anything earlier or later is a typing slip (0223, 20233), and
# at the far ends (0001, 9999) a day before or after, or a move to UTC, cannot be written.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2200, 12, 31)


def validate_sane_date(value) -> None:
    """Refuses a date (or a datetime's date) outside 1900–2200."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError(
            gettext_lazy("Give a date between 1 January 1900 and 31 December 2200."),
            code="date_out_of_range",
        )


def choices_constraint(field: str, choices: type[models.TextChoices], name: str):
    """A check constraint that makes the database refuse values outside ``choices``."""
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


class Currency(models.TextChoices):
    NONE = "", _("(not money)")
    USD = "USD", _("US dollar (US$)")
    HKD = "HKD", _("Hong Kong dollar (HK$)")
    CNY = "CNY", _("Renminbi (RMB)")
    MOP = "MOP", _("Macao pataca (MOP$)")
    EUR = "EUR", _("Euro (€)")
    GBP = "GBP", _("Pound sterling (£)")
    JPY = "JPY", _("Japanese yen (JP¥)")
    SGD = "SGD", _("Singapore dollar (S$)")
