"""The admin site: Django's, with autocompletes (choosers) that say what they offer.

A model's admin may define ``chooser_results(request, queryset, term)`` (which records
match, in which order, with what they need for their labels read in a fixed number of
queries) and ``chooser_label(record)`` (the text an editor sees). Admins that define
neither get Django's own search and ``str()``.

This module imports nothing of the site's admins: Django builds the site (settings'
``AdminConfig.default_site``) while those admins are being registered.
"""

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView


class ChooserJsonView(AutocompleteJsonView):
    def get_queryset(self):
        results = getattr(self.model_admin, "chooser_results", None)
        if results is None:
            return super().get_queryset()
        records = self.model_admin.get_queryset(self.request).complex_filter(
            self.source_field.get_limit_choices_to()
        )
        return results(self.request, records, self.term)

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "chooser_label", None)
        if label is not None:
            result["text"] = label(obj)
        return result


class AdminSite(admin.AdminSite):
    def autocomplete_view(self, request):
        return ChooserJsonView.as_view(admin_site=self)(request)
