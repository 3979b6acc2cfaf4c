"""Uploaded images cleaned on save, and their files removed when replaced."""

from .. import uploads


class CleanImagesMixin:
    """Uploads to ``clean_image_fields`` are cleaned when saved; replaced files go after commit.

    If the save fails, the files it had just written are deleted again at once.
    """

    clean_image_fields: tuple[str, ...] = ()

    def save(self, *args, **kwargs):
        fields = self.clean_image_fields
        before = {}
        if self.pk:
            before = type(self)._default_manager.filter(pk=self.pk).values(*fields).first() or {}
        self.cleaned_uploads = {}
        try:
            for field in fields:
                file = getattr(self, field)
                if file and not file._committed:
                    self.cleaned_uploads[field] = uploads.store_clean(file)
                    model_field = self._meta.get_field(field)
                    if model_field.width_field:
                        setattr(self, model_field.width_field, self.cleaned_uploads[field].width)
                        setattr(self, model_field.height_field, self.cleaned_uploads[field].height)
            super().save(*args, **kwargs)
            self.after_image_save()
        except BaseException:
            uploads.delete_now(self.image_storage, self.files_written())
            raise
        replaced = [
            before[field]
            for field in fields
            if before.get(field) and before[field] != getattr(self, field).name
        ]
        uploads.delete_after_commit(self.image_storage, replaced)

    def after_image_save(self) -> None:
        """More work on the stored files, inside the same safety net as the save."""

    def files_written(self) -> list[str]:
        return [getattr(self, field).name for field in self.cleaned_uploads]

    @property
    def image_storage(self):
        return self._meta.get_field(self.clean_image_fields[0]).storage

    def stored_files(self) -> list[str]:
        return [getattr(self, field).name for field in self.clean_image_fields]
