"""The admin's forms show a translated field's languages side by side: "Title [English]",
"Title [简体中文]", "Title [繁體中文]" on one line of a form (one column each in a table
of rows), English required where the field is. Searches and lookups that name a
translated field look in every language's column (``every_language``)."""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.text import capfirst

from ..languages import CODES, DEFAULT, column, text_columns

LANGUAGE_NAMES = dict(settings.LANGUAGES)
SEARCH_PREFIXES = "^=@"


def translated(model, name: str) -> bool:
    return len(text_columns(model, name)) > 1


def every_language(model, lookups) -> list[str]:
    """``lookups`` (field paths, as ``search_fields`` or ``filter`` name them, with an
    admin search's ``^``/``=``/``@`` and a lookup such as ``__iexact``) with each one that
    ends at a translated field replaced by one per language:
    ``participations__person__name`` → ``participations__person__name_en``, …"""
    found = []
    for lookup in lookups:
        prefix = lookup[0] if lookup[:1] in set(SEARCH_PREFIXES) else ""
        parts = lookup[len(prefix) :].split("__")
        current, expanded = model, [lookup]
        for index, part in enumerate(parts):
            try:
                field = current._meta.get_field(part)
            except FieldDoesNotExist:
                break
            if field.is_relation and field.related_model is not None:
                current = field.related_model
                continue
            if translated(current, part):
                expanded = [
                    prefix + "__".join([*parts[:index], column(part, code), *parts[index + 1 :]])
                    for code in CODES
                ]
            break
        found.extend(name for name in expanded if name not in found)
    return found


def side_by_side(model, fields, row: bool = True) -> list:
    """A form's ``fields`` with each translated field replaced by its columns: one line of
    three (``row``: a form's fieldset) or three columns (a table's rows)."""
    laid_out = []
    for item in fields:
        names = list(item) if isinstance(item, list | tuple) else [item]
        pending = []
        for name in names:
            if not translated(model, name):
                pending.append(name)
                continue
            if pending:
                laid_out.append(tuple(pending) if len(pending) > 1 else pending[0])
                pending = []
            columns = tuple(column(name, code) for code in CODES)
            laid_out.extend([columns] if row else columns)
        if pending:
            laid_out.append(tuple(pending) if len(pending) > 1 else pending[0])
    return laid_out


def translation_columns(model) -> set[str]:
    return {
        field.name for field in model._meta.concrete_fields if hasattr(field, "translated_field")
    }


class ValidatesOriginals:
    """A model form whose translated fields are edited in their language columns still
    checks the constraints on the fields themselves (an alt text, or the image marked
    decorative; a topic's name unique): Django leaves out of validation the fields a
    form does not show, and the database would refuse the row instead (a server error).
    Their errors go to the form, or to the English column."""

    def _post_clean(self):
        super()._post_clean()
        model = self._meta.model
        shown = {
            field.translated_field.name
            for field in model._meta.concrete_fields
            if hasattr(field, "translated_field") and field.name in self.fields
        }
        if not shown:
            return
        checked = self._get_validation_exclusions()
        exclude = checked - shown
        for model_class, constraints in self.instance.get_constraints():
            for constraint in constraints:
                try:
                    constraint.validate(model_class, self.instance, exclude=exclude)
                except ValidationError as error:
                    try:  # found above already?
                        constraint.validate(model_class, self.instance, exclude=checked)
                    except ValidationError:
                        continue
                    self._update_errors(in_form_fields(error, shown))


def in_form_fields(error: ValidationError, originals: set[str]) -> ValidationError:
    """``error`` with the errors of a translated field given to its English column."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {
            column(name, DEFAULT) if name in originals else name: errors
            for name, errors in error.error_dict.items()
        }
    )


def validating_originals(form_class):
    if issubclass(form_class, ValidatesOriginals):
        return form_class
    return type(form_class.__name__, (ValidatesOriginals, form_class), {})


class LanguagesSideBySide:
    """For the admin (and inlines) of a translated model: the forms show each translated
    field's languages side by side, the prepopulated slug follows the English, and the
    search looks in every language."""

    # A table of rows (TabularInline) puts the languages in three columns.
    languages_in_columns = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.prepopulated_fields = {
            target: [
                column(name, DEFAULT) if translated(self.model, name) else name for name in sources
            ]
            for target, sources in self.prepopulated_fields.items()
        }
        if getattr(self, "search_fields", None):
            self.search_fields = every_language(self.model, self.search_fields)
        if getattr(self, "chooser_search_fields", None):
            self.chooser_search_fields = every_language(self.model, self.chooser_search_fields)

    def get_form(self, request, *args, **kwargs):
        return validating_originals(super().get_form(request, *args, **kwargs))

    def get_formset(self, request, *args, **kwargs):
        formset = super().get_formset(request, *args, **kwargs)
        formset.form = validating_originals(formset.form)
        return formset

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        own = translation_columns(self.model)
        fields = [name for name in fields if name not in own]
        return side_by_side(self.model, fields, row=not self.languages_in_columns)

    def get_fieldsets(self, request, obj=None):
        if not self.fieldsets:
            return super().get_fieldsets(request, obj)
        return [
            (title, {**options, "fields": side_by_side(self.model, options["fields"])})
            for title, options in self.fieldsets
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        original = getattr(db_field, "translated_field", None)
        if field is not None and original is not None:
            field.label = f"{capfirst(original.verbose_name)} [{LANGUAGE_NAMES[db_field.language]}]"
            if db_field.language != DEFAULT:
                field.help_text = ""  # said once, under the English
        return field
