"""A full disk while the admin saves is the editor's form again, with a message, not a 500."""

import logging

from django.core.exceptions import ValidationError

from . import uploads

logger = logging.getLogger(__name__)


class DiskFullForm:
    """A form that is refused, whatever its data, because the last save found the disk full."""

    def full_clean(self):
        super().full_clean()
        if self.is_bound:
            self.add_error(None, ValidationError(uploads.DISK_FULL_MESSAGE, code="disk_full"))


class DiskFullAdminMixin:
    """Saves that run out of disk space roll back whole and show the form again.

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
            if not uploads.is_disk_full(error):
                raise
            logger.error("Disk full while saving in the admin: %s", error)
        request.disk_full = True
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if getattr(request, "disk_full", False):
            return type(form.__name__, (DiskFullForm, form), {})
        return form
