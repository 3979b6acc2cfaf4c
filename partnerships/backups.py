"""One archive with all content and all media files, and the way back from it.

The archive is a gzipped tar file:

    manifest.json   what it is, when it was made, a SHA-256 for every other member
    data.json       every row of the content apps, users and groups (natural keys)
    media/...       every stored file: photos, renditions, logos, portraits, documents

A restore checks the whole archive before it changes anything, reading it as a stream
with bounded memory, and refuses one that would expand past the RESTORE_MAX_* settings.
"""

import gzip
import hashlib
import io
import json
import logging
import tarfile
import tempfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from events.uploads import keep_files

from .services import CONTENT_APPS, delete_all_content, load_content

logger = logging.getLogger(__name__)

FORMAT = "event-partnership-cms-backup"
VERSION = 1
DATA_LABELS = ["events", "partnerships", "auth.group", "auth.user", "reversion"]
MEDIA_FOLDERS = ["media", "logos", "people", "agreements"]


class BackupError(Exception):
    """The archive cannot be used; the message says why. Nothing was changed."""


def stored_files(storage=default_storage) -> list[str]:
    """Every file under the media folders, through the storage API."""
    names = []

    def walk(folder: str) -> None:
        try:
            directories, files = storage.listdir(folder)
        except (FileNotFoundError, NotADirectoryError):
            return
        names.extend(f"{folder}/{name}" for name in files)
        for directory in directories:
            walk(f"{folder}/{directory}")

    for folder in MEDIA_FOLDERS:
        walk(folder)
    return sorted(names)


def content_rows() -> int:
    """Rows of content, not counting those every site starts with (``starting_rows``:
    the places a migration makes)."""
    return sum(
        model._default_manager.count()
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models()
        if not getattr(model, "starting_rows", False)
    )


def write_backup(target, progress=lambda message: None) -> dict:
    """Write the archive to ``target`` (a path or a binary file); its manifest."""
    data = io.StringIO()
    call_command(
        "dumpdata",
        *DATA_LABELS,
        natural_foreign=True,
        natural_primary=True,
        indent=1,
        stdout=data,
    )
    data_bytes = data.getvalue().encode()
    files = stored_files()
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created": timezone.now().isoformat(),
        "rows": len(json.loads(data_bytes)),
        "members": {"data.json": hashlib.sha256(data_bytes).hexdigest()},
    }
    progress(f"{manifest['rows']} rows; {len(files)} files to copy")
    with tarfile.open(**_target(target, "w:gz")) as archive:
        _add(archive, "data.json", data_bytes)
        for number, name in enumerate(files, start=1):
            with default_storage.open(name, "rb") as file:
                content = file.read()
            manifest["members"][f"media/{name}"] = hashlib.sha256(content).hexdigest()
            _add(archive, f"media/{name}", content)
            if number % 50 == 0 or number == len(files):
                progress(f"{number}/{len(files)} files")
        _add(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
    return manifest


@dataclass
class Limits:
    """How far an archive may expand before it is refused as a possible gzip bomb."""

    total: int
    member: int
    data: int
    ratio: int

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(
            total=settings.RESTORE_MAX_BYTES,
            member=settings.RESTORE_MAX_MEMBER_BYTES,
            data=settings.RESTORE_MAX_DATA_BYTES,
            ratio=settings.RESTORE_MAX_RATIO,
        )


CHUNK = 1024 * 1024
# The manifest holds a line per file; far below this even for a very large site.
MANIFEST_MAX_BYTES = 64 * 1024 * 1024
# The ratio is judged once this much has been expanded: a small archive of rows may
# compress very well, and a bomb is stopped long before it matters.
RATIO_AFTER_BYTES = 16 * 1024 * 1024
# Long names and extended attributes are read whole by tarfile; ours need none.
EXTENDED_HEADER_MAX_BYTES = 64 * 1024
MAX_MEMBERS = 500_000
# Files that spill to a temporary file on disk past this size while they are restored.
SPOOL_BYTES = 8 * 1024 * 1024


class _Counted:
    """The compressed file, counting what gzip reads of it."""

    def __init__(self, raw):
        self.raw = raw
        self.count = 0

    def read(self, size=-1):
        data = self.raw.read(size)
        self.count += len(data)
        return data


class _Expansion:
    """The archive decompressed as tarfile reads it, refused as soon as it grows too far."""

    def __init__(self, raw, limits: Limits):
        self.compressed = _Counted(raw)
        self.gzip = gzip.GzipFile(fileobj=self.compressed, mode="rb")
        self.limits = limits
        self.expanded = 0

    def read(self, size=-1):
        size = CHUNK if size is None or size < 0 else min(size, CHUNK)
        data = self.gzip.read(size)
        self.expanded += len(data)
        if self.expanded > self.limits.total:
            raise BackupError(
                f"The archive expands to more than {filesizeformat(self.limits.total)} "
                "(RESTORE_MAX_BYTES): it is refused as a possible decompression bomb."
            )
        if self.expanded > RATIO_AFTER_BYTES and self.expanded > self.limits.ratio * max(
            self.compressed.count, 1
        ):
            raise BackupError(
                f"The archive expands more than {self.limits.ratio} times "
                "(RESTORE_MAX_RATIO), which no backup of photos and rows does: it is refused "
                "as a possible decompression bomb."
            )
        return data


class _CheckedTarInfo(tarfile.TarInfo):
    def _proc_member(self, tarfile):
        # tarfile reads a long name or an extended header into memory whole, before we see
        # the member; a huge one would be a bomb of its own.
        if not self.isreg() and self.size > EXTENDED_HEADER_MAX_BYTES:
            raise BackupError(f"The archive holds an unexpected entry: {self.name}.")
        return super()._proc_member(tarfile)


@contextmanager
def _opened(source):
    if hasattr(source, "read"):
        source.seek(0)
        yield source
    else:
        with open(source, "rb") as file:
            yield file


def _members(source, limits: Limits):
    """(name, size, stream) for each member, in order, read once with bounded memory.

    Every entry is checked before its content is read: only plain files with safe
    relative names, each name once, each size within the limits.
    """
    with _opened(source) as raw:
        stream = _Expansion(raw, limits)
        try:
            archive = tarfile.open(fileobj=stream, mode="r|", tarinfo=_CheckedTarInfo)
            seen = set()
            declared = 0
            while (member := archive.next()) is not None:
                archive.members.clear()  # tarfile keeps every header; we need none
                path = PurePosixPath(member.name)
                if (
                    not member.isreg()
                    or path.is_absolute()
                    or ".." in path.parts
                    or member.name in seen
                ):
                    raise BackupError(f"The archive holds an unexpected entry: {member.name}.")
                seen.add(member.name)
                if len(seen) > MAX_MEMBERS:
                    raise BackupError(f"The archive holds more than {MAX_MEMBERS:,} files.")
                setting, limit = "RESTORE_MAX_MEMBER_BYTES", limits.member
                if member.name == "data.json":
                    setting, limit = "RESTORE_MAX_DATA_BYTES", limits.data
                elif member.name == "manifest.json":
                    setting, limit = "the manifest's limit", MANIFEST_MAX_BYTES
                if member.size > limit:
                    raise BackupError(
                        f"The archive's {member.name} is {filesizeformat(member.size)}, more "
                        f"than the {filesizeformat(limit)} a restore accepts ({setting}): it "
                        "is refused as a possible decompression bomb."
                    )
                declared += member.size
                if declared > limits.total:
                    raise BackupError(
                        f"The archive's files add up to more than "
                        f"{filesizeformat(limits.total)} (RESTORE_MAX_BYTES): it is refused as "
                        "a possible decompression bomb."
                    )
                yield member.name, member.size, archive.extractfile(member)
        except (tarfile.TarError, EOFError, OSError, zlib.error, UnicodeDecodeError) as error:
            raise BackupError(
                f"This file is not a readable backup archive (a gzipped tar file): {error}."
            ) from error


def _copy(stream, target) -> str:
    """Copy ``stream`` to ``target`` in chunks; the SHA-256 of what was copied."""
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        if target is not None:
            target.write(chunk)
    return digest.hexdigest()


@dataclass
class Checked:
    manifest: dict
    data: IO[bytes]  # data.json, in a temporary file
    files: list[str] = field(default_factory=list)  # members under media/, in order


def read_backup(source, data_file: IO[bytes], limits: Limits | None = None) -> Checked:
    """Check every member of the archive against its manifest, reading it once as a stream.

    data.json is copied to ``data_file``; nothing else is kept. Else BackupError.
    """
    limits = limits or Limits.from_settings()
    digests, manifest_bytes = {}, None
    for name, _size, stream in _members(source, limits):
        if name == "manifest.json":
            manifest_bytes = stream.read()
        else:
            digests[name] = _copy(stream, data_file if name == "data.json" else None)
    try:
        manifest = json.loads(manifest_bytes)
    except (TypeError, ValueError) as error:
        raise BackupError("This archive has no manifest: it was not made by `backup`.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("This archive was not made by this site's `backup` command.")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"This archive is of version {manifest.get('version')}; this site reads "
            f"version {VERSION}."
        )
    expected = manifest.get("members", {})
    if set(expected) != set(digests):
        missing = sorted(set(expected) - set(digests))
        extra = sorted(set(digests) - set(expected))
        raise BackupError(
            f"The archive is incomplete or altered (missing: {missing[:3]}, extra: {extra[:3]})."
        )
    for name, digest in digests.items():
        if digest != expected[name]:
            raise BackupError(f"The archive is damaged: {name} does not match its checksum.")
    files = [name for name in digests if name.startswith("media/")]
    if len(files) != len(digests) - 1 or "data.json" not in digests:
        raise BackupError("The archive holds entries that a backup never has.")
    data_file.seek(0)
    return Checked(manifest=manifest, data=data_file, files=files)


class _StorageFailed(Exception):
    """Writing a file to storage failed (the disk is full, say): not the archive's fault."""


def restore_backup(source, replace=False, progress=lambda message: None) -> dict:
    """Load an archive into this site. Refuses a site with content unless ``replace``.

    The archive is read twice as a stream: once to check it whole (sizes, names,
    checksums) before anything changes, once to write its files. Memory stays small
    whatever its size, and one that would expand too far is refused.
    """
    limits = Limits.from_settings()
    with tempfile.NamedTemporaryFile(suffix=".json") as data_file:
        checked = read_backup(source, data_file, limits)
        manifest = checked.manifest
        existing = content_rows()
        if existing and not replace:
            raise BackupError(
                f"This site already has content ({existing} rows). Restore into an empty "
                "database, or pass --replace to delete the current content first."
            )
        progress(f"Archive of {manifest['created']} checked: {manifest['rows']} rows")
        before = set(stored_files())
        # Files first: should one fail to write, the database has not been touched yet.
        written, replaced = [], {}
        try:
            _write_files(source, checked, limits, written, replaced, progress)
            with keep_files():
                load_content(data_file.name, replace=replace)
        except BaseException as error:
            for name in set(written) - before:
                default_storage.delete(name)
            _put_back(replaced)
            if isinstance(error, _StorageFailed):
                raise BackupError(
                    f"A file could not be written to storage ({error.__cause__}); the files "
                    "written so far were removed."
                ) from error
            raise
        finally:
            for copy in replaced.values():
                copy.close()
    # The site now holds exactly the archive's files.
    for name in before - set(written):
        default_storage.delete(name)
    progress(f"{manifest['rows']} rows loaded")
    return manifest


def _write_files(source, checked, limits, written: list, replaced: dict, progress) -> None:
    """Write the archive's files to storage; names in ``written``.

    A file already stored under the same name is left alone when it is the same, and
    otherwise kept aside in ``replaced`` (a temporary file) until the restore is through,
    so that a failure can put it back.
    """
    expected = checked.manifest["members"]
    total = len(checked.files)
    number = 0
    for name, _size, stream in _members(source, limits):
        if not name.startswith("media/"):
            continue
        with tempfile.SpooledTemporaryFile(SPOOL_BYTES) as spool:
            if _copy(stream, spool) != expected.get(name):
                raise BackupError(f"The archive changed while it was being restored: {name}.")
            spool.seek(0)
            stored_name = name.removeprefix("media/")
            try:
                if default_storage.exists(stored_name):
                    copy = tempfile.TemporaryFile()
                    with default_storage.open(stored_name, "rb") as current:
                        same = _copy(current, copy) == expected[name]
                    if same:
                        copy.close()
                        written.append(stored_name)
                        continue
                    replaced[stored_name] = copy
                    default_storage.delete(stored_name)
                written.append(default_storage.save(stored_name, File(spool, stored_name)))
            except OSError as error:
                raise _StorageFailed() from error
            finally:
                number += 1
                if number % 50 == 0 or number == total:
                    progress(f"{number}/{total} files")


def _put_back(replaced: dict) -> None:
    """Files that a failed restore had replaced, as they were."""
    for name, copy in replaced.items():
        try:
            if default_storage.exists(name):
                default_storage.delete(name)
            copy.seek(0)
            default_storage.save(name, File(copy, name))
        except OSError:
            logger.exception("Could not put %s back after a failed restore", name)


# Kept under its old name for callers that empty a site before a restore.
delete_content = delete_all_content


def _add(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


def _target(target, mode: str) -> dict:
    if hasattr(target, "read") or hasattr(target, "write"):
        return {"fileobj": target, "mode": mode}
    return {"name": str(target), "mode": mode}
