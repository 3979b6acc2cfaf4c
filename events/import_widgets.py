"""Cells of an imported spreadsheet read as a person writes them, and written by exports
so that an import reads them back unchanged.

A choice (a role, a kind, a status) may be written as the stored value (``speaker``) or
as its label in any of the site's languages ("Speaker", "演讲人", "演講人"); exports
write the stored value, which reads the same in every language.
"""

import functools

from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext
from import_export import widgets
from import_export.fields import Field

from .admin.spreadsheets import name_key
from .languages import CODES


@functools.cache
def choice_lookup(choices) -> dict[str, str]:
    """Folded value and every language's label → stored value (made once per process:
    the catalogs do not change while it runs)."""
    found = {}
    for value, label in choices.choices:
        found[name_key(value)] = value
        for code in CODES:
            with translation.override(code):
                found[name_key(str(label))] = value
    return found


def read_choice(choices, text, default=None):
    """The stored value ``text`` names; ``ValueError`` (shown under its column) if none."""
    if text is None or not str(text).strip():
        return default
    value = choice_lookup(choices).get(name_key(str(text)))
    if value is None:
        raise ValueError(
            gettext("'%(text)s' is not one of: %(choices)s")
            % {"text": text, "choices": ", ".join(v for v, _ in choices.choices if v)}
        )
    return value


class ChoiceWidget(widgets.Widget):
    """A choice field's cell: the value or a label in any language in, the value out.
    Blank is ``default`` (None: the field keeps its value)."""

    def __init__(self, choices, default=None, **kwargs):
        super().__init__(**kwargs)
        self.choices = choices
        self.default = default

    def clean(self, value, row=None, **kwargs):
        return read_choice(self.choices, value, self.default)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class TextWidget(widgets.Widget):
    """A text cell: blank is an empty text (text columns are not nullable)."""

    def clean(self, value, row=None, **kwargs):
        return "" if value is None else str(value).strip()

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class KeepWhenBlank(TextWidget):
    """A cell that, left blank, keeps the stored value (a slug: made from the title for a
    new record). Use with ``saves_null_values=False``."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(value) or None


YES = {"yes", "y", "true", "1", "是"}
NO = {"no", "n", "false", "0", "否", ""}


class BoolWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        key = name_key(str(value or ""))
        if key in YES:
            return True
        if key in NO:
            return False
        raise ValueError(gettext("write yes or no, not '%(text)s'") % {"text": value})

    def render(self, value, obj=None, **kwargs):
        return "yes" if value else "no"


class TimeStampWidget(widgets.Widget):
    """A date and time, exported to the microsecond (so that it reads back as stored);
    a time without a zone is in the site's zone."""

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return None
        try:
            found = parse_datetime(text)
        except ValueError:
            found = None
        if found is None:
            raise ValueError(
                gettext("'%(text)s' is not a date and time (YYYY-MM-DD HH:MM)") % {"text": text}
            )
        return found if timezone.is_aware(found) else timezone.make_aware(found)

    def render(self, value, obj=None, **kwargs):
        return timezone.localtime(value).isoformat(sep=" ") if value else ""


class Column(Field):
    """A column the resource reads itself (``check_rows``): exported, and shown in the
    preview, from ``get(record)``.

    A column of related rows (``related=True``: posts, parties) is read once per record
    and kept on it (``warm``), so that the preview's copy of the record before the import
    has it too: Django does not copy prefetched rows with a record, and each row of the
    file would otherwise read them again. ``forget`` drops them once the rows are written.
    Such a column is compared by the resource's ``rows_unchanged``, not here."""

    def __init__(self, name, get=None, related=False):
        super().__init__(attribute=None, column_name=name, widget=widgets.Widget())
        self.get = get or (lambda record: getattr(record, name))
        self.related = related

    def get_value(self, instance):
        if instance is None:
            return None
        if not self.related:
            return self.get(instance)
        kept = instance.__dict__.setdefault("_sheet_values", {})
        if self.column_name not in kept:
            kept[self.column_name] = self.get(instance)
        return kept[self.column_name]

    def export(self, instance, **kwargs):
        value = self.get_value(instance)
        return "" if value is None else str(value)


def warm(resource, records) -> None:
    """Read the related columns of ``records`` now (see ``Column``)."""
    columns = [f for f in resource.fields.values() if isinstance(f, Column) and f.related]
    for record in records:
        for column in columns:
            column.get_value(record)


def forget(record) -> None:
    """The record's related rows were written: read them again when asked."""
    record.__dict__.pop("_sheet_values", None)
    getattr(record, "_prefetched_objects_cache", {}).clear()
