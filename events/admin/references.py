"""Rows that choose among rows typed in the same form, so that a record is one save.

A participant's agenda item (or a signatory's party) may be a row already saved or a row
typed a moment ago in the same form, named by its formset prefix: ``new:sessions-2``.
``new_rows.js`` offers the typed rows in the menu as the editor types; without the script
the menu offers the saved rows, as before, and after a refused save it offers the typed
rows too (drawn by the server), so that nothing typed is lost.

On save the agenda (or the parties) is saved first, in the order of ``inlines``, and each
reference then becomes the row just saved. A reference to a row that is empty, removed,
wrong or itself in error is an error on the row that refers to it.
"""

from django import forms
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext, gettext_lazy

from .forms import inner_widget

NEW = "new:"


class NewRow(str):
    """A reference to a row typed in the same form: its prefix, ``sessions-2``."""


class RowChoiceField(forms.ModelChoiceField):
    """A saved row of the parent's, or ``new:<prefix>-<index>``, a row typed beside it."""

    def to_python(self, value):
        if isinstance(value, str) and value.startswith(NEW):
            return NewRow(value[len(NEW) :])
        return super().to_python(value)

    def validate(self, value):
        if isinstance(value, NewRow):
            return
        super().validate(value)


class RowReferencesFormSet(BaseInlineFormSet):
    """A formset whose rows may refer to rows of a sibling formset typed in the same form.

    ``references`` maps a field to the sibling formset it may refer into; the admin
    (``RowReferencesAdminMixin``) fills it when it builds the formsets.
    """

    references: dict = {}
    unknown_row = gettext_lazy("Choose an item of this form's own list.")
    unusable_row = gettext_lazy(
        "The row chosen here is empty, removed or has errors of its own: "
        "fix it there or choose another."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.references = {}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.new_rows = {}
        clean = form.clean

        def clean_new_rows():
            cleaned = clean()
            data = form.cleaned_data
            for name, value in list(data.items()):
                if isinstance(value, NewRow):
                    form.new_rows[name] = value
                    data[name] = None  # the row is linked once it is saved
            return cleaned

        form.clean = clean_new_rows

    def target_form(self, name, reference):
        """The sibling form a reference names, or None."""
        target = self.references.get(name)
        if target is None:
            return None
        prefix, _, index = reference.rpartition("-")
        if prefix != target.prefix or not index.isdigit():
            return None
        index = int(index)
        if index < target.initial_form_count() or index >= target.total_form_count():
            return None
        return target.forms[index]

    def clean(self):
        super().clean()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            for name, reference in getattr(form, "new_rows", {}).items():
                target = self.target_form(name, reference)
                if target is None:
                    form.add_error(name, self.unknown_row)
                    continue
                formset = self.references[name]
                if (
                    not target.is_valid()
                    or not target.has_changed()
                    or (formset.can_delete and formset._should_delete_form(target))
                ):
                    form.add_error(name, self.unusable_row)

    def link_new_rows(self):
        """After the sibling formsets are saved: each reference becomes the row saved."""
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue  # not saved, and its references were not checked
            for name, reference in getattr(form, "new_rows", {}).items():
                setattr(form.instance, name, self.target_form(name, reference).instance)


class RowReferencesAdminMixin:
    """For an admin whose inlines refer to each other's new rows.

    ``row_references`` maps the referring inline's model to ``(field, target model,
    label field)``: the participant's ``session`` refers to a ``Session`` typed in the
    same form, shown by its ``title``.
    """

    row_references: dict = {}

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        by_model = {formset.model: formset for formset in formsets}
        for formset in formsets:
            spec = self.row_references.get(formset.model)
            if spec is None or not isinstance(formset, RowReferencesFormSet):
                continue
            target = by_model.get(spec[1])
            if target is not None:
                formset.references[spec[0]] = target
        return formsets, inline_instances

    def render_change_form(self, request, context, *args, **kwargs):
        # Only a form drawn again after a refused save has typed rows to offer.
        for inline in context.get("inline_admin_formsets", []):
            formset = inline.formset
            spec = self.row_references.get(formset.model)
            if spec is None or not isinstance(formset, RowReferencesFormSet):
                continue
            name, _, label_field = spec
            target = formset.references.get(name)
            if formset.is_bound and target is not None and target.is_bound:
                self.offer_new_rows(formset, name, target, label_field)
        return super().render_change_form(request, context, *args, **kwargs)

    def new_row_labels(self, target_forms, label_field):
        """What each typed row is called, as its menu option says; chosen rows read at once."""
        values = {form.prefix: form[label_field].value() for form in target_forms}
        field = target_forms[0].fields[label_field] if target_forms else None
        if isinstance(field, forms.ModelChoiceField):
            keys = [value for value in values.values() if value not in (None, "")]
            try:
                chosen = field.queryset.in_bulk([int(key) for key in keys])
            except (TypeError, ValueError):
                chosen = {}
            values = {
                prefix: field.label_from_instance(chosen[int(value)])
                if str(value).isdigit() and int(value) in chosen
                else ""
                for prefix, value in values.items()
            }
        return {prefix: str(value or "").strip() for prefix, value in values.items()}

    def offer_new_rows(self, formset, name, target, label_field):
        """After a refused save, the menus offer the rows typed in the form (kept input)."""
        typed = target.forms[target.initial_form_count() : target.total_form_count()]
        labels = self.new_row_labels(typed, label_field)
        offered = [
            (f"{NEW}{form.prefix}", gettext("%(row)s (new)") % {"row": labels[form.prefix]})
            for form in typed
            if labels[form.prefix]
        ]
        if not offered:
            return
        saved = None  # the saved rows, read once for every row
        for form in formset.forms:
            if name not in form.fields:
                continue
            widget = inner_widget(form.fields[name].widget)
            if saved is None:
                saved = list(widget.choices)
            widget.choices = [*saved, *offered]

    def save_formset(self, request, form, formset, change):
        if isinstance(formset, RowReferencesFormSet):
            formset.link_new_rows()
        super().save_formset(request, form, formset, change)


class NewRowsMenuMixin:
    """For an inline whose menu offers a sibling's new rows (``new_rows.js``)."""

    formset = RowReferencesFormSet
    # field -> (sibling formset prefix, the sibling's field that names a row)
    new_rows_menus: dict = {}

    class Media:
        js = ["admin/js/jquery.init.js", "events/admin/new_rows.js"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.new_rows_menus:
            kwargs["form_class"] = RowChoiceField
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and db_field.name in self.new_rows_menus:
            source, label = self.new_rows_menus[db_field.name]
            inner_widget(field.widget).attrs.update(
                {"data-new-rows-from": source, "data-new-rows-label": label}
            )
        return field
