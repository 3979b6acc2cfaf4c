""" "New from press release" in the admin: paste, review, save a draft.

Three requests, no state kept on the server: the paste page; the review page, which
carries the release in a hidden field; the save, which reads the release again and
checks the posted forms against that reading (``review.Review``). Whoever may add
conferences and agreements may use it; whatever their role, what it saves is a draft.
"""

import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events import uploads

from .facts import Reading
from .review import MAX_FACTS, Refused, Review, review_facts, save_draft

URL_NAME = "partnerships_press_release"
# What one must be allowed to add: what a draft from a release may hold.
PERMISSIONS = (
    "events.add_conference",
    "partnerships.add_agreement",
    "events.add_person",
    "events.add_organization",
    "events.add_mediaitem",
)
# The kinds of fact without which a text is not a release (nothing to make a draft of).
ESSENTIAL = ("title", "start_date")

logger = logging.getLogger(__name__)


def may_use(request) -> bool:
    user = request.user
    return user.is_active and user.is_staff and user.has_perms(PERMISSIONS)


def read(release: str) -> Reading:
    """The release read; ``TooLong`` (a ``ValueError`` with a message) if too long."""
    from .read import read_release

    return read_release(release)


class PasteForm(forms.Form):
    release = forms.CharField(
        label=_("The press release"),
        widget=forms.Textarea(attrs={"rows": 16, "class": "vLargeTextField"}),
        help_text=_(
            "Paste its text, or the HTML of the newswire's page (its scripts and styles are "
            "left out). You can add photos at the next step."
        ),
        strip=False,
    )

    def clean_release(self):
        release = self.cleaned_data["release"]
        if not release.strip():
            raise forms.ValidationError(gettext("Paste the press release."))
        from .text import TooLong

        try:
            reading = read(release)
        except TooLong as too_long:
            raise forms.ValidationError(str(too_long)) from too_long
        except Exception as error:
            # A release the rules trip over is the reader's fault, not the paster's: the
            # paste page again, saying so; nothing saved; the error logged to be fixed.
            logger.exception("The press release reader failed on a paste")
            raise forms.ValidationError(
                gettext(
                    "The release could not be read: the reader met something it does not "
                    "handle. Nothing was saved, and the error was logged. Enter the "
                    "conference by hand, or try pasting the release as plain text."
                )
            ) from error
        if not reading.text.strip():
            raise forms.ValidationError(
                gettext("No text was found in what was pasted: nothing to read.")
            )
        found = {fact.kind for fact in reading.facts}
        if not all(kind in found for kind in ESSENTIAL):
            raise forms.ValidationError(
                gettext(
                    "This does not read as a press release about a conference: no title or "
                    "no date was found in it. Nothing was saved. Check that the whole release "
                    "was pasted, or enter the conference by hand."
                )
            )
        if len(review_facts(reading)) > MAX_FACTS:
            raise forms.ValidationError(
                gettext(
                    "This release gives more than %(most)s facts, more than one review can "
                    "hold. Nothing was saved: paste it in parts."
                )
                % {"most": MAX_FACTS}
            )
        self.reading = reading
        return release


class PressReleaseView:
    """The admin page, drawn by the admin site (``admin_view``: staff only)."""

    def __init__(self, admin_site):
        self.admin_site = admin_site

    def context(self, request, **more):
        return {
            **self.admin_site.each_context(request),
            "title": gettext("New from a press release"),
            "too_big": settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
            **more,
        }

    def __call__(self, request):
        if not may_use(request):
            raise PermissionDenied
        if request.method != "POST":
            return self.paste_page(request, PasteForm())
        form = PasteForm(request.POST)
        if not form.is_valid():
            return self.paste_page(request, form)
        if request.POST.get("step") != "save":
            return self.review_page(request, form, Review.of(form.reading))
        review = Review.of(form.reading, request.POST, request.FILES)
        if not review.is_valid():
            return self.review_page(request, form, review)
        try:
            outcome = save_draft(review, user=request.user)
        except Refused as refusal:
            return self.review_page(request, form, review, refusal=str(refusal))
        except Exception as error:
            # As the admin's own forms do (events/admin_uploads.py): the save rolled back
            # and removed the files it wrote; the review is shown again, saying why.
            message = uploads.storage_failure(error)
            if message is None:
                raise
            return self.review_page(request, form, review, refusal=str(message))
        messages.success(request, success_message(outcome))
        return redirect(reverse(f"{self.admin_site.name}:events_conference_change",
                                args=[outcome.conference.pk]))  # fmt: skip

    def paste_page(self, request, form, status=200):
        return TemplateResponse(
            request,
            "admin/partnerships/intake/paste.html",
            self.context(request, form=form),
            status=status,
        )

    def review_page(self, request, form, review, refusal=""):
        return TemplateResponse(
            request,
            "admin/partnerships/intake/review.html",
            self.context(request, form=form, review=review, refusal=refusal),
        )

    def too_big(self, request):
        """A paste over what Django reads of a form (``config.views.bad_request``): the
        paste page again, saying so; nothing was read, nothing saved."""
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_use(request):
            return HttpResponseForbidden()
        form = PasteForm()
        most = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024
        form.too_big = gettext(
            "What was sent is larger than the %(most).1f MB the site reads in one form, so "
            "none of it was read and nothing was saved. Paste only the release, not the "
            "whole page it is on; add its photos at the next step."
        ) % {"most": most}
        return self.paste_page(request, form, status=413)

    def too_many(self, request):
        """A post with more fields than Django reads of a form (``config.views.bad_request``;
        the fact cap keeps a review below it): the paste page again, saying so."""
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_use(request):
            return HttpResponseForbidden()
        form = PasteForm()
        form.too_big = gettext(
            "What was sent has more than the %(most)s fields the site reads in one form, so "
            "none of it was read and nothing was saved. Paste the release again, in parts."
        ) % {"most": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}
        return self.paste_page(request, form, status=400)


def success_message(outcome) -> str:
    parts = [
        gettext("“%(title)s” is a new draft made from the press release; check it, then publish.")
        % {"title": outcome.conference}
    ]
    if outcome.created:
        parts.append(gettext("Created: %(list)s.") % {"list": "; ".join(outcome.created)})
    if outcome.matched:
        parts.append(
            gettext("Existing records used: %(list)s.") % {"list": "; ".join(outcome.matched)}
        )
    if outcome.left_out:
        parts.append(gettext("Left out: %(list)s.") % {"list": "; ".join(outcome.left_out)})
    return " ".join(parts)
