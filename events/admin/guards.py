"""What every admin of this site shares so that no path gets round the roles: formset
limits, history (restore, recover, compare) judged by each record's own admin, a bulk
delete that asks about each record, and the rights to publish and to delete what is
published."""

from contextlib import contextmanager
from itertools import chain

import reversion
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as delete_selected_records
from django.contrib.admin.utils import get_deleted_objects, unquote
from django.contrib.auth import get_permission_codename
from django.core.exceptions import BadRequest, PermissionDenied
from django.core.serializers.base import DeserializationError
from django.db.models import ProtectedError, RestrictedError
from django.forms.formsets import DEFAULT_MAX_NUM
from django.forms.models import _get_foreign_key
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext
from reversion.errors import RevertError
from reversion.models import Version
from reversion.revisions import _follow_relations_recursive
from reversion_compare.admin import CompareVersionAdmin

from .. import services
from ..admin_site import admin_tools
from ..models import Participation, ParticipationPost
from .languages import LanguagesSideBySide
from .spreadsheets import SpreadsheetMixin

# History (django-reversion): the admins below record every save with who and when, and
# follow their inline rows. Posts held go through ParticipationPost, which Django's
# serializers leave out of a participation, so the participation follows them itself.
reversion.register(ParticipationPost)
reversion.register(Participation, follow=["post_links"])


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
        if len(refused) > 10:
            names = gettext("%(names)s and %(count)s more") % {
                "names": names,
                "count": len(refused) - 10,
            }
        modeladmin.message_user(
            request,
            gettext(
                "Nothing was deleted: %(names)s cannot be deleted with your role. Published "
                "records, their rows and what they show are deleted by a publisher or an "
                "administrator; draft ones you may delete on their own."
            )
            % {"names": names},
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

    # Every write goes through the services (events/services.py), as commands do.

    def save_model(self, request, obj, form, change):
        services.save(obj)

    def delete_model(self, request, obj):
        services.delete(obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for record in queryset:
            services.delete(record, user=request.user)

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
        # Pages other apps link from this changelist (admin_site.register_admin_tool).
        tools = admin_tools(request, self.model, self.admin_site.name)
        return super().changelist_view(request, {"admin_tools": tools, **(extra_context or {})})

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
                gettext(
                    "This version cannot be restored: restoring it would remove rows that "
                    "%(blocking)s still refer to. Change those first, then restore."
                )
                % {"blocking": blocking},
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


class ContentAdmin(SpreadsheetMixin, LanguagesSideBySide, GuardedAdminMixin, admin.ModelAdmin):
    """An admin without history; its changelist exports to spreadsheets."""


class VersionedAdmin(SpreadsheetMixin, LanguagesSideBySide, GuardedAdminMixin, CompareVersionAdmin):
    """An admin with history: compare, restore, recover; its changelist exports to
    spreadsheets."""


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
