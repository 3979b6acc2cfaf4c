"""Publishing in the admin: the publishing fieldset, publish and unpublish rights and
actions, and the rows that follow their parent's rights."""

from django.contrib import admin, messages
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from .. import services
from .guards import may_delete_published, may_publish

# The last fieldset of every publishable record's form.
PUBLISHING_FIELDSET = (
    gettext_lazy("Publishing"),
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

    @admin.action(description=gettext_lazy("Publish selected %(verbose_name_plural)s"))
    def publish(self, request, queryset):
        published, skipped = services.publish(queryset.drafts(), user=request.user)
        for item in skipped:
            messages.warning(request, item.reason)
        count = len(published)
        self.message_user(
            request,
            ngettext("Published %d record.", "Published %d records.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(
        description=gettext_lazy("Unpublish selected %(verbose_name_plural)s (back to draft)")
    )
    def unpublish(self, request, queryset):
        # Scheduled and ended records are published too, if not live: all go back to draft.
        count = len(services.unpublish(queryset, user=request.user))
        self.message_user(
            request,
            ngettext("Unpublished %d record.", "Unpublished %d records.", count) % count,
            messages.SUCCESS,
        )


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
