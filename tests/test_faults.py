"""Faults lose nothing and leave nothing: a full disk while saving, a worker killed mid-upload.

The full disk is simulated where the operating system says so: the file object that
Django's storage writes through raises OSError(ENOSPC) part way through a file, or a real
file size limit (RLIMIT_FSIZE) makes the kernel refuse the write with EFBIG.
"""

import errno
import io
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.urls import reverse

from events.models import MediaItem, Organization, Person
from events.uploads import removed_on_failure
from partnerships.models import AgreementDocument
from tests.admin_forms import rendered_form_data
from tests.factories import (
    AgreementFactory,
    ConferenceFactory,
    MediaItemFactory,
    OrganizationFactory,
)
from tests.images import image_bytes, noisy_jpeg, upload
from tests.pages import page_text

pytestmark = pytest.mark.django_db

DISK_FULL = (
    "The server's disk is full; nothing was saved. Try again later or tell the site's "
    "administrator."
)


class FillingDisk:
    """A disk with room for ``files_that_fit`` more files: the next one is cut off half way.

    With ``freed_by_cleanup``, the files deleted after the failure make room again.
    """

    def __init__(self, files_that_fit: int, error: int = errno.ENOSPC, freed_by_cleanup=False):
        self.files_that_fit = files_that_fit
        self.error = error
        self.freed_by_cleanup = freed_by_cleanup
        self.opened = 0

    def fdopen(self, real_fdopen):
        disk = self

        class File:
            def __init__(self, *args, **kwargs):
                self.file = real_fdopen(*args, **kwargs)
                disk.opened += 1
                self.full = disk.opened > disk.files_that_fit
                if disk.freed_by_cleanup:
                    self.full = disk.opened == disk.files_that_fit + 1

            def write(self, data):
                if self.full:
                    self.file.write(data[: len(data) // 2])  # what fitted stays on disk
                    self.file.flush()
                    raise OSError(disk.error, os.strerror(disk.error))
                return self.file.write(data)

            def __getattr__(self, name):
                return getattr(self.file, name)

        return File


@pytest.fixture
def disk(monkeypatch):
    """Call with the number of files that still fit; the one after fails part way."""

    def fill(files_that_fit: int, error: int = errno.ENOSPC, **options) -> FillingDisk:
        filling = FillingDisk(files_that_fit, error, **options)
        monkeypatch.setattr(os, "fdopen", filling.fdopen(os.fdopen))
        return filling

    return fill


@contextmanager
def file_size_limit(limit: int):
    """The kernel refuses to make any file larger than ``limit`` bytes (EFBIG)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an error, not a killed process
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def stored(media_root) -> set[str]:
    return {str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file()}


def assert_refused_for_a_full_disk(response, media_root, files_before):
    assert response.status_code == 200
    assert DISK_FULL in page_text(response)
    assert stored(media_root) == files_before


def photo_row(caption: str, name: str = "photo.jpg") -> dict:
    return {
        "image": upload(name, noisy_jpeg((1200, 900))),
        "caption_en": caption,
        "alt_text_en": "Delegates at a signing table",
        "order": "0",
    }


def conference_with_photos(admin_client, conference, *photos) -> dict:
    url = reverse("admin:events_conference_change", args=[conference.pk])
    data = rendered_form_data(admin_client.get(url))
    data["title_en"] = "A title typed before the disk filled"
    data["media-TOTAL_FORMS"] = str(len(photos))
    for index, row in enumerate(photos):
        for field, value in row.items():
            data[f"media-{index}-{field}"] = value
    return url, data


@pytest.mark.parametrize(
    "files_that_fit",
    # The first photo's original; one of its renditions; the second photo, once the first
    # is stored with all its renditions (1200 px wide: 480 and 960, each WebP and JPEG).
    [0, 3, 5],
    ids=["original", "rendition", "second-photo"],
)
def test_a_full_disk_while_adding_photos_to_a_conference_saves_nothing_and_leaves_nothing(
    admin_client, media_root, disk, files_that_fit
):
    conference = ConferenceFactory(title="The title as it was")
    files_before = stored(media_root)
    url, data = conference_with_photos(
        admin_client, conference, photo_row("Signing ceremony"), photo_row("Opening")
    )
    filling = disk(files_that_fit)

    response = admin_client.post(url, data)

    assert filling.opened == files_that_fit + 1  # the disk did fill where intended
    assert_refused_for_a_full_disk(response, media_root, files_before)
    conference.refresh_from_db()
    assert conference.title == "The title as it was"
    assert MediaItem.objects.count() == 0
    # The editor's input is still in the form.
    form = response.context["adminform"].form
    assert form["title_en"].value() == "A title typed before the disk filled"
    formsets = {
        inline.formset.prefix: inline.formset
        for inline in response.context["inline_admin_formsets"]
    }
    media = formsets["media"]
    assert [form["caption_en"].value() for form in media.forms] == ["Signing ceremony", "Opening"]


def test_once_there_is_room_again_the_same_save_goes_through(admin_client, media_root, disk):
    conference = ConferenceFactory()
    url, data = conference_with_photos(admin_client, conference, photo_row("Signing ceremony"))
    filling = disk(2)
    assert DISK_FULL in page_text(admin_client.post(url, data))

    filling.files_that_fit = 1000
    url, data = conference_with_photos(admin_client, conference, photo_row("Signing ceremony"))
    response = admin_client.post(url, data)

    assert response.status_code == 302
    photo = MediaItem.objects.get()
    assert stored(media_root) == {photo.image.name, *photo_files(photo)}


def photo_files(photo) -> set[str]:
    return {entry[key] for entry in photo.renditions for key in ("webp", "fallback")}


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EDQUOT, errno.EFBIG])
def test_a_full_disk_in_the_media_item_admin_is_a_form_error(admin_client, media_root, disk, error):
    conference = ConferenceFactory()
    url = reverse("admin:events_mediaitem_add")
    data = rendered_form_data(admin_client.get(url))
    data.update(photo_row("Signing ceremony"), conference=str(conference.pk))
    disk(2, error)

    response = admin_client.post(url, data)

    assert_refused_for_a_full_disk(response, media_root, set())
    assert MediaItem.objects.count() == 0
    assert response.context["adminform"].form["caption_en"].value() == "Signing ceremony"


def test_the_kernels_file_size_limit_is_a_full_disk_too(admin_client, media_root):
    conference = ConferenceFactory()
    url = reverse("admin:events_mediaitem_add")
    data = rendered_form_data(admin_client.get(url))
    data.update(photo_row("Signing ceremony"), conference=str(conference.pk))
    media_root.mkdir(parents=True, exist_ok=True)

    with file_size_limit(16 * 1024):  # the cleaned photo is far larger
        response = admin_client.post(url, data)

    assert_refused_for_a_full_disk(response, media_root, set())
    assert MediaItem.objects.count() == 0


def test_a_full_disk_while_changing_an_organizations_logo(admin_client, media_root, disk):
    organization = OrganizationFactory(name="HKTDC", logo=upload("old.jpg", noisy_jpeg((300, 200))))
    files_before = stored(media_root)
    url = reverse("admin:events_organization_change", args=[organization.pk])
    data = rendered_form_data(admin_client.get(url))
    data.update(
        name_en="Hong Kong Trade Development Council",
        logo=upload("new.jpg", noisy_jpeg((300, 200))),
    )
    disk(0)

    response = admin_client.post(url, data)

    assert_refused_for_a_full_disk(response, media_root, files_before)
    organization.refresh_from_db()
    assert organization.name == "HKTDC"
    assert organization.logo.name in files_before
    assert (
        response.context["adminform"].form["name_en"].value()
        == "Hong Kong Trade Development Council"
    )


def test_a_full_disk_while_adding_a_persons_portrait(admin_client, media_root, disk):
    url = reverse("admin:events_person_add")
    data = rendered_form_data(admin_client.get(url))
    data.update(name_en="Patrick Lau", photo=upload("portrait.jpg", noisy_jpeg((400, 500))))
    disk(0)

    response = admin_client.post(url, data)

    assert_refused_for_a_full_disk(response, media_root, set())
    assert not Person.objects.filter(name="Patrick Lau").exists()
    assert response.context["adminform"].form["name_en"].value() == "Patrick Lau"


def test_a_full_disk_while_adding_an_agreements_documents(admin_client, media_root, disk):
    agreement = AgreementFactory(publication_status="draft", title="The title as it was")
    url = reverse("admin:partnerships_agreement_change", args=[agreement.pk])
    data = rendered_form_data(admin_client.get(url))
    data["title_en"] = "A title typed before the disk filled"
    data["documents-TOTAL_FORMS"] = "2"
    for index in range(2):
        data[f"documents-{index}-title_en"] = f"Memorandum {index}"
        data[f"documents-{index}-language"] = "en"
        data[f"documents-{index}-order"] = str(index)
        data[f"documents-{index}-file"] = upload(
            f"memorandum-{index}.pdf", b"%PDF-1.4\n" + b"agreement text\n" * 2000
        )
    disk(1)  # the first document is written whole, the second is cut off

    response = admin_client.post(url, data)

    assert_refused_for_a_full_disk(response, media_root, set())
    assert AgreementDocument.objects.count() == 0
    agreement.refresh_from_db()
    assert agreement.title == "The title as it was"


def test_other_storage_errors_still_fail_loudly(admin_client, media_root, disk):
    """Only a full disk becomes a form error: a fault the editor cannot fix by waiting is
    reported as the server error it is (and still leaves no files)."""
    conference = ConferenceFactory()
    url, data = conference_with_photos(admin_client, conference, photo_row("Signing ceremony"))
    disk(2, errno.EIO)
    admin_client.raise_request_exception = True

    with pytest.raises(OSError, match="Input/output error"):
        admin_client.post(url, data)

    assert stored(media_root) == set()
    assert MediaItem.objects.count() == 0


def test_editors_see_the_same_form_error(client, media_root, disk):
    editor = User.objects.create_user("editor", password="secret-42", is_staff=True)
    from django.contrib.auth.models import Permission

    editor.user_permissions.set(
        Permission.objects.filter(codename__in=["change_organization", "view_organization"])
    )
    organization = OrganizationFactory()
    client.force_login(editor)
    url = reverse("admin:events_organization_change", args=[organization.pk])
    data = rendered_form_data(client.get(url))
    data["logo"] = upload("logo.jpg", noisy_jpeg((300, 200)))
    disk(0)

    response = client.post(url, data)

    assert_refused_for_a_full_disk(response, media_root, set())
    assert not Organization.objects.get(pk=organization.pk).logo


def test_a_failed_save_outside_the_admin_leaves_no_files_either(media_root, disk):
    disk(3)  # the original and two renditions fit; the third rendition does not

    with pytest.raises(OSError, match="No space left on device"):
        MediaItemFactory(image=upload("photo.jpg", noisy_jpeg((1200, 900))))

    assert stored(media_root) == set()


# A worker killed mid-upload: a real process, killed with SIGKILL while its save is open.

ROOT = Path(__file__).resolve().parents[1]

SAVING_WORKER = """
import json, os, sys
from django.conf import settings
settings.DATABASES["default"].update(json.loads(os.environ["SHARED_DATABASE"]))
import django
django.setup()
from django.core.files.base import ContentFile
from django.db import transaction
from events.models import MediaItem

# As the admin saves a conference with two new photos: one transaction for both.
with transaction.atomic():
    with open(sys.argv[1], "rb") as photo:
        first = ContentFile(photo.read(), "first.jpg")
    MediaItem.objects.create(image=first, caption="First", is_decorative=True)
    # The second upload comes through a pipe the test never fills: the worker waits here,
    # the first photo's files written and nothing committed, until it is killed.
    with open(sys.argv[2], "rb") as pipe:
        second = ContentFile(pipe.read(), "second.jpg")
    MediaItem.objects.create(image=second, caption="Second", is_decorative=True)
"""


@contextmanager
def database_shared_with_a_subprocess(tmp_path):
    """Connection settings another process can use for this test's database.

    PostgreSQL's test database is shared as it is. SQLite's is in this process's memory, so
    it is copied to a file for the other process, and the file (as SQLite recovers it on
    opening, after the other process died mid-transaction) is copied back afterwards.
    """
    settings_dict = connection.settings_dict
    if connection.vendor != "sqlite":
        keys = ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT")
        yield {key: settings_dict[key] for key in keys}
        return
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as file:
        connection.connection.backup(file)
    yield {"ENGINE": settings_dict["ENGINE"], "NAME": str(path)}
    with closing(sqlite3.connect(path)) as file:
        file.backup(connection.connection)


def open_for_writing(fifo, worker, timeout=60):
    """The write end of ``fifo``, once ``worker`` has opened it: its first photo is saved."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as error:
            if error.errno != errno.ENXIO:  # no reader yet
                raise
        if worker.poll() is not None:
            pytest.fail(f"The worker stopped early: {worker.stderr.read().decode()}")
        if time.monotonic() > deadline:
            worker.kill()
            pytest.fail("The worker never reached its second photo.")
        time.sleep(0.05)


def age_files(media_root, seconds: int) -> None:
    past = time.time() - seconds
    for path in media_root.rglob("*"):
        if path.is_file():
            os.utime(path, (past, past))


def prune(*args) -> str:
    output = io.StringIO()
    call_command("regenerate_renditions", "--prune-orphans", *args, stdout=output)
    return output.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_upload_leaves_no_row_and_prune_sweeps_its_files(media_root, tmp_path):
    kept = MediaItemFactory(image=upload("kept.jpg", noisy_jpeg((1200, 900))))
    kept_files = stored(media_root)
    photo = tmp_path / "first.jpg"
    photo.write_bytes(noisy_jpeg((1200, 900)))
    fifo = tmp_path / "second.jpg"
    os.mkfifo(fifo)

    with database_shared_with_a_subprocess(tmp_path) as database:
        worker = subprocess.Popen(
            [sys.executable, "-c", SAVING_WORKER, str(photo), str(fifo)],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "config.settings",
                "DJANGO_SECRET_KEY": "insecure-key-for-tests-only",
                "MEDIA_ROOT": str(media_root),
                "SHARED_DATABASE": json.dumps(database),
            },
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        pipe = open_for_writing(fifo, worker)
        try:
            left_behind = stored(media_root) - kept_files
            # The first photo's original and its four renditions, written, not committed.
            assert len(left_behind) == 5
            # A prune now must not touch the files of a save still in progress.
            assert "Deleted 0 files" in prune()
            assert stored(media_root) - kept_files == left_behind
        finally:
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=30)
            errors = worker.stderr.read().decode()
            worker.stderr.close()
            os.close(pipe)
    assert worker.returncode == -signal.SIGKILL, errors

    # The database is as before: the killed worker's rows never committed.
    assert list(MediaItem.objects.values_list("caption", flat=True)) == [kept.caption]
    # Within the grace period the leftovers stay; after it, the prune sweeps them, and
    # leaves every file a record refers to.
    assert stored(media_root) == kept_files | left_behind
    age_files(media_root, 2 * 3600)
    output = prune()
    assert "Deleted 5 files that no record refers to." in output
    assert stored(media_root) == kept_files
    assert kept_files == {kept.image.name, *photo_files(kept)}


def test_the_grace_period_is_configurable(media_root, settings):
    orphan = media_root / "media" / "0123456789abcdef0123456789abcdef.jpg"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"left by a killed worker")
    age_files(media_root, 10 * 60)

    assert "Deleted 0 files" in prune()  # the default: an hour
    settings.PRUNE_GRACE_MINUTES = 5
    assert "Deleted 1 files" in prune()
    assert not orphan.exists()


def test_the_grace_period_can_be_given_to_the_command(media_root):
    orphan = media_root / "logos" / "0123456789abcdef0123456789abcdef.png"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"left by a killed worker")

    assert "Deleted 0 files" in prune("--grace-minutes", "1")
    assert "Deleted 1 files" in prune("--grace-minutes", "0")


def test_a_full_disk_during_restore_changes_nothing(demo, media_root, disk, tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    Person.objects.filter(slug="patrick-lau").update(name="Renamed since the backup")
    # Since the backup, two files were made again and one went missing: the restore must
    # write all three, and the disk fills on the last.
    names = sorted(stored(media_root))
    for name in names[:2]:
        (media_root / name).write_bytes(b"made again since the backup")
    (media_root / names[2]).unlink()
    files_before = {name: (media_root / name).read_bytes() for name in stored(media_root)}
    disk(2, freed_by_cleanup=True)

    with pytest.raises(CommandError) as error:
        call_command("restore", "--replace", str(archive), stdout=io.StringIO())

    assert "A file could not be written to storage ([Errno 28] No space left on device)" in str(
        error.value
    )
    assert str(error.value).endswith("Nothing was changed.")
    assert Person.objects.get(slug="patrick-lau").name == "Renamed since the backup"
    assert {name: (media_root / name).read_bytes() for name in stored(media_root)} == files_before


class HookFailed(Exception):
    pass


@pytest.mark.django_db(transaction=True)
def test_files_of_a_committed_save_stay_when_a_later_commit_hook_fails(media_root):
    def failing_hook():
        raise HookFailed

    with pytest.raises(HookFailed), removed_on_failure():
        photo = MediaItemFactory(image=upload("photo.jpg", noisy_jpeg((1200, 900))))
        transaction.on_commit(failing_hook)

    photo = MediaItem.objects.get()
    assert stored(media_root) == {photo.image.name, *photo_files(photo)}


def test_a_full_disk_while_saving_a_press_release_saves_nothing_and_leaves_nothing(
    admin_client, media_root, disk
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from events.models import Conference
    from tests.partnerships.intake_forms import SEED_TEXT, posted

    url = reverse("admin:partnerships_press_release")
    review = admin_client.post(url, {"release": SEED_TEXT, "step": "read"}).context["review"]
    data = posted(review, release=SEED_TEXT)
    data["photo-0-alt_text"] = "Officials at the signing table"
    data["photo-0-image"] = SimpleUploadedFile("signing.jpg", image_bytes(), "image/jpeg")
    files_before = stored(media_root)
    disk(1)  # the photo fits; its first rendition does not

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert DISK_FULL in page_text(response)
    assert stored(media_root) == files_before
    assert not Conference.objects.exists() and not MediaItem.objects.exists()
