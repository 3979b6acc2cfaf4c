"""Admins of a conference's rows (organizers, sessions, participations, key figures,
photos) one by one, across all conferences."""

from django.contrib import admin
from django.utils.translation import gettext_lazy

from ..admin_uploads import StorageFailureAdminMixin
from ..models import KeyFigure, MediaItem, Organizer, Participation, Session
from .changelists import LargeTableRowsMixin
from .forms import MediaItemForm, ParticipationForm, with_add_post_link
from .guards import VersionedAdmin
from .media import point_out_duplicates, thumbnail
from .publishing import PartOfPublishedMixin


@admin.register(Organizer)
class OrganizerAdmin(LargeTableRowsMixin, PartOfPublishedMixin, VersionedAdmin):
    list_display = ["organization", "conference", "role"]
    list_filter = ["role"]
    list_select_related = ["organization", "conference"]
    search_fields = ["organization__name", "conference__title"]
    autocomplete_fields = ["conference", "organization"]


@admin.register(Session)
class SessionAdmin(LargeTableRowsMixin, PartOfPublishedMixin, VersionedAdmin):
    list_display = ["title", "conference", "kind", "date", "start_time", "order"]
    list_filter = ["kind"]
    list_select_related = ["conference"]
    search_fields = ["title", "conference__title"]
    autocomplete_fields = ["conference"]


@admin.register(Participation)
class ParticipationAdmin(LargeTableRowsMixin, PartOfPublishedMixin, VersionedAdmin):
    form = ParticipationForm
    list_display = ["person", "conference", "role", "remote"]
    list_filter = ["role", "remote"]
    list_select_related = ["person", "conference"]
    search_fields = ["person__name", "person__name_alt", "conference__title"]
    autocomplete_fields = ["conference", "person", "session"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "posts_held" in form.base_fields:
            with_add_post_link(form, request, self.admin_site)
        return form


@admin.register(KeyFigure)
class KeyFigureAdmin(LargeTableRowsMixin, PartOfPublishedMixin, VersionedAdmin):
    list_display = ["__str__", "conference", "as_of"]
    list_select_related = ["conference"]
    search_fields = ["label", "conference__title"]
    autocomplete_fields = ["conference"]


@admin.register(MediaItem)
class MediaItemAdmin(
    StorageFailureAdminMixin, LargeTableRowsMixin, PartOfPublishedMixin, VersionedAdmin
):
    form = MediaItemForm
    list_display = ["list_thumbnail", "caption", "conference", "credit", "taken_on", "order"]
    list_display_links = ["list_thumbnail", "caption"]
    list_select_related = ["conference"]
    search_fields = ["caption", "alt_text", "credit", "conference__title"]
    autocomplete_fields = ["conference"]
    readonly_fields = ["preview", "width", "height"]
    fields = [
        "image",
        "preview",
        "caption",
        ("alt_text", "is_decorative"),
        ("credit", "taken_on"),
        "conference",
        "order",
        ("width", "height"),
        "edit_version",
    ]

    def parent_is_published(self, obj) -> bool:
        # Its conference, or an agreement that shows it: a photo on a live page is live.
        return obj.shown_on_published_record()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "image" in form.changed_data:
            point_out_duplicates(request, [obj])

    @admin.display(description=gettext_lazy("Image"))
    def list_thumbnail(self, obj):
        return thumbnail(obj.image, 80, obj.renditions)

    @admin.display(description=gettext_lazy("Preview"))
    def preview(self, obj):
        return thumbnail(obj.image, 320, obj.renditions)
