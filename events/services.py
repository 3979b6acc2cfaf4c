"""The write path: every create, change, publish and delete of content goes through here.

A write has derived data to keep right: the search text (``events.search.Searchable``),
the content version that retires cached pages (``events.versions``), and a photo's
renditions (``CleanImagesMixin`` and ``events.uploads``). A single save keeps them right
through the model's own ``save()`` and the signals, so these functions call ``save()``
and add what one place must add: a history revision (django-reversion) naming the user
and a comment, the publishing rules, and, for large imports that bypass ``save()``
(``bulk_create``), the same derived data filled in bulk and one version bump.

Callers: the admin, ``load_demo``, ``seed_bulk``, ``restore`` (through
``partnerships.services``) and, later, import and the API.
"""

from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from typing import NamedTuple

import reversion
from django.db import models, transaction
from django.utils import timezone

from .models import (
    SEARCH_WORDS_FROM,
    Publishable,
    SluggedModel,
)
from .search import Searchable
from .slugs import unique_slug
from .versions import content_changed

PUBLISHED = Publishable.PublicationStatus.PUBLISHED
DRAFT = Publishable.PublicationStatus.DRAFT

# Rows whose words a searchable record's text holds (its ``related_search_words``):
# model → (the searchable model, the foreign key to it, the field with the words). A save of one of
# them is handled by the signal receivers at the end of models.py; ``bulk_create`` sends
# no signals and reads this, to make the records' text again in a few queries a batch.
# tests/events/test_services.py checks that it agrees with ``related_search_words``.
BATCH = 2000


class Skipped(NamedTuple):
    """A record a call left alone, and why (a sentence to show the user)."""

    record: models.Model
    reason: str


@contextmanager
def history(user=None, comment: str = ""):
    """One transaction; with a user, also one history revision naming them (for the
    models that keep history: those registered with django-reversion)."""
    with transaction.atomic():
        if user is None:
            yield
            return
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(comment)
            yield


def save(record: models.Model, *, user=None, comment: str = "", update_fields=None, m2m=None):
    """Create or change ``record``: the model's ``save()`` keeps the search text and the
    renditions right, the signals bump the content version after commit. ``m2m``
    (``{"topics": [...]}``) sets many-to-many relations in the same transaction and
    revision."""
    with history(user, comment):
        record.save(update_fields=update_fields)
        for name, values in (m2m or {}).items():
            getattr(record, name).set(values)
    return record


def create(model: type[models.Model], *, user=None, comment: str = "", m2m=None, **fields):
    """``save(model(**fields))``."""
    return save(model(**fields), user=user, comment=comment, m2m=m2m)


def _update_fields(record, names: Iterable[str]) -> list[str]:
    """``names``, and ``updated`` (an ``auto_now`` stamp) when the model has one."""
    fields = {field.name for field in record._meta.concrete_fields}
    return [*names, *(["updated"] if "updated" in fields else [])]


def publish(records: Iterable[Publishable], *, user, now=None, comment: str = "Published."):
    """Publish the drafts among ``records``; returns ``(published, skipped)``.

    A record whose unpublish time has passed (or comes before its publish time) would
    show nothing: it is skipped, with the reason. ``published_at`` is kept when set (a
    scheduled record stays scheduled), else it is now. Records already published are
    left alone. Each record gets its own revision, naming ``user``.
    """
    now = now or timezone.now()
    published, skipped = [], []
    with transaction.atomic():
        for record in records:
            if record.is_published:
                continue
            if record.unpublish_time_passed(now):
                skipped.append(
                    Skipped(
                        record,
                        f"“{record}” was not published: its unpublish time has passed. Clear or "
                        "change it first.",
                    )
                )
                continue
            record.publication_status = PUBLISHED
            record.published_at = record.published_at or now
            fields = _update_fields(record, ["publication_status", "published_at"])
            save(record, user=user, comment=comment, update_fields=fields)
            published.append(record)
    return published, skipped


def unpublish(records: Iterable[Publishable], *, user, comment: str = "Unpublished."):
    """Put the published among ``records`` (live, scheduled or ended alike) back to draft;
    returns them. ``published_at`` is kept: it marks a record the public may have seen."""
    unpublished = []
    with transaction.atomic():
        for record in records:
            if not record.is_published:
                continue
            record.publication_status = DRAFT
            save(
                record,
                user=user,
                comment=comment,
                update_fields=_update_fields(record, ["publication_status"]),
            )
            unpublished.append(record)
    return unpublished


def delete(record: models.Model, *, user=None, comment: str = "Deleted."):
    """Delete ``record`` (and what it owns, by its ``on_delete`` rules). Its files go once
    the delete has committed, and the content version moves then.

    With a user, a last revision of the record, naming them, is saved first, so the
    admin's "recover deleted" list has the record as it was when it was deleted."""
    with transaction.atomic():
        if user is not None and reversion.is_registered(type(record)):
            with reversion.create_revision():
                reversion.set_user(user)
                reversion.set_comment(comment)
                reversion.add_to_revision(record)
        return record.delete()


def regenerate_renditions(item) -> None:
    """Make a photo's renditions again from its stored original (new sizes, new storage).
    Renditions no longer made go after commit; pages naming them are retired then."""
    with transaction.atomic():
        item.regenerate_renditions()
        # A queryset update sends no signal: move the version as a save would.
        content_changed()


def prepare(row: models.Model) -> models.Model:
    """What ``save()`` fills in before it writes a new row, for a row ``bulk_create`` will
    insert: a published record's publish time, a blank slug, its own search words."""
    if isinstance(row, Publishable) and row.is_published and row.published_at is None:
        row.published_at = timezone.now()
    if isinstance(row, SluggedModel) and not row.slug:
        row.slug = unique_slug(row, getattr(row, row.slug_source_field))
    if isinstance(row, Searchable) and not row.search_text:
        row.search_text = row.make_search_text()
    return row


def bulk_create(model: type[models.Model], rows: Iterable[models.Model], *, batch_size=BATCH):
    """Insert many rows at once (an import, a benchmark archive); returns them, with ids.

    ``bulk_create`` runs no ``save()`` and sends no signal, so what they would do is done
    here, in bulk: each row is ``prepare``d; records whose search text holds words of
    these rows (a person's posts) have it made again; the content version moves once,
    after commit. A photo is processed when it is saved: a row with a new upload is
    refused here (``save`` it; bulk rows may then share its stored file and renditions).

    Blank slugs are made one query per row and are unique against the table, not within
    the batch: large imports should give slugs.
    """
    rows = list(rows)
    for row in rows:
        for field in row._meta.concrete_fields:
            if isinstance(field, models.FileField):
                file = getattr(row, field.attname)
                if file and not file._committed:
                    raise ValueError(
                        f"{model._meta.verbose_name} “{row}” has a new upload: save() it, so "
                        "that the file is cleaned and its renditions made."
                    )
        prepare(row)
    with transaction.atomic():
        for start in range(0, len(rows), batch_size):
            model._default_manager.bulk_create(rows[start : start + batch_size])
        refresh_related_search(model, rows)
        content_changed()
    return rows


def refresh_related_search(model: type[models.Model], rows: Iterable[models.Model]) -> None:
    """Rows of ``model`` were written without signals: make again the search text of the
    records that hold their words (``SEARCH_WORDS_FROM``), by the record's own rule
    (``make_search_text``) with its related words read for a whole batch at once."""
    if model not in SEARCH_WORDS_FROM:
        return
    target, key, word = SEARCH_WORDS_FROM[model]
    pks = sorted({getattr(row, f"{key}_id") for row in rows})
    for start in range(0, len(pks), BATCH):
        batch = pks[start : start + BATCH]
        words = defaultdict(list)
        # In the model's own order, as ``related_search_words`` reads them.
        for owner, text in model._default_manager.filter(**{f"{key}__in": batch}).values_list(
            key, word
        ):
            words[owner].append(text)
        changed = []
        for record in target._default_manager.filter(pk__in=batch):
            record.related_search_words = lambda found=words[record.pk]: list(found)
            text = record.make_search_text()
            if text != record.search_text:
                record.search_text = text
                changed.append(record)
        target._default_manager.bulk_update(changed, ["search_text"], batch_size=500)


def refresh_search(model: type[Searchable], pks=None) -> None:
    """Make the search text of ``model``'s rows (``pks``, or all) again from the current
    rules: after rows were loaded as they were stored (a restore)."""
    if pks is None:
        pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
    batch = []
    for pk in pks:
        batch.append(pk)
        if len(batch) == BATCH:
            model.refresh_search_text(batch)
            batch = []
    if batch:
        model.refresh_search_text(batch)


__all__ = [
    "DRAFT",
    "PUBLISHED",
    "SEARCH_WORDS_FROM",
    "Skipped",
    "bulk_create",
    "create",
    "delete",
    "history",
    "prepare",
    "publish",
    "refresh_related_search",
    "refresh_search",
    "regenerate_renditions",
    "save",
    "unpublish",
]
