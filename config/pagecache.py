"""Whole-page cache for visitors who are not signed in, and 304 answers for everyone.

What is cached: ``GET`` answers with status 200 to requests without a session cookie,
for public pages (not the admin, not ``/healthz``), that set no cookie and do not ask
to stay private. Staff always carry a session cookie, so what they see (drafts, the
preview banner) never enters the cache and they never get a cached page.

Invalidation: every entry is keyed on the number in ``ContentVersion``. Any save,
delete or many-to-many change in the content apps bumps it once per transaction, after
commit, and scheduled publish/unpublish times bump it when they pass; so a visitor never
gets a page older than the last change. The number lives in the database, so every
server process and every management command sees the same one, with Redis or with the
per-process local-memory cache.

Conditional requests: anonymous pages carry an ``ETag`` (a hash of the page) and a
``Last-Modified`` (when content last changed); a matching ``If-None-Match`` or a
``If-Modified-Since`` not before it gets ``304 Not Modified`` with no body.

The API's answers are kept the same way. One API address answers in the language asked
for with ``?lang=`` (part of the address) or else ``Accept-Language``: without ``?lang=``
the entry is kept per language that header asks for (as the API reads it), not per
header text, and the answer's own ``Vary: Accept-Language`` is kept with it.
"""

import datetime as dt
import hashlib
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date

from events.api.languages import from_accept_language
from events.versions import provide_content_version, versioned_key

from .jsonerrors import is_api_path
from .queryparams import keep_read_parameters

KEY_PREFIX = "page"
MAX_PAGE_BYTES = 2 * 1024 * 1024
# Headers not kept with a cached page: made again for each answer, or about this answer
# only. (``Vary`` is kept: what the view's answer varies on, the cached one does too.)
UNKEPT_HEADERS = frozenset(
    {"set-cookie", "etag", "last-modified", "cache-control", "date", "x-page-cache"}
)


def publishable_models() -> list:
    """Every model with a publishing window (a subclass of ``events.models.Publishable``),
    whichever app defines it."""
    from events.models import Publishable

    return [model for model in apps.get_models() if issubclass(model, Publishable)]


def is_content(model) -> bool:
    """Rows of the apps whose AppConfig says ``content = True`` make the public pages."""
    try:
        app = apps.get_app_config(model._meta.app_label)
    except LookupError:  # Django's own bookkeeping rows (applied migrations)
        return False
    return getattr(app, "content", False)


def next_scheduled_change():
    """The next time pages change without a save: something published appears or
    disappears, or a new day begins."""
    from events.models import Publishable

    now = timezone.now()
    # Pages that say "upcoming" or "past" change at midnight (in the site's zone).
    tomorrow = timezone.localdate(now) + dt.timedelta(days=1)
    times = [timezone.make_aware(dt.datetime.combine(tomorrow, dt.time()))]
    for model in publishable_models():
        published = model.objects.filter(publication_status=Publishable.PublicationStatus.PUBLISHED)
        found = published.aggregate(
            appears=Min("published_at", filter=Q(published_at__gt=now)),
            disappears=Min("unpublish_at", filter=Q(unpublish_at__gt=now)),
        )
        times.extend(value for value in found.values() if value is not None)
    return min(times, default=None)


def bump(passed=None) -> None:
    """Retire every cached page: content changed, or (``passed``) the scheduled time the
    row named has passed, in which case only a row still naming it is bumped."""
    from .models import ContentVersion

    now, next_change = timezone.now(), next_scheduled_change()
    row = ContentVersion.objects.filter(pk=1)
    if passed is not None:
        row = row.filter(next_change=passed)
    updated = row.update(number=F("number") + 1, changed_at=now, next_change=next_change)
    if not updated and passed is None:
        ContentVersion.objects.get_or_create(
            pk=1, defaults={"changed_at": now, "next_change": next_change}
        )


def _moment(value):
    """A datetime from the database driver, made aware: SQLite hands back UTC without a
    zone (as a datetime or as text)."""
    if value is None:
        return None
    moment = value if isinstance(value, dt.datetime) else parse_datetime(value)
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=dt.UTC)


def current_version():
    """``(number, changed_at)``; bumps first when a scheduled time has passed.

    Read on every anonymous request, so with plain SQL: the ORM would cost more than the
    query itself."""
    from .models import ContentVersion

    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    sql = f"SELECT number, changed_at, next_change FROM {table} WHERE id = 1"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        found = cursor.fetchone()
        if found is None:
            bump()
        elif found[2] is not None and _moment(found[2]) <= timezone.now():
            # Only the first request to notice bumps; the others find the row moved on.
            bump(passed=_moment(found[2]))
        else:
            return found[0], _moment(found[1])
        cursor.execute(sql)
        found = cursor.fetchone()
    return found[0], _moment(found[1])


# The content version this process last read, and when (time.monotonic()).
_last_known = None


def current_version_or_last_known():
    """``current_version()``; while the database does not answer, the version this process
    last read if that was at most ``PAGE_CACHE_OUTAGE_SECONDS`` ago (content cannot change
    while the database is down), so that cached pages are still served; else ``None``."""
    global _last_known
    try:
        version = current_version()
    except (OperationalError, InterfaceError):
        if _last_known is not None:
            version, read_at = _last_known
            if time.monotonic() - read_at <= settings.PAGE_CACHE_OUTAGE_SECONDS:
                return version
        return None
    _last_known = (version, time.monotonic())
    return version


def content_changed(sender, **kwargs) -> None:
    """Signal receiver: a content row changed; bump once, when the transaction commits
    (a rolled-back transaction changed nothing and bumps nothing)."""
    if not is_content(sender):
        return
    bump_on_commit()


def bump_on_commit() -> None:
    if any(entry[1] is bump for entry in connection.run_on_commit):
        return  # already due when this transaction commits
    transaction.on_commit(bump)


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"page-cache-{signal!r}")
    # Events keys its remembered answers on the same number (events/versions.py).
    provide_content_version(current_version, bump_on_commit)


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and self.is_public_path(request):
            keep_read_parameters(request)  # one page, one entry, whatever tags ride along
        if not self.is_anonymous_page_request(request):
            response = self.get_response(request)
            if request.COOKIES.get(settings.SESSION_COOKIE_NAME) and not response.has_header(
                "Cache-Control"
            ):
                # Possibly a staff view (a draft preview): no shared cache may keep it.
                patch_cache_control(response, private=True, no_cache=True)
            return response

        if not settings.PAGE_CACHE_SECONDS:
            # Caching off: still answer conditional requests, on the page's hash alone.
            response = self.get_response(request)
            if self.is_cacheable_response(request, response):
                etag = self.etag(response.content)
                response["ETag"] = etag
                return get_conditional_response(request, etag=etag, response=response)
            return response

        version = current_version_or_last_known()
        if version is None:
            # The database does not answer and this process knows no recent version: no
            # cached page can be trusted; the view answers (a 503 if it needs the database).
            return self.get_response(request)
        _number, changed_at = request.content_version = version
        key = self.key(request, request.content_version)
        entry = page_cache().get(key)
        if entry is not None:
            status, headers, content, etag = entry
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Page-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if not self.is_cacheable_response(request, response):
                return response
            etag = self.etag(response.content)
            if request.method == "GET":
                headers = {
                    name: value
                    for name, value in response.headers.items()
                    if name.lower() not in UNKEPT_HEADERS
                }
                entry = (response.status_code, headers, response.content, etag)
                page_cache().set(key, entry, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        response["ETag"] = etag
        response["Last-Modified"] = http_date(changed_at.timestamp())
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        patch_vary_headers(response, ["Cookie"])
        return get_conditional_response(
            request, etag=etag, last_modified=int(changed_at.timestamp()), response=response
        )

    @staticmethod
    def etag(content: bytes) -> str:
        return f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'

    @staticmethod
    def is_anonymous_page_request(request) -> bool:
        if request.method not in ("GET", "HEAD"):
            return False
        if request.COOKIES.get(settings.SESSION_COOKIE_NAME):
            return False
        return AnonymousPageCacheMiddleware.is_public_path(request)

    @staticmethod
    def is_public_path(request) -> bool:
        path = request.path_info
        return not any(path.startswith(prefix) for prefix in settings.PAGE_CACHE_SKIP_PATHS)

    @staticmethod
    def is_cacheable_response(request, response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
            and len(response.content) <= MAX_PAGE_BYTES
        )

    @staticmethod
    def key(request, version) -> str:
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        if is_api_path(request.path_info) and "lang" not in request.GET:
            language = from_accept_language(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
            address = f"{address} {language}"
        return versioned_key(KEY_PREFIX, version, address)
