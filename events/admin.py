import zoneinfo
from contextlib import contextmanager
from itertools import chain

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as delete_selected_records
from django.contrib.admin.utils import get_deleted_objects, unquote
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.auth import get_permission_codename
from django.core.exceptions import BadRequest, ObjectDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.core.serializers.base import DeserializationError
from django.db import models, transaction
from django.db.models import Prefetch, ProtectedError, RestrictedError
from django.forms.formsets import DEFAULT_MAX_NUM
from django.forms.models import BaseInlineFormSet, _get_foreign_key
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import ngettext
from reversion.errors import RevertError
from reversion.models import Version
from reversion.revisions import _follow_relations_recursive
from reversion_compare.admin import CompareVersionAdmin

from .admin_uploads import DiskFullAdminMixin
from .models import (
    Conference,
    KeyFigure,
    MediaItem,
    Organization,
    OrganizationAlias,
    Organizer,
    Participation,
    ParticipationPost,
    Person,
    Position,
    Publishable,
    Session,
    Topic,
    default_time_zone,
)

# History (django-reversion): the admins below record every save with who and when, and
# follow their inline rows. Posts held go through ParticipationPost, which Django's
# serializers leave out of a participation, so the participation follows them itself.
reversion.register(ParticipationPost)
reversion.register(Participation, follow=["post_links"])

TIME_ZONE_CHOICES = [
    (name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())
]


# Editors paste addresses without a scheme; assume the secure one.
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


def thumbnail(image, size: int = 80, renditions=None) -> str:
    """A small preview: the smallest rendition when there is one, else the image itself."""
    if not image:
        return "—"
    url = image.storage.url(renditions[0]["fallback"]) if renditions else image.url
    return format_html(
        '<img src="{}" alt="" width="{}" class="admin-thumbnail" loading="lazy">', url, size
    )


def point_out_duplicates(request, media_items) -> None:
    """Tell the editor when a photo just saved is the very same file as another one."""
    for item in media_items:
        for other in item.duplicates().select_related("conference")[:3]:
            where = f" ({other.conference})" if other.conference else ""
            messages.warning(
                request,
                f"The photo “{item.caption}” is the same file as “{other.caption}”{where}. "
                "If that was not intended, replace or remove one of them.",
            )


class VersionedForm(forms.ModelForm):
    """Refuses to overwrite a record someone else saved after this form was opened.

    The form carries the record's ``updated`` time from when it was opened. If the
    record has been saved since, the save is refused with a message, the editor's input
    stays on the form, and the form now carries the newer time: saving again, after a
    look at the other version, deliberately replaces it.
    """

    edit_version = forms.CharField(widget=forms.HiddenInput, required=False)

    # A row that belongs to a parent record (a photo's conference) locks the parent first,
    # in the order the parent's own form takes them (parent, then its rows), so that two
    # saves never hold one lock each while waiting for the other's (a deadlock).
    lock_parent_first: str | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_version"].initial = self.instance.updated.isoformat()

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        model = type(self.instance)
        rows = model._default_manager.filter(pk=self.instance.pk)
        if transaction.get_connection(rows.db).in_atomic_block:
            # The check and the save must be one step: the admin validates and saves in one
            # transaction, and this row lock (PostgreSQL) holds other saves of the record
            # until it ends, so they see this one's time and are refused. SQLite needs no
            # lock: its transactions take the write lock at BEGIN (settings.py).
            if self.lock_parent_first:
                parent = model._meta.get_field(self.lock_parent_first).related_model
                parent_id = getattr(self.instance, f"{self.lock_parent_first}_id")
                if parent_id is not None:
                    list(parent._default_manager.select_for_update().filter(pk=parent_id))
            rows = rows.select_for_update()
        current = rows.values("updated").first()
        opened = self.data.get(self.add_prefix("edit_version"), "")
        # The record as this request read it, before the lock: permissions were checked and
        # the form was filled from it, and the save writes every column back. If it changed
        # in between (a publish, say), this save must not go through either, whatever the
        # form claims (a crafted request may leave edit_version out).
        read_before_lock = self.instance.updated
        changed_meanwhile = current and current["updated"] != read_before_lock
        if current and (changed_meanwhile or (opened and opened != current["updated"].isoformat())):
            data = self.data.copy()
            data[self.add_prefix("edit_version")] = current["updated"].isoformat()
            self.data = data
            saved_at = timezone.localtime(current["updated"]).strftime("%H:%M:%S on %d %b %Y")
            raise forms.ValidationError(
                f"Someone else saved this {model._meta.verbose_name} at {saved_at}, after you "
                "opened it, so your changes were not saved; they are still below. Open the "
                "record in another tab to see the other version. Saving again here will "
                "replace it with yours.",
                code="edit_conflict",
            )
        return cleaned


# The last fieldset of every publishable record's form.
PUBLISHING_FIELDSET = (
    "Publishing",
    {
        "fields": [
            "publication_status",
            ("published_at", "unpublish_at"),
            "created",
            "updated",
            "edit_version",
        ]
    },
)


def may_publish(user, model) -> bool:
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")


def may_delete_published(user, model) -> bool:
    """Deleting a record the public may have seen, or one a published record shows."""
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.delete_published_{opts.model_name}")


def delete_selected(modeladmin, request, queryset):
    """Django's bulk delete, asked about each selected record as the delete page is: one
    the user may not delete, even in a crafted request, stops the whole action."""
    refused = [
        record for record in queryset if not modeladmin.has_delete_permission(request, record)
    ]
    if refused:
        names = ", ".join(f"“{record}”" for record in refused[:10])
        more = f" and {len(refused) - 10} more" if len(refused) > 10 else ""
        modeladmin.message_user(
            request,
            f"Nothing was deleted: {names}{more} cannot be deleted with your role. Published "
            "records, their rows and what they show are deleted by a publisher or an "
            "administrator; draft ones you may delete on their own.",
            messages.ERROR,
        )
        return None
    return delete_selected_records(modeladmin, request, queryset)


class GuardedAdminMixin:
    """What every admin of this site shares, so that no path gets round the roles.

    - Formset counts a browser would never send are refused at once with a 400, before a
      form is built: Django builds up to 2,000 forms per formset before it complains.
    - History (django-reversion): a version is found by this admin's model and object, so
      an id from another model is a 404. Restoring or recovering puts back every record in
      the version's revision and deletes the rows added since; each must be one this user
      may change (as it is now and as it would become), add, or delete, by the rules of
      that record's own admin (``may_restore``).
    - The bulk delete asks about each record, as the delete page does.
    - Comparing versions needs the right to view the record.
    """

    # Formset counts.

    def formset_count_limits(self) -> dict[str, int]:
        limits = {}
        for inline_class in self.inlines:
            inline = inline_class(self.model, self.admin_site)
            fk = _get_foreign_key(self.model, inline.model, fk_name=inline.fk_name)
            prefix = fk.remote_field.get_accessor_name(model=inline.model).replace("+", "")
            limits[prefix] = DEFAULT_MAX_NUM if inline.max_num is None else inline.max_num
        return limits

    def refuse_oversized_formsets(self, request) -> None:
        if request.method != "POST":
            return
        limits = None
        forms_in_all = 0
        for key, values in request.POST.lists():
            prefix, _, field = key.rpartition("-")
            if field not in ("TOTAL_FORMS", "INITIAL_FORMS"):
                continue
            if limits is None:
                limits = self.formset_count_limits()
            # The changelist's editable rows and unknown prefixes: Django's own maximum.
            limit = limits.get(prefix, DEFAULT_MAX_NUM)
            for value in values:
                try:
                    count = int(value)
                except ValueError:
                    count = -1
                if not 0 <= count <= limit:
                    raise BadRequest(f"{key} must be a whole number from 0 to {limit}.")
                if field == "TOTAL_FORMS":
                    forms_in_all += count
        # Each form costs some milliseconds to build and check; five inlines at Django's
        # maximum of 1,000 each held a worker for over a minute.
        if forms_in_all > settings.ADMIN_MAX_FORMS:
            raise BadRequest(
                f"One save may hold at most {settings.ADMIN_MAX_FORMS} rows in all; "
                f"this one holds {forms_in_all}."
            )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        self.refuse_oversized_formsets(request)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        self.refuse_oversized_formsets(request)
        return super().changelist_view(request, extra_context)

    # History.

    def revision_view(self, request, object_id, version_id, extra_context=None):
        self.refuse_oversized_formsets(request)
        if not self.has_change_permission(request):
            raise PermissionDenied
        versions = Version.objects.get_for_object_reference(self.model, unquote(object_id))
        version = get_object_or_404(versions, pk=version_id)
        self.check_restore_rights(request, version)
        with self.refusing_broken_links(request):
            return super().revision_view(request, object_id, version_id, extra_context)
        return self.restore_refused(request)

    def recover_view(self, request, version_id, extra_context=None):
        self.refuse_oversized_formsets(request)
        if not self.has_add_permission(request):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_for_model(self.model), pk=version_id)
        if self.model._default_manager.filter(pk=version.object_id).exists():
            raise Http404("This record has not been deleted; restore it from its history.")
        self.check_restore_rights(request, version)
        with self.refusing_broken_links(request):
            return super().recover_view(request, version_id, extra_context)
        return self.restore_refused(request)

    @contextmanager
    def refusing_broken_links(self, request):
        """A restore deletes the rows added since the version; when something added since
        still points at one of them (a signatory at a party added since: RESTRICT),
        reversion gives up with an error it does not catch. Say so instead; its
        transaction has rolled back, so nothing changed."""
        try:
            yield
        except (ProtectedError, RestrictedError) as error:
            blocking = ", ".join(f"“{row}”" for row in list(error.args[1])[:5])
            messages.error(
                request,
                "This version cannot be restored: restoring it would remove rows that "
                f"{blocking} still refer to. Change those first, then restore.",
            )

    def restore_refused(self, request):
        opts = self.model._meta
        return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")

    def compare_view(self, request, object_id, extra_context=None):
        record = self.get_object(request, unquote(object_id))
        if record is None:
            raise Http404
        if not self.has_view_or_change_permission(request, record):
            raise PermissionDenied
        return super().compare_view(request, object_id, extra_context)

    def check_restore_rights(self, request, version) -> None:
        """Refuses (403) a revision that holds any record this user may not put back."""
        now = []
        for each in version.revision.version_set.select_related("content_type"):
            try:
                restored = each._object_version.object
            except (RevertError, DeserializationError) as error:
                # A version this code cannot read cannot be judged, so it is not put back.
                raise PermissionDenied from error
            model = type(restored)
            current = model._default_manager.filter(pk=restored.pk).first()
            if not self.may_restore_record(request, model, current, restored):
                raise PermissionDenied
            if current is not None:
                now.append(current)
        # As reversion does: rows that the records now have and the revision lacks go.
        added_since = [
            row
            for row in chain.from_iterable(_follow_relations_recursive(record) for record in now)
            if row not in now
        ]
        if added_since:
            _, _, perms_needed, _ = get_deleted_objects(added_since, request, self.admin_site)
            if perms_needed:
                raise PermissionDenied

    def may_restore_record(self, request, model, current, restored) -> bool:
        model_admin = self.admin_site._registry.get(model)
        if isinstance(model_admin, GuardedAdminMixin):
            return model_admin.may_restore(request, current, restored)
        # Rows without an admin of their own (posts held) go with a parent in the revision.
        opts = model._meta
        action = "change" if current is not None else "add"
        return request.user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")

    def may_restore(self, request, current, restored) -> bool:
        """May this user turn ``current`` (None: deleted) into ``restored``?"""
        if current is None:
            if not self.has_add_permission(request):
                return False
        elif not self.has_change_permission(request, current):
            return False
        return self.has_change_permission(request, restored)

    # The bulk delete.

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _, name, description = actions["delete_selected"]
            actions["delete_selected"] = (delete_selected, name, description)
        return actions


class ContentAdmin(GuardedAdminMixin, admin.ModelAdmin):
    """An admin without history."""


class VersionedAdmin(GuardedAdminMixin, CompareVersionAdmin):
    """An admin with history: compare, restore, recover."""


class ShownOnPublishedAdminMixin:
    """People, organizations and topics that a published record shows are part of it:
    deleting one needs the Administrator role, as deleting a published record does."""

    def has_delete_permission(self, request, obj=None):
        if (
            obj is not None
            and not may_delete_published(request.user, self.model)
            and obj.shown_on_published_record()
        ):
            return False
        return super().has_delete_permission(request, obj)


class PublishActionsMixin:
    """Publishing rights for any Publishable model, and its bulk publish and unpublish.

    Editors (without the publish permission) write drafts: the publishing fields are
    read-only for them, a published record is view-only, and they cannot delete one.
    Publishers also publish and unpublish. Deleting a published record takes its own
    permission, which only Administrators have.
    """

    actions = ["publish", "unpublish"]
    publishing_fields = ["publication_status", "published_at", "unpublish_at"]

    def can_publish(self, request) -> bool:
        return may_publish(request.user, self.model)

    def can_delete_published(self, request) -> bool:
        return may_delete_published(request.user, self.model)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.can_publish(request):
            readonly += self.publishing_fields
        return readonly

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_published and not self.can_publish(request):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Once published, the public may have seen it (or links to it): an administrator's call.
        if obj is not None and obj.was_ever_published and not self.can_delete_published(request):
            return False
        return super().has_delete_permission(request, obj)

    def may_restore(self, request, current, restored) -> bool:
        """Restoring a version can publish, unpublish or rewrite a record the public has
        seen or will see: without the publish permission, only records never published."""
        if not self.can_publish(request) and any(
            record is not None and record.was_ever_published for record in (current, restored)
        ):
            return False
        return super().may_restore(request, current, restored)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.can_publish(request):
            actions.pop("publish", None)
            actions.pop("unpublish", None)
        return actions

    @admin.action(description="Publish selected %(verbose_name_plural)s")
    def publish(self, request, queryset):
        count = 0
        now = timezone.now()
        for record in queryset.drafts():
            if record.unpublish_time_passed(now):
                messages.warning(
                    request,
                    f"“{record}” was not published: its unpublish time has passed. Clear or "
                    "change it first.",
                )
                continue
            record.publication_status = Publishable.PublicationStatus.PUBLISHED
            record.published_at = record.published_at or now
            with reversion.create_revision():
                reversion.set_user(request.user)
                record.save(update_fields=["publication_status", "published_at", "updated"])
            count += 1
        self.message_user(
            request,
            ngettext("Published %d record.", "Published %d records.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description="Unpublish selected %(verbose_name_plural)s (back to draft)")
    def unpublish(self, request, queryset):
        count = 0
        # Scheduled and ended records are published too, if not live: all go back to draft.
        for record in queryset.filter(publication_status=Publishable.PublicationStatus.PUBLISHED):
            record.publication_status = Publishable.PublicationStatus.DRAFT
            with reversion.create_revision():
                reversion.set_user(request.user)
                record.save(update_fields=["publication_status", "updated"])
            count += 1
        self.message_user(
            request,
            ngettext("Unpublished %d record.", "Unpublished %d records.", count) % count,
            messages.SUCCESS,
        )


class LargeTableMixin:
    """A changelist that stays quick on a large archive: no second count of every row."""

    show_full_result_count = False


class LargeTableRowsMixin(LargeTableMixin):
    """Rows listed across all their parents: newest first, read from the primary key,
    rather than sorting every row of the table."""

    ordering = ["-pk"]


class OrganizationAliasInline(admin.TabularInline):
    model = OrganizationAlias
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(
    DiskFullAdminMixin, LargeTableMixin, ShownOnPublishedAdminMixin, VersionedAdmin
):
    form = VersionedForm
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    list_display = ["name", "short_name", "kind", "city", "country", "logo_thumbnail"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "short_name", "aliases__name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OrganizationAliasInline]
    readonly_fields = ["created", "updated"]

    @admin.display(description="Logo")
    def logo_thumbnail(self, obj):
        return thumbnail(obj.logo, 48)


@admin.register(OrganizationAlias)
class OrganizationAliasAdmin(LargeTableRowsMixin, ContentAdmin):
    list_display = ["name", "organization"]
    list_select_related = ["organization"]
    search_fields = ["name", "organization__name"]
    autocomplete_fields = ["organization"]


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["organization"]
    fields = ["title", "organization", "start_date", "end_date", "order"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization")


@admin.register(Person)
class PersonAdmin(DiskFullAdminMixin, LargeTableMixin, ShownOnPublishedAdminMixin, VersionedAdmin):
    form = VersionedForm
    list_display = ["name", "name_alt", "photo_thumbnail"]
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

    @admin.display(description="Photo")
    def photo_thumbnail(self, obj):
        return thumbnail(obj.photo, 48)


@admin.register(Position)
class PositionAdmin(LargeTableRowsMixin, ContentAdmin):
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


class OrganizerInline(admin.TabularInline):
    model = Organizer
    extra = 0
    autocomplete_fields = ["organization"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization")


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ["order", "title", "kind", "start_time", "end_time", "description"]


class KnownChoicesMixin:
    """An autocomplete widget that draws its selected options from labels it was given,
    instead of one query per widget: a conference of 300 participants draws 600 of them."""

    known: dict | None = None

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if v not in ("", None)}
        known = self.known or {}
        if not selected or not selected <= set(known):
            return super().optgroups(name, value, attr)
        options = [
            self.create_option(name, key, known[key], True, index, subindex=None, attrs=attr)
            for index, key in enumerate(sorted(selected))
        ]
        return [(None, options, 0)] if options else []


class KnownAutocompleteSelect(KnownChoicesMixin, AutocompleteSelect):
    pass


class KnownAutocompleteSelectMultiple(KnownChoicesMixin, AutocompleteSelectMultiple):
    pass


def inner_widget(widget):
    """The widget itself, inside the admin's add/change-related wrapper if any."""
    return getattr(widget, "widget", widget)


class ParticipationForm(forms.ModelForm):
    # The posts go through ParticipationPost, whose PROTECT keeps a used post from being
    # deleted; the admin cannot edit such a relation itself, so this field does.
    posts_held = forms.ModelMultipleChoiceField(
        queryset=Position.objects.select_related("organization"),
        required=False,
        widget=KnownAutocompleteSelectMultiple(
            Participation._meta.get_field("positions"), admin.site
        ),
        help_text="The post or posts the person held at the time; several when they held "
        "more than one.",
    )

    class Meta:
        model = Participation
        fields = [
            "conference",
            "person",
            "role",
            "remote",
            "session",
            "remarks",
            "quote",
            "order",
        ]

    # Set by ParticipationInline: the conference's agenda, read once for all the rows.
    session_choices = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.session_choices is not None and "session" in self.fields:
            inner_widget(self.fields["session"].widget).choices = self.session_choices
        if self.instance.pk:
            posts = list(self.instance.positions.all())  # prefetched by the inline
            self.fields["posts_held"].initial = posts
            self.fields["posts_held"].widget.known = {str(post.pk): str(post) for post in posts}
            # A view-only form (a published conference's row, for an editor) has no fields.
            person = inner_widget(self.fields["person"].widget) if "person" in self.fields else None
            if isinstance(person, KnownChoicesMixin):
                person.known = {str(self.instance.person_id): str(self.instance.person)}

    def clean(self):
        cleaned = super().clean()
        person = cleaned.get("person")
        positions = cleaned.get("posts_held")
        if person and positions:
            others = [post for post in positions if post.person_id != person.pk]
            if others:
                self.add_error(
                    "posts_held",
                    f"Choose posts held by {person}; not: "
                    + "; ".join(str(post) for post in others),
                )
        return cleaned

    def _save_m2m(self):
        super()._save_m2m()
        self.instance.positions.set(self.cleaned_data["posts_held"])


class ParticipationInline(admin.TabularInline):
    model = Participation
    form = ParticipationForm
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "role", "remote", "posts_held", "session", "remarks", "quote", "order"]

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
        # Only this conference's own agenda items make sense here; a new conference has none.
        session = formset.form.base_fields["session"]
        session.queryset = (
            Session.objects.filter(conference=obj) if obj and obj.pk else (Session.objects.none())
        )
        session.help_text = "An item of this conference's agenda (save the agenda first)."
        # Read the agenda once for every row, not once per row.
        formset.form.session_choices = [
            ("", session.empty_label),
            *((item.pk, str(item)) for item in session.queryset),
        ]
        return formset


class KeyFigureInline(admin.TabularInline):
    model = KeyFigure
    extra = 0
    fields = ["order", "qualifier", "value", "currency", "unit", "label", "as_of"]


class MediaItemFormSet(BaseInlineFormSet):
    """A draft conference's photo may be shown on a published agreement: then it is live
    content, which only publishers change or remove."""

    may_change_published = True

    def clean(self):
        super().clean()
        if self.may_change_published:
            return
        for form in self.initial_forms:
            touched = form.has_changed() or form.cleaned_data.get("DELETE")
            if touched and form.instance.shown_on_published_record():
                raise forms.ValidationError(
                    f"The photo “{form.instance}” is shown on a published record: only a "
                    "publisher may change or remove it. Your other changes were not saved "
                    "either; undo the change to this photo and save again.",
                    code="published_photo",
                )


class MediaItemInline(admin.StackedInline):
    model = MediaItem
    formset = MediaItemFormSet
    extra = 0
    fields = [
        ("image", "preview"),
        "caption",
        ("alt_text", "is_decorative"),
        ("credit", "taken_on"),
        "order",
    ]
    readonly_fields = ["preview"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.may_change_published = may_publish(request.user, Conference)
        return formset

    @admin.display(description="Preview")
    def preview(self, obj):
        return thumbnail(obj.image, 160, obj.renditions)


class ConferenceForm(VersionedForm):
    time_zone = forms.ChoiceField(
        choices=TIME_ZONE_CHOICES,
        initial=default_time_zone,
        help_text="The venue's time zone; dates and times are shown in it.",
    )

    class Meta:
        model = Conference
        # The admin's fieldsets choose the fields; this form only changes one widget.
        fields = ["time_zone"]


@admin.register(Conference)
class ConferenceAdmin(DiskFullAdminMixin, LargeTableMixin, PublishActionsMixin, VersionedAdmin):
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    form = ConferenceForm
    list_display = ["title", "start_date", "city", "publication_status", "updated"]
    list_filter = ["publication_status", "start_date", "country", "topics"]
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
    inlines = [
        OrganizerInline,
        SessionInline,
        ParticipationInline,
        KeyFigureInline,
        MediaItemInline,
    ]

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
            "When and where",
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
            "Source",
            {
                "fields": [
                    ("source_publisher", "source_dateline", "source_date"),
                    "source_url",
                ]
            },
        ),
        PUBLISHING_FIELDSET,
    ]


class PartOfPublishedMixin:
    """Rows that belong to a conference or agreement follow their parent's publishing rights.

    Without the publish permission, a row of a published record is view only and cannot
    be deleted, and new rows can only go to drafts. Saving a row counts as a change of its
    parent, so an editor with the parent open is told of it (VersionedForm).
    """

    parent_field = "conference"

    def parent_model(self):
        return self.model._meta.get_field(self.parent_field).related_model

    def can_publish(self, request) -> bool:
        return may_publish(request.user, self.parent_model())

    def parent_is_published(self, obj) -> bool:
        try:
            parent = getattr(obj, self.parent_field)
        except ObjectDoesNotExist:
            # A row as a revision would restore it, its parent deleted: the parent's own
            # version in that revision is judged by the parent's rules.
            return False
        return bool(parent and parent.is_published)

    def has_change_permission(self, request, obj=None):
        if obj is not None and self.parent_is_published(obj) and not self.can_publish(request):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self.parent_is_published(obj) and not self.can_publish(request):
            return False
        return super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == self.parent_field and not self.can_publish(request):
            kwargs["queryset"] = self.parent_model().objects.drafts()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # The parent first, then the row: the order the parent's own form saves them in,
        # so that two saves never wait for each other's lock (PostgreSQL).
        parent = getattr(obj, self.parent_field, None)
        if parent is not None:
            type(parent).objects.filter(pk=parent.pk).update(updated=timezone.now())
        super().save_model(request, obj, form, change)


@admin.register(Organizer)
class OrganizerAdmin(LargeTableRowsMixin, PartOfPublishedMixin, VersionedAdmin):
    list_display = ["organization", "conference", "role"]
    list_filter = ["role"]
    list_select_related = ["organization", "conference"]
    search_fields = ["organization__name", "conference__title"]
    autocomplete_fields = ["conference", "organization"]


@admin.register(Session)
class SessionAdmin(LargeTableRowsMixin, PartOfPublishedMixin, VersionedAdmin):
    list_display = ["title", "conference", "kind", "start_time", "order"]
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


@admin.register(KeyFigure)
class KeyFigureAdmin(LargeTableRowsMixin, PartOfPublishedMixin, VersionedAdmin):
    list_display = ["__str__", "conference", "as_of"]
    list_select_related = ["conference"]
    search_fields = ["label", "conference__title"]
    autocomplete_fields = ["conference"]


class MediaItemForm(VersionedForm):
    lock_parent_first = "conference"


@admin.register(MediaItem)
class MediaItemAdmin(DiskFullAdminMixin, LargeTableRowsMixin, PartOfPublishedMixin, VersionedAdmin):
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

    @admin.display(description="Image")
    def list_thumbnail(self, obj):
        return thumbnail(obj.image, 80, obj.renditions)

    @admin.display(description="Preview")
    def preview(self, obj):
        return thumbnail(obj.image, 320, obj.renditions)
