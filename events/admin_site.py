"""The admin site: Django's, with autocompletes (choosers) that say what they offer.

A model's admin may define ``chooser_results(request, queryset, term)`` (which records
match, in which order, with what they need for their labels read in a fixed number of
queries) and ``chooser_label(record)`` (the text an editor sees). Admins that define
neither get Django's own search and ``str()``.

It also fills the gaps of Django's own simplified Chinese admin catalogs (Django 5.2's
zh_Hans lacks a few texts its zh_Hant has): the texts are marked here, so the site's
catalogs translate them, in the admin's pages and in its JavaScript (the permission and
group pickers' buttons).

Upper apps link their own admin pages from the index and from a model's changelist
through ``register_admin_tool``.

This module imports nothing of the site's admins: Django builds the site (settings'
``AdminConfig.default_site``) while those admins are being registered.
"""

from collections.abc import Callable
from typing import NamedTuple

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.urls import reverse
from django.utils.translation import gettext, gettext_noop
from django.views.i18n import JavaScriptCatalog

# Texts of Django's admin templates that its zh_Hans catalog leaves in English.
DJANGO_TEMPLATE_GAPS = (
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("Error:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("In case you’ve forgotten, you are:"),
)
# Texts of Django's admin scripts (SelectFilter2.js, the two-list picker of groups and
# permissions; autocomplete.js) that its zh_Hans catalog leaves in English.
DJANGO_SCRIPT_GAPS = (
    gettext_noop('Choose %s by selecting them and then select the "Choose" arrow button.'),
    gettext_noop("Choose all %s"),
    gettext_noop("Choose selected %s"),
    gettext_noop("Remove selected %s"),
    gettext_noop('Remove %s by selecting them and then select the "Remove" arrow button.'),
    gettext_noop("(click to clear)"),
    gettext_noop("Remove all %s"),
)


class AdminJavaScriptCatalog(JavaScriptCatalog):
    """Django's admin script catalog, with what it lacks taken from the site's catalogs."""

    def get_catalog(self):
        catalog = super().get_catalog()
        for text in DJANGO_SCRIPT_GAPS:
            if not catalog.get(text):
                translated = gettext(text)
                if translated != text:
                    catalog[text] = translated
        return catalog


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
    # Django's index, with the registered tools above the list of models.
    index_template = "admin/events/index.html"

    def autocomplete_view(self, request):
        return ChooserJsonView.as_view(admin_site=self)(request)

    def i18n_javascript(self, request, extra_context=None):
        return AdminJavaScriptCatalog.as_view(packages=["django.contrib.admin"])(request)

    def index(self, request, extra_context=None):
        tools = admin_tools(request, site_name=self.name)
        return super().index(request, {"admin_tools": tools, **(extra_context or {})})


# Pages of upper apps linked from the admin's index and from a model's changelist (the
# way a lower app's admin shows an upper app's page without naming it): the upper app
# registers each in its AppConfig.ready(), with who may use it.


class AdminTool(NamedTuple):
    label: str
    url_name: str  # a name in the admin's URLs, without "admin:"
    may_use: Callable  # (request) -> bool
    models: tuple = ()  # the models whose changelists link to it too


_tools: list[AdminTool] = []


def register_admin_tool(label, url_name: str, may_use: Callable, *, models=()) -> None:
    """Link to an admin page (``url_name``) from the index, and from the changelists of
    ``models``, for the users ``may_use(request)`` lets in."""
    if all(tool.url_name != url_name for tool in _tools):
        _tools.append(AdminTool(label, url_name, may_use, tuple(models)))


def admin_tools(request, model=None, site_name: str = "admin") -> list[dict]:
    """The tools this user may use: all of them (``model`` None) or those of a model."""
    return [
        {"label": tool.label, "url": reverse(f"{site_name}:{tool.url_name}")}
        for tool in _tools
        if (model is None or model in tool.models) and tool.may_use(request)
    ]
