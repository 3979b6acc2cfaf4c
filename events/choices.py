"""A choice's label (``get_kind_display()``) read from a table made once per field and
language, instead of Django's way of building a dict of every choice at each call.

Django's ``_get_FIELD_display`` makes a fresh dict of the field's choices for each call
and hashes each lazily translated label, which translates it: the organization list
paid about a tenth of its time translating the eight kinds of organization forty times
over. The labels are the same until a setting changes.
"""

from functools import partialmethod

from django.db import models
from django.test.signals import setting_changed
from django.utils.autoreload import file_changed
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

from .languages import current

_labels: dict[tuple[models.Field, str], dict] = {}
setting_changed.connect(lambda **kwargs: _labels.clear(), weak=False)
# ``runserver`` reloads the catalogs when a .mo file changes, without a restart.
file_changed.connect(
    lambda file_path, **kwargs: file_path.suffix == ".mo" and _labels.clear(), weak=False
)


def choice_label(record: models.Model, field: models.Field):
    """What ``get_<field>_display()`` gives, in the active language."""
    value = getattr(record, field.attname)
    key = (field, current())
    labels = _labels.get(key)
    if labels is None:
        labels = _labels[key] = {
            make_hashable(choice): force_str(label, strings_only=True)
            for choice, label in field.flatchoices
        }
    return labels.get(make_hashable(value), force_str(value, strings_only=True))


def quick_choice_labels(*model_classes: type[models.Model]) -> None:
    """``get_<field>_display`` of every field with choices of ``model_classes`` read
    through ``choice_label``."""
    for model in model_classes:
        for field in model._meta.concrete_fields:
            if field.choices:
                setattr(model, f"get_{field.name}_display", partialmethod(choice_label, field))
