"""People and organizations entered twice: a warning when a name is already taken, and
the action that merges two records into one (``services.merge``)."""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_lazy

from .. import services
from ..languages import texts_of
from ..models import Organization, Person
from .languages import every_language

# The fields (and inlines) that hold a record's names: a change to one is a renaming.
NAME_FIELDS = {Person: {"name", "name_alt"}, Organization: {"name", "short_name"}}
NAME_INLINES = {Organization: {"aliases"}}
SHOWN_NAMESAKES = 5
EXACT_LOOKUPS = {
    Person: ["name__iexact", "name_alt__iexact"],
    Organization: ["name__iexact", "short_name__iexact", "aliases__name__iexact"],
}


def own_names(record) -> list[str]:
    """The record's own names in every language, and its name in another script or its
    short names (not its other names, which are rows of their own)."""
    if isinstance(record, Person):
        return [*texts_of(record, "name"), record.name_alt]
    return [*texts_of(record, "name"), *texts_of(record, "short_name")]


def names_of(record) -> set[str]:
    """The record's names, folded as names are compared (``services.folded``)."""
    names = own_names(record)
    if not isinstance(record, Person):
        if record.pk:
            names += list(record.aliases.values_list("name", flat=True))
    return {services.folded(name) for name in names if name and services.folded(name)}


def namesakes(record) -> list:
    """Other people (or organizations) with one of ``record``'s names among theirs: the
    name, the other name, the short name or an alias, compared case- and width-folded.

    Candidates come from the search text (which holds every name, folded the same way),
    then each is compared name by name."""
    names = names_of(record)
    if not names:
        return []
    model = type(record)
    holds_a_name, is_named = Q(), Q()
    for name in names:
        holds_a_name |= Q(search_text__contains=name)
        for field in every_language(model, EXACT_LOOKUPS[model]):
            is_named |= Q(**{field: name})
    others = model._default_manager.exclude(pk=record.pk).order_by("pk")
    if model is Organization:
        others = others.prefetch_related("aliases")
    # Names as typed first (a short name is in many records' text), then folded ones.
    exact = list(others.filter(is_named).distinct()[:SHOWN_NAMESAKES])
    candidates = exact + [
        other for other in others.filter(holds_a_name)[:500] if other not in exact
    ]
    found = []
    for other in candidates:
        theirs = set(own_names(other))
        if isinstance(other, Organization):
            theirs.update(alias.name for alias in other.aliases.all())
        if names & {services.folded(name) for name in theirs if name}:
            found.append(other)
            if len(found) == SHOWN_NAMESAKES:
                break
    return found


def point_out_namesakes(request, record, admin_site_name="admin") -> None:
    """Warn the editor that a person or organization just saved shares a name with
    another one, with a link to each. The save stands: namesakes exist."""
    found = namesakes(record)
    if not found:
        return
    opts = record._meta
    links = format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        (
            (
                reverse(
                    f"{admin_site_name}:{opts.app_label}_{opts.model_name}_change",
                    args=[other.pk],
                ),
                str(other),
            )
            for other in found
        ),
    )
    messages.warning(
        request,
        format_html(
            gettext(
                "“{}” has a name that {} already has: {}. If it is the same {}, merge them "
                "(select both in the list, then “Merge selected into one…”)."
            ),
            record,
            gettext("another record") if len(found) == 1 else gettext("other records"),
            links,
            opts.verbose_name,
        ),
    )


class NamesakeWarningMixin:
    """After an add, or a change to a name, warn of namesakes."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        renamed = set(form.changed_data) & set(
            every_language(self.model, NAME_FIELDS.get(self.model, ()))
        )
        renamed = renamed or any(
            formset.has_changed()
            for formset in formsets
            if formset.prefix in NAME_INLINES.get(self.model, set())
        )
        if not change or renamed:
            point_out_namesakes(request, form.instance, self.admin_site.name)


class MergeActionMixin:
    """ "Merge selected into one…": two people or two organizations become one.

    A confirmation page asks which record to keep; ``services.merge`` moves every row
    naming the other one to it and deletes the other. It takes the right to change the
    record kept and to delete the one merged away, by this admin's own rules (so an
    Editor cannot merge away a person a published record shows); a crafted request
    that lacks either changes nothing."""

    merge_template = "admin/events/merge.html"

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.may_merge(request):
            actions.pop("merge_selected", None)
        return actions

    def may_merge(self, request, kept=None, removed=None) -> bool:
        return self.has_change_permission(request, kept) and self.has_delete_permission(
            request, removed
        )

    @admin.action(description=gettext_lazy("Merge selected into one…"))
    def merge_selected(self, request, queryset):
        if not self.may_merge(request):
            raise PermissionDenied
        opts = self.model._meta
        records = list(queryset.order_by("pk")[:3])
        if len(records) != 2:
            self.message_user(
                request,
                gettext("Select exactly two %(things)s to merge.")
                % {"things": opts.verbose_name_plural},
                messages.ERROR,
            )
            return None
        # Who may be merged away: each the user may delete, the other then being kept.
        removable = [
            record
            for record in records
            if self.may_merge(request, kept=next(r for r in records if r != record), removed=record)
        ]
        if not removable:
            self.message_user(
                request,
                gettext(
                    "Nothing was merged: your role may not merge away either of these "
                    "%(things)s. Those a published record shows are merged by an administrator."
                )
                % {"things": opts.verbose_name_plural},
                messages.ERROR,
            )
            return None
        if request.POST.get("post") == "yes":
            kept = next((r for r in records if str(r.pk) == request.POST.get("keep")), None)
            removed = next((r for r in records if r != kept), None)
            if kept is not None and removed not in removable:
                self.message_user(
                    request,
                    gettext("Nothing was merged: your role may not merge away “%(record)s”.")
                    % {"record": removed},
                    messages.ERROR,
                )
                return None
            if kept is not None:
                return self.merge_and_report(request, kept, removed)
            messages.error(request, gettext("Choose the record to keep."))
        choices = [
            {
                "record": record,
                "names": sorted(set(self.merge_names(record)) - {record.name}),
                "url": reverse(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                    args=[record.pk],
                ),
                # Kept, this record is the one left: the other must be removable.
                "may_keep": any(other is not record for other in removable),
            }
            for record in records
        ]
        next(choice for choice in choices if choice["may_keep"])["checked"] = True
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Merge two %(things)s") % {"things": opts.verbose_name_plural},
            "opts": opts,
            "choices": choices,
            "selected": [record.pk for record in records],
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, self.merge_template, context)

    def merge_names(self, record) -> list[str]:
        if isinstance(record, Person):
            return [name for name in own_names(record) if name]
        aliases = list(record.aliases.values_list("name", flat=True))
        return [name for name in (*own_names(record), *aliases) if name]

    def merge_and_report(self, request, kept, removed):
        try:
            notes = services.merge(kept, removed, user=request.user)
        except services.MergeRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return None
        self.message_user(
            request,
            gettext(
                "“%(removed)s” was merged into “%(kept)s”: everything that named it names "
                "“%(kept)s” now. Its history keeps it as it was; “Recover deleted” can bring it "
                "back."
            )
            % {"removed": removed, "kept": kept},
            messages.SUCCESS,
        )
        for note in notes:
            self.message_user(request, note, messages.WARNING)
        opts = self.model._meta
        return redirect(
            reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                args=[kept.pk],
            )
        )
