"""Backup and restore: a round trip gives the same rows and the same files, byte for byte."""

import gzip
import io
import json
import re
import tarfile
import tracemalloc

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from events.models import Conference, MediaItem, Organization, Person
from partnerships.backups import delete_content
from partnerships.models import Agreement
from tests.archives import gzip_bomb, truncated_tar_gz
from tests.factories import AgreementDocumentFactory, PartyFactory
from tests.images import noisy_jpeg, upload

pytestmark = pytest.mark.django_db


def dump() -> list[dict]:
    out = io.StringIO()
    call_command(
        "dumpdata", "events", "partnerships", "auth.user",
        natural_foreign=True, natural_primary=True, stdout=out,
    )  # fmt: skip
    # The archive keeps times to the millisecond, as Django's JSON does: a time 1-999 µs
    # past a second reads "…:13.000Z" before a round trip and "…:13Z" after it.
    text = re.sub(r'(T\d\d:\d\d:\d\d)\.000(Z|[+-]\d\d:\d\d)"', r'\1\2"', out.getvalue())
    return sorted(json.loads(text), key=lambda row: (row["model"], str(row.get("pk"))))


def files(media_root) -> dict[str, bytes]:
    return {
        str(path.relative_to(media_root)): path.read_bytes()
        for path in media_root.rglob("*")
        if path.is_file()
    }


def run(command, *args) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def site(demo, media_root):
    """The demo content, a document upload, a logo, and a user: what a real site holds."""
    User.objects.create_user("editor", "editor@example.org", "secret-42")
    AgreementDocumentFactory(
        agreement=Agreement.objects.first(), file=upload("text.pdf", b"%PDF-1.4 agreement")
    )
    hktdc = Organization.objects.get(slug="hktdc")
    hktdc.logo = upload("logo.jpg", noisy_jpeg((300, 200)))
    hktdc.save()


def test_round_trip_after_a_simulated_loss(site, media_root, tmp_path):
    rows_before, files_before = dump(), files(media_root)
    archive = tmp_path / "site.tar.gz"

    backup_output = run("backup", str(archive))

    # The disaster: every row and every file gone.
    delete_content()
    User.objects.filter(username="editor").delete()
    for path in media_root.rglob("*"):
        if path.is_file():
            path.unlink()
    assert Conference.objects.count() == 0 and files(media_root) == {}

    restore_output = run("restore", str(archive))

    assert dump() == rows_before
    assert files(media_root) == files_before
    assert "files to copy" in backup_output and "Backed up" in backup_output
    assert f"{len(files_before)}/{len(files_before)} files" in restore_output
    assert "Restored" in restore_output
    assert User.objects.get(username="editor").check_password("secret-42")


def test_restore_refuses_a_database_with_content_unless_told(site, tmp_path):
    archive = tmp_path / "site.tar.gz"
    run("backup", str(archive))
    Person.objects.filter(slug="patrick-lau").update(name="Renamed meanwhile")

    with pytest.raises(CommandError, match=r"already has content .* Nothing was changed\."):
        run("restore", str(archive))
    assert Person.objects.get(slug="patrick-lau").name == "Renamed meanwhile"

    run("restore", "--replace", str(archive))
    assert Person.objects.get(slug="patrick-lau").name == "Patrick Lau"


def damaged(archive, tmp_path):
    raw = bytearray(archive.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    path = tmp_path / "damaged.tar.gz"
    path.write_bytes(bytes(raw))
    return path


def altered(archive, tmp_path):
    """A readable archive whose data was edited after the backup was made."""
    path = tmp_path / "altered.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(path, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name == "data.json":
                content = content.replace(b"Patrick Lau", b"Someone Else")
                member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    return path


def foreign(archive, tmp_path):
    path = tmp_path / "foreign.tar.gz"
    with tarfile.open(path, "w:gz") as target:
        info = tarfile.TarInfo("data.json")
        info.size = 2
        target.addfile(info, io.BytesIO(b"[]"))
    return path


def not_an_archive(archive, tmp_path):
    path = tmp_path / "notes.tar.gz"
    path.write_bytes(gzip.compress(b"just some text"))
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        # Where the flipped byte lands decides which check catches it: gzip's own, a
        # member's checksum, or the list of members.
        (
            damaged,
            (
                "not a readable backup archive",
                "The archive is damaged:",
                "The archive is incomplete or altered",
                "The archive holds an unexpected entry",
                "This archive has no manifest",
            ),
        ),
        (altered, ("The archive is damaged: data.json does not match its checksum.",)),
        (foreign, ("This archive has no manifest",)),
        (not_an_archive, ("not a readable backup archive",)),
    ],
)
def test_a_damaged_or_foreign_archive_is_refused_and_changes_nothing(
    site, media_root, tmp_path, make, message
):
    archive = tmp_path / "site.tar.gz"
    run("backup", str(archive))
    delete_content()
    rows, stored = dump(), files(media_root)

    with pytest.raises(CommandError) as error:
        run("restore", str(make(archive, tmp_path)))

    assert any(expected in str(error.value) for expected in message)
    assert str(error.value).endswith("Nothing was changed.")
    assert dump() == rows and files(media_root) == stored
    assert MediaItem.objects.count() == 0


def test_backup_of_an_empty_site_restores_to_an_empty_site(db, tmp_path):
    archive = tmp_path / "empty.tar.gz"

    run("backup", str(archive))
    run("restore", str(archive))

    assert Conference.objects.count() == 0


def test_parties_and_signatures_survive_with_their_links(site, tmp_path):
    party = PartyFactory(organization=Organization.objects.get(slug="hktdc"))
    archive = tmp_path / "site.tar.gz"
    run("backup", str(archive))

    run("restore", "--replace", str(archive))

    assert Agreement.objects.get(pk=party.agreement.pk).parties.get().organization.slug == "hktdc"


def test_history_comes_back_and_replace_leaves_exactly_the_archives_files(
    site, media_root, tmp_path, admin_client
):
    from django.urls import reverse
    from reversion.models import Version

    from tests.admin_forms import rendered_form_data

    conference = Conference.objects.get()
    url = reverse("admin:events_conference_change", args=[conference.pk])
    admin_client.post(url, rendered_form_data(admin_client.get(url)))
    assert Version.objects.get_for_object(conference).count() == 1
    archive = tmp_path / "site.tar.gz"
    run("backup", str(archive))
    archived = files(media_root)
    stray = media_root / "media" / "0123456789abcdef0123456789abcdef.jpg"
    stray.write_bytes(b"a file of the content being replaced")

    run("restore", "--replace", str(archive))

    assert Version.objects.get_for_object(Conference.objects.get()).count() == 1
    assert files(media_root) == archived


# Hostile archives: each is refused with a message saying why, and changes nothing.

MB = 1024 * 1024


@pytest.fixture(scope="session")
def gzip_bomb_file(tmp_path_factory):
    """About 1 MB of gzip that expands to 1.1 GB: eleven files of 100 MB of zeros."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.tar.gz"
    gzip_bomb(path, {f"media/media/{n:032x}.jpg": 100 * MB for n in range(11)})
    assert path.stat().st_size < 2 * MB
    return path


def refused(archive, media_root) -> tuple[str, int]:
    """The message of a refused restore and its peak Python memory; asserts nothing changed."""
    rows, stored = dump(), files(media_root)
    tracemalloc.start()
    try:
        with pytest.raises(CommandError) as error:
            run("restore", str(archive))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(error.value).endswith("Nothing was changed.")
    assert dump() == rows and files(media_root) == stored
    return str(error.value).replace("\xa0", " "), peak


def test_a_gzip_bomb_is_refused_by_its_ratio_with_little_memory(db, media_root, gzip_bomb_file):
    message, peak = refused(gzip_bomb_file, media_root)

    assert "The archive expands more than 100 times (RESTORE_MAX_RATIO)" in message
    assert "possible decompression bomb" in message
    assert peak < 100 * MB


def test_an_archive_past_the_total_limit_is_refused_with_little_memory(
    db, media_root, gzip_bomb_file, settings
):
    settings.RESTORE_MAX_RATIO = 10_000  # only the total limit stands in the way
    settings.RESTORE_MAX_BYTES = 250 * MB

    message, peak = refused(gzip_bomb_file, media_root)

    assert "add up to more than 250.0 MB (RESTORE_MAX_BYTES)" in message
    assert peak < 100 * MB


def test_a_huge_declared_member_is_refused_before_it_is_read(site, media_root, tmp_path):
    archive = tmp_path / "huge.tar.gz"
    truncated_tar_gz(archive, "media/media/0123456789abcdef0123456789abcdef.jpg", 100 * 1024**3)

    message, _ = refused(archive, media_root)

    assert "is 100.0 GB, more than the 512.0 MB a restore accepts" in message
    assert "RESTORE_MAX_MEMBER_BYTES" in message


def test_a_huge_extended_header_is_refused_before_it_is_read(db, media_root, tmp_path):
    archive = tmp_path / "pax.tar.gz"
    gzip_bomb(archive, {"././@PaxHeader": 50 * MB}, kind=tarfile.XHDTYPE)

    message, peak = refused(archive, media_root)

    assert "The archive holds an unexpected entry" in message
    assert peak < 20 * MB


def hostile_entry(path, make_info) -> None:
    with tarfile.open(path, "w:gz") as archive:
        info = make_info()
        content = b"x" * info.size
        archive.addfile(info, io.BytesIO(content) if content else None)


def entry(name, kind=tarfile.REGTYPE, size=1, linkname=""):
    def make():
        info = tarfile.TarInfo(name)
        info.type, info.linkname = kind, linkname
        info.size = size if kind == tarfile.REGTYPE else 0
        return info

    return make


@pytest.mark.parametrize(
    "make_info",
    [
        entry("../escaped.jpg"),
        entry("media/../../escaped.jpg"),
        entry("/etc/cron.d/escaped"),
        entry("media/media/link.jpg", tarfile.SYMTYPE, linkname="/etc/passwd"),
        entry("media/media/hard.jpg", tarfile.LNKTYPE, linkname="data.json"),
        entry("media/media/device", tarfile.CHRTYPE),
        entry("media/media/block", tarfile.BLKTYPE),
        entry("media/media/pipe", tarfile.FIFOTYPE),
        entry("media/media", tarfile.DIRTYPE),
    ],
    ids=[
        "dotdot",
        "dotdot-inside",
        "absolute",
        "symlink",
        "hardlink",
        "char",
        "block",
        "fifo",
        "directory",
    ],  # fmt: skip
)
def test_paths_escaping_and_links_and_devices_are_refused(site, media_root, tmp_path, make_info):
    archive = tmp_path / "hostile.tar.gz"
    hostile_entry(archive, make_info)

    message, _ = refused(archive, media_root)

    assert f"The archive holds an unexpected entry: {make_info().name}." in message
    assert not (tmp_path / "escaped.jpg").exists()
