"""Image files made at test run time: good photos, and a corpus of bad ones."""

import io
import zlib
from functools import cache
from struct import pack

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_bytes(size=(640, 480), mode="RGB", color=(200, 30, 40), fmt="JPEG", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, format=fmt, **save)
    return buffer.getvalue()


def noisy_jpeg(size=(800, 600)) -> bytes:
    """A photo-like JPEG: noise does not compress away, as real pictures do not."""
    buffer = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return pack(">I", len(data)) + kind + data + pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


@cache
def huge_png(width=20000, height=20000) -> bytes:
    """A real, valid greyscale PNG of width × height pixels (about 400 KB on disk)."""
    header = png_chunk(b"IHDR", pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)
    chunks = [compressor.compress(row * 500) for _ in range(height // 500)]
    chunks.append(compressor.flush())
    body = png_chunk(b"IDAT", b"".join(chunks))
    return b"\x89PNG\r\n\x1a\n" + header + body + png_chunk(b"IEND", b"")


def bad_files() -> dict[str, tuple[str, bytes, str]]:
    """name → (file name, content, the message the editor must see)."""
    jpeg = image_bytes()
    return {
        "text renamed .jpg": (
            "notes.jpg",
            b"Minutes of the meeting.\nNothing to see here.\n",
            "This file is not a JPEG, PNG or WebP image",
        ),
        "JPEG with PHP appended": (
            "photo.jpg",
            jpeg + b"<?php system($_GET['cmd']); ?>",
            "The file contains code or markup",
        ),
        "SVG with a script": (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "The file contains code or markup",
        ),
        "SVG renamed .png": (
            "logo.png",
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" '
            b'height="10"><rect width="10" height="10"/></svg>',
            "The file contains code or markup",
        ),
        "truncated JPEG": (
            "cut.jpg",
            noisy_jpeg()[:4000],
            "The image is damaged or incomplete",
        ),
        "empty file": ("empty.jpg", b"", "The submitted file is empty."),
        "20000x20000 PNG": ("huge.png", huge_png(), "The image has far too many pixels"),
        "HTML renamed .png": (
            "page.png",
            b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
            "The file contains code or markup",
        ),
        "PDF renamed .jpg": (
            "document.jpg",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
            "This file is not a JPEG, PNG or WebP image",
        ),
        "PNG named .jpg": (
            "photo.jpg",
            image_bytes(fmt="PNG"),
            "The file is a PNG image but its name ends in “.jpg”",
        ),
        "GIF": ("animation.gif", image_bytes(fmt="GIF"), "This file is not a JPEG, PNG or WebP"),
    }
