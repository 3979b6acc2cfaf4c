import logging
import mimetypes
import posixpath
import sys
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import DatabaseError, connections
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView
from django.views.static import serve

from events import uploads
from events.cards import conference_cards
from events.filters import latest_conference_ids
from events.languages import columns, only
from events.models import Conference, KeyFigure
from events.prebuilt import built_for_each_day, built_once
from events.sitemaps import LanguageSitemap
from partnerships.models import Agreement
from partnerships.views import agreement_cards

from . import public_files
from .cache import Outage
from .middleware import database_unavailable, is_database_unavailable

logger = logging.getLogger(__name__)

# What a key figure on the home page shows (``key_figure``, its label, its conference).
KEY_FIGURE_SHOWN = ("value", "currency", "unit", "qualifier", "label", "conference")


@built_once
def published_conference_cards():
    return conference_cards(Conference.objects.published())


@built_for_each_day
def recent_conference_cards(today):
    return published_conference_cards().past(today)[:6]


@built_once
def latest_agreement_cards():
    return agreement_cards(Agreement.objects.published()).order_by("-signed_on", "-pk")[:5]


@built_once
def latest_key_figures():
    # From the latest conferences only: the newest six figures are there, and the
    # archive need not be read to find them.
    figures = KeyFigure.objects.filter(conference__in=latest_conference_ids(12))
    return only(
        figures.select_related("conference"),
        *KEY_FIGURE_SHOWN,
        "conference__slug",
        *columns("conference__title"),
    ).order_by("-conference__start_date", "conference_id", "order", "pk")[:6]


class HomeView(TemplateView):
    """Its querysets are built once (per day for those that hold today's date) and
    copied for each request (events/prebuilt.py); what is live is read when they run."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        recent = list(recent_conference_cards(today))
        context.update(
            upcoming=list(published_conference_cards().upcoming(today)[:4]),
            recent=recent,
            agreements=list(latest_agreement_cards()),
            key_figures=list(latest_key_figures()),
        )
        return context


class StaticViewSitemap(LanguageSitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "events:list", "partnerships:list", "people:list", "organizations:list"]

    def location(self, item):
        return reverse(item)


@require_safe
def robots_txt(request):
    # The admin is not named here, since its address is meant to be hard to guess; its
    # pages tell robots themselves not to index them (config/middleware.py).
    lines = [
        "User-agent: *",
        "Allow: /",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def server_error(request):
    """Django's last resort. A database that stopped answering where no view was running
    (a middleware reading the session, say) still gets the 503 page, not a 500."""
    error = sys.exc_info()[1]
    if is_database_unavailable(error):
        return database_unavailable(request, error)
    return defaults.server_error(request)


@never_cache
@require_safe
def healthz(request):
    """200 when every database answers, 503 when one does not (for load balancers)."""
    try:
        for name in settings.DATABASES:
            with connections[name].cursor() as cursor:
                cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unreachable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


# How long a shared cache (a CDN in front of the site) may keep a public file read from
# the object store.
MEDIA_MAX_AGE = 24 * 60 * 60

# Only these are ever shown inline; anything else uploaded is offered as a download.
INLINE_MEDIA_TYPES = {"image/jpeg", "image/png", "image/webp"}


@require_safe
def media(request, path):
    """An uploaded file, served so that it can never run as a page in the site's origin.

    Visitors get only files that a live record shows (``config.public_files``); any
    other is a 404 to them, as the record's page is. Staff get every file, marked so
    that no shared cache keeps it."""
    if any(ord(character) < 32 for character in path):
        # No stored name holds a control character, and PostgreSQL refuses NUL in a query.
        raise Http404("No such file")
    name = posixpath.normpath(path).lstrip("/")
    if name in {"", "."}:  # the media folder itself: no file (a bucket refuses an empty key)
        raise Http404("No such file")
    staff_only = not public_files.is_public(name)
    if staff_only and not request.user.is_staff:
        raise Http404("No such file")
    if isinstance(default_storage, FileSystemStorage):
        try:
            response = serve(request, name, document_root=settings.MEDIA_ROOT)
        except OSError as error:  # e.g. a name longer than the file system allows
            raise Http404("No such file") from error
    else:
        response = from_storage(name, public=not staff_only)
        if response.status_code == 503:
            return response  # the store's message, as text: not the file's type
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    if content_type not in INLINE_MEDIA_TYPES:
        filename = PurePosixPath(name).name
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if staff_only:
        # A draft's file: the browser may keep it, a proxy or CDN must not.
        patch_cache_control(response, private=True, no_cache=True)
    return response


# After the file store failed to answer, this process answers 503 at once for 5 s: a
# store that hangs then holds a worker once, not on every photo of every page.
STORE_OUTAGE = Outage(5.0)


def from_storage(name: str, public: bool):
    """A file from another storage (a private bucket, ``events.bucket``), read through the
    storage API; a 503 while that storage does not answer."""
    if STORE_OUTAGE.ongoing():
        return store_unavailable()
    try:
        file = default_storage.open(name, "rb")
        file.seek(0)  # S3 reads the object here: a missing one is FileNotFoundError
    except FileNotFoundError as error:
        raise Http404("No such file") from error
    except Exception as error:
        if not uploads.is_store_unavailable(error):
            raise
        STORE_OUTAGE.began()
        logger.error("The file store did not answer for %s: %r", name, error)
        return store_unavailable()
    response = FileResponse(file)
    if public:
        # Files are never overwritten with other content, but a record may be unpublished:
        # a day in shared caches at most.
        patch_cache_control(response, public=True, max_age=MEDIA_MAX_AGE)
    return response


def store_unavailable():
    response = HttpResponse(
        "The file store does not answer; try again shortly.\n",
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = "30"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on every page, the admin's included."""
    # Not permanent: the target's hashed name changes with each deploy.
    return redirect(static("favicon.svg"))


# What a view may say to a form Django would not read, by the attribute that says it.
UNREAD_FORMS = {RequestDataTooBig: "too_big", TooManyFieldsSent: "too_many"}


def bad_request(request, exception=None, **kwargs):
    """Django's 400 page, except for a form Django does not read (a body larger than
    ``DATA_UPLOAD_MAX_MEMORY_SIZE``, more fields than ``DATA_UPLOAD_MAX_NUMBER_FIELDS``)
    sent to a page that says how to answer it (its view's ``too_big(request)`` or
    ``too_many(request)``): the form again, saying what was too large."""
    for kind, name in UNREAD_FORMS.items():
        if isinstance(exception, kind):
            match = getattr(request, "resolver_match", None)
            answer = getattr(match.func, name, None) if match else None
            if answer is not None:
                return answer(request)
    return defaults.bad_request(request, exception, **kwargs)
