"""Photos in the admin: previews, duplicates pointed out, a conference's photos inline (the
photos' own admin is with the other rows' admins)."""

from django import forms
from django.contrib import admin, messages
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy

from ..models import Conference, MediaItem
from .guards import may_publish
from .languages import LanguagesSideBySide


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
            if other.conference:
                text = gettext(
                    "The photo “%(photo)s” is the same file as “%(other)s” (%(conference)s). "
                    "If that was not intended, replace or remove one of them."
                )
            else:
                text = gettext(
                    "The photo “%(photo)s” is the same file as “%(other)s”. If that was not "
                    "intended, replace or remove one of them."
                )
            messages.warning(
                request,
                text
                % {"photo": item.caption, "other": other.caption, "conference": other.conference},
            )


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
                    gettext(
                        "The photo “%(photo)s” is shown on a published record: only a "
                        "publisher may change or remove it. Your other changes were not saved "
                        "either; undo the change to this photo and save again."
                    )
                    % {"photo": form.instance},
                    code="published_photo",
                )


class MediaItemInline(LanguagesSideBySide, admin.StackedInline):
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

    @admin.display(description=gettext_lazy("Preview"))
    def preview(self, obj):
        return thumbnail(obj.image, 160, obj.renditions)
