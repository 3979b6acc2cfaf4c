"""Stored image files: cleaned on the way in, renditions beside them, removed after commit.

All file access goes through the field's storage, so moving to S3-compatible storage
(django-storages) is a settings change.
"""

import errno
import logging
import threading
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.utils.translation import gettext_lazy

from .images import EXTENSION, FORMATS, CleanImage, clean_image, make_renditions, read_upload

logger = logging.getLogger(__name__)

ORIGINAL_SUFFIXES = sorted({suffix for suffixes in FORMATS.values() for suffix in suffixes})

# No space left, over the quota, or over the largest file the system allows: to the
# editor these are all "the disk is full", and none is their fault.
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
DISK_FULL_MESSAGE = (
    "The server's disk is full; nothing was saved. Try again later or tell the site's "
    "administrator."
)


STORE_DOWN_MESSAGE = gettext_lazy(
    "The file store did not answer; nothing was saved. Try again later or tell the "
    "site's administrator."
)


def causes(error: BaseException | None):
    """``error`` and each error it was raised from."""
    seen = set()
    while error is not None and id(error) not in seen:
        yield error
        seen.add(id(error))
        error = error.__cause__ or error.__context__


def is_store_unavailable(error: BaseException | None) -> bool:
    """Whether ``error``, or an error it was raised from, is an object store (S3) that did
    not answer, or answered that it failed (a 5xx)."""
    try:
        from botocore.exceptions import (
            ClientError,
            ConnectionError,
            HTTPClientError,
            IncompleteReadError,
        )
    except ImportError:  # no S3 client installed: no object store in use
        return False
    # Not every BotoCoreError: a request the client refuses to send (an empty key, no
    # credentials) is no outage, and saying "try again later" would hide it.
    for cause in causes(error):
        if isinstance(cause, ConnectionError | HTTPClientError | IncompleteReadError):
            return True
        if isinstance(cause, ClientError):
            status = cause.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0
            if status >= 500:
                return True
    return False


def storage_failure(error: BaseException | None):
    """What to tell an editor whose save failed in storage, through no fault of theirs (the
    disk full, the object store down); ``None`` for any other error."""
    if is_disk_full(error):
        return DISK_FULL_MESSAGE
    if is_store_unavailable(error):
        return STORE_DOWN_MESSAGE
    return None


def is_disk_full(error: BaseException | None) -> bool:
    """Whether ``error``, or an error it was raised from, is the disk being full."""
    return any(
        isinstance(cause, OSError) and cause.errno in DISK_FULL_ERRNOS for cause in causes(error)
    )


_attempt = threading.local()


class TidyFileSystemStorage(FileSystemStorage):
    """FileSystemStorage that never leaves half a file behind.

    Django's own keeps whatever it had written when a write fails (a full disk), and that
    partial file is referenced by nothing. Here it is removed before the error goes on.
    Every file saved is also noted for ``removed_on_failure``.
    """

    def get_available_name(self, name, max_length=None):
        # _save asks again when another process took the name first; remember the last.
        name = super().get_available_name(name, max_length=max_length)
        _attempt.name = name
        return name

    def _save(self, name, content):
        _attempt.name = name
        try:
            name = super()._save(name, content)
        except OSError:
            # The file was opened with O_EXCL, so whatever is at that name is ours.
            Path(self.path(_attempt.name)).unlink(missing_ok=True)
            raise
        note_written(self, name)
        return name


_written = threading.local()


@contextmanager
def removed_on_failure():
    """Files written inside this block are deleted again if the block raises.

    The block is one transaction: wrapped around a whole admin save, its database changes
    roll back together, so every file it wrote (originals, renditions, documents) would
    otherwise be an orphan. Should the error come after the commit (a failing commit
    hook), the files are the committed rows' and stay.
    """
    outer = getattr(_written, "files", None)
    files = _written.files = {}
    committed = False

    def mark_committed():
        nonlocal committed
        committed = True

    try:
        with transaction.atomic():
            # First in line, so it runs before any other hook that might fail.
            transaction.on_commit(mark_committed)
            yield
    except BaseException:
        if not committed:
            delete_now_from(files)
        raise
    else:
        if outer is not None:
            outer.update(files)
    finally:
        _written.files = outer


def note_written(storage, name: str) -> None:
    files = getattr(_written, "files", None)
    if files is not None:
        files[(id(storage), name)] = (storage, name)


def delete_now_from(files: dict) -> None:
    for storage, name in reversed(list(files.values())):
        delete_now(storage, [name])


def store_clean(fieldfile) -> CleanImage:
    """Replace a new upload with its cleaned copy, under a fresh random name."""
    clean = clean_image(read_upload(fieldfile.file), fieldfile.name)
    # upload_to keeps only the extension and draws a random name.
    fieldfile.save(f"upload{clean.extension}", ContentFile(clean.content), save=False)
    note_written(fieldfile.storage, fieldfile.name)
    return clean


def rendition_name(original: str, width: int, image_format: str) -> str:
    path = PurePosixPath(original)
    return str(path.parent / "renditions" / f"{path.stem}-{width}{EXTENSION[image_format]}")


def originals_of_rendition(name: str) -> list[str]:
    """The names the original of rendition ``name`` may have (``rendition_name`` undone):
    its folder and stem are known, its extension is one an uploaded image may have. So a
    rendition's photo is found by exact matches on the indexed image column."""
    path = PurePosixPath(name)
    stem, _, width = path.stem.rpartition("-")
    if path.parent.name != "renditions" or not stem or not width.isdigit():
        return []
    folder = path.parent.parent
    return [str(folder / f"{stem}{suffix}") for suffix in ORIGINAL_SUFFIXES]


def write_renditions(storage, original: str) -> list[dict]:
    """Make and store every rendition of a stored original; describe them for the page.

    Names follow from the original's, and an existing file of that name is replaced,
    so running this again (after an interruption, say) leaves no stray copies. Should a
    write fail (a full disk), the renditions this call added are deleted again; those
    that replaced a file of the same name stay, as the row still refers to that name.
    """
    with storage.open(original, "rb") as file:
        data = file.read()
    renditions: dict[int, dict] = {}
    added = []
    try:
        for rendition in make_renditions(data):
            name = rendition_name(original, rendition.width, rendition.format)
            replacing = storage.exists(name)
            if replacing:
                storage.delete(name)
            stored = storage.save(name, ContentFile(rendition.content))
            if not replacing:
                added.append(stored)
                note_written(storage, stored)
            entry = renditions.setdefault(
                rendition.width, {"width": rendition.width, "height": rendition.height}
            )
            entry["webp" if rendition.format == "WEBP" else "fallback"] = stored
    except BaseException:
        delete_now(storage, added)
        raise
    return [renditions[width] for width in sorted(renditions)]


def rendition_files(renditions) -> list[str]:
    return [
        entry[key] for entry in renditions or [] for key in ("webp", "fallback") if entry.get(key)
    ]


_keeping = threading.local()


@contextmanager
def keep_files():
    """Rows deleted inside this block leave their files alone (a restore puts them back)."""
    _keeping.active = True
    try:
        yield
    finally:
        _keeping.active = False


def delete_after_commit(storage, names) -> None:
    """Delete files once the database change that dropped them has committed.

    A change that rolls back keeps its files; a committed one leaves no orphans.
    """
    names = [name for name in names if name]
    if names and not getattr(_keeping, "active", False):
        # robust: the data has committed; a storage hiccup must not turn that into an error
        # page. It is logged, and regenerate_renditions --prune-orphans tidies up later.
        transaction.on_commit(lambda: delete_now(storage, names), robust=True)


def delete_now(storage, names) -> None:
    for name in names:
        try:
            storage.delete(name)
        except Exception:
            logger.exception("Could not delete %s from storage", name)
