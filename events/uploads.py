"""Stored image files: cleaned on the way in, renditions beside them, removed after commit.

All file access goes through the field's storage, so moving to S3-compatible storage
(django-storages) is a settings change.
"""

import logging
import threading
from contextlib import contextmanager
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.db import transaction

from .images import EXTENSION, FORMATS, CleanImage, clean_image, make_renditions, read_upload

logger = logging.getLogger(__name__)

ORIGINAL_SUFFIXES = sorted({suffix for suffixes in FORMATS.values() for suffix in suffixes})


def store_clean(fieldfile) -> CleanImage:
    """Replace a new upload with its cleaned copy, under a fresh random name."""
    clean = clean_image(read_upload(fieldfile.file), fieldfile.name)
    # upload_to keeps only the extension and draws a random name.
    fieldfile.save(f"upload{clean.extension}", ContentFile(clean.content), save=False)
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
    so running this again (after an interruption, say) leaves no stray copies.
    """
    with storage.open(original, "rb") as file:
        data = file.read()
    renditions: dict[int, dict] = {}
    for rendition in make_renditions(data):
        name = rendition_name(original, rendition.width, rendition.format)
        if storage.exists(name):
            storage.delete(name)
        stored = storage.save(name, ContentFile(rendition.content))
        entry = renditions.setdefault(
            rendition.width, {"width": rendition.width, "height": rendition.height}
        )
        entry["webp" if rendition.format == "WEBP" else "fallback"] = stored
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
