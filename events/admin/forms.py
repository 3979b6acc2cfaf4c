"""The admin's forms and widgets: the edit-conflict check (VersionedForm), a conference's
time zone, a participation's posts, autocompletes that need no query per row."""

import copy

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import (
    AutocompleteSelect,
    AutocompleteSelectMultiple,
    RelatedFieldWidgetWrapper,
)
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy

from ..models import Conference, Participation, Position, default_time_zone
from .time_zones import TimeZoneField

# Editors paste addresses without a scheme; assume the secure one.
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class VersionedForm(forms.ModelForm):
    """Refuses to overwrite a record someone else saved after this form was opened.

    The form carries the record's ``updated`` time from when it was opened. If the
    record has been saved since, the save is refused with a message, the editor's input
    stays on the form, and the form now carries the newer time: saving again, after a
    look at the other version, deliberately replaces it.
    """

    edit_version = forms.CharField(
        label=gettext_lazy("edit version"), widget=forms.HiddenInput, required=False
    )

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
                gettext(
                    "Someone else saved this %(thing)s at %(saved_at)s, after you opened it, so "
                    "your changes were not saved; they are still below. Open the record in "
                    "another tab to see the other version. Saving again here will replace it "
                    "with yours."
                )
                % {"thing": model._meta.verbose_name, "saved_at": saved_at},
                code="edit_conflict",
            )
        return cleaned


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


class PostChooserMixin:
    """A chooser of posts held that tells the server whose posts to offer first: the person
    chosen on the same row (``posts_chooser.js`` sends it as ``person``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.attrs["data-holder-field"] = "person"

    @property
    def media(self):
        # One list, so that the script comes after the admin's autocomplete.js it extends
        # (two Media added together keep no order between their lists).
        autocomplete = super().media
        return forms.Media(
            js=[*autocomplete._js, "events/admin/posts_chooser.js"], css=autocomplete._css
        )


class PostsAutocompleteSelectMultiple(PostChooserMixin, KnownAutocompleteSelectMultiple):
    pass


class PostAutocompleteSelect(PostChooserMixin, KnownAutocompleteSelect):
    pass


def with_add_post_link(form_class, request, admin_site):
    """The form with a "+" beside its posts chooser that opens a new post in a popup.

    ``posts_held`` is a field of the form, not of the model, so the admin does not wrap it
    as it does its own; the field is copied first, since the form class shares it."""
    field = copy.deepcopy(form_class.base_fields["posts_held"])
    position_admin = admin_site.get_model_admin(Position)
    field.widget = RelatedFieldWidgetWrapper(
        inner_widget(field.widget),
        Participation._meta.get_field("positions").remote_field,
        admin_site,
        can_add_related=position_admin.has_add_permission(request),
    )
    form_class.base_fields["posts_held"] = field
    return form_class


class ParticipationForm(forms.ModelForm):
    # The posts go through ParticipationPost, whose PROTECT keeps a used post from being
    # deleted; the admin cannot edit such a relation itself, so this field does.
    posts_held = forms.ModelMultipleChoiceField(
        queryset=Position.objects.select_related("organization"),
        required=False,
        label=Participation._meta.get_field("positions").verbose_name,
        widget=PostsAutocompleteSelectMultiple(
            Participation._meta.get_field("positions"), admin.site
        ),
        help_text=gettext_lazy(
            "The post or posts the person held at the time; several when they held more than one."
        ),
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
            inner_widget(self.fields["posts_held"].widget).known = {
                str(post.pk): str(post) for post in posts
            }
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
                    gettext("Choose posts held by %(person)s; not: %(others)s")
                    % {"person": person, "others": "; ".join(str(post) for post in others)},
                )
        return cleaned

    def _save_m2m(self):
        super()._save_m2m()
        self.instance.positions.set(self.cleaned_data["posts_held"])


class ConferenceForm(VersionedForm):
    time_zone = TimeZoneField(
        initial=default_time_zone,
        # A declared field's label is its name's, in English, unless given: the model's.
        label=capfirst(Conference._meta.get_field("time_zone").verbose_name),
        help_text=gettext_lazy(
            "The venue's time zone; dates and times are shown in it. Type part of the name "
            "(“Hong”, “Paris”) and choose; the zones of recent conferences come first."
        ),
    )

    class Meta:
        model = Conference
        # The admin's fieldsets choose the fields; this form only changes one widget.
        fields = ["time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "time_zone" in self.fields:
            self.fields["time_zone"].offer(self.instance.time_zone if self.instance.pk else None)


class MediaItemForm(VersionedForm):
    lock_parent_first = "conference"
