"""Faults lose nothing and leave nothing: a full disk while saving, a worker killed mid-upload.

The full disk is simulated where the operating system says so: the file object that
Django's storage writes through raises OSError(ENOSPC) part way through a file, or a real
file size limit (RLIMIT_FSIZE) makes the kernel refuse the write with EFBIG.
"""

import errno
import os
import resource
import signal
from contextlib import contextmanager

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from events.models import MediaItem, Organization, Person
from partnerships.models import AgreementDocument
from tests.admin_forms import rendered_form_data
from tests.factories import AgreementFactory, ConferenceFactory, OrganizationFactory
from tests.images import noisy_jpeg, upload
from tests.pages import page_text

pytestmark = pytest.mark.django_db

DISK_FULL = (
    "The server's disk is full; nothing was saved. Try again later or tell the site's "
    "administrator."
)


class FillingDisk:
    """A disk with room for ``files_that_fit`` more files: the next one is cut off half way."""

    def __init__(self, files_that_fit: int, error: int = errno.ENOSPC):
        self.files_that_fit = files_that_fit
        self.error = error
        self.opened = 0

    def fdopen(self, real_fdopen):
        disk = self

        class File:
            def __init__(self, *args, **kwargs):
                self.file = real_fdopen(*args, **kwargs)
                disk.opened += 1
                self.full = disk.opened > disk.files_that_fit

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

    def fill(files_that_fit: int, error: int = errno.ENOSPC) -> FillingDisk:
        filling = FillingDisk(files_that_fit, error)
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
        "caption": caption,
        "alt_text": "Delegates at a signing table",
        "order": "0",
    }


def conference_with_photos(admin_client, conference, *photos) -> dict:
    url = reverse("admin:events_conference_change", args=[conference.pk])
    data = rendered_form_data(admin_client.get(url))
    data["title"] = "A title typed before the disk filled"
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
    assert form["title"].value() == "A title typed before the disk filled"
    formsets = {
        inline.formset.prefix: inline.formset
        for inline in response.context["inline_admin_formsets"]
    }
    media = formsets["media"]
    assert [form["caption"].value() for form in media.forms] == ["Signing ceremony", "Opening"]


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
    assert response.context["adminform"].form["caption"].value() == "Signing ceremony"


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
        name="Hong Kong Trade Development Council", logo=upload("new.jpg", noisy_jpeg((300, 200)))
    )
    disk(0)

    response = admin_client.post(url, data)

    assert_refused_for_a_full_disk(response, media_root, files_before)
    organization.refresh_from_db()
    assert organization.name == "HKTDC"
    assert organization.logo.name in files_before
    assert (
        response.context["adminform"].form["name"].value() == "Hong Kong Trade Development Council"
    )


def test_a_full_disk_while_adding_a_persons_portrait(admin_client, media_root, disk):
    url = reverse("admin:events_person_add")
    data = rendered_form_data(admin_client.get(url))
    data.update(name="Patrick Lau", photo=upload("portrait.jpg", noisy_jpeg((400, 500))))
    disk(0)

    response = admin_client.post(url, data)

    assert_refused_for_a_full_disk(response, media_root, set())
    assert not Person.objects.filter(name="Patrick Lau").exists()
    assert response.context["adminform"].form["name"].value() == "Patrick Lau"


def test_a_full_disk_while_adding_an_agreements_documents(admin_client, media_root, disk):
    agreement = AgreementFactory(publication_status="draft", title="The title as it was")
    url = reverse("admin:partnerships_agreement_change", args=[agreement.pk])
    data = rendered_form_data(admin_client.get(url))
    data["title"] = "A title typed before the disk filled"
    data["documents-TOTAL_FORMS"] = "2"
    for index in range(2):
        data[f"documents-{index}-title"] = f"Memorandum {index}"
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
