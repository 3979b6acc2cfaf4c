"""Uploaded agreement documents: only kinds a reader can open safely, recognised by content.

Accepted: PDF, Office Open XML (.docx, .xlsx, .pptx, without macros), OpenDocument
(.odt, .ods, .odp) and plain UTF-8 text (.txt). These are what signed agreements are
published in, and none of them runs code when opened in an up-to-date reader. Refused,
among others: the old binary Office formats (.doc, .xls: the usual carriers of macro
viruses; save them as PDF or .docx), macro-enabled Office files, HTML and SVG (they run
scripts in a browser), executables and archives. The name's extension must match the
content, so a file is never offered as something it is not.
"""

import codecs
import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy

PDF = "PDF document"
TEXT = "plain text file"
# The folder of an Office Open XML package's main part → its kind and extension.
OOXML_KINDS = {
    "word/": ("Word document", ".docx"),
    "xl/": ("Excel workbook", ".xlsx"),
    "ppt/": ("PowerPoint presentation", ".pptx"),
}
# An OpenDocument file's first member, "mimetype", names its kind.
OPENDOCUMENT_KINDS = {
    "application/vnd.oasis.opendocument.text": ("OpenDocument text", ".odt"),
    "application/vnd.oasis.opendocument.spreadsheet": ("OpenDocument spreadsheet", ".ods"),
    "application/vnd.oasis.opendocument.presentation": ("OpenDocument presentation", ".odp"),
}
EXTENSIONS = {
    PDF: ".pdf",
    TEXT: ".txt",
    **dict(OOXML_KINDS.values()),
    **dict(OPENDOCUMENT_KINDS.values()),
}
# What each kind is called in the reader's language, in messages.
KIND_NAMES = {
    PDF: gettext_lazy("PDF document"),
    TEXT: gettext_lazy("plain text file"),
    "Word document": gettext_lazy("Word document"),
    "Excel workbook": gettext_lazy("Excel workbook"),
    "PowerPoint presentation": gettext_lazy("PowerPoint presentation"),
    "OpenDocument text": gettext_lazy("OpenDocument text"),
    "OpenDocument spreadsheet": gettext_lazy("OpenDocument spreadsheet"),
    "OpenDocument presentation": gettext_lazy("OpenDocument presentation"),
}
ALLOWED = gettext_lazy(
    "PDF, Word, Excel or PowerPoint (.docx, .xlsx, .pptx), OpenDocument or plain text"
)
# What a text file must not start with: markup a browser would run as a page.
MARKUP_STARTS = (b"<!doctype", b"<html", b"<?xml", b"<svg", b"<script", b"<head", b"<body")


def max_bytes() -> int:
    return settings.DOCUMENT_MAX_BYTES


def validate_document(fieldfile) -> None:
    """Refuse a new upload that is too large, of a kind not allowed, or misnamed.

    A file already stored is not checked again: editing a document's title must not
    fail over a file accepted under earlier rules."""
    if not fieldfile or getattr(fieldfile, "_committed", True):
        return
    upload = fieldfile.file
    if upload.size > max_bytes():
        raise ValidationError(
            gettext_lazy("The file is %(size)s; documents may be at most %(limit)s."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes())},
            code="document_too_large",
        )
    if upload.size == 0:
        raise ValidationError(gettext_lazy("The file is empty."), code="document_empty")
    kind = document_kind(upload)
    if kind is None:
        raise ValidationError(
            gettext_lazy("This file is not a document of an accepted kind (%(allowed)s)."),
            params={"allowed": ALLOWED},
            code="document_kind",
        )
    suffix = PurePosixPath(fieldfile.name).suffix.lower()
    expected = EXTENSIONS[kind]
    if suffix != expected:
        raise ValidationError(
            gettext_lazy(
                "The file is a %(kind)s but its name ends in “%(suffix)s”; rename it to end "
                "in “%(expected)s”."
            ),
            params={
                "kind": KIND_NAMES[kind],
                "suffix": suffix or gettext_lazy("(nothing)"),
                "expected": expected,
            },
            code="document_extension",
        )


def document_kind(upload) -> str | None:
    """What the content is (one of ``EXTENSIONS``' keys), or None if not allowed."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"PK\x03\x04"):
            return package_kind(upload)
        return TEXT if is_plain_text(upload) else None
    finally:
        upload.seek(0)


def package_kind(upload) -> str | None:
    """The kind of a zip package, Office Open XML or OpenDocument. Only the directory
    and the few bytes of ``mimetype`` are read: nothing is unpacked."""
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
            if "mimetype" in names:
                with package.open("mimetype") as member:
                    mimetype = member.read(100).decode("ascii", "replace").strip()
                found = OPENDOCUMENT_KINDS.get(mimetype)
                return found[0] if found else None
            if "[Content_Types].xml" in names:
                if any(name.lower().endswith("vbaproject.bin") for name in names):
                    return None  # macros: code that runs when the file is opened
                for folder, (kind, _extension) in OOXML_KINDS.items():
                    if any(name.startswith(folder) for name in names):
                        return kind
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        return None
    return None


def is_plain_text(upload) -> bool:
    """UTF-8 without NUL bytes, and not a page of markup. Read in chunks."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    first = True
    try:
        for chunk in iter(lambda: upload.read(64 * 1024), b""):
            if b"\x00" in chunk:
                return False
            if first and chunk.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(MARKUP_STARTS):
                return False
            first = False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True
