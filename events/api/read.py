"""Records read into the API's shapes (events/api/schemas.py): plain dicts, made while
the requested language is active, so that each translated text is the reader's (or its
fallback: events/languages.py).

None of them runs a query: they read what the view read, the records it prefetched or the
plain values and JSON lists read with each row (``related_list``, events/cards.py)."""

import re

from django.core.signals import setting_changed

# The detail addresses take a slug as the pages do (``uslug``: ``[-\w]+``, Chinese kept),
# so any other text is a 404 before a query is made.
from .. import converters  # noqa: F401  (registers ``uslug``)
from ..links import slug_urls

# A path ``build_absolute_uri`` only puts after the scheme and host: one from the site
# (reversed, or a stored file's ``url``: quoted already), with no "." segment
SIMPLE_PATH = re.compile(r"/(?!/)[\w/.~%:@!$&'()*+,;=-]*", re.ASCII)


def absolute(request, path: str) -> str:
    """``request.build_absolute_uri(path)``; for a simple path, the request's scheme and
    host (worked out once per request) put before it: an answer holds a hundred."""
    if SIMPLE_PATH.fullmatch(path) and "/." not in path:
        try:
            origin = request.api_origin
        except AttributeError:
            origin = request.api_origin = request.build_absolute_uri("/")[:-1]
        return origin + path
    return request.build_absolute_uri(path)


def api_url(request, name: str, slug: str) -> str:
    """The whole API address of a record (``name``: the URL name) by its slug. (Its
    path is put together by a function kept for the request: an answer writes a hundred
    of a few kinds, all in one language, as the view answers in one.)"""
    try:
        urls = request.api_urls
    except AttributeError:
        urls = request.api_urls = {}
    url = urls.get(name)
    if url is None:
        url = urls[name] = slug_urls(f"api:{name}")
    return absolute(request, url(slug))


def page_url(request, record) -> str:
    """The record's public page, in the requested language's prefix (``/zh-hans/…``)."""
    return absolute(request, record.get_absolute_url())


def ref(request, detail: str, slug: str, name: str) -> dict:
    """A topic, organization or person where another record names it: its slug, name
    (in the reader's language) and API address (``detail``: the URL name)."""
    return {"slug": slug, "name": name, "url": api_url(request, detail, slug)}


def named_ref(request, record, detail: str) -> dict:
    """``ref`` of a record."""
    return ref(request, detail, record.slug, record.name)


def topic_ref(request, topic) -> dict:
    return named_ref(request, topic, "topic-detail")


def organization_ref(request, organization) -> dict:
    return named_ref(request, organization, "organization-detail")


def person_ref(request, person) -> dict:
    return named_ref(request, person, "person-detail")


def conference_ref(request, conference) -> dict:
    return {
        "slug": conference.slug,
        "title": conference.title,
        "start_date": conference.start_date,
        "end_date": conference.end_date,
        "url": api_url(request, "conference-detail", conference.slug),
    }


def post(request, position) -> dict:
    """A ``Position`` where a record names it (an agreement's signatory's post)."""
    organization = position.organization
    return post_ref(request, position.title, organization.slug, organization.name)


def post_ref(request, title: str, slug: str, name: str) -> dict:
    """A person's post where a record lists it: its title and its organization's ``ref``
    (the organization's slug and name as read with the person or participant)."""
    return {"title": title, "organization": ref(request, "organization-detail", slug, name)}


def choice(record, field: str) -> dict:
    """A choice field's value and its label in the active language."""
    return {
        field: getattr(record, field),
        f"{field}_label": str(getattr(record, f"get_{field}_display")()),
    }


# Stored files' addresses by name, worked out once, as the pages' pictures are drawn once
# (config/templating.py ``picture_memory``): a conference's photos and their renditions
# are a hundred and more. At most this many kept, then all forgotten; forgotten too when
# a setting changes (the media address may).
FILE_URLS_KEPT = 8192
_file_urls: dict = {}
setting_changed.connect(lambda **kwargs: _file_urls.clear(), weak=False)


def organizations_with_roles(request, rows, choices) -> list[dict]:
    """``[{"organization": …, "role": …, "role_label": …}]`` from a summary's
    ``role_rows`` (events/cards.py ``roles_and_topics``)."""
    return [
        {
            "organization": ref(request, "organization-detail", slug, name),
            **choice_of("role", role, choices),
        }
        for slug, role, name in rows
    ]


def topics_of(request, rows) -> list[dict]:
    """Topic references from a summary's ``topic_rows``."""
    return [ref(request, "topic-detail", slug, name) for slug, name in rows]


def choice_of(field: str, value, choices) -> dict:
    """``choice`` for a value read without its record (``choices``: the field's, such as
    ``Participation.Role.choices``): a value not among them is its own label, as
    Django's ``get_FOO_display`` gives it."""
    return {field: value, f"{field}_label": str(dict(choices).get(value, value))}


def file_url(request, storage, name: str | None) -> str | None:
    """The whole address of the file ``name`` in ``storage`` (``storage.url``)."""
    if not name:
        return None
    key = (storage, name)
    url = _file_urls.get(key)
    if url is None:
        if len(_file_urls) >= FILE_URLS_KEPT:
            _file_urls.clear()
        url = _file_urls[key] = storage.url(name)
    return absolute(request, url)


def photo(request, item) -> dict:
    storage = item.image.storage
    return {
        "caption": item.caption,
        "alt": item.alt,
        "credit": item.credit,
        "taken_on": item.taken_on,
        "width": item.width,
        "height": item.height,
        "url": file_url(request, storage, item.image.name) or absolute(request, item.image.url),
        "renditions": [
            {
                "width": rendition["width"],
                "height": rendition["height"],
                "webp": file_url(request, storage, rendition.get("webp")),
                "fallback": file_url(request, storage, rendition.get("fallback")),
            }
            for rendition in item.renditions or []
        ],
    }
