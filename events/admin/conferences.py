"""The conference admin and its inlines: organizers, agenda, participants (a page at a
time), key figures, photos."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext, gettext_lazy

from .. import services
from ..admin_uploads import StorageFailureAdminMixin
from ..languages import DEFAULT, column
from ..models import Conference, KeyFigure, MediaItem, Organizer, Participation, Position, Session
from .changelists import LargeTableMixin
from .forms import (
    URL_FIELDS_ASSUME_HTTPS,
    ConferenceForm,
    KnownAutocompleteSelect,
    ParticipationForm,
    with_add_post_link,
)
from .guards import VersionedAdmin
from .languages import LanguagesSideBySide
from .media import MediaItemInline, point_out_duplicates
from .publishing import PUBLISHING_FIELDSET, PublishActionsMixin
from .references import NewRowsMenuMixin, RowReferencesAdminMixin


class OrganizerInline(admin.TabularInline):
    model = Organizer
    extra = 0
    autocomplete_fields = ["organization"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization")


class SessionInline(LanguagesSideBySide, admin.TabularInline):
    languages_in_columns = True
    model = Session
    extra = 0
    fields = ["order", "title", "kind", "date", "start_time", "end_time", "description"]


class ParticipationInline(LanguagesSideBySide, NewRowsMenuMixin, admin.TabularInline):
    languages_in_columns = True
    model = Participation
    form = ParticipationForm
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "role", "remote", "posts_held", "session", "remarks", "quote", "order"]
    # The agenda items typed above are offered too (references.py, new_rows.js).
    new_rows_menus = {"session": ("sessions", column("title", DEFAULT))}

    # A large conference's participants come a page at a time (?participants=2), so the
    # form stays quick to draw and to save however many took part.
    per_page = 25
    template = "admin/events/participation_inline.html"
    page_info = None

    def get_queryset(self, request):
        rows = (
            super()
            .get_queryset(request)
            .select_related("person", "conference", "session")
            .prefetch_related(
                Prefetch("positions", queryset=Position.objects.select_related("organization"))
            )
        )
        return self.current_page(request, rows)

    def current_page(self, request, rows):
        match = request.resolver_match
        try:
            conference_id = int(match.kwargs["object_id"]) if match else None
        except (KeyError, ValueError):
            conference_id = None
        if conference_id is None:
            return rows
        ordered = Participation.objects.filter(conference_id=conference_id).order_by("order", "pk")
        paginator = Paginator(ordered.values_list("pk", flat=True), self.per_page)
        if paginator.count <= self.per_page:
            return rows
        page = paginator.get_page(request.GET.get("participants"))  # bad numbers: 1 or last
        self.page_info = {
            "page": page.number,
            "pages": paginator.num_pages,
            "total": paginator.count,
            "first": page.start_index(),
            "last": page.end_index(),
            "previous": page.previous_page_number() if page.has_previous() else None,
            "next": page.next_page_number() if page.has_next() else None,
        }
        return rows.filter(pk__in=list(page.object_list))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "person":
            kwargs["widget"] = KnownAutocompleteSelect(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if "posts_held" in formset.form.base_fields:
            with_add_post_link(formset.form, request, self.admin_site)
        # Only this conference's own agenda items make sense here; a new conference has none.
        session = formset.form.base_fields["session"]
        session.queryset = (
            Session.objects.filter(conference=obj) if obj and obj.pk else (Session.objects.none())
        )
        session.help_text = gettext("An item of this conference's agenda, saved or typed above.")
        # Read the agenda once for every row, not once per row.
        formset.form.session_choices = [
            ("", session.empty_label),
            *((item.pk, str(item)) for item in session.queryset),
        ]
        return formset


class KeyFigureInline(LanguagesSideBySide, admin.TabularInline):
    languages_in_columns = True
    model = KeyFigure
    extra = 0
    fields = ["order", "qualifier", "value", "currency", "unit", "label", "as_of"]


@admin.register(Conference)
class ConferenceAdmin(
    RowReferencesAdminMixin,
    StorageFailureAdminMixin,
    LargeTableMixin,
    PublishActionsMixin,
    VersionedAdmin,
):
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    form = ConferenceForm
    list_display = ["title", "start_date", "city", "publication_status", "updated"]
    list_filter = [
        "publication_status",
        "start_date",
        "country",
        "topics",
    ]
    search_fields = [
        "title",
        "theme",
        "summary",
        "city",
        "organizations__name",
        "organizations__short_name",
        "organizations__aliases__name",
        "participations__person__name",
        "participations__person__name_alt",
    ]
    # No date_hierarchy: it reads every row (the distinct years) on each view of the list;
    # the date filter beside the list does the same job from the index.
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topics"]
    readonly_fields = ["created", "updated"]
    # Agenda before participants: a participant may refer to an agenda item typed in the
    # same form, linked once the agenda is saved (references.py).
    row_references = {Participation: ("session", Session, column("title", DEFAULT))}
    inlines = [
        OrganizerInline,
        SessionInline,
        ParticipationInline,
        KeyFigureInline,
        MediaItemInline,
    ]
    actions = [*PublishActionsMixin.actions, "start_from_this"]
    # Adds "Export participants" and "Import participants" to the page's tools.
    change_form_template = "admin/events/conference/change_form.html"

    # The participants' spreadsheets (participant_import.py, imported when used: it builds
    # on the participations admin, which registers after this one).

    def get_urls(self):
        from .participant_import import EXPORT_URL, IMPORT_URL, PROCESS_URL

        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/participants/export/",
                view(self.export_participants),
                name=EXPORT_URL,
            ),
            path(
                "<path:object_id>/participants/import/",
                view(self.import_participants),
                name=IMPORT_URL,
            ),
            path(
                "<path:object_id>/participants/import/process/",
                view(self.process_participants),
                name=PROCESS_URL,
            ),
            *super().get_urls(),
        ]

    def participant_import(self, request, object_id):
        from .participant_import import ParticipantImport, conference_for

        conference = conference_for(request, self.admin_site, object_id)
        return ParticipantImport(self.admin_site, conference)

    def import_participants(self, request, object_id):
        return self.participant_import(request, object_id).import_action(request)

    def export_participants(self, request, object_id):
        from .participant_import import export_participants

        return export_participants(request, self.admin_site, object_id)

    def process_participants(self, request, object_id):
        return self.participant_import(request, object_id).process_import(request)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        from .participant_import import EXPORT_URL, IMPORT_URL, ParticipantImport

        if obj is not None and obj.pk:
            url = reverse(f"{self.admin_site.name}:{EXPORT_URL}", args=[obj.pk])
            context["export_participants_url"] = url
        if obj is not None and obj.pk and self.has_change_permission(request, obj):
            if ParticipantImport(self.admin_site, obj).has_import_permission(request):
                url = reverse(f"{self.admin_site.name}:{IMPORT_URL}", args=[obj.pk])
                context["import_participants_url"] = url
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.has_add_permission(request):
            actions.pop("start_from_this", None)
        return actions

    @admin.action(description=gettext_lazy("Start a new conference from this one"))
    def start_from_this(self, request, queryset):
        """A draft copy of one conference (``services.copy_conference``), opened for editing."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        originals = list(queryset[:2])
        if len(originals) != 1:
            self.message_user(
                request, gettext("Select one conference to start a new one from."), messages.ERROR
            )
            return None
        original = originals[0]
        if not self.has_view_or_change_permission(request, original):
            raise PermissionDenied
        copy = services.copy_conference(original, user=request.user)
        self.message_user(
            request,
            gettext(
                "“%(copy)s” is a new draft with the organizers, topics, place, time zone and "
                "agenda outline of “%(original)s”. Its dates are the original's: set the new "
                "ones. Participants, key figures, photos and the source were not copied."
            )
            % {"copy": copy, "original": original},
            messages.SUCCESS,
        )
        opts = self.model._meta
        return redirect(
            reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                args=[copy.pk],
            )
        )

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is MediaItem:
            point_out_duplicates(
                request,
                [
                    form.instance
                    for form in formset.forms
                    if "image" in form.changed_data and form not in formset.deleted_forms
                ],
            )

    fieldsets = [
        (None, {"fields": ["title", "slug", "theme", "summary", "body", "topics"]}),
        (
            gettext_lazy("When and where"),
            {
                "fields": [
                    ("start_date", "start_time"),
                    ("end_date", "end_time"),
                    "time_zone",
                    "venue",
                    ("city", "country"),
                ]
            },
        ),
        (
            gettext_lazy("Source"),
            {
                "fields": [
                    ("source_publisher", "source_dateline", "source_date"),
                    "source_url",
                ]
            },
        ),
        PUBLISHING_FIELDSET,
    ]
