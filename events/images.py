"""Uploaded images: refuse anything unsafe, then re-encode what is kept.

Every upload is untrusted. An image is accepted only when its content really is
JPEG, PNG or WebP, its name says the same, it fits the size and pixel limits, it
decodes to the end, and no markup or code hides in it. What is kept is re-encoded
upright, in sRGB, with every bit of metadata (GPS position, camera serial numbers)
left behind; renditions are made from that clean copy.
"""

import hashlib
import io
import math
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy
from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

# A truncated file is an error, never a half-grey picture.
ImageFile.LOAD_TRUNCATED_IMAGES = False

FORMATS = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",), "WEBP": (".webp",)}
EXTENSION = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
FORMAT_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
CONTENT_TYPE = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}

# Text that has no business inside a picture: a script, a page, PHP. Only the parts of
# an image that are not compressed pixels are searched (see ``outside_pixels``), so
# random pixel data cannot match by chance.
HIDDEN_CODE = re.compile(
    rb"<\?php|<script|<html|<!doctype|<iframe|<body|<object|<embed", re.IGNORECASE
)
# Four-byte "<svg" turns up by chance in megabytes of binary data, so it only counts in a
# file that is not an image at all.
MARKUP = re.compile(rb"<svg|<\?xml|<!doctype|<html|<script", re.IGNORECASE)
# WebP cannot be larger; no real photo is.
MAX_SIDE = 16383
SRGB = ImageCms.createProfile("sRGB")


def max_bytes() -> int:
    return settings.IMAGE_MAX_BYTES


def max_pixels() -> int:
    return settings.IMAGE_MAX_PIXELS


@dataclass
class CleanImage:
    """An upload after processing: the bytes to store and what we know of them."""

    content: bytes
    format: str
    width: int
    height: int
    sha256: str

    @property
    def extension(self) -> str:
        return EXTENSION[self.format]


def read_upload(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def validate_image(upload) -> str:
    """The format of a safe JPEG, PNG or WebP upload; else a ValidationError saying why."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes():
        raise ValidationError(
            gettext_lazy("The file is %(size)s; images can be at most %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_bytes())},
        )
    return inspect_image(read_upload(upload), getattr(upload, "name", "") or "")


def inspect_image(data: bytes, name: str) -> str:
    """The image's format, once ``data`` has passed every check; else ValidationError."""
    with open_checked(data, name) as image:
        return image.format


def open_checked(data: bytes, name: str) -> Image.Image:
    """The image decoded, once ``data`` has passed every check; else ValidationError.

    The caller closes it. Decoding it to the end is itself a check (truncated files
    fail), so processing reuses this image rather than decoding the file again.
    """
    if not data:
        raise ValidationError(gettext_lazy("The file is empty."), code="empty")
    if len(data) > max_bytes():
        raise ValidationError(
            gettext_lazy("The file is %(size)s; images can be at most %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(len(data)), "limit": filesizeformat(max_bytes())},
        )
    not_an_image = ValidationError(
        gettext_lazy(
            "This file is not a JPEG, PNG or WebP image, whatever its name says. Upload a photo "
            "in one of those formats."
        ),
        code="not_an_image",
    )
    try:
        image = Image.open(io.BytesIO(data), formats=list(FORMATS))
    except (UnidentifiedImageError, SyntaxError) as error:
        if MARKUP.search(data[:65536]) or data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            raise ValidationError(
                gettext_lazy(
                    "The file contains code or markup (a web page, an SVG drawing or a script), "
                    "not a photo. Upload a JPEG, PNG or WebP image."
                ),
                code="markup",
            ) from error
        raise not_an_image from error
    except Image.DecompressionBombError as error:
        # Pillow's own guard, for sizes far beyond ours: refused before any decoding.
        raise ValidationError(
            gettext_lazy(
                "The image has far too many pixels; the limit is %(limit)s megapixels. Make it "
                "smaller and upload it again."
            ),
            code="too_many_pixels",
            params={"limit": max_pixels() // 1_000_000},
        ) from error
    except (OSError, ValueError, EOFError) as error:
        # ValueError: e.g. a PNG text chunk that would inflate beyond Pillow's safety limit.
        raise not_an_image from error
    if image.format == "MPO":
        # Phones store extra pictures (depth maps, gain maps) in a JPEG; the first one is
        # the photo, and it is a JPEG like any other.
        image.format = "JPEG"
    try:
        check_pixels(*image.size)
        check_extension(name, image.format)
        if HIDDEN_CODE.search(outside_pixels(data, image.format)):
            raise ValidationError(
                gettext_lazy(
                    "The file contains code or markup (such as a script or PHP) hidden in the "
                    "image, so it is not a plain picture. Export the photo again from a photo "
                    "editor."
                ),
                code="hidden_code",
            )
        try:
            image.load()
        except (OSError, SyntaxError, ValueError) as error:
            raise ValidationError(
                gettext_lazy(
                    "The image is damaged or incomplete (it may have been cut off while "
                    "copying). Upload the whole file again."
                ),
                code="damaged",
            ) from error
    except BaseException:
        image.close()
        raise
    return image


def outside_pixels(data: bytes, image_format: str) -> bytes:
    """Every part of the file but its compressed pixels: metadata, and anything after the end."""
    if image_format == "JPEG":
        return jpeg_outside_pixels(data)
    if image_format == "PNG":
        return png_outside_pixels(data)
    return webp_outside_pixels(data)


def jpeg_outside_pixels(data: bytes) -> bytes:
    parts, i, n = [], 2, len(data)  # after the start-of-image marker
    while i < n - 1:
        if data[i] != 0xFF:
            parts.append(data[i:])  # not a marker where one must be: keep the rest
            break
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0xD9:  # end of image: whatever follows was appended
            parts.append(data[i + 2 :])
            break
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            i += 2
            continue
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if marker != 0xDA:
            parts.append(data[i + 4 : i + 2 + length])
        i += 2 + length
        if marker == 0xDA:
            # Compressed pixels run to the next marker that is not a stuffed 0xFF00 or a
            # restart marker; jump from one 0xFF to the next.
            while True:
                i = data.find(b"\xff", i)
                if i < 0 or i >= n - 1:
                    i = n
                    break
                following = data[i + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    i += 1
                    continue
                break
    return b"".join(parts)


def png_outside_pixels(data: bytes) -> bytes:
    parts, i = [], 8  # after the signature
    while i + 8 <= len(data):
        length = int.from_bytes(data[i : i + 4], "big")
        kind = data[i + 4 : i + 8]
        if kind != b"IDAT":
            parts.append(data[i + 8 : i + 8 + length])
        i += 12 + length
        if kind == b"IEND":
            break
    parts.append(data[i:])
    return b"".join(parts)


def webp_outside_pixels(data: bytes) -> bytes:
    end = min(len(data), 8 + int.from_bytes(data[4:8], "little"))
    parts, i = [data[end:]], 12
    while i + 8 <= end:
        kind = data[i : i + 4]
        length = int.from_bytes(data[i + 4 : i + 8], "little")
        if kind not in (b"VP8 ", b"VP8L", b"ALPH", b"ANMF"):
            parts.append(data[i + 8 : i + 8 + length])
        i += 8 + length + (length & 1)
    return b"".join(parts)


def check_pixels(width: int, height: int) -> None:
    if max(width, height) > MAX_SIDE:
        raise ValidationError(
            gettext_lazy(
                "The image is %(width)s × %(height)s pixels; no side can be longer than "
                "%(limit)s pixels. Make it smaller and upload it again."
            ),
            code="too_long",
            params={"width": width, "height": height, "limit": f"{MAX_SIDE:,}"},
        )
    if width * height > max_pixels():
        raise ValidationError(
            gettext_lazy(
                "The image is %(width)s × %(height)s pixels (%(megapixels)s megapixels); the "
                "limit is %(limit)s megapixels. Make it smaller and upload it again."
            ),
            code="too_many_pixels",
            params={
                "width": width,
                "height": height,
                "megapixels": round(width * height / 1_000_000, 1),
                "limit": max_pixels() // 1_000_000,
            },
        )


def check_extension(name: str, image_format: str) -> None:
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in FORMATS[image_format]:
        raise ValidationError(
            gettext_lazy(
                "The file is a %(format)s image but its name ends in “%(suffix)s”. Rename it to "
                "end in %(expected)s."
            ),
            code="wrong_extension",
            params={
                "format": FORMAT_NAMES[image_format],
                "suffix": suffix or "(nothing)",
                "expected": " or ".join(FORMATS[image_format]),
            },
        )


def to_srgb(image: Image.Image) -> Image.Image:
    """Pixels in sRGB (or grey), converting with the embedded colour profile when there is one."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N"):
        # 16-bit grey: scale down to 8 bits rather than clip everything above 255 to white.
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
            return ImageCms.profileToProfile(image, source, SRGB, outputMode=output_mode)
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: fall back to Pillow's own conversion below
    if has_alpha:
        return image.convert("RGBA")
    if image.mode in ("L", "RGB"):
        return image
    return image.convert("RGB")


def clean_image(data: bytes, name: str = "") -> CleanImage:
    """Validate, then re-encode: upright, sRGB, metadata stripped, same format family."""
    with open_checked(data, name) as original:
        image_format = original.format
        upright = ImageOps.exif_transpose(original)
        image = to_srgb(upright)
        image.info = {}  # nothing of the original's metadata may be written back
        content = encode(image, image_format)
        width, height = image.size
    return CleanImage(
        content=content,
        format=image_format,
        width=width,
        height=height,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def encode(image: Image.Image, image_format: str, progressive: bool = False) -> bytes:
    """Encoded afresh. Progressive JPEG for renditions, which pages show; it costs more time
    than it saves bytes on a large original."""
    buffer = io.BytesIO()
    if image_format == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(buffer, "JPEG", quality=88, optimize=True, progressive=progressive)
    elif image_format == "PNG":
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, "WEBP", quality=85, method=4)
    return buffer.getvalue()


@dataclass
class Rendition:
    width: int
    height: int
    format: str
    content: bytes


def rendition_widths(width: int) -> list[int]:
    """The configured widths below the original's, or the original's own when it is small."""
    widths = [w for w in sorted(settings.IMAGE_RENDITION_WIDTHS) if w <= width]
    return widths or [width]


def make_renditions(data: bytes) -> list[Rendition]:
    """Smaller copies of a clean image, each as WebP and as a JPEG (or PNG, for transparency)."""
    by_width = {}
    with Image.open(io.BytesIO(data)) as source:
        widths = rendition_widths(source.width)
        largest = widths[-1]
        # A JPEG can be decoded straight at 1/2, 1/4 or 1/8 scale: ask for the smallest
        # scale that is still no smaller than the largest rendition.
        source.draft(source.mode, (largest, math.ceil(largest * source.height / source.width)))
        source.load()
        fallback = "PNG" if source.mode in ("RGBA", "LA") else "JPEG"
        original_width = widths[-1] if widths == [source.width] else None
        previous = source
        # Largest first, each smaller one made from the one before: far less work than
        # resampling the full original every time.
        for width in reversed(widths):
            height = max(1, round(source.height * width / source.width))
            if width == original_width:
                previous = source
            else:
                previous = shrink(previous, width, height)
            by_width[width] = [
                Rendition(width, height, image_format, encode(previous, image_format, True))
                for image_format in ("WEBP", fallback)
            ]
    return [rendition for width in sorted(by_width) for rendition in by_width[width]]


def shrink(image: Image.Image, width: int, height: int) -> Image.Image:
    # A cheap integer reduction first, then a high-quality resample of what is left.
    factor = max(1, min(image.width // (width * 2), image.height // (height * 2)))
    if factor > 1:
        image = image.reduce(factor)
    return image.resize((width, height), Image.Resampling.LANCZOS)


class SafeImageFormField(forms.ImageField):
    """An image upload checked by our rules, so each refusal says exactly what is wrong."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        image_format = validate_image(upload)
        upload.content_type = CONTENT_TYPE[image_format]
        return upload


class SafeImageField(models.ImageField):
    """An ImageField whose uploads pass ``validate_image`` in every form."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SafeImageFormField, **kwargs})
