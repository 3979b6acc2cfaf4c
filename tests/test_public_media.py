"""Uploaded files are public only where a live record shows them; documents are checked.

Every photo file (original and renditions), logo, portrait and agreement document is
asked for by a visitor and by staff, for records that are drafts, scheduled,
unpublished and live."""

import datetime as dt
import io
import zipfile

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from partnerships.models import AgreementDocument
from tests.admin_forms import AGREEMENT_INLINES, agreement_form, empty_inlines, inline_rows
from tests.factories import (
    AgreementDocumentFactory,
    AgreementFactory,
    ConferenceFactory,
    MediaItemFactory,
    OrganizationFactory,
    OrganizerFactory,
    ParticipationFactory,
    PersonFactory,
)
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db

STATES = ["draft", "scheduled", "unpublished", "live"]


def publishing(state: str) -> dict:
    """The fields that put a conference or agreement in ``state``."""
    now = timezone.now()
    return {
        "draft": {"publication_status": "draft"},
        "scheduled": {
            "publication_status": "published",
            "published_at": now + dt.timedelta(days=1),
        },
        "unpublished": {
            "publication_status": "published",
            "published_at": now - dt.timedelta(days=2),
            "unpublish_at": now - dt.timedelta(days=1),
        },
        "live": {"publication_status": "published"},
    }[state]


def urls(record) -> list[str]:
    """Every stored file of a photo (original and each rendition), logo, portrait or document."""
    names = record.stored_files() if hasattr(record, "stored_files") else [record.file.name]
    assert names and all(names)
    return ["/media/" + name for name in names]


def statuses(client, addresses) -> list[int]:
    return [client.get(address).status_code for address in addresses]


@pytest.fixture
def staff_client(client):
    """A signed-in staff user without any special permission (an Editor, say)."""
    user = User.objects.create_user("staff", password="x", is_staff=True)
    client.force_login(user)
    return client


def real_pdf() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, format="PDF")
    return buffer.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, content in members.items():
            package.writestr(name, content)
    return buffer.getvalue()


def docx(macros: bool = False) -> bytes:
    members = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.'
        b'openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
        "word/document.xml": b'<?xml version="1.0"?><w:document/>',
    }
    if macros:
        members["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0macros"
    return zip_of(members)


def odt() -> bytes:
    return zip_of(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": b'<?xml version="1.0"?><office:document-content/>',
            "META-INF/manifest.xml": b'<?xml version="1.0"?><manifest:manifest/>',
        }
    )


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + (
    b"This program cannot be run in DOS mode.\r\r\n$" + b"\x00" * 64
)
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def document(agreement, name="agreement.pdf", content=None):
    return AgreementDocumentFactory(
        agreement=agreement,
        url="",
        file=SimpleUploadedFile(name, real_pdf() if content is None else content),
    )


# Photos, logos, portraits and documents, for records in every state.


@pytest.mark.parametrize("state", STATES)
def test_a_conference_photo_and_every_rendition_follow_the_conference(client, staff_client, state):
    photo = MediaItemFactory(conference=ConferenceFactory(**publishing(state)))
    addresses = urls(photo)
    assert len(addresses) == 3  # the original, a WebP and a JPEG rendition
    expected = 200 if state == "live" else 404

    client.logout()
    assert statuses(client, addresses) == [expected] * 3


@pytest.mark.parametrize("state", STATES)
def test_staff_get_every_photo_file_and_no_shared_cache_keeps_a_hidden_one(staff_client, state):
    photo = MediaItemFactory(conference=ConferenceFactory(**publishing(state)))

    for address in urls(photo):
        response = staff_client.get(address)
        assert response.status_code == 200
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("state", STATES)
def test_a_photo_without_a_conference_follows_the_agreements_showing_it(client, state):
    photo = MediaItemFactory(conference=None)
    AgreementFactory(**publishing(state)).photos.add(photo)
    AgreementFactory(publication_status="draft").photos.add(photo)

    assert statuses(client, urls(photo)) == [200 if state == "live" else 404] * 3


def test_a_photo_without_a_conference_or_agreement_is_for_staff_only(client, staff_client):
    photo = MediaItemFactory(conference=None)

    assert statuses(staff_client, urls(photo)) == [200] * 3
    staff_client.logout()
    assert statuses(client, urls(photo)) == [404] * 3


@pytest.mark.parametrize("state", STATES)
def test_an_agreement_document_follows_the_agreement(client, staff_client, state):
    doc = document(AgreementFactory(**publishing(state)))
    [address] = urls(doc)

    staff = staff_client.get(address)
    staff_client.logout()
    visitor = client.get(address)

    assert staff.status_code == 200
    assert visitor.status_code == (200 if state == "live" else 404)
    for response in [staff] + ([visitor] if state == "live" else []):
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "private" in staff["Cache-Control"]


@pytest.mark.parametrize("state", STATES)
def test_a_logo_and_a_portrait_are_public_with_their_organization_and_person(
    client, staff_client, state
):
    conference = ConferenceFactory(**publishing(state))
    organization = OrganizationFactory(logo=upload("logo.png", image_bytes(fmt="PNG")))
    person = PersonFactory(photo=upload("portrait.jpg", image_bytes()))
    OrganizerFactory(conference=conference, organization=organization)
    ParticipationFactory(conference=conference, person=person)
    addresses = urls(organization) + urls(person)

    assert statuses(staff_client, addresses) == [200, 200]
    staff_client.logout()
    assert statuses(client, addresses) == [200 if state == "live" else 404] * 2


def test_public_files_keep_their_headers_and_are_not_marked_private(client):
    photo = MediaItemFactory()

    response = client.get(urls(photo)[0])

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "Cache-Control" not in response


def test_a_file_that_no_record_names_is_for_staff_only(client, staff_client, media_root):
    stray = media_root / "media" / "0123456789abcdef0123456789abcdef.jpg"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(image_bytes())
    MediaItemFactory()  # a public photo elsewhere changes nothing

    assert staff_client.get("/media/media/0123456789abcdef0123456789abcdef.jpg").status_code == 200
    staff_client.logout()
    assert client.get("/media/media/0123456789abcdef0123456789abcdef.jpg").status_code == 404


def test_a_hidden_file_cannot_be_reached_through_a_public_ones_path(client):
    public = MediaItemFactory()
    hidden = MediaItemFactory(conference=ConferenceFactory(publication_status="draft"))
    public_folder = public.renditions[0]["webp"].rsplit("/", 1)[0]
    hidden_name = hidden.image.name.rsplit("/", 1)[1]

    for address in [
        f"/media/{public_folder}/../{hidden_name}",
        f"/media/{public_folder}/./../{hidden_name}",
        f"/media/media//{hidden_name}",
        f"/media/media/./{hidden_name}",
    ]:
        assert client.get(address).status_code == 404, address


def test_one_query_decides_whatever_the_number_of_photos_and_agreements(client):
    def one_query_each(photo) -> bool:
        for address in urls(photo):
            with CaptureQueriesContext(connection) as captured:
                client.get(address)
            if len(captured) != 1:
                return False
        return True

    lone = MediaItemFactory(conference=None)
    AgreementFactory().photos.add(lone)
    assert one_query_each(lone)

    for _ in range(5):
        MediaItemFactory(conference=ConferenceFactory(publication_status="draft"))
        AgreementFactory(publication_status="draft").photos.add(lone)
    assert one_query_each(lone)
    assert one_query_each(
        MediaItemFactory(conference=ConferenceFactory(publication_status="draft"))
    )


def test_the_page_cache_never_keeps_a_file(client, staff_client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    photo = MediaItemFactory()
    staff_client.logout()

    first, second = client.get(urls(photo)[0]), client.get(urls(photo)[0])

    assert first.status_code == second.status_code == 200
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second


# A draft conference's photo on a published agreement.


@pytest.fixture
def borrowed_photo():
    """A published agreement showing its own photo and a draft conference's."""
    agreement = AgreementFactory(conference=None)
    own = MediaItemFactory(conference=None, caption="Signing table")
    borrowed = MediaItemFactory(
        conference=ConferenceFactory(publication_status="draft"), caption="Embargoed banquet"
    )
    agreement.photos.add(own, borrowed)
    return agreement, own, borrowed


def test_a_draft_conferences_photo_is_not_on_the_published_agreement_page(client, borrowed_photo):
    agreement, own, borrowed = borrowed_photo

    page = client.get(agreement.get_absolute_url()).content.decode()

    assert "Signing table" in page
    assert "Embargoed banquet" not in page
    for name in borrowed.stored_files():
        assert name not in page
    assert f'<meta property="og:image" content="http://testserver/media/{own.image.name}">' in page
    assert statuses(client, urls(borrowed)) == [404] * 3
    assert statuses(client, urls(own)) == [200] * 3


def test_staff_see_the_hidden_photo_on_the_agreement_page_marked_as_hidden(
    staff_client, borrowed_photo
):
    agreement, own, borrowed = borrowed_photo

    page = staff_client.get(agreement.get_absolute_url()).content.decode()

    assert "Embargoed banquet" in page
    assert (
        page.count("Hidden from visitors: its conference is a draft, scheduled or unpublished.")
        == 1
    )
    assert f'og:image" content="http://testserver/media/{own.image.name}"' in page


def test_the_photo_appears_once_its_conference_is_published(client, borrowed_photo):
    agreement, _own, borrowed = borrowed_photo
    borrowed.conference.publication_status = "published"
    borrowed.conference.save()

    assert "Embargoed banquet" in client.get(agreement.get_absolute_url()).content.decode()
    assert statuses(client, urls(borrowed)) == [200] * 3


# Documents: kinds checked by content, a size limit, files removed after the delete.


def document_errors(name: str, content: bytes) -> list[str]:
    doc = AgreementDocument(
        agreement=AgreementFactory(), title="Text", file=SimpleUploadedFile(name, content)
    )
    try:
        doc.full_clean()
    except ValidationError as error:
        return error.message_dict.get("file", [])
    return []


@pytest.mark.parametrize(
    "name, content",
    [
        ("agreement.pdf", real_pdf()),
        ("Agreement.PDF", real_pdf()),
        ("agreement.docx", docx()),
        ("agreement.odt", odt()),
        ("agreement.txt", "战略合作协议\nStrategic cooperation agreement\n".encode()),
    ],
)
def test_documents_of_allowed_kinds_pass(name, content):
    assert document_errors(name, content) == []


NOT_A_DOCUMENT = (
    "This file is not a document of an accepted kind (PDF, Word, Excel or PowerPoint "
    "(.docx, .xlsx, .pptx), OpenDocument or plain text)."
)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("agreement.pdf", HTML, NOT_A_DOCUMENT),
        ("agreement.html", HTML, NOT_A_DOCUMENT),
        ("agreement.txt", HTML, NOT_A_DOCUMENT),
        ("setup.exe", EXE, NOT_A_DOCUMENT),
        ("agreement.pdf", EXE, NOT_A_DOCUMENT),
        ("agreement.docx", docx(macros=True), NOT_A_DOCUMENT),
        ("agreement.zip", zip_of({"a.txt": b"hello"}), NOT_A_DOCUMENT),
        ("notes.txt", b"text\x00with a NUL", NOT_A_DOCUMENT),
        ("notes.txt", "Latin-1 café".encode("latin-1"), NOT_A_DOCUMENT),
        (
            "agreement.pdf",
            docx(),
            "The file is a Word document but its name ends in “.pdf”; rename it to end in “.docx”.",
        ),
        (
            "agreement.exe",
            real_pdf(),
            "The file is a PDF document but its name ends in “.exe”; rename it to end in “.pdf”.",
        ),
        ("agreement.pdf", b"", "The file is empty."),
    ],
)
def test_other_files_are_refused_with_a_message(name, content, message):
    assert document_errors(name, content) == [message]


@pytest.mark.parametrize(
    ("code", "misnamed", "not_a_document"),
    [
        (
            "zh-hans",
            "该文件是Word 文档，但文件名以“.pdf”结尾",
            "OpenDocument 或纯文本",
        ),
        (
            "zh-hant",
            "該檔案是Word 文件，但檔名以“.pdf”結尾",
            "OpenDocument 或純文字",
        ),
    ],
)
def test_a_document_is_refused_in_the_editors_language(code, misnamed, not_a_document):
    with translation.override(code):
        wrong_name = document_errors("agreement.pdf", docx())
        not_allowed = document_errors("setup.exe", EXE)

    assert len(wrong_name) == 1 and misnamed in wrong_name[0]
    assert "Word document" not in wrong_name[0]
    assert len(not_allowed) == 1 and not_a_document in not_allowed[0]


def test_an_oversized_document_is_refused_with_the_limit(settings):
    settings.DOCUMENT_MAX_BYTES = 1024
    content = b"%PDF-1.7\n" + b"%" * 3000

    assert document_errors("agreement.pdf", content) == [
        "The file is 2.9\xa0KB; documents may be at most 1.0\xa0KB."
    ]


def test_the_default_limit_is_25_megabytes(settings):
    from config import settings as site_settings

    assert site_settings.DOCUMENT_MAX_BYTES == 25 * 1024 * 1024


def agreement_with_document(name: str, content: bytes) -> dict:
    data = {
        **agreement_form(title="Strategic cooperation agreement", summary="Signed in Hong Kong"),
        **empty_inlines(*AGREEMENT_INLINES),
    }
    data.update(
        inline_rows(
            "documents",
            [
                {
                    "title": "Full text",
                    "file": SimpleUploadedFile(name, content),
                    "url": "",
                    "language": "en",
                    "order": "1",
                }
            ],
        )
    )
    return data


def test_the_admin_refuses_a_disguised_document_and_keeps_the_form(admin_client, media_root):
    response = admin_client.post(
        reverse("admin:partnerships_agreement_add"), agreement_with_document("text.pdf", HTML)
    )

    assert response.status_code == 200
    assert NOT_A_DOCUMENT in response.content.decode()
    form = response.context["adminform"].form
    assert form["title_en"].value() == "Strategic cooperation agreement"
    assert form["summary_en"].value() == "Signed in Hong Kong"
    assert not AgreementDocument.objects.exists()
    assert not (media_root / "agreements").exists() or not any(
        (media_root / "agreements").iterdir()
    )


def test_the_admin_file_picker_offers_the_accepted_kinds(admin_client):
    page = admin_client.get(reverse("admin:partnerships_agreement_add")).content.decode()

    assert 'accept=".docx,.odp,.ods,.odt,.pdf,.pptx,.txt,.xlsx"' in page


def test_the_admin_accepts_a_real_pdf(admin_client, media_root):
    pdf = real_pdf()  # once: a PDF carries the second it was made
    response = admin_client.post(
        reverse("admin:partnerships_agreement_add"),
        agreement_with_document("text.pdf", pdf),
    )

    assert response.status_code == 302
    stored = AgreementDocument.objects.get()
    assert (media_root / stored.file.name).read_bytes() == pdf


def test_a_deleted_documents_file_goes_after_the_commit(
    media_root, django_capture_on_commit_callbacks
):
    doc = document(AgreementFactory())
    path = media_root / doc.file.name

    with django_capture_on_commit_callbacks(execute=True):
        doc.delete()
        assert path.is_file()  # not before the commit

    assert not path.is_file()


def test_deleting_the_agreement_removes_its_documents_files(
    media_root, django_capture_on_commit_callbacks
):
    agreement = AgreementFactory()
    paths = [media_root / document(agreement).file.name for _ in range(2)]

    with django_capture_on_commit_callbacks(execute=True):
        agreement.delete()

    assert not any(path.exists() for path in paths)


def test_a_replaced_documents_old_file_goes_after_the_commit(
    media_root, django_capture_on_commit_callbacks
):
    doc = document(AgreementFactory())
    old = media_root / doc.file.name

    with django_capture_on_commit_callbacks(execute=True):
        doc.file = SimpleUploadedFile("new.txt", b"The signed text.\n")
        doc.full_clean()
        doc.save()
        assert old.is_file()

    assert not old.exists()
    assert (media_root / doc.file.name).read_bytes() == b"The signed text.\n"


def test_a_rolled_back_delete_keeps_the_documents_file(media_root):
    doc = document(AgreementFactory())
    pk, path = doc.pk, media_root / doc.file.name

    with pytest.raises(RuntimeError), transaction.atomic():
        doc.delete()
        raise RuntimeError("the request failed after the delete")

    assert AgreementDocument.objects.filter(pk=pk).exists()
    assert path.is_file()
