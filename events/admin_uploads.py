"""A full disk or an object store that does not answer while the admin saves is the
editor's form again, with a message, not a 500."""

import logging

from django.core.exceptions import ValidationError

from . import uploads

logger = logging.getLogger(__name__)


class StorageFailedForm:
    """A form that is refused, whatever its data, because the last save could not store
    its files (the disk full, the object store down): ``storage_failure`` says which."""

    storage_failure = uploads.DISK_FULL_MESSAGE

    def full_clean(self):
        super().full_clean()
        if self.is_bound:
            self.add_error(None, ValidationError(self.storage_failure, code="storage_failed"))


class StorageFailureAdminMixin:
    """Saves that run out of disk space (or find the object store down) roll back whole
    and show the form again.

    The admin saves the record, its inlines and their files in one transaction. When a
    write finds the disk full, the exception leaves that transaction (so the database is
    as before), every file the save had written is deleted, and the same POST is shown
    again as an invalid form: everything the editor typed is kept, with the message on top.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        try:
            with uploads.removed_on_failure():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except Exception as error:
            message = uploads.storage_failure(error)
            if message is None:
                raise
            logger.error("Files could not be stored while saving in the admin: %r", error)
        request.storage_failure = message
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        message = getattr(request, "storage_failure", None)
        if message is not None:
            return type(form.__name__, (StorageFailedForm, form), {"storage_failure": message})
        return form
