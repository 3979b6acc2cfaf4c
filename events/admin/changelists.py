"""Changelists that stay quick on a large archive."""

from django.contrib import admin
from django.db import models


class LargeTableMixin:
    """A changelist that stays quick on a large archive: no second count of every row."""

    show_full_result_count = False


class LargeTableRowsMixin(LargeTableMixin):
    """Rows listed across all their parents: newest first, read from the primary key,
    rather than sorting every row of the table."""

    ordering = ["-pk"]


class NamedBlankValuesFilter(admin.AllValuesFieldListFilter):
    """Django's filter by each value a column holds, with a blank value ("", as text
    fields keep "none") named like a missing one ("-", the admin's empty value) instead
    of a link with no text, which screen readers announce as nothing."""

    def choices(self, changelist):
        choices = super().choices(changelist)
        yield next(choices)  # "All"
        # Then one choice per value held, in order, and last the missing one.
        held = (value for value in self.lookup_choices if value is not None)
        for value, choice in zip(held, choices, strict=False):
            if str(value) == "":
                choice = {**choice, "display": f"{self.empty_value_display}{choice['display']}"}
            yield choice
        yield from choices


# Every changelist filter on a text field that may be blank names the blank value, for
# any admin that lists one ("country" rather than ("country", NamedBlankValuesFilter)).
# Fields with choices keep Django's choices filter, which names each choice.
admin.FieldListFilter.register(
    lambda field: (
        isinstance(field, models.CharField | models.TextField) and field.blank and not field.choices
    ),
    NamedBlankValuesFilter,
    take_priority=True,
)
