from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext, gettext_lazy

from events.admin import (
    PUBLISHING_FIELDSET,
    URL_FIELDS_ASSUME_HTTPS,
    LanguagesSideBySide,
    LargeTableMixin,
    LargeTableRowsMixin,
    NewRowsMenuMixin,
    PartOfPublishedMixin,
    PostAutocompleteSelect,
    PublishActionsMixin,
    RowReferencesAdminMixin,
    VersionedAdmin,
    VersionedForm,
)
from events.admin_uploads import StorageFailureAdminMixin

from .agreement_import import AgreementResource
from .documents import EXTENSIONS
from .models import Agreement, AgreementDocument, Party, Signatory


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0
    autocomplete_fields = ["organization"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization", "agreement")


class SignatoryInline(NewRowsMenuMixin, admin.TabularInline):
    model = Signatory
    extra = 0
    autocomplete_fields = ["person", "position"]
    fields = ["person", "position", "party", "role", "order"]
    # The parties typed above are offered too (events.admin.references, new_rows.js).
    new_rows_menus = {"party": ("parties", "organization")}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "position":
            # Posts held, the signatory's own first (events' posts chooser).
            kwargs["widget"] = PostAutocompleteSelect(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("agreement", "person", "position__organization")
        )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # A signatory signs for one of this agreement's own parties; a new one has none yet.
        party = formset.form.base_fields["party"]
        party.queryset = (
            Party.objects.filter(agreement=obj).select_related("organization", "agreement")
            if obj and obj.pk
            else Party.objects.none()
        )
        party.help_text = gettext("The party they signed for, saved or typed above.")
        return formset


class AgreementDocumentInline(LanguagesSideBySide, admin.TabularInline):
    languages_in_columns = True
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    model = AgreementDocument
    extra = 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "file":
            # Only a hint for the file picker; the content is what is checked on save.
            field.widget.attrs["accept"] = ",".join(sorted(set(EXTENSIONS.values())))
        return field


@admin.register(Agreement)
class AgreementAdmin(
    RowReferencesAdminMixin,
    StorageFailureAdminMixin,
    LargeTableMixin,
    PublishActionsMixin,
    VersionedAdmin,
):
    form = VersionedForm
    # Spreadsheets: export and import with parties and signatories (agreement_import.py).
    import_resources = [AgreementResource]
    list_display = [
        "title",
        "kind",
        "signed_on",
        "conference",
        "status",
        "publication_status",
    ]
    list_filter = ["publication_status", "kind", "status", "signed_on", "topics"]
    list_select_related = ["conference"]
    search_fields = [
        "title",
        "summary",
        "place",
        "organizations__name",
        "organizations__short_name",
        "organizations__aliases__name",
        "conference__title",
    ]
    # No date_hierarchy: it reads every row (the distinct years) on each view of the list;
    # the date filter beside the list does the same job from the index.
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["conference", "topics", "photos"]
    readonly_fields = ["created", "updated"]
    # Parties before signatories: a signatory may refer to a party typed in the same form,
    # linked once the parties are saved (events.admin.references).
    row_references = {Signatory: ("party", Party, "organization")}
    inlines = [PartyInline, SignatoryInline, AgreementDocumentInline]

    def get_urls(self):
        # "New from a press release" (intake/views.py): a draft conference and its
        # agreements; linked from the index and the changelists (apps.py).
        from .intake.views import URL_NAME, PressReleaseView

        view = PressReleaseView(self.admin_site)
        page = self.admin_site.admin_view(view)
        # A paste over what Django reads is answered by the page (config.views.bad_request).
        page.too_big = view.too_big
        page.too_many = view.too_many
        return [path("from-press-release/", page, name=URL_NAME), *super().get_urls()]

    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary", "topics"]}),
        (gettext_lazy("Signing"), {"fields": ["signed_on", "place", "conference", "status"]}),
        (
            gettext_lazy("Value"),
            {"fields": [("value_amount", "value_currency", "value_is_estimate")]},
        ),
        (gettext_lazy("Photos"), {"fields": ["photos"]}),
        PUBLISHING_FIELDSET,
    ]


@admin.register(Party)
class PartyAdmin(LargeTableRowsMixin, PartOfPublishedMixin, VersionedAdmin):
    parent_field = "agreement"

    list_display = ["organization", "agreement", "role"]
    list_filter = ["role"]
    list_select_related = ["organization", "agreement"]
    search_fields = ["organization__name", "agreement__title"]
    autocomplete_fields = ["agreement", "organization"]

    def get_queryset(self, request):
        # Autocomplete labels name the organization too; the changelist shows the agreement.
        return super().get_queryset(request).select_related("organization", "agreement")


@admin.register(Signatory)
class SignatoryAdmin(LargeTableRowsMixin, PartOfPublishedMixin, VersionedAdmin):
    parent_field = "agreement"

    list_display = ["person", "agreement", "role"]
    list_filter = ["role"]
    list_select_related = ["person", "agreement"]
    search_fields = ["person__name", "agreement__title"]
    autocomplete_fields = ["agreement", "person", "party", "position"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "position":
            kwargs["widget"] = PostAutocompleteSelect(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(AgreementDocument)
class AgreementDocumentAdmin(
    StorageFailureAdminMixin, LargeTableRowsMixin, PartOfPublishedMixin, VersionedAdmin
):
    parent_field = "agreement"

    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    list_display = ["title", "agreement", "language"]
    list_filter = ["language"]
    list_select_related = ["agreement"]
    search_fields = ["title", "agreement__title"]
    autocomplete_fields = ["agreement"]
