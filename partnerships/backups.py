"""One archive with all content and all media files, and the way back from it.

The archive is a gzipped tar file:

    manifest.json   what it is, when it was made, a SHA-256 for every other member
    data.json       every row of the content apps, users and groups (natural keys)
    media/...       every stored file: photos, renditions, logos, portraits, documents

A restore checks the whole archive before it changes anything.
"""

import hashlib
import io
import json
import tarfile
import tempfile
from pathlib import PurePosixPath

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from events.uploads import keep_files

FORMAT = "event-partnership-cms-backup"
VERSION = 1
DATA_LABELS = ["events", "partnerships", "auth.group", "auth.user", "reversion"]
# What makes a database "not empty" for a restore (users may exist: whoever restores).
CONTENT_APPS = ["events", "partnerships", "reversion"]
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
    return sum(
        model._default_manager.count()
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models()
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


def read_backup(source) -> tuple[dict, dict[str, bytes]]:
    """The manifest and every member, after checking all of them; else BackupError."""
    try:
        with tarfile.open(**_target(source, "r:gz")) as archive:
            members = {}
            for member in archive.getmembers():
                path = PurePosixPath(member.name)
                if not member.isfile() or path.is_absolute() or ".." in path.parts:
                    raise BackupError(f"The archive holds an unexpected entry: {member.name}.")
                members[member.name] = archive.extractfile(member).read()
    except (tarfile.TarError, EOFError, OSError, UnicodeDecodeError) as error:
        raise BackupError(
            f"This file is not a readable backup archive (a gzipped tar file): {error}."
        ) from error
    try:
        manifest = json.loads(members.pop("manifest.json"))
    except (KeyError, ValueError) as error:
        raise BackupError("This archive has no manifest: it was not made by `backup`.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError("This archive was not made by this site's `backup` command.")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"This archive is of version {manifest.get('version')}; this site reads "
            f"version {VERSION}."
        )
    expected = manifest.get("members", {})
    if set(expected) != set(members):
        missing = sorted(set(expected) - set(members))
        extra = sorted(set(members) - set(expected))
        raise BackupError(
            f"The archive is incomplete or altered (missing: {missing[:3]}, extra: {extra[:3]})."
        )
    for name, content in members.items():
        if hashlib.sha256(content).hexdigest() != expected[name]:
            raise BackupError(f"The archive is damaged: {name} does not match its checksum.")
    return manifest, members


def restore_backup(source, replace=False, progress=lambda message: None) -> dict:
    """Load an archive into this site. Refuses a site with content unless ``replace``."""
    manifest, members = read_backup(source)
    existing = content_rows()
    if existing and not replace:
        raise BackupError(
            f"This site already has content ({existing} rows). Restore into an empty "
            "database, or pass --replace to delete the current content first."
        )
    progress(f"Archive of {manifest['created']} checked: {manifest['rows']} rows")
    data = members.pop("data.json")
    before = set(stored_files())
    # Files first: should one fail to write, the database has not been touched yet.
    written = []
    try:
        files = sorted(members)
        for number, name in enumerate(files, start=1):
            stored_name = name.removeprefix("media/")
            if default_storage.exists(stored_name):
                default_storage.delete(stored_name)
            written.append(default_storage.save(stored_name, ContentFile(members[name])))
            if number % 50 == 0 or number == len(files):
                progress(f"{number}/{len(files)} files")
        with transaction.atomic(), keep_files():
            if replace:
                delete_content()
            _load(data)
    except Exception:
        for name in set(written) - before:
            default_storage.delete(name)
        raise
    # The site now holds exactly the archive's files.
    for name in before - set(written):
        default_storage.delete(name)
    progress(f"{manifest['rows']} rows loaded")
    return manifest


def delete_content() -> None:
    """Every row of the content apps, in an order their protections allow."""
    from reversion.models import Revision

    from events.models import Conference, MediaItem, Organization, Person, Topic
    from partnerships.models import Agreement

    Revision.objects.all().delete()
    Agreement.objects.all().delete()
    Conference.objects.all().delete()
    MediaItem.objects.all().delete()
    Person.objects.all().delete()
    Organization.objects.all().delete()
    Topic.objects.all().delete()


def _load(data: bytes) -> None:
    with tempfile.NamedTemporaryFile(suffix=".json") as file:
        file.write(data)
        file.flush()
        call_command("loaddata", file.name, verbosity=0)


def _add(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


def _target(target, mode: str) -> dict:
    if hasattr(target, "read") or hasattr(target, "write"):
        return {"fileobj": target, "mode": mode}
    return {"name": str(target), "mode": mode}
