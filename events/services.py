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
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from typing import NamedTuple

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import models, router, transaction
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext
from reversion.models import Revision, Version

from .languages import distinct, text_columns
from .models import (
    SEARCH_WORDS_FROM,
    Conference,
    Organization,
    OrganizationAlias,
    Organizer,
    Participation,
    ParticipationPost,
    Person,
    Position,
    Publishable,
    Session,
    SluggedModel,
)
from .models.conference_search import refresh_conferences
from .search import Searchable, search_text_changed
from .search.text import normalize
from .slugs import unique_slug
from .sorting import NameSorted, name_key
from .versions import content_changed

PUBLISHED = Publishable.PublicationStatus.PUBLISHED
DRAFT = Publishable.PublicationStatus.DRAFT

# Rows whose words a searchable record's text holds (its ``related_search_words``):
# model → (the searchable model, the foreign key to it, the field with the words). A save of one of
# them is handled by the signal receivers at the end of models.py; ``bulk_create`` sends
# no signals and reads this, to make the records' text again in a few queries a batch.
# tests/events/test_services.py checks that it agrees with ``related_search_words``.
BATCH = 2000
# Rows whose insert changes their conference's search text (``conference_search``).
CONFERENCE_ROWS = (Organizer, Participation, Conference.topics.through)


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
        row.slug = unique_slug(row, row.slug_source())
    if isinstance(row, Searchable) and not row.search_text:
        row.search_text = row.make_search_text()
    if isinstance(row, NameSorted) and not row.sort_pinyin:
        row.sort_pinyin = name_key(row)
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


# Rows of an upper app whose insert changes the search text of the records holding them
# (an agreement holds its parties'): model → refresh(rows), called by ``bulk_create``.
BULK_SEARCH_ROWS: dict[type[models.Model], Callable[[list], None]] = {}


def register_bulk_search_rows(model: type[models.Model], refresh: Callable[[list], None]) -> None:
    """``bulk_create`` of ``model``'s rows (which sends no signals) calls ``refresh(rows)``
    after the insert, to make again the search text of the records that hold them."""
    BULK_SEARCH_ROWS[model] = refresh


def refresh_related_search(model: type[models.Model], rows: Iterable[models.Model]) -> None:
    """Rows of ``model`` were written without signals: make again the search text of the
    records that hold their words (``SEARCH_WORDS_FROM``), by the record's own rule
    (``make_search_text``) with its related words read for a whole batch at once."""
    if model in CONFERENCE_ROWS:
        refresh_conferences(row.conference_id for row in rows)
        return
    if model in BULK_SEARCH_ROWS:
        BULK_SEARCH_ROWS[model](rows)
        return
    if model not in SEARCH_WORDS_FROM:
        return
    target, key, word = SEARCH_WORDS_FROM[model]
    pks = sorted({getattr(row, f"{key}_id") for row in rows})
    for start in range(0, len(pks), BATCH):
        batch = pks[start : start + BATCH]
        words = defaultdict(list)
        # In the model's own order, as ``related_search_words`` reads them.
        rows = model._default_manager.filter(**{f"{key}__in": batch})
        for owner, *texts in rows.values_list(key, *text_columns(model, word)):
            words[owner].extend(distinct(texts))
        changed = []
        for record in target._default_manager.filter(pk__in=batch):
            record.related_search_words = lambda found=words[record.pk]: list(found)
            text = record.make_search_text()
            if text != record.search_text:
                record.search_text = text
                changed.append(record)
        target._default_manager.bulk_update(changed, ["search_text"], batch_size=500)
        if changed:
            search_text_changed(target, [record.pk for record in changed])


def refresh_search(model: type[Searchable], pks=None) -> None:
    """Make the search text of ``model``'s rows (``pks``, or all) again from the current
    rules: after rows were loaded as they were stored (a restore); a person's and an
    organization's pinyin sort key too (events/sorting.py)."""
    if issubclass(model, NameSorted):
        model.refresh_sort_keys(pks)
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


# Merging two people or two organizations.
#
# A merge moves every row that names the record merged away to the record kept, then
# deletes the one merged away. Events moves its own rows below; an app above events
# (partnerships: parties and signatories) moves its rows in a step it registers from its
# AppConfig.ready(), since events may not know them. A step is called as
# ``step(kept, removed, notes)`` inside the merge's transaction, after the two rows are
# locked, and appends to ``notes`` a sentence for each conflict it resolved.
MergeStep = Callable[[models.Model, models.Model, list[str]], None]
_merge_steps: dict[type[models.Model], list[MergeStep]] = {}

# The blank fields of the record kept that the one merged away fills.
MERGE_FILLS = {
    Person: ("name_alt", "bio", "photo"),
    Organization: (
        "short_name",
        "city",
        "region",
        "country",
        "website",
        "description",
        "logo",
    ),
}


class MergeRefused(Exception):
    """A merge that would lose something: nothing was changed. The message says why."""


def register_merge_step(model: type[models.Model], step: MergeStep) -> None:
    steps = _merge_steps.setdefault(model, [])
    if step not in steps:
        steps.append(step)


def folded(name: str) -> str:
    """A name as names are compared: width and case folded, traditional Chinese as
    simplified, spaces collapsed (as search text is stored)."""
    return normalize(name or "")


def merge(kept, removed, *, user=None) -> list[str]:
    """Merge ``removed`` into ``kept`` (two people or two organizations); returns what
    was done beyond moving rows, a sentence each: conflicts resolved, names kept.

    Every row naming ``removed`` moves to ``kept``. Where a row would then repeat one
    ``kept`` already has (the same role at a conference, a party to the same agreement),
    the kept record's row stays and takes what the other adds; the note says so. Blank
    fields of ``kept`` are filled from ``removed``; the names of ``removed`` become other
    names of ``kept`` (see ``_keep_names``). Then ``removed`` is deleted; if anything
    still named it, the merge stops and nothing changes (``MergeRefused``).

    History, naming ``user``: a revision holding ``removed`` as it was (so the admin's
    "recover deleted" can bring it back, without the moved rows), and one holding
    ``kept`` and the moved rows as they are now, with a comment on what was merged.
    """
    model = type(kept)
    if model not in MERGE_FILLS or type(removed) is not model:
        raise MergeRefused(gettext("Only two people or two organizations can be merged."))
    if kept.pk == removed.pk:
        raise MergeRefused(gettext("Choose two different records to merge."))
    notes: list[str] = []
    with transaction.atomic():
        # Both rows locked, in id order (two merges never wait on each other), and read
        # fresh: what is merged is what is stored.
        locked = {
            row.pk: row
            for row in model._default_manager.select_for_update()
            .filter(pk__in=[kept.pk, removed.pk])
            .order_by("pk")
        }
        if len(locked) != 2:
            raise MergeRefused(gettext("One of the records no longer exists."))
        kept, removed = locked[kept.pk], locked[removed.pk]
        _keep_as_it_was(
            removed, user=user, comment=f"Merged into “{kept}” (id {kept.pk}); as it was before."
        )
        with reversion.create_revision():
            if user is not None:
                reversion.set_user(user)
            reversion.set_comment(f"Merged “{removed}” (id {removed.pk}) into this record.")
            for step in _merge_steps.get(model, ()):
                step(kept, removed, notes)
            if model is Person:
                _move_person_rows(kept, removed, notes)
            else:
                _move_organization_rows(kept, removed, notes)
            _fill_blanks(kept, removed, notes)
            _keep_names(kept, removed, notes)
            kept.save()
        # After the revision has closed: reversion saves versions of rows that exist
        # then only, and the revision must hold the removed record as it was.
        _refuse_if_still_named(removed)
        # The removed record's image file is kept: its history names it, and a
        # recovered record shows it again (or the kept record took it over).
        for field in model.clean_image_fields:
            setattr(removed, field, "")
        removed.delete()
    return notes


def _keep_as_it_was(record, *, user, comment: str) -> None:
    """A revision of its own holding ``record`` alone, as it is now: what "recover
    deleted" brings back. Not through ``reversion.create_revision``: reversion keeps
    versions only of rows that still exist when its outermost revision closes, and the
    admin's changelist wraps each action in one; nor with the rows the record's history
    follows (posts, other names), which stay with the record kept."""
    revision = Revision.objects.create(date_created=timezone.now(), user=user, comment=comment)
    Version.objects.create(
        revision=revision,
        object_id=str(record.pk),
        content_type=ContentType.objects.get_for_model(record),
        db=router.db_for_write(type(record)),
        format="json",
        serialized_data=serializers.serialize("json", [record]),
        object_repr=str(record),
    )


def _move_person_rows(kept: Person, removed: Person, notes: list[str]) -> None:
    # Posts: the person's own rows; participations and signatures that cite a post
    # follow it there.
    for position in Position.objects.filter(person=removed):
        position.person = kept
        position.save()
    for participation in Participation.objects.filter(person=removed).select_related("conference"):
        twin = Participation.objects.filter(
            conference=participation.conference_id, person=kept, role=participation.role
        ).first()
        if twin is None:
            participation.person = kept
            participation.save()
            continue
        # The same role at the same conference twice: one row, with both rows' facts.
        for link in ParticipationPost.objects.filter(participation=participation):
            ParticipationPost.objects.get_or_create(participation=twin, position=link.position)
        for field in ("remarks", "quote"):
            ours, theirs = getattr(twin, field), getattr(participation, field)
            if theirs and theirs not in ours:
                setattr(twin, field, f"{ours}\n\n{theirs}" if ours else theirs)
        twin.session_id = twin.session_id or participation.session_id
        twin.remote = twin.remote or participation.remote
        twin.save()
        participation.delete()
        notes.append(
            gettext(
                "Both were %(role)s at “%(conference)s”: one participation was kept, with the "
                "posts, remarks and quotes of both."
            )
            % {
                "role": participation.get_role_display().lower(),
                "conference": participation.conference,
            }
        )


def _move_organization_rows(kept: Organization, removed: Organization, notes: list[str]) -> None:
    for position in Position.objects.filter(organization=removed):
        position.organization = kept
        position.save()
    for organizer in Organizer.objects.filter(organization=removed).select_related("conference"):
        twin = Organizer.objects.filter(conference=organizer.conference_id, organization=kept)
        twin = twin.first()
        if twin is None:
            organizer.organization = kept
            organizer.save()
            continue
        organizer.delete()
        notes.append(
            gettext(
                "Both organized “%(conference)s”: the kept record's entry (%(kept_role)s) "
                "stays; the other (%(other_role)s) was removed."
            )
            % {
                "conference": organizer.conference,
                "kept_role": twin.get_role_display().lower(),
                "other_role": organizer.get_role_display().lower(),
            }
        )
    taken = {folded(name) for name in kept.aliases.values_list("name", flat=True)}
    for alias in OrganizationAlias.objects.filter(organization=removed):
        if folded(alias.name) in taken | {folded(kept.name)}:
            alias.delete()  # the kept record has this name already
            continue
        alias.organization = kept
        alias.save()
        taken.add(folded(alias.name))


def _fill_blanks(kept, removed, notes: list[str]) -> None:
    filled = []
    for field in MERGE_FILLS[type(kept)]:
        if not getattr(kept, field) and getattr(removed, field):
            setattr(kept, field, getattr(removed, field))
            filled.append(str(type(kept)._meta.get_field(field).verbose_name))
    if filled:
        notes.append(
            gettext("Blank fields taken from “%(record)s”: %(fields)s.")
            % {"record": removed, "fields": ", ".join(filled)}
        )


def _keep_names(kept, removed, notes: list[str]) -> None:
    """An organization's other names become aliases of the kept one. A person has one
    other name (``name_alt``): the removed person's name goes there when it is blank;
    otherwise it stays in the merge's revision comment and the note says so."""
    if isinstance(kept, Organization):
        known = {folded(kept.name), folded(kept.short_name)}
        known |= {folded(name) for name in kept.aliases.values_list("name", flat=True)}
        for name in (removed.name, removed.short_name):
            if name and folded(name) not in known:
                OrganizationAlias.objects.create(organization=kept, name=name)
                known.add(folded(name))
                notes.append(
                    gettext("“%(name)s” is now another name of “%(kept)s”.")
                    % {"name": name, "kept": kept}
                )
        return
    names = {folded(kept.name), folded(kept.name_alt)}
    for name in (removed.name, removed.name_alt):
        if not name or folded(name) in names:
            continue
        if not kept.name_alt:
            kept.name_alt = name
            notes.append(
                gettext("“%(name)s” is now the other name of “%(kept)s”.")
                % {"name": name, "kept": kept}
            )
        else:
            notes.append(
                gettext(
                    "The name “%(name)s” was not kept on “%(kept)s” (it has another name "
                    "already); the history of the merge records it."
                )
                % {"name": name, "kept": kept}
            )
        names.add(folded(name))


def _refuse_if_still_named(removed) -> None:
    """What a delete of ``removed`` would take with it or be stopped by must be nothing
    but itself: a relation no merge step moves would otherwise lose rows silently."""
    collector = Collector(using=router.db_for_write(type(removed)))
    try:
        collector.collect([removed])
    except (models.ProtectedError, models.RestrictedError) as error:
        raise MergeRefused(
            gettext(
                "“%(record)s” is still named by rows the merge does not move: nothing was changed."
            )
            % {"record": removed}
        ) from error
    others = [
        row
        for rows in collector.data.values()
        for row in rows
        if not (type(row) is type(removed) and row.pk == removed.pk)
    ]
    if others or any(queryset.exists() for queryset in collector.fast_deletes):
        raise MergeRefused(
            gettext("Deleting “%(record)s” would take other rows with it: nothing was changed.")
            % {"record": removed}
        )


# Starting a conference from an earlier one.

COPY_SUFFIX = " (copy)"


def copy_conference(original: Conference, *, user=None) -> Conference:
    """A draft made from ``original``: its title with " (copy)", a fresh slug, and its
    organizers, topics, venue, city, country, time zone and agenda outline (titles, kinds,
    order). Not copied: participants, key figures, photos, the source, the text (theme,
    summary, body) and the publishing fields. The dates are the original's, for the
    editor to change (a conference needs a start date)."""
    title_length = Conference._meta.get_field("title").max_length
    # Each language's text, as it is (not the text the editor's language falls back to).
    texts = {
        name: getattr(original, name)
        for field in ("venue", "city", "country")
        for name in text_columns(Conference, field)
    }
    texts.update(
        {
            name: title[: title_length - len(COPY_SUFFIX)] + COPY_SUFFIX
            for name in text_columns(Conference, "title")
            if (title := getattr(original, name))
        }
    )
    copy = Conference(
        **texts,
        start_date=original.start_date,
        start_time=original.start_time,
        end_date=original.end_date,
        end_time=original.end_time,
        time_zone=original.time_zone,
        publication_status=DRAFT,
    )
    with history(user, f"Started from “{original}” (id {original.pk})."):
        save(copy, m2m={"topics": list(original.topics.all())})
        for row in original.organizers.all():
            Organizer.objects.create(
                conference=copy, organization_id=row.organization_id, role=row.role, order=row.order
            )
        for row in original.sessions.all():
            titles = {name: getattr(row, name) for name in text_columns(Session, "title")}
            Session.objects.create(conference=copy, **titles, kind=row.kind, order=row.order)
        if user is not None and reversion.is_registered(Conference):
            # Again, now with its rows: the revision holds the conference as it starts.
            reversion.add_to_revision(copy)
    return copy


__all__ = [
    "DRAFT",
    "PUBLISHED",
    "SEARCH_WORDS_FROM",
    "Skipped",
    "MergeRefused",
    "bulk_create",
    "copy_conference",
    "create",
    "delete",
    "history",
    "merge",
    "prepare",
    "publish",
    "refresh_related_search",
    "refresh_search",
    "regenerate_renditions",
    "register_bulk_search_rows",
    "register_merge_step",
    "save",
    "unpublish",
]
