"""The directory's admins: organizations, people, posts held, topics."""

from django.contrib import admin
from django.utils.translation import gettext_lazy

from ..admin_uploads import StorageFailureAdminMixin
from ..models import Organization, OrganizationAlias, Person, Position, Topic
from .changelists import LargeTableMixin, LargeTableRowsMixin
from .choosers import OrganizationChooserMixin, PersonChooserMixin, PositionChooserMixin
from .directory_sheets import OrganizationResource, PersonResource
from .forms import URL_FIELDS_ASSUME_HTTPS, VersionedForm
from .guards import ContentAdmin, ShownOnPublishedAdminMixin, VersionedAdmin
from .languages import LanguagesSideBySide
from .media import thumbnail
from .merging import MergeActionMixin, NamesakeWarningMixin


class OrganizationAliasInline(admin.TabularInline):
    model = OrganizationAlias
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(
    NamesakeWarningMixin,
    MergeActionMixin,
    OrganizationChooserMixin,
    StorageFailureAdminMixin,
    LargeTableMixin,
    ShownOnPublishedAdminMixin,
    VersionedAdmin,
):
    form = VersionedForm
    actions = ["merge_selected"]
    import_resources = [OrganizationResource]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    list_display = ["name", "short_name", "kind", "city", "country", "logo_thumbnail"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "short_name", "aliases__name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OrganizationAliasInline]
    readonly_fields = ["created", "updated"]

    @admin.display(description=gettext_lazy("Logo"))
    def logo_thumbnail(self, obj):
        return thumbnail(obj.logo, 48)


@admin.register(OrganizationAlias)
class OrganizationAliasAdmin(LargeTableRowsMixin, ContentAdmin):
    list_display = ["name", "organization"]
    list_select_related = ["organization"]
    search_fields = ["name", "organization__name"]
    autocomplete_fields = ["organization"]


class PositionInline(LanguagesSideBySide, admin.TabularInline):
    languages_in_columns = True
    model = Position
    extra = 0
    autocomplete_fields = ["organization"]
    fields = ["title", "organization", "start_date", "end_date", "order"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization")


@admin.register(Person)
class PersonAdmin(
    NamesakeWarningMixin,
    MergeActionMixin,
    PersonChooserMixin,
    StorageFailureAdminMixin,
    LargeTableMixin,
    ShownOnPublishedAdminMixin,
    VersionedAdmin,
):
    form = VersionedForm
    actions = ["merge_selected"]
    import_resources = [PersonResource]
    list_display = ["full_name", "name_alt", "photo_thumbnail"]
    search_fields = [
        "name",
        "name_alt",
        "positions__title",
        "positions__organization__name",
        "positions__organization__short_name",
        "positions__organization__aliases__name",
    ]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PositionInline]
    readonly_fields = ["created", "updated"]

    @admin.display(description=gettext_lazy("Name"), ordering="name")
    def full_name(self, obj):
        return obj.display_name

    @admin.display(description=gettext_lazy("Photo"))
    def photo_thumbnail(self, obj):
        return thumbnail(obj.photo, 48)


@admin.register(Position)
class PositionAdmin(PositionChooserMixin, LargeTableRowsMixin, ContentAdmin):
    list_display = ["title", "person", "organization", "start_date", "end_date"]
    list_select_related = ["person", "organization"]
    search_fields = ["title", "person__name", "person__name_alt", "organization__name"]
    autocomplete_fields = ["person", "organization"]

    def get_queryset(self, request):
        # Autocomplete labels name the organization too; the changelist shows the person.
        return super().get_queryset(request).select_related("person", "organization")


@admin.register(Topic)
class TopicAdmin(ShownOnPublishedAdminMixin, ContentAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
